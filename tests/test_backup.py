"""Backups and restore on real vaults: the same rows come back, and anything not whole is refused."""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from supervision_app.content import load_content
from supervision_app.domain.audit import AuditAction
from supervision_app.domain.model import SessionStatus
from supervision_app.errors import BackupRefused, DiskFull, VaultExists, WrongPassphrase, WrongRecoveryCode
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import VaultPaths, resources_dir
from supervision_app.services.demo import fill_demo
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.storage import audit
from supervision_app.vault.backup import MAGIC, pack, unpack
from supervision_app.vault.keyfile import RECOVERY_SLOT
from supervision_app.vault.restore import restore_backup
from supervision_app.vault.service import OpenVault, VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers import flip_byte, snapshot
from tests.test_summaries import assert_summaries_true

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def dump(vault: OpenVault) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    with vault.store.transaction() as connection:
        names = connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).scalars().all()
        return {name: sorted(map(tuple, connection.execute(text(f'SELECT * FROM "{name}"')).all()), key=repr)
                for name in names}


def service_in(folder: Path) -> VaultService:
    return VaultService(VaultPaths(folder), passphrase_kdf=lambda: FAST_KDF)


@pytest.fixture
def filled(open_vault: OpenVault) -> OpenVault:
    quieten_libraries()
    fill_demo(open_vault.store, date(2026, 11, 24))
    notes = NoteService(open_vault.store, load_content(resources_dir()), resources_dir() / "fonts", clock=lambda: NOW)
    session = next(s for s in open_vault.store.list_sessions() if s.status is SessionStatus.SIGNED_OFF)
    notes.sign_as_supervisor(session.id, NoteOptions())
    return open_vault


