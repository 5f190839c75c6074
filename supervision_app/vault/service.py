"""Creating, unlocking, locking and re-keying a vault.

A vault is a data folder holding ``vault.db`` (SQLCipher) and ``vault.key``
(the wrapped data key). The key file is written last when a vault is created,
so a vault exists exactly when its key file does.

This module is what the unlock dialog needs: finding the vault and checking
its key file against the database, with nothing heavier than ``json``. Opening
the database (SQLAlchemy, SQLCipher, the record store and with it pydantic) is
in :mod:`.opened`, imported when a vault is created, unlocked or restored; its
:class:`~supervision_app.vault.opened.OpenVault` is also importable from here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from supervision_app.errors import (
    KeyFileDamaged,
    KeyFileMismatch,
    KeyFileMissing,
    NoVault,
    VaultDamaged,
    VaultExists,
    error_from_os_error,
)
from supervision_app.paths import VaultPaths
from supervision_app.vault.database_file import check_database_size, database_salt_of
from supervision_app.vault.keyfile import (
    PASSPHRASE_SLOT,
    RECOVERY_SLOT,
    KdfParams,
    KeyFile,
    calibrate_passphrase_kdf,
    passphrase_secret,
    recovery_secret,
)

if TYPE_CHECKING:
    from supervision_app.storage.migrations import Migration
    from supervision_app.vault.instance_lock import InstanceLock
    from supervision_app.vault.keyring_cache import KeyCache
    from supervision_app.vault.opened import OpenVault as OpenVault

log = logging.getLogger(__name__)

VAULT_ID_KEY = "vault_id"
# When the whole file was last checked (cipher_integrity_check and integrity_check), and how often
# the window runs that check at unlock; see docs/ARCHITECTURE.md, "Integrity checks".
FULL_CHECK_KEY = "full_check_at"
FULL_CHECK_EVERY = timedelta(days=7)


def __getattr__(name: str) -> object:
    # `from supervision_app.vault.service import OpenVault` keeps working; it loads the database side then.
    if name == "OpenVault":
        from supervision_app.vault.opened import OpenVault

        return OpenVault
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class VaultService:
    """Finds, creates and opens the vault in one data folder.

    ``migrations`` defaults to the app's own (:data:`~supervision_app.storage.migrations.MIGRATIONS`).
    """

    def __init__(
        self,
        paths: VaultPaths,
        *,
        passphrase_kdf: Callable[[], KdfParams] = calibrate_passphrase_kdf,
        migrations: Sequence[Migration] | None = None,
    ) -> None:
        self.paths = paths
        self._passphrase_kdf = passphrase_kdf
        self._given_migrations = migrations

    @property
    def _migrations(self) -> Sequence[Migration]:
        if self._given_migrations is not None:
            return self._given_migrations
        from supervision_app.storage.migrations import MIGRATIONS

        return MIGRATIONS

    def exists(self) -> bool:
        return self.paths.key_file.exists()

    def create(self, passphrase: str) -> tuple[OpenVault, str]:
        """Create a new vault; return it, unlocked, with its recovery code."""
        if self.paths.key_file.exists() or self.paths.database.exists():
            raise VaultExists()
        from supervision_app.vault.opened import create_vault

        return create_vault(self.paths, passphrase, self._passphrase_kdf, self._migrations)

    def read_key_file(self) -> KeyFile:
        if not self.paths.key_file.exists():
            if self.paths.database.exists():
                raise KeyFileMissing()
            raise NoVault()
        if not self.paths.database.exists():
            raise VaultDamaged("The vault's database file is missing. Restore it from a backup.")
        try:
            raw = self.paths.key_file.read_bytes()
        except OSError as error:
            raise (error_from_os_error(error) or KeyFileDamaged()) from error
        key_file = KeyFile.from_bytes(raw)
        try:
            check_database_size(self.paths.database)
            on_disk_salt = database_salt_of(self.paths.database)
        except OSError as error:
            raise (error_from_os_error(error) or VaultDamaged()) from error
        if on_disk_salt != key_file.database_salt:
            raise KeyFileMismatch()
        return key_file

    def unlock_with_passphrase(self, passphrase: str, *, full_check: bool = False) -> OpenVault:
        """Open the vault; with ``full_check``, check the whole file first, writing nothing if it is damaged."""
        return self._unlock(lambda key_file: key_file.unwrap(
            PASSPHRASE_SLOT, passphrase_secret(passphrase)), PASSPHRASE_SLOT, full_check=full_check)

    def unlock_with_recovery_code(self, code: str) -> OpenVault:
        return self._unlock(lambda key_file: key_file.unwrap(
            RECOVERY_SLOT, recovery_secret(code)), RECOVERY_SLOT)

    def unlock_with_cached_key(self, cache: KeyCache) -> OpenVault | None:
        """Open with a key cached in the keyring; ``None`` if none is cached or it is stale."""
        key_file = self.read_key_file()
        cached = cache.load(key_file.vault_id)
        if cached is None:
            return None
        try:
            return self._unlock(lambda _key_file: cached, "keyring")
        except VaultDamaged:
            # The database did not open with the cached key. Either the cache
            # is stale or the database is damaged; the passphrase tells which.
            log.warning("The cached key did not open the vault; asking for the passphrase")
            cache.forget(key_file.vault_id)
            return None

    def _unlock(self, data_key_from: Callable[[KeyFile], bytes], method: str,
                instance_lock: InstanceLock | None = None, *, full_check: bool = False) -> OpenVault:
        """Open the vault; with ``instance_lock``, one the caller already holds (a restore)."""
        key_file = self.read_key_file()
        from supervision_app.vault.opened import open_vault

        return open_vault(self.paths, key_file, data_key_from, method, instance_lock, self._passphrase_kdf,
                          self._migrations, full_check=full_check)
