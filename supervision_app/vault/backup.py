"""The backup file: one self-contained, encrypted file from which the whole vault can be restored.

Layout (all integers big-endian)::

    b"SVBACKUP"  u16 format version
    u32 length + header (JSON: vault id, when, schema and app version)
    u32 length + the key file (vault.key: the data key wrapped for the passphrase and the recovery code)
    u64 length + the database (a consistent SQLCipher snapshot, encrypted under the vault's data key)
    HMAC-SHA256 of everything above, under a key derived from the data key
    SHA-256 of everything above

The SHA-256 tells a damaged or truncated file from a wrong passphrase before
any key is derived; the HMAC, checked once the data key is unwrapped, binds the
parts together, so an altered or spliced file is refused even when its SHA-256
was recomputed. The database stays encrypted under the vault's own key (an
automatic backup has no passphrase to wrap a fresh key), so the file opens with
the passphrase or recovery code the vault had when it was made, and with
nothing else.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from supervision_app import __version__
from supervision_app.errors import (
    BackupRefused,
    DiskError,
    DiskFull,
    ReadOnlyLocation,
    VaultError,
    error_from_os_error,
)
from supervision_app.fileio import atomic_write_bytes, fsync_folder
from supervision_app.storage.snapshot import CopyReport, inspect_copy, snapshot
from supervision_app.vault.database_file import PAGE_SIZE
from supervision_app.vault.keyfile import KeyFile

log = logging.getLogger(__name__)

MAGIC = b"SVBACKUP"
FORMAT = "supervision-app-backup"
FORMAT_VERSION = 1
SUFFIX = ".svbackup"
TEMP_PREFIX = ".svbackup-"
_DIGEST = 32
_MAX_HEADER = 64 * 1024
_MAX_KEY_FILE = 64 * 1024

DAMAGED = "This backup is damaged or incomplete (its checksum does not match); nothing was restored."
ALTERED = ("This backup was altered after it was made, or its parts come from different backups; "
           "nothing was restored.")


@dataclass(frozen=True)
class BackupParts:
    header: dict[str, Any]
    key_file: bytes
    database: bytes
    mac: bytes
    covered: bytes  # everything the HMAC covers

    @property
    def made_at(self) -> str:
        return str(self.header.get("created_at", ""))


@dataclass(frozen=True)
class BackupReport:
    path: Path
    made_at: datetime
    fingerprint: str  # the first 16 hex digits of the file's SHA-256
    counts: dict[str, int]


def _mac_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"supervision-app backup v1").derive(data_key)


def pack(header: dict[str, Any], key_file: bytes, database: bytes, data_key: bytes) -> bytes:
    header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
    body = b"".join([MAGIC, struct.pack(">H", FORMAT_VERSION),
                     struct.pack(">I", len(header_bytes)), header_bytes,
                     struct.pack(">I", len(key_file)), key_file,
                     struct.pack(">Q", len(database)), database])
    body += hmac.new(_mac_key(data_key), body, hashlib.sha256).digest()
    return body + hashlib.sha256(body).digest()


def unpack(data: bytes) -> BackupParts:
    """Split a backup file into its parts; refuse anything that is not a whole backup of a known format."""
    if not data.startswith(MAGIC):
        raise BackupRefused("This file is not a backup made by this app; nothing was restored.")
    if len(data) < len(MAGIC) + 2 + 4 + 4 + 8 + 2 * _DIGEST:
        raise BackupRefused(DAMAGED)
    (version,) = struct.unpack_from(">H", data, len(MAGIC))
    if version != FORMAT_VERSION:
        raise BackupRefused("This backup was made by a newer version of the app; update the app to restore it.")
    if not hmac.compare_digest(hashlib.sha256(data[:-_DIGEST]).digest(), data[-_DIGEST:]):
        raise BackupRefused(DAMAGED)
    covered, mac = data[:-2 * _DIGEST], data[-2 * _DIGEST:-_DIGEST]
    offset = len(MAGIC) + 2
    try:
        header_bytes, offset = _part(covered, offset, ">I", _MAX_HEADER)
        key_file, offset = _part(covered, offset, ">I", _MAX_KEY_FILE)
        database, offset = _part(covered, offset, ">Q", len(covered))
        header = json.loads(header_bytes.decode("utf-8"))
    except (struct.error, ValueError):
        raise BackupRefused(DAMAGED) from None
    if offset != len(covered) or not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupRefused(DAMAGED)
    return BackupParts(header, key_file, database, mac, covered)


def _part(data: bytes, offset: int, length_format: str, limit: int) -> tuple[bytes, int]:
    (length,) = struct.unpack_from(length_format, data, offset)
    offset += struct.calcsize(length_format)
    if length > limit or offset + length > len(data):
        raise ValueError("a part runs past the end of the file")
    return data[offset:offset + length], offset + length


def check_parts(parts: BackupParts, key_file: KeyFile, data_key: bytes) -> None:
    """Once the data key is unwrapped: the parts belong together and to the key file's vault."""
    expected = hmac.new(_mac_key(data_key), parts.covered, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, parts.mac):
        raise BackupRefused(ALTERED)
    if (parts.header.get("vault_id") != key_file.vault_id or len(parts.database) < PAGE_SIZE
            or len(parts.database) % PAGE_SIZE or parts.database[:16] != key_file.database_salt):
        raise BackupRefused(ALTERED)


