"""Restoring a vault from a backup file.

Everything is checked before anything is written: the file's checksum, its key
slots, the secret, the HMAC that binds the parts, and the database itself
(copied into a staging folder beside the vault and opened read-only: pages,
structure, and the vault id inside it). Only then is an existing vault moved
aside into ``backups/`` and the restored files moved into place.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from supervision_app.domain.audit import AuditAction
from supervision_app.errors import (
    BackupRefused,
    KeyFileError,
    VaultError,
    VaultExists,
    VaultTooNew,
    error_from_os_error,
)
from supervision_app.fileio import atomic_write_bytes, fsync_folder
from supervision_app.paths import ensure_private_dir
from supervision_app.storage import audit
from supervision_app.storage.migrations import latest_version
from supervision_app.storage.snapshot import inspect_copy
from supervision_app.vault.backup import check_parts, unpack
from supervision_app.vault.instance_lock import InstanceLock
from supervision_app.vault.keyfile import PASSPHRASE_SLOT, KeyFile, passphrase_secret, recovery_secret
from supervision_app.vault.service import OpenVault, VaultService

log = logging.getLogger(__name__)

MAX_BACKUP_BYTES = 4 * 1024 * 1024 * 1024

SLOT_EDITED = "This backup's key slots are damaged or were edited, so it cannot be opened; nothing was restored."
FOREIGN = "This backup is of a different vault than the one here; nothing was restored."


@dataclass(frozen=True)
class Restored:
    vault: OpenVault
    made_at: str
    previous_vault: Path | None  # where the vault that was here before was kept


def restore_backup(service: VaultService, data: bytes, secret: str, *, slot: str = PASSPHRASE_SLOT,
                   replace: bool = False) -> Restored:
    """Restore ``data`` (a backup file's bytes) into the service's data folder; return the vault, unlocked.

    ``secret`` is the passphrase, or the recovery code with ``slot="recovery"``,
    as they were when the backup was made. Refused (with nothing written) if the
    file is not a whole, unaltered backup, or if a vault is already here and
    ``replace`` is not given, or if the vault here is a different one.
    """
    parts = unpack(data)
    try:
        key_file = KeyFile.from_bytes(parts.key_file)
    except KeyFileError:
        raise BackupRefused(SLOT_EDITED) from None
    encoded = passphrase_secret(secret) if slot == PASSPHRASE_SLOT else recovery_secret(secret)
    data_key = key_file.unwrap(slot, encoded)
    check_parts(parts, key_file, data_key)
    schema = parts.header.get("schema_version")
    if not isinstance(schema, int) or schema > latest_version():
        raise VaultTooNew("This backup was made by a newer version of the app; update the app to restore it.")
    paths = service.paths
    here = [p for p in (paths.key_file, *paths.database_companions()) if p.exists()]
    if here:
        if not replace:
            raise VaultExists("A vault already exists in this data folder; restoring would replace it "
                              "(it would be kept in its backups folder), so say so to go ahead.")
        _check_same_vault(service, key_file)
    try:
        ensure_private_dir(paths.data_dir)
    except OSError as error:
        raise (error_from_os_error(error) or error) from error
    instance_lock = InstanceLock(paths.lock_file)
    instance_lock.acquire()
    try:
        staged = _stage(paths.data_dir, parts.database, key_file, data_key)
        try:
            previous = _move_aside(service, here) if here else None
            os.replace(staged / "vault.db", paths.database)
            atomic_write_bytes(paths.key_file, key_file.to_bytes())
        finally:
            shutil.rmtree(staged, ignore_errors=True)
        vault = service._unlock(lambda _key_file: data_key, "restore", instance_lock=instance_lock)
    except BaseException:
        instance_lock.release()
        raise
    try:
        audit.record(vault.store, AuditAction.RESTORE, detail=f"backup made {parts.made_at}")
    except BaseException:
        vault.lock()
        raise
    log.info("Vault restored from a backup")
    return Restored(vault, parts.made_at, previous)


def _check_same_vault(service: VaultService, key_file: KeyFile) -> None:
    try:
        here = KeyFile.from_bytes(service.paths.key_file.read_bytes())
    except (OSError, VaultError):
        return  # the key file here is lost or damaged: replacing the vault is what a restore is for
    if here.vault_id != key_file.vault_id:
        raise BackupRefused(FOREIGN)


def _stage(data_dir: Path, database: bytes, key_file: KeyFile, data_key: bytes) -> Path:
    staged = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))
    try:
        copy = staged / "vault.db"
        with open(copy, "wb") as stream:
            stream.write(database)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(copy, 0o600)
        report = inspect_copy(copy, data_key, key_file.database_salt)
        if report.problems or report.vault_id != key_file.vault_id:
            raise BackupRefused("The vault inside this backup is damaged; nothing was restored.")
    except BaseException as error:
        shutil.rmtree(staged, ignore_errors=True)
        if isinstance(error, OSError):
            raise (error_from_os_error(error) or error) from error
        if isinstance(error, VaultError) and not isinstance(error, BackupRefused):
            raise BackupRefused("The vault inside this backup is damaged; nothing was restored.") from error
        raise
    return staged


def _move_aside(service: VaultService, present: list[Path]) -> Path:
    """Keep the vault that was here in ``backups/before-restore-…``, moved whole (journal included)."""
    paths = service.paths
    kept = paths.backups_dir / f"before-restore-{datetime.now():%Y%m%d-%H%M%S}"
    ensure_private_dir(kept)
    # The key file first: from then on the folder holds no vault, never a mismatched one.
    for path in sorted(present, key=lambda p: p != paths.key_file):
        os.replace(path, kept / path.name)
    fsync_folder(kept)
    fsync_folder(paths.data_dir)
    return kept
