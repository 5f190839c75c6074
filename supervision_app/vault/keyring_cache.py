"""Caching the data key in the operating system's keyring, only where it is trusted.

The keyring lets a returning user open the vault without typing the
passphrase. That is only safe where the keyring itself encrypts and guards its
secrets. So we accept the four system keyrings by their exact class, and
refuse everything else: the ``fail`` backend, plaintext or obfuscated file
backends from ``keyrings.alt``, any backend we do not know, and any subclass
of a trusted one (a subclass can store secrets anywhere it likes). A chainer
backend is searched for a trusted member.

Errors from the keyring become :class:`KeyringUnavailable`, so the caller falls
back to the passphrase.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supervision_app.errors import KeyringUnavailable

# keyring (with what it imports, about a tenth of a second) is loaded when the keyring is first
# asked, which the unlock dialog does after it has painted (docs/ARCHITECTURE.md, "What is loaded when").
if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_NAME = "supervision-app"

TRUSTED_BACKENDS: dict[tuple[str, str], str] = {
    ("keyring.backends.Windows", "WinVaultKeyring"): "Windows Credential Locker",
    ("keyring.backends.macOS", "Keyring"): "macOS Keychain",
    ("keyring.backends.SecretService", "Keyring"): "Secret Service",
    ("keyring.backends.libsecret", "Keyring"): "Secret Service (libsecret)",
    ("keyring.backends.kwallet", "DBusKeyring"): "KWallet",
    ("keyring.backends.kwallet", "DBusKeyringKWallet4"): "KWallet",
}


def trusted_name(backend: KeyringBackend) -> str | None:
    """The plain name of a trusted backend, or ``None`` when we do not trust it.

    Only the exact class counts: a subclass overrides how secrets are kept.
    """
    cls = type(backend)
    return TRUSTED_BACKENDS.get((cls.__module__, cls.__qualname__))


def _imitated_name(backend: KeyringBackend) -> str | None:
    """The trusted keyring that ``backend`` subclasses, if any."""
    for cls in type(backend).__mro__[1:]:
        name = TRUSTED_BACKENDS.get((cls.__module__, cls.__qualname__))
        if name:
            return name
    return None


def _viable(backend: KeyringBackend) -> bool:
    # A backend's priority raises RuntimeError when it cannot work here (for
    # example Secret Service without a D-Bus session).
    try:
        return float(backend.priority) > 0
    except RuntimeError as error:
        log.info("The %s keyring cannot be used here: %s", type(backend).__name__, type(error).__name__)
        return False


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the key can be cached, and in a sentence why or why not."""

    backend_name: str | None
    explanation: str

    @property
    def usable(self) -> bool:
        return self.backend_name is not None


def _candidates(backend: KeyringBackend) -> Iterable[KeyringBackend]:
    # The chainer wraps several backends; look inside it.
    inner = getattr(backend, "backends", None)
    if isinstance(inner, (list, tuple)):
        yield from inner
    yield backend


class KeyCache:
    """Stores and fetches a vault's data key in a trusted keyring.

    ``backend`` is the keyring to use; ``None`` asks the ``keyring`` library
    for the system's default, once, when first needed.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._given = backend
        self._chosen: KeyringBackend | None = None
        self._status: KeyringStatus | None = None

    @property
    def looked_up(self) -> bool:
        """Whether :meth:`status` is known without asking the system for its keyring (which takes a moment)."""
        return self._status is not None or self._given is not None

    def status(self) -> KeyringStatus:
        if self._status is None:
            self._chosen, self._status = self._choose()
        return self._status

    def _choose(self) -> tuple[KeyringBackend | None, KeyringStatus]:
        backend = self._given
        if backend is None:
            try:
                import keyring

                backend = keyring.get_keyring()
            except Exception as error:  # noqa: BLE001 - any failure means no keyring
                log.warning("No keyring could be loaded: %s", type(error).__name__)
                return None, KeyringStatus(None, "No keyring could be loaded on this computer.")
        candidates = list(_candidates(backend))
        for candidate in candidates:
            name = trusted_name(candidate)
            if name and _viable(candidate):
                return candidate, KeyringStatus(name, f"Uses the {name} keyring.")
        shown = type(backend).__name__
        imitated = next((name for name in map(_imitated_name, candidates) if name), None)
        if imitated:
            reason = (f"The keyring here ({shown}) is a modified {imitated} keyring, "
                      "not the system's own, so it is not used.")
        elif type(backend).__module__.startswith("keyrings.alt"):
            reason = "The only keyring here stores secrets in a plain file, so it is not used."
        elif type(backend).__module__ == "keyring.backends.fail":
            reason = "This computer has no system keyring."
        else:
            reason = f"The keyring here ({shown}) is not one the app trusts, so it is not used."
        return None, KeyringStatus(None, reason)

    def _backend(self) -> KeyringBackend:
        self.status()
        if self._chosen is None:
            raise KeyringUnavailable(self.status().explanation)
        return self._chosen

    def store(self, vault_id: str, data_key: bytes) -> None:
        from keyring.errors import KeyringError

        backend = self._backend()
        try:
            backend.set_password(SERVICE_NAME, vault_id, data_key.hex())
        except KeyringError as error:
            log.warning("The keyring refused to store the key: %s", type(error).__name__)
            raise KeyringUnavailable("The keyring refused to remember the key.") from error

    def load(self, vault_id: str) -> bytes | None:
        """The cached key, or ``None`` if nothing usable is cached."""
        from keyring.errors import KeyringError

        if not self.status().usable:
            return None
        try:
            stored = self._backend().get_password(SERVICE_NAME, vault_id)
        except KeyringError as error:
            log.warning("The keyring could not be read: %s", type(error).__name__)
            return None
        if not stored:
            return None
        try:
            key = bytes.fromhex(stored)
        except ValueError:
            log.warning("The keyring held a malformed key for this vault; ignoring it")
            return None
        return key if len(key) == 32 else None

    def forget(self, vault_id: str) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError

        if not self.status().usable:
            return
        try:
            self._backend().delete_password(SERVICE_NAME, vault_id)
        except PasswordDeleteError:
            # Nothing was stored: the key is not cached, which is what was asked.
            return
        except KeyringError as error:
            log.warning("The keyring could not forget the key: %s", type(error).__name__)
            raise KeyringUnavailable("The keyring could not forget the key.") from error
