"""Writing files so that a crash or a full disk never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import NoReturn

from supervision_app.errors import VaultError, error_from_os_error


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one.

    The data goes to a temporary file in the same folder, is flushed to disk,
    and is then renamed over the target. On failure the target is unchanged and
    the temporary file is removed.
    """
    path = Path(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        _raise_translated(error)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_path, mode)
        os.replace(temp_path, path)
        fsync_folder(path.parent)
    except OSError as error:
        temp_path.unlink(missing_ok=True)
        _raise_translated(error)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    # Makes the rename itself durable. Not possible on Windows, where opening a
    # folder fails; there the rename is already durable enough for NTFS.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _raise_translated(error: OSError) -> NoReturn:
    translated: VaultError | None = error_from_os_error(error)
    if translated is None:
        raise error
    raise translated from error