def write_backup(engine: Engine, key_file: KeyFile, data_key: bytes, target: Path, *,
                 schema_version: int, now: datetime) -> BackupReport:
    """Snapshot the vault into ``target`` atomically, and verify the file before it takes the final name.

    A snapshot, the packed file and its check all happen in a temporary folder
    beside ``target``; the file is renamed into place only once it has been
    read back and its database opened and checked. Killed or failing at any
    point, no partial file is left under ``target`` and other files are untouched.
    """
    folder = target.parent
    if not folder.is_dir():
        raise ReadOnlyLocation(f"The backup folder {folder} is missing; connect the drive or choose another folder.")
    try:
        workspace = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder))
    except OSError as error:
        translated = error_from_os_error(error)
        raise (_in_backup_words(translated, folder) if translated else error) from error
    try:
        copy = workspace / "snapshot.db"
        snapshot(engine, copy, data_key, key_file.database_salt)
        taken = inspect_copy(copy, data_key, key_file.database_salt)
        if taken.problems:
            raise DiskError("The backup's copy of the vault did not check out, so no backup was written; "
                            "run 'supervision-app check'.")
        header = {"format": FORMAT, "vault_id": key_file.vault_id, "created_at": now.isoformat(timespec="seconds"),
                  "schema_version": schema_version, "app_version": __version__}
        data = pack(header, key_file.to_bytes(), copy.read_bytes(), data_key)
        copy.unlink()
        packed = workspace / f"backup{SUFFIX}"
        atomic_write_bytes(packed, data)
        _verify_written(packed, workspace, key_file, data_key, taken)
        os.replace(packed, target)
        fsync_folder(folder)
    except (DiskFull, ReadOnlyLocation) as error:
        raise _in_backup_words(error, folder) from error
    except VaultError:
        raise
    except OSError as error:
        translated = error_from_os_error(error)
        if translated is not None:
            raise _in_backup_words(translated, folder) from error
        raise DiskError(f"The backup could not be written to {folder} ({error.strerror or 'disk error'}); "
                        "earlier backups are unchanged.") from error
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    log.info("Backup written and verified")
    return BackupReport(target, now, hashlib.sha256(data).hexdigest()[:16], taken.counts)


def _verify_written(packed: Path, workspace: Path, key_file: KeyFile, data_key: bytes, taken: CopyReport) -> None:
    parts = unpack(packed.read_bytes())
    check_parts(parts, KeyFile.from_bytes(parts.key_file), data_key)
    again = workspace / "verify.db"
    again.write_bytes(parts.database)
    found = inspect_copy(again, data_key, key_file.database_salt)
    if found.problems or found.counts != taken.counts or found.vault_id != key_file.vault_id:
        raise DiskError("The backup did not read back as written, so it was not kept; "
                        "check the backup drive and try again.")


def _in_backup_words(error: VaultError, folder: Path) -> VaultError:
    if isinstance(error, DiskFull):
        return DiskFull(f"There is not enough space in {folder} for the backup; earlier backups are unchanged.")
    if isinstance(error, ReadOnlyLocation):
        return ReadOnlyLocation(f"The backup folder {folder} cannot be written to; choose another folder.")
    return error


def remove_stale_workspaces(folder: Path, older_than_seconds: float = 3600) -> None:
    """Remove temporary folders left by a backup that was killed (never a backup file itself)."""
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX) and p.is_dir()]
    except OSError:
        return
    for path in candidates:
        try:
            if time.time() - path.stat().st_mtime > older_than_seconds:
                shutil.rmtree(path)
        except OSError as error:
            log.warning("A stale backup workspace could not be removed (%s)", type(error).__name__)
