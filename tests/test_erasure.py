"""Erasing a supervisee: everything about them leaves the vault's files; nothing else changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from supervision_app.domain.audit import AuditAction
from supervision_app.domain.model import NewPerson, PersonRole, SessionStatus
from supervision_app.errors import ErasureRefused
from supervision_app.services.backups import BackupService
from supervision_app.services.erasure import erase_person, replace_backups
from supervision_app.services.people import add_supervisee
from supervision_app.storage import audit
from supervision_app.storage.erasure import ERASURE_STEPS, NOT_ABOUT_A_PERSON
from supervision_app.vault.backup import unpack
from tests.conftest import PASSPHRASE
from tests.exchange.installs import Install, vault_state
from tests.lifecycle_world import CANARY, NOW, SESSION_AT, World, lifecycle_world
from tests.plaintext import data_key, decrypted_pages, files_holding

NEEDLES = (CANARY.encode(), b"Whitfield")


@pytest.fixture
def world(tmp_path: Path) -> Any:
    with lifecycle_world(tmp_path) as made:
        yield made


def holding(install: Install) -> dict[bytes, list[str]]:
    """For each needle, the vault's files (journal, WAL and shared memory included) that hold it in plaintext."""
    key, _salt = data_key(install.paths.key_file, PASSPHRASE)
    folder = install.paths.data_dir
    return {needle: [str(p.relative_to(folder)) for p in files_holding(folder, needle, key, skip=("backups",))]
            for needle in NEEDLES}


def ben_state(world: World) -> dict[str, Any]:
    store = world.aisha.store
    return {"person": store.get_person(world.ben.id), "history": store.history(world.ben.id),
            "note": world.aisha.notes.signed_note(world.ben_session), "me": store.own_profile(),
            "identity": store.get_signing_identity(world.aisha.me.id)}


def test_a_canary_found_before_erasure_is_in_no_vault_file_after(world: World) -> None:
    aisha = world.aisha
    before = holding(aisha)
    # The same search finds both needles before, so it can fail.
    assert all("vault.db" in found for found in before.values()), before
    report = erase_person(aisha.vault, world.zoe.id, BackupService(aisha.vault))
    assert holding(aisha) == {needle: [] for needle in NEEDLES}
    companions = aisha.paths.database_companions()[1:]
    assert not any(path.exists() for path in companions)  # no journal, WAL or shared memory left
    assert report.count("people") == 1 and report.count("sessions") == 2  # (the next one was booked at sign-off)
    assert report.count("signed_notes") == 1 and report.count("addenda") == 1
    assert report.count("pairings") == 1 and report.count("pack_log") >= 3
    assert report.count("agreements") == 1 and report.count("signing_identities") == 0
    aisha.vault.lock()
    assert holding(aisha) == {needle: [] for needle in NEEDLES}


def test_other_records_are_untouched_and_still_verify(world: World) -> None:
    aisha = world.aisha
    kept = ben_state(world)
    erase_person(aisha.vault, world.zoe.id, BackupService(aisha.vault))
    assert ben_state(world) == kept
    assert kept["history"][0].session.status is SessionStatus.SIGNED_OFF
    report = aisha.notes.verify(kept["note"].pdf)
    assert report.ok, report
    assert audit.verify(aisha.store) is None
    assert aisha.vault.integrity_problems() == []
    with aisha.store.transaction() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []


def test_the_erasure_is_logged_with_ids_and_counts_only(world: World) -> None:
    erase_person(world.aisha.vault, world.zoe.id, BackupService(world.aisha.vault))
    entry = audit.entries(world.aisha.store)[-1]
    assert entry.action == AuditAction.PERSON_ERASED.value
    assert entry.subject == f"supervisee {world.zoe.id}"
    assert "sessions 2" in entry.detail and "people 1" in entry.detail
    assert "Whitfield" not in entry.line() and "Zo" not in entry.line() and CANARY not in entry.line()


def test_the_vault_owner_is_refused_and_nothing_changes(world: World) -> None:
    before = vault_state(world.aisha)
    with pytest.raises(ErasureRefused, match=r"^You cannot erase yourself"):
        erase_person(world.aisha.vault, world.aisha.me.id, BackupService(world.aisha.vault))
    assert vault_state(world.aisha) == before