def test_backup_then_restore_into_a_fresh_folder_gives_the_same_rows_and_notes_still_verify(
        filled: OpenVault, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "one.svbackup"
    target.parent.mkdir()
    before = dump(filled)
    report = filled.back_up(target)
    assert report.path == target and target.exists()
    assert [p.name for p in target.parent.iterdir()] == ["one.svbackup"]  # no temporary files left
    written = target.read_bytes()
    assert not [p.name for p in filled.store.list_people() if p.name.encode() in written]
    assert b"CREATE TABLE" not in written and b"SQLite format" not in written
    filled.lock()

    restored = restore_backup(service_in(tmp_path / "new laptop"), target.read_bytes(), PASSPHRASE)
    try:
        after = dump(restored.vault)
        # The same rows in every table; the activity log has grown by the unlock and the restore only.
        log_before, log_after = before.pop("audit_log"), after.pop("audit_log")
        meta_before, meta_after = before.pop("vault_meta"), after.pop("vault_meta")
        assert after == before
        assert_summaries_true(restored.vault.store)  # the summaries came back with the records
        assert set(log_before) < set(log_after)
        assert sorted(row[2] for row in set(log_after) - set(log_before)) == ["restore", "unlock"]
        assert {k for k, _ in meta_after} == {k for k, _ in meta_before}
        assert audit.verify(restored.vault.store) is None
        notes = NoteService(restored.vault.store, load_content(resources_dir()), resources_dir() / "fonts")
        kept = [notes.signed_note(s.id) for s in restored.vault.store.list_sessions()]
        signed = [note for note in kept if note is not None]
        assert signed and all(notes.verify(note.pdf).ok for note in signed)
        assert restored.vault.integrity_problems() == []
        assert restored.previous_vault is None
    finally:
        restored.vault.lock()


def test_a_backup_opens_with_the_recovery_code_too_and_with_nothing_else(service: VaultService,
                                                                        tmp_path: Path) -> None:
    vault, code = service.create(PASSPHRASE)
    vault.back_up(tmp_path / "b.svbackup")
    vault.lock()
    data = (tmp_path / "b.svbackup").read_bytes()
    fresh = service_in(tmp_path / "fresh")
    with pytest.raises(WrongPassphrase):
        restore_backup(fresh, data, "plum orchard tiger viola")
    with pytest.raises(WrongRecoveryCode):
        restore_backup(fresh, data, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", slot=RECOVERY_SLOT)
    assert not (tmp_path / "fresh").exists()
    restore_backup(fresh, data, code, slot=RECOVERY_SLOT).vault.lock()


def test_the_backup_is_logged_in_the_activity_log(open_vault: OpenVault, tmp_path: Path) -> None:
    report = open_vault.back_up(tmp_path / "b.svbackup")
    last = audit.entries(open_vault.store)[-1]
    assert (last.action, last.detail) == (AuditAction.BACKUP, report.fingerprint)


# --- refused, with nothing written ---------------------------------------------------------


@pytest.fixture
def backup_file(filled: OpenVault, tmp_path: Path) -> Path:
    target = tmp_path / "good.svbackup"
    filled.back_up(target)
    filled.lock()
    return target


def refused(tmp_path: Path, data: bytes, match: str, *, folder: str = "fresh") -> str:
    data_dir = tmp_path / folder
    before = snapshot(data_dir) if data_dir.exists() else None
    with pytest.raises(BackupRefused, match=match) as refusal:
        restore_backup(service_in(data_dir), data, PASSPHRASE, replace=True)
    assert (snapshot(data_dir) if data_dir.exists() else None) == before
    message = str(refusal.value)
    assert message.endswith(".") and "\n" not in message and message.count(". ") == 0
    return message


def resealed(data: bytes) -> bytes:
    """The file with its trailing SHA-256 recomputed, as someone altering it on purpose would."""
    body = data[:-32]
    return body + hashlib.sha256(body).digest()


@pytest.mark.parametrize("where", [0.001, 0.3, 0.7, -40, -10])
def test_a_flipped_byte_is_refused(backup_file: Path, tmp_path: Path, where: float) -> None:
    size = backup_file.stat().st_size
    offset = int(size * where) if where > 0 else size + int(where)
    flip_byte(backup_file, max(offset, len(MAGIC) + 3))
    refused(tmp_path, backup_file.read_bytes(), "damaged|altered")


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_truncated_backup_is_refused(backup_file: Path, tmp_path: Path, keep: float) -> None:
    data = backup_file.read_bytes()
    refused(tmp_path, data[:int(len(data) * keep)], "damaged or incomplete")


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, b"%PDF-1.7\n" + b"x" * 5000, "not a backup")


def test_an_altered_database_is_refused_even_with_the_checksum_recomputed(backup_file: Path, tmp_path: Path) -> None:
    data = bytearray(backup_file.read_bytes())
    data[-64 - 5000] ^= 0x01  # inside the database's last pages
    refused(tmp_path, resealed(bytes(data)), "altered")


def test_a_backup_with_the_passphrase_slot_edited_is_refused(backup_file: Path, tmp_path: Path) -> None:
    parts = unpack(backup_file.read_bytes())
    document = json.loads(parts.key_file)
    slot = next(s for s in document["slots"] if s["kind"] == "passphrase")
    slot["kdf"]["time_cost"] = 2  # a cheaper derivation for someone guessing
    edited = json.dumps(document, indent=2).encode()
    header = json.dumps(parts.header, sort_keys=True).encode()
    body = (MAGIC + struct.pack(">H", 1) + struct.pack(">I", len(header)) + header
            + struct.pack(">I", len(edited)) + edited + struct.pack(">Q", len(parts.database)) + parts.database
            + parts.mac)
    refused(tmp_path, body + hashlib.sha256(body).digest(), "key slots are damaged or were edited")


def test_parts_of_two_vaults_spliced_together_are_refused(backup_file: Path, tmp_path: Path) -> None:
    other, _code = service_in(tmp_path / "other").create(PASSPHRASE)  # the same passphrase on purpose
    other.back_up(tmp_path / "other.svbackup")
    other.lock()
    ours, theirs = unpack(backup_file.read_bytes()), unpack((tmp_path / "other.svbackup").read_bytes())
    # Their key file (which the passphrase opens) with our database, sealed with a MAC under their key.
    from supervision_app.vault.keyfile import KeyFile, passphrase_secret

    their_key = KeyFile.from_bytes(theirs.key_file).unwrap("passphrase", passphrase_secret(PASSPHRASE))
    spliced = pack(theirs.header, theirs.key_file, ours.database, their_key)
    refused(tmp_path, spliced, "altered|parts come from different")


def test_a_backup_of_another_vault_is_not_restored_over_this_one(backup_file: Path, tmp_path: Path) -> None:
    here, _code = service_in(tmp_path / "here").create(PASSPHRASE)
    here.lock()
    refused(tmp_path, backup_file.read_bytes(), "different vault", folder="here")


def test_restoring_over_a_vault_asks_first_and_keeps_the_old_vault(service: VaultService, vault_paths: VaultPaths,
                                                                   tmp_path: Path) -> None:
    vault, _code = service.create(PASSPHRASE)
    vault.back_up(tmp_path / "b.svbackup")
    vault.store.set_meta("after the backup", "yes")
    vault.lock()
    before = snapshot(vault_paths.data_dir)
    with pytest.raises(VaultExists):
        restore_backup(service, (tmp_path / "b.svbackup").read_bytes(), PASSPHRASE)
    assert snapshot(vault_paths.data_dir) == before
    restored = restore_backup(service, (tmp_path / "b.svbackup").read_bytes(), PASSPHRASE, replace=True)
    try:
        assert restored.vault.store.get_meta("after the backup") is None
        kept = restored.previous_vault
        assert kept is not None and kept.parent == vault_paths.backups_dir
        assert {p.name for p in kept.iterdir()} == {"vault.db", "vault.key"}
        assert {k: v for k, v in snapshot(kept).items()} == {
            name: digest for name, digest in before.items() if name in ("vault.db", "vault.key")}
    finally:
        restored.vault.lock()
    # The vault that was replaced still opens from where it was kept.
    old = service_in(kept).unlock_with_passphrase(PASSPHRASE)
    assert old.store.get_meta("after the backup") == "yes"
    old.lock()


@contextmanager
def small_drive(mount_point: Path, size: str) -> Iterator[Path]:
    """A real file system of ``size`` (a tmpfs), as a nearly full USB stick would be; skipped where not allowed."""
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounting a small file system")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True, check=False)


def test_a_full_drive_leaves_earlier_backups_and_no_partial_file(filled: OpenVault, tmp_path: Path) -> None:
    one = len(unpack_size(filled, tmp_path))
    # Room for one backup as it is written (a snapshot and a check copy beside it), not for two.
    with small_drive(tmp_path / "stick", f"{(one * 5) // 2 // 1024}k") as stick:
        filled.back_up(stick / "first.svbackup")
        before = snapshot(stick)
        with pytest.raises(DiskFull) as full:
            filled.back_up(stick / "second.svbackup")
        message = str(full.value)
        assert message.endswith(".") and ". " not in message and "earlier backups are unchanged" in message
        assert snapshot(stick) == before  # the first is intact, and nothing else is left
        assert sorted(p.name for p in stick.iterdir()) == ["first.svbackup"]
        filled.lock()
        restore_backup(service_in(tmp_path / "restored"), (stick / "first.svbackup").read_bytes(),
                       PASSPHRASE).vault.lock()


def unpack_size(vault: OpenVault, tmp_path: Path) -> bytes:
    """One backup's bytes, to size the drive by."""
    vault.back_up(tmp_path / "sizing.svbackup")
    return (tmp_path / "sizing.svbackup").read_bytes()
