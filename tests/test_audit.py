"""The activity log: append-only in the database, and any deleted or changed entry is named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from supervision_app.domain.audit import AuditAction, first_break, next_entry
from supervision_app.errors import AuditLogBroken
from supervision_app.paths import VaultPaths
from supervision_app.storage import audit
from supervision_app.vault.service import OpenVault, VaultService
from tests.conftest import FAST_KDF, PASSPHRASE


def chain(count: int) -> list:  # type: ignore[type-arg]
    entries = []
    for index in range(count):
        entries.append(next_entry(entries[-1] if entries else None, f"2026-11-24T10:0{index}:00",
                                  AuditAction.UNLOCK.value, "", "passphrase"))
    return entries


def test_a_whole_chain_verifies_and_each_kind_of_break_is_named() -> None:
    entries = chain(5)
    head = (entries[-1].seq, entries[-1].hash)
    assert first_break(entries, head) is None
    # An entry removed from the middle, or from the end.
    assert first_break(entries[:2] + entries[3:], head).seq == 3  # type: ignore[union-attr]
    assert first_break(entries[:4], head).seq == 5  # type: ignore[union-attr]
    # An entry changed, with or without its own hash recomputed.
    from dataclasses import replace

    changed = replace(entries[1], detail="recovery")
    assert first_break([entries[0], changed, *entries[2:]], head).seq == 2  # type: ignore[union-attr]
    rehashed = next_entry(entries[0], changed.at, changed.action, changed.subject, changed.detail)
    assert first_break([entries[0], rehashed, *entries[2:]], head).seq == 2  # type: ignore[union-attr]


def test_the_database_refuses_to_update_or_delete_entries(open_vault: OpenVault) -> None:
    audit.record(open_vault.store, AuditAction.BACKUP, detail="0123456789abcdef")
    for statement in ("UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), open_vault.store.transaction() as connection:
            connection.execute(text(statement))
    assert audit.verify(open_vault.store) is None


def test_entries_hold_no_names(open_vault: OpenVault) -> None:
    from supervision_app.domain.model import NewPerson, PersonRole
    from supervision_app.services.people import add_supervisee

    person = add_supervisee(open_vault.store, NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
    audit.record(open_vault.store, AuditAction.SIGN_OFF, f"supervisee {person.id}")
    assert all("Zo" not in entry.line() for entry in audit.entries(open_vault.store))


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE}
    return subprocess.run([sys.executable, "-m", "supervision_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False)


@pytest.fixture
def logged(vault_paths: VaultPaths) -> VaultPaths:
    """A vault whose log has a few entries: unlocks and backups."""
    service = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF)
    service.create(PASSPHRASE)[0].lock()
    for _ in range(3):
        vault = service.unlock_with_passphrase(PASSPHRASE)
        audit.record(vault.store, AuditAction.BACKUP, detail="0123456789abcdef")
        vault.lock()
    return vault_paths


def tamper(paths: VaultPaths, *statements: str) -> None:
    """Through SQL, with the key: drop the triggers that forbid it, then change the log."""
    vault = VaultService(paths).unlock_with_passphrase(PASSPHRASE)
    with vault.store.transaction() as connection:
        connection.execute(text("DROP TRIGGER audit_log_is_append_only"))
        connection.execute(text("DROP TRIGGER audit_log_is_kept"))
        for statement in statements:
            connection.execute(text(statement))
    vault.lock()


def test_audit_prints_the_log_and_verify_says_it_is_whole(logged: VaultPaths) -> None:
    printed = run_cli(logged.data_dir, "audit")
    assert printed.returncode == 0, printed.stderr
    assert [line.split()[2] for line in printed.stdout.splitlines()][:2] == ["unlock", "backup"]
    verified = run_cli(logged.data_dir, "audit", "--verify")
    assert verified.returncode == 0 and "whole" in verified.stdout


@pytest.mark.parametrize(("statements", "named"), [
    (("DELETE FROM audit_log WHERE seq = 3",), 3),
    (("UPDATE audit_log SET detail = 'recovery' WHERE seq = 2",), 2),
    (("UPDATE audit_log SET at = '2026-01-01T00:00:00' WHERE seq = 4",), 4),
])
def test_deleting_or_editing_one_entry_makes_verify_fail_and_name_it(
        logged: VaultPaths, statements: tuple[str, ...], named: int) -> None:
    tamper(logged, *statements)
    result = run_cli(logged.data_dir, "audit", "--verify")
    assert result.returncode == AuditLogBroken.exit_code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"entry {named} " in lines[0] and "Traceback" not in result.stderr


def test_deleting_the_last_entries_is_detected(logged: VaultPaths) -> None:
    vault = VaultService(logged).unlock_with_passphrase(PASSPHRASE)
    last = audit.entries(vault.store)[-1].seq
    vault.lock()
    # Not the newest: the unlock for tampering, and the one for checking, come after it.
    tamper(logged, f"DELETE FROM audit_log WHERE seq >= {last - 1}")
    result = run_cli(logged.data_dir, "audit", "--verify")
    assert result.returncode == AuditLogBroken.exit_code
    assert f"entry {last - 1} is missing" in result.stderr


def test_signing_and_exporting_a_note_are_logged_by_session_id(open_vault: OpenVault) -> None:
    from datetime import UTC, date, datetime

    from supervision_app.content import load_content
    from supervision_app.domain.model import SessionStatus
    from supervision_app.paths import resources_dir
    from supervision_app.services.demo import fill_demo
    from supervision_app.services.notes import NoteOptions, NoteService

    fill_demo(open_vault.store, date(2026, 11, 24))
    notes = NoteService(open_vault.store, load_content(resources_dir()), resources_dir() / "fonts",
                        clock=lambda: datetime(2026, 11, 24, 12, tzinfo=UTC))
    session = next(s for s in open_vault.store.list_sessions() if s.status is SessionStatus.SIGNED_OFF)
    notes.sign_as_supervisor(session.id, NoteOptions())
    notes.record_export(session.id, "printed")
    logged = [(e.action, e.subject, e.detail) for e in audit.entries(open_vault.store)][-2:]
    assert logged == [("note signed", f"session {session.id}", "as supervisor"),
                      ("note exported", f"session {session.id}", "printed")]