def test_a_failure_part_way_erases_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    before = vault_state(world.aisha)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError("the log could not be written")

    monkeypatch.setattr(audit, "record", fail)
    with pytest.raises(OSError):
        erase_person(world.aisha.vault, world.zoe.id, BackupService(world.aisha.vault))
    assert vault_state(world.aisha) == before


def test_signed_off_records_are_still_locked_outside_an_erasure(world: World) -> None:
    with pytest.raises(IntegrityError, match="signed-off session is locked"), \
            world.aisha.store.transaction() as connection:
        connection.execute(text("DELETE FROM sessions WHERE id = :id"), {"id": world.ben_session})
    with pytest.raises(IntegrityError, match="signed-off addendum is locked"), \
            world.aisha.store.transaction() as connection:
        connection.execute(text("UPDATE addenda SET signed_off = 1"))
        connection.execute(text("DELETE FROM addenda"))


def test_backups_made_before_are_named_and_replaced_only_by_a_verified_fresh_one(world: World, tmp_path: Path) -> None:
    aisha = world.aisha
    backups = BackupService(aisha.vault, clock=lambda: aisha.exchange.now())
    folder = tmp_path / "backups"
    folder.mkdir()
    backups.set_folder(folder)
    old = backups.back_up(folder / "before.svbackup").path
    key, _salt = data_key(aisha.paths.key_file, PASSPHRASE)
    assert CANARY.encode() in decrypted_pages(unpack(old.read_bytes()).database, key)

    report = erase_person(aisha.vault, world.zoe.id, backups)
    assert report.backups_before == [old]
    fresh, deleted = replace_backups(backups, report.backups_before)
    assert deleted == [old] and not old.exists() and fresh.path.exists()
    assert CANARY.encode() not in decrypted_pages(unpack(fresh.path.read_bytes()).database, key)


def test_a_failed_fresh_backup_deletes_no_older_one(world: World, tmp_path: Path) -> None:
    aisha = world.aisha
    backups = BackupService(aisha.vault)
    folder = tmp_path / "backups"
    folder.mkdir()
    backups.set_folder(folder)
    old = backups.back_up(folder / "before.svbackup").path
    report = erase_person(aisha.vault, world.zoe.id, backups)
    folder.rename(tmp_path / "unplugged")  # the drive is gone
    with pytest.raises(Exception, match="missing"):
        replace_backups(backups, report.backups_before)
    assert (tmp_path / "unplugged" / old.name).exists()


def test_every_table_is_covered_by_erasure_or_holds_nothing_about_a_person(open_vault: Any) -> None:
    with open_vault.store.transaction() as connection:
        # Every table and virtual table; a virtual table's shadow tables (FTS5's) are part of it.
        tables = {row.name for row in connection.execute(text("PRAGMA main.table_list"))
                  if row.type in ("table", "virtual") and not row.name.startswith("sqlite_")}
        referring = {table for table in tables
                     if any(row[2] in ("people", "sessions")
                            for row in connection.execute(text(f'PRAGMA foreign_key_list("{table}")')))}
    erased = [table for table, _statement in ERASURE_STEPS]
    assert len(set(erased)) == len(erased)
    assert set(erased).isdisjoint(NOT_ABOUT_A_PERSON)
    missing = tables - set(erased) - set(NOT_ABOUT_A_PERSON)
    assert not missing, f"say how erasure clears {sorted(missing)} (storage/erasure.py)"
    assert set(erased) | set(NOT_ABOUT_A_PERSON) <= tables
    # A table that points at a person or a session is erased, never declared free of person data.
    assert referring <= set(erased)


def test_the_ids_of_an_erased_person_and_their_sessions_are_never_used_again(world: World) -> None:
    aisha = world.aisha
    newest = add_supervisee(aisha.store, NewPerson("Amy Ode", PersonRole.SUPERVISEE), today=NOW.date())
    booked = aisha.sessions.book(newest.id, SESSION_AT + timedelta(days=7))
    erase_person(aisha.vault, newest.id, BackupService(aisha.vault))
    again = add_supervisee(aisha.store, NewPerson("Amy Ode", PersonRole.SUPERVISEE), today=NOW.date())
    assert again.id > newest.id
    assert aisha.sessions.book(again.id, SESSION_AT + timedelta(days=7)).id > booked.id
