"""One app at a time per vault: a lock file held while the vault is unlocked.

The operating system releases the lock when the process ends, however it ends,
so a crash never leaves the vault locked out.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from supervision_app.errors import VaultError, VaultInUse, error_from_os_error


class InstanceLock:
    def __init__(self, path: Path) -> None:
        # thread_local=False: the GUI may release from a different thread than
        # the one that acquired (for example from a timer).
        self._lock = FileLock(path, timeout=0, thread_local=False, mode=0o600)

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise VaultInUse() from None
        except OSError as error:
            translated: VaultError | None = error_from_os_error(error)
            if translated is None:
                raise
            raise translated from error

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked
