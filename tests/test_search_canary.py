"""The search index is inside the encrypted vault: nothing of it can be read in the database file or its
journal, WAL or shared memory, and erasing a supervisee leaves nothing of theirs in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import text

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import AgendaItem, SessionRecord
from supervision_app.domain.search import SearchKind
from supervision_app.services.backups import BackupService
from supervision_app.services.erasure import erase_person
from supervision_app.services.people import add_supervisee
from supervision_app.services.sessions import SessionService
from supervision_app.storage import search_index
from supervision_app.storage.search_index import search
from supervision_app.vault.service import OpenVault
from tests.conftest import PASSPHRASE
from tests.lifecycle_world import CANARY, NOW, SESSION_AT, lifecycle_world
from tests.plaintext import data_key, decrypted_pages

WORD = "Quillwortzeb"
# As written (the items' text), and as the index keeps it (folded to lower case, accents removed).
NEEDLES = (WORD.encode(), WORD.lower().encode())


def readable(folder: Path) -> dict[str, list[bytes]]:
    """Each file in ``folder`` (database, journal, WAL, shared memory…) with the needles readable in it as is."""
    return {path.name: [needle for needle in NEEDLES if needle in path.read_bytes()]
            for path in sorted(folder.iterdir()) if path.is_file()}


def write_then_hold_a_change(connection: Any, folder: Path) -> dict[str, list[bytes]]:
    """Index an item with the word, commit, then change it inside a transaction and look at the files while it
    is open (a rollback journal holds the pages as they were; a WAL holds the new ones)."""
    connection.execute("INSERT INTO search_items (session_id, kind, item_id, body) "
                       f"VALUES (1, 'agenda', 'a', 'Court skills {WORD}')")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(f"UPDATE search_items SET body = 'Court skills and more {WORD}'")
    seen = readable(folder)
    connection.execute("COMMIT")
    return seen


def test_the_check_finds_the_index_in_a_plain_sqlite_file_journal_and_wal(tmp_path: Path) -> None:
    """The same tables in a plain (unencrypted) SQLite database: the check below would fail on it."""
    for mode, companion in (("DELETE", "plain.db-journal"), ("WAL", "plain.db-wal")):
        folder = tmp_path / mode
        folder.mkdir()
        connection = sqlcipher3.connect(folder / "plain.db", isolation_level=None)  # no key: plain SQLite
        connection.execute(f"PRAGMA journal_mode = {mode}")
        connection.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
        for statement in search_index.SCHEMA:
            connection.execute(statement)
        seen = write_then_hold_a_change(connection, folder)
        assert set(seen["plain.db" if mode == "DELETE" else companion]) == set(NEEDLES), seen
        assert seen[companion], seen
        if mode == "WAL":
            assert "plain.db-shm" in seen
        connection.close()


def test_nothing_of_the_index_is_readable_in_the_vaults_files(open_vault: OpenVault, vault_paths: Any) -> None:
    store = open_vault.store
    sessions = SessionService(store, clock=lambda: SESSION_AT)
    person = add_supervisee(store, NewPerson("Ben Carter", PersonRole.SUPERVISEE), today=NOW.date())
    booked = sessions.book(person.id, SESSION_AT)
    record = SessionRecord(agenda=[AgendaItem(f"Court skills {WORD}")])
    sessions.save_draft(booked.id, record)
    folder = vault_paths.data_dir
    with store.transaction() as connection:  # a change held open: the journal exists now
        record.agenda[0].title = f"Court skills and more {WORD}"
        store.save_record(booked.id, record, status=sessions.store.get_session(booked.id).status)
        connection.execute(text("SELECT 1"))
        during = readable(folder)
    assert "vault.db-journal" in during
    assert during == {name: [] for name in during}, during
    after = readable(folder)
    assert after == {name: [] for name in after}, after
    assert not any(name.endswith(("-wal", "-shm")) for name in after)
    # The words are there, encrypted: decrypted with the vault's key, the pages hold them, and search finds them.
    key, _salt = data_key(vault_paths.key_file, PASSPHRASE)
    pages = decrypted_pages(vault_paths.database.read_bytes(), key)
    assert all(needle in pages for needle in NEEDLES)
    assert [hit.kind for hit in search(store, WORD.lower())] == [SearchKind.AGENDA]


def test_erasing_a_supervisee_leaves_nothing_of_theirs_in_the_index(tmp_path: Path) -> None:
    with lifecycle_world(tmp_path) as world:
        aisha = world.aisha
        kinds = {hit.kind for hit in search(aisha.store, CANARY)}
        assert kinds == {SearchKind.AGENDA, SearchKind.DISCUSSION, SearchKind.ACTION, SearchKind.FLAG,
                         SearchKind.LEARNING, SearchKind.ADDENDUM}
        assert {hit.supervisee_id for hit in search(aisha.store, CANARY)} == {world.zoe.id}
        ben_hits = search(aisha.store, "for Ben")
        token = b"qx7"  # the canary's first word as the index keeps it
        key, _salt = data_key(aisha.paths.key_file, PASSPHRASE)
        assert token in decrypted_pages(aisha.paths.database.read_bytes(), key)  # (so the check can fail)

        report = erase_person(aisha.vault, world.zoe.id, BackupService(aisha.vault))

        assert report.count("search_items") >= 6
        assert search(aisha.store, CANARY) == [] and search(aisha.store, "Whitfield") == []
        assert search(aisha.store, "for Ben") == ben_hits
        with aisha.store.transaction() as connection:
            assert connection.execute(text(
                "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")).rowcount is not None
        for path in aisha.paths.database_companions():
            if path.exists():
                assert token not in decrypted_pages(path.read_bytes(), key), path
