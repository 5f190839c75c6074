"""The open vault, and creating and opening one (the part of :mod:`.service` that needs SQLAlchemy).

:class:`~supervision_app.vault.service.VaultService` imports this module only when a vault is created,
unlocked or restored, so the unlock dialog appears without SQLAlchemy, SQLCipher or pydantic
(see docs/ARCHITECTURE.md, "What is loaded when").
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from supervision_app import __version__
from supervision_app.domain.audit import AuditAction
from supervision_app.errors import KeyFileMismatch, VaultDamaged, VaultError, error_from_os_error
from supervision_app.fileio import atomic_write_bytes
from supervision_app.paths import VaultPaths, ensure_private_dir
from supervision_app.storage import audit
from supervision_app.storage.engine import integrity_problems, open_engine, raise_database_error
from supervision_app.storage.erasure import compact
from supervision_app.storage.migrations import Migration, latest_version, migrate, schema_version
from supervision_app.storage.records import SqlRecordStore
from supervision_app.vault.backup import BackupReport, write_backup
from supervision_app.vault.instance_lock import InstanceLock
from supervision_app.vault.keyfile import (
    PASSPHRASE_SLOT,
    RECOVERY_KDF,
    RECOVERY_SLOT,
    KdfParams,
    KeyFile,
    new_data_key,
    new_database_salt,
    new_recovery_code,
    passphrase_secret,
    recovery_secret,
)
from supervision_app.vault.keyring_cache import KeyCache
from supervision_app.vault.service import FULL_CHECK_EVERY, FULL_CHECK_KEY, VAULT_ID_KEY

log = logging.getLogger(__name__)


@dataclass
class OpenVault:
    """An unlocked vault. :meth:`lock` closes every keyed connection."""

    paths: VaultPaths
    key_file: KeyFile
    store: SqlRecordStore
    _engine: Engine = field(repr=False)
    _data_key: bytes = field(repr=False)
    _instance_lock: InstanceLock = field(repr=False)
    _passphrase_kdf: Callable[[], KdfParams] = field(repr=False)
    unlocked_with: str = PASSPHRASE_SLOT
    migration_backup: Path | None = None

    @property
    def vault_id(self) -> str:
        return self.key_file.vault_id

    @property
    def is_open(self) -> bool:
        return self._instance_lock.held

    def lock(self) -> None:
        """Dispose of the engine, so no keyed connection stays open, and release the vault."""
        self._engine.dispose()
        self._data_key = b""
        self._instance_lock.release()

    def integrity_problems(self) -> list[str]:
        try:
            return integrity_problems(self._engine)
        except DBAPIError as error:
            raise_database_error(error)

    def last_full_check(self) -> datetime | None:
        """When the whole file was last checked and found intact (by a check or a verified backup)."""
        stored = self.store.get_meta(FULL_CHECK_KEY)
        return datetime.fromisoformat(stored) if stored else None

    def full_check_due(self, now: datetime) -> bool:
        last = self.last_full_check()
        return last is None or not last <= now < last + FULL_CHECK_EVERY  # a date ahead (clock moved) is due

    def full_check(self, now: datetime | None = None) -> None:
        """Check every page and the structure; :class:`VaultDamaged` if anything is wrong, else note the date."""
        problems = self.integrity_problems()
        if problems:
            log.warning("Integrity check found %d problem(s)", len(problems))
            raise VaultDamaged()
        self._note_full_check(now or datetime.now())

    def _note_full_check(self, now: datetime, *, logged: bool = True) -> None:
        with self.store.transaction():
            self.store.set_meta(FULL_CHECK_KEY, now.isoformat(timespec="seconds"))
            if logged:
                audit.record(self.store, AuditAction.INTEGRITY_CHECK, detail="intact")

    def schema_version(self) -> int:
        try:
            return schema_version(self._engine)
        except DBAPIError as error:
            raise_database_error(error)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the data key under a new passphrase. Only the key file changes (and the activity log notes it)."""
        if not self.is_open:
            raise RuntimeError("the vault is locked; unlock it before changing the passphrase")
        updated = self.key_file.with_slot(
            PASSPHRASE_SLOT, passphrase_secret(new_passphrase), self._data_key, self._passphrase_kdf()
        )
        self._write_key_file(updated)
        audit.record(self.store, AuditAction.PASSPHRASE_CHANGED)
        log.info("Passphrase changed; the key file was rewritten")

    @property
    def recovery_slot_missing(self) -> bool:
        """True when the key file has lost its recovery slot: no recovery code can open the vault."""
        return not self.key_file.has_slot(RECOVERY_SLOT)

    def new_recovery_code(self) -> str:
        """Make a new recovery code, replacing any old one; return it to show the user once.

        Only the key file changes, atomically: it holds the old slots or the new ones. The
        activity log notes it.
        """
        if not self.is_open:
            raise RuntimeError("the vault is locked; unlock it before making a new recovery code")
        code = new_recovery_code()
        self._write_key_file(self.key_file.with_slot(
            RECOVERY_SLOT, recovery_secret(code), self._data_key, RECOVERY_KDF))
        audit.record(self.store, AuditAction.RECOVERY_CODE_CHANGED)
        log.info("A new recovery code was made; the key file was rewritten")
        return code

    def back_up(self, target: Path, now: datetime | None = None) -> BackupReport:
        """Write a verified, encrypted backup of the whole vault to ``target`` (see :mod:`.backup`)."""
        if not self.is_open:
            raise RuntimeError("the vault is locked; unlock it before backing it up")
        report = write_backup(self._engine, self.key_file, self._data_key, target,
                              schema_version=self.schema_version(), now=now or datetime.now())
        audit.record(self.store, AuditAction.BACKUP, detail=report.fingerprint)
        # The backup read every page (each one authenticated) and checked its copy whole: a full check.
        self._note_full_check(report.made_at, logged=False)
        return report

    def compact(self) -> None:
        """Rebuild the database file (checkpoint, then VACUUM), so deleted records leave no pages behind."""
        if not self.is_open:
            raise RuntimeError("the vault is locked; unlock it before compacting it")
        compact(self._engine)

    def _write_key_file(self, updated: KeyFile) -> None:
        atomic_write_bytes(self.paths.key_file, updated.to_bytes())
        self.key_file = updated

    def remember_key(self, cache: KeyCache) -> str:
        """Cache the data key in a trusted keyring; return the keyring's name."""
        cache.store(self.vault_id, self._data_key)
        return cache.status().backend_name or ""

    def __del__(self) -> None:
        # A vault dropped without lock() still must not keep a keyed
        # connection alive.
        engine = self.__dict__.get("_engine")
        if engine is not None:
            engine.dispose()


def _make_private(path: Path) -> None:
    # SQLite creates files readable by everyone; the rollback journal copies
    # the database's permissions, so this covers it too.
    try:
        os.chmod(path, 0o600)
    except OSError as error:
        raise (error_from_os_error(error) or error) from error


def create_vault(paths: VaultPaths, passphrase: str, passphrase_kdf: Callable[[], KdfParams],
                 migrations: Sequence[Migration]) -> tuple[OpenVault, str]:
    """Create a new vault in ``paths``; return it, unlocked, with its recovery code (see VaultService.create)."""
    try:
        ensure_private_dir(paths.data_dir)
    except OSError as error:
        raise (error_from_os_error(error) or error) from error
    instance_lock = InstanceLock(paths.lock_file)
    instance_lock.acquire()
    created_database = False
    try:
        data_key, database_salt = new_data_key(), new_database_salt()
        vault_id = str(uuid.uuid4())
        recovery_code = new_recovery_code()
        key_file = KeyFile.create(
            vault_id=vault_id,
            database_salt=database_salt,
            data_key=data_key,
            passphrase=passphrase,
            recovery_code=recovery_code,
            passphrase_kdf=passphrase_kdf(),
        )
        engine = open_engine(paths.database, data_key, database_salt)
        created_database = True
        try:
            migrate(engine, paths.database, paths.backups_dir, migrations)
            store = SqlRecordStore(engine)
            store.set_meta(VAULT_ID_KEY, vault_id)
            store.set_meta("created_by_version", __version__)
            store.set_meta(FULL_CHECK_KEY, datetime.now().isoformat(timespec="seconds"))  # new, so intact
        except DBAPIError as error:
            engine.dispose()
            raise_database_error(error)
        except BaseException:
            engine.dispose()
            raise
        _make_private(paths.database)
        atomic_write_bytes(paths.key_file, key_file.to_bytes())
    except BaseException:
        if created_database:
            for path in paths.database_companions():
                path.unlink(missing_ok=True)
        instance_lock.release()
        raise
    log.info("New vault created")
    vault = OpenVault(paths, key_file, store, engine, data_key, instance_lock,
                      passphrase_kdf, unlocked_with=PASSPHRASE_SLOT)
    return vault, recovery_code


def open_vault(paths: VaultPaths, key_file: KeyFile, data_key_from: Callable[[KeyFile], bytes], method: str,
               instance_lock: InstanceLock | None, passphrase_kdf: Callable[[], KdfParams],
               migrations: Sequence[Migration], *, full_check: bool) -> OpenVault:
    """Open the vault whose checked key file is ``key_file`` (see VaultService._unlock)."""
    if instance_lock is None:
        instance_lock = InstanceLock(paths.lock_file)
        instance_lock.acquire()
    try:
        data_key = data_key_from(key_file)
        engine = open_engine(paths.database, data_key, key_file.database_salt)
        try:
            store, backup, checked = _check_and_migrate(paths, engine, key_file, migrations, full_check=full_check)
        except BaseException:
            engine.dispose()
            raise
    except BaseException:
        instance_lock.release()
        raise
    vault = OpenVault(paths, key_file, store, engine, data_key, instance_lock,
                      passphrase_kdf, unlocked_with=method, migration_backup=backup)
    if key_file.is_legacy:
        # Add the checks that tell a damaged key file from a wrong passphrase.
        try:
            vault._write_key_file(key_file.in_current_format())
        except BaseException:
            vault.lock()
            raise
        log.info("The key file was rewritten in the current format")
    try:
        audit.record(vault.store, AuditAction.UNLOCK, detail=method)
        if checked:
            vault._note_full_check(datetime.now())
    except BaseException:
        vault.lock()
        raise
    return vault


def _check_and_migrate(paths: VaultPaths, engine: Engine, key_file: KeyFile, migrations: Sequence[Migration], *,
                       full_check: bool) -> tuple[SqlRecordStore, Path | None, bool]:
    # No whole-file check at every unlock: SQLCipher authenticates each page as it is read, so
    # damage is met as VaultDamaged wherever it is read. It runs when asked (`check`), and
    # before a migration, which copies the file and rewrites tables.
    try:
        full_check = full_check or schema_version(engine) < latest_version(migrations)
        problems = integrity_problems(engine) if full_check else []
        if problems:
            log.warning("Integrity check found %d problem(s)", len(problems))
            raise VaultDamaged()
        backup = migrate(engine, paths.database, paths.backups_dir, migrations)
    except DBAPIError as error:
        raise_database_error(error)
    except OSError as error:
        translated: VaultError | None = error_from_os_error(error)
        raise (translated or error) from error
    store = SqlRecordStore(engine)
    stored_id = store.get_meta(VAULT_ID_KEY)
    if stored_id is None:
        raise VaultDamaged()
    if stored_id != key_file.vault_id:
        raise KeyFileMismatch()
    return store, backup, full_check
