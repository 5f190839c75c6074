"""Search on the supervisee's install (issue 14, items 3 and 5): their own preparation, private items included,
and the records received are found there, accents aside; nothing private ever reaches the supervisor's vault,
and nothing of the index can be read in the vault's files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlcipher3
from sqlalchemy import text

from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.model import Person
from supervision_app.domain.my_search import MyKind
from supervision_app.domain.record import Action, ActionOwner, AgendaItem, Confirmation, Signatory
from supervision_app.services.notes import NoteOptions
from supervision_app.storage import my_search_index
from supervision_app.storage.my_search_index import MyFilters, search_mine
from supervision_app.storage.search_index import search
from tests.conftest import PASSPHRASE
from tests.exchange.installs import Install, pair_both_ways, two_installs, vault_state
from tests.plaintext import data_key, decrypted_pages
from tests.test_search_canary import readable

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)
PRIVATE = "Quillwortzeb"  # a word only in Zoë's private notes
NEEDLES = (PRIVATE.encode(), PRIVATE.lower().encode())


@contextmanager
def zoe_prepared_and_received(tmp_path: Path) -> Iterator[tuple[Install, Install, Person]]:
    """Zoë prepares (one item, "How I have been" not brought, private notes), sends the agenda; Aisha imports it,
    holds the session with it and sends the record, which Zoë imports."""
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        zoe_app.mine.save_preparation(supervisor.id, Preparation(
            items=[PreparedItem("Court skills for the Hénon family", "Feel ready to give evidence")],
            how_i_have_been="Exhausted after the Smethwick visits.",
            private_notes=f"Ask about Chloë's caseload too? {PRIVATE}"))
        session = aisha.sessions.book(zoe.id, SESSION_AT)
        aisha.exchange.import_pack(zoe_app.exchange.export_agenda(supervisor.id))
        clock.now = SESSION_AT
        _opened, record = aisha.sessions.open_session(session.id)
        record.agenda.append(AgendaItem("Résumé of the Oakfield hearing", notes="Went through the bundle."))
        record.actions = [Action("Book the courtroom skills course", ActionOwner.SUPERVISEE, due=date(2026, 12, 5))]
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        clock.now = SESSION_AT + timedelta(hours=2)
        aisha.notes.sign_as_supervisor(session.id, NoteOptions())
        zoe_app.exchange.import_pack(aisha.exchange.export_record(session.id))
        yield aisha, zoe_app, supervisor


def found(install: Install, query: str, filters: MyFilters | None = None) -> list[tuple[MyKind, bool, str | None]]:
    return [(hit.kind, hit.private, hit.session_uid and "received") for hit in search_mine(install.store, query,
                                                                                           filters)]


def test_the_supervisee_finds_their_preparation_and_the_records_received_accents_aside(tmp_path: Path) -> None:
    with zoe_prepared_and_received(tmp_path) as (_aisha, zoe_app, supervisor):
        assert found(zoe_app, "henon") == [(MyKind.PREPARED, False, None),
                                          (MyKind.NOTE, False, "received")]  # (the item was discussed)
        assert found(zoe_app, "chloe") == [(MyKind.PRIVATE_NOTES, True, None)]
        assert found(zoe_app, "smethwick") == [(MyKind.HOW_I_HAVE_BEEN, True, None)]
        assert found(zoe_app, "resume oakfield") == [(MyKind.NOTE, False, "received")]
        assert found(zoe_app, "courtroom") == [(MyKind.NOTE, False, "received"), (MyKind.ACTION, False, "received")]
        [hit] = search_mine(zoe_app.store, "RÉSUMÉ")
        assert hit.supervisor == "Aisha Rahman" and hit.session_start == SESSION_AT
        assert "Oakfield" in hit.snippet
        assert found(zoe_app, "oakfield", MyFilters(start=date(2026, 11, 25))) == []
        assert found(zoe_app, "chloe", MyFilters(start=date(2026, 11, 1))) == []  # the preparation has no day
        assert found(zoe_app, "oakfield", MyFilters(supervisor_id=supervisor.id + 99)) == []

        # Edited, the preparation is found by its new words only.
        preparation = zoe_app.mine.preparation(supervisor.id)
        preparation.private_notes = "Nothing now."
        zoe_app.mine.save_preparation(supervisor.id, preparation)
        assert found(zoe_app, "chloe") == []


def test_nothing_private_leaves_the_supervisees_install(tmp_path: Path) -> None:
    with zoe_prepared_and_received(tmp_path) as (aisha, zoe_app, supervisor):
        zoe_app.mine.save_preparation(supervisor.id, zoe_app.mine.preparation(supervisor.id))
        _opened, payload = aisha.exchange.read_pack(zoe_app.exchange.export_agenda(supervisor.id))
        sent = json.dumps(json.loads(payload.model_dump_json(by_alias=True)), ensure_ascii=False)
        assert "Hénon" in sent
        assert PRIVATE not in sent and "Chloë" not in sent and "Smethwick" not in sent
        assert search(aisha.store, PRIVATE) == [] and search(aisha.store, "smethwick") == []
        assert search(aisha.store, "henon") != []  # what was brought is found there
        held = repr(vault_state(aisha))
        assert PRIVATE not in held and "Smethwick" not in held


def test_nothing_of_the_supervisees_index_is_readable_in_the_vaults_files(tmp_path: Path) -> None:
    with zoe_prepared_and_received(tmp_path) as (_aisha, zoe_app, supervisor):
        folder = zoe_app.paths.data_dir
        with zoe_app.store.transaction():  # a change held open: the journal exists now
            zoe_app.mine.save_preparation(supervisor.id, Preparation(private_notes=f"Changed {PRIVATE}"))
            during = {name: [n for n in NEEDLES if n in (folder / name).read_bytes()]
                      for name in readable(folder)}
        assert during == {name: [] for name in during}, during
        after = {name: [n for n in NEEDLES if n in (folder / name).read_bytes()] for name in readable(folder)}
        assert after == {name: [] for name in after}, after
        key, _salt = data_key(zoe_app.paths.key_file, PASSPHRASE)
        pages = decrypted_pages(zoe_app.paths.database.read_bytes(), key)
        assert all(needle in pages for needle in NEEDLES)  # (so the check can fail)
        assert found(zoe_app, PRIVATE) == [(MyKind.PRIVATE_NOTES, True, None)]


def test_the_check_finds_the_supervisees_index_in_a_plain_sqlite_file(tmp_path: Path) -> None:
    for mode, companion in (("DELETE", "plain.db-journal"), ("WAL", "plain.db-wal")):
        folder = tmp_path / mode
        folder.mkdir()
        connection = sqlcipher3.connect(folder / "plain.db", isolation_level=None)  # no key: plain SQLite
        connection.execute(f"PRAGMA journal_mode = {mode}")
        connection.execute("CREATE TABLE people (id INTEGER PRIMARY KEY)")
        for statement in my_search_index.SCHEMA:
            connection.execute(statement)
        connection.execute("INSERT INTO my_search_items (supervisor_id, kind, item_id, body) "
                           f"VALUES (1, 'private_notes', 'p', 'Notes {PRIVATE}')")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"UPDATE my_search_items SET body = 'More notes {PRIVATE}'")
        seen = {name: [n for n in NEEDLES if n in (folder / name).read_bytes()]
                for name in (p.name for p in folder.iterdir())}
        connection.execute("COMMIT")
        assert set(seen["plain.db" if mode == "DELETE" else companion]) == set(NEEDLES), seen
        connection.close()


def test_the_migration_indexes_what_the_vault_already_holds(tmp_path: Path) -> None:
    with zoe_prepared_and_received(tmp_path) as (_aisha, zoe_app, _supervisor):
        with zoe_app.store.transaction() as connection:  # as before migration 18
            for name in ("my_search_items_added", "my_search_items_removed", "my_search_items_changed"):
                connection.execute(text(f"DROP TRIGGER {name}"))
            connection.execute(text("DROP TABLE my_search_index"))
            connection.execute(text("DROP TABLE my_search_items"))
        assert search_mine(zoe_app.store, "oakfield") == []
        with zoe_app.store.transaction() as connection:
            my_search_index.create(connection)
        assert found(zoe_app, "oakfield chloe") == []
        assert found(zoe_app, "oakfield") == [(MyKind.NOTE, False, "received")]
        assert found(zoe_app, "chloe") == [(MyKind.PRIVATE_NOTES, True, None)]


def test_the_search_command_finds_the_supervisees_own_items(tmp_path: Path) -> None:
    from tests.test_cli import run

    with zoe_prepared_and_received(tmp_path) as (_aisha, zoe_app, _supervisor):
        zoe_app.vault.lock()
        data = ("--data-dir", str(zoe_app.paths.data_dir))
        result = run(*data, "search", "chloe")
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            f"My supervision with Aisha Rahman  Preparing  My private notes (private): Ask about Chloë's "
            f"caseload too? {PRIVATE}"]
        lines = run(*data, "search", "OAKFIELD").stdout.splitlines()
        assert len(lines) == 1 and lines[0].startswith(
            "My supervision with Aisha Rahman  Tue 24 Nov 2026, 10:00  Signed note received: ")
        assert run(*data, "search", "chloe", "--from", "2026-11-01").stdout == "Nothing found.\n"


def test_erasing_the_supervisor_leaves_nothing_of_theirs_in_the_supervisees_index(tmp_path: Path) -> None:
    from supervision_app.services.backups import BackupService
    from supervision_app.services.erasure import erase_person

    with zoe_prepared_and_received(tmp_path) as (_aisha, zoe_app, supervisor):
        assert found(zoe_app, "oakfield") and found(zoe_app, PRIVATE)
        report = erase_person(zoe_app.vault, supervisor.id, BackupService(zoe_app.vault))
        assert report.count("my_search_items") >= 3
        assert search_mine(zoe_app.store, "oakfield") == [] and search_mine(zoe_app.store, PRIVATE) == []
        key, _salt = data_key(zoe_app.paths.key_file, PASSPHRASE)
        for path in (zoe_app.paths.database, *zoe_app.paths.database_companions()):
            if path.exists():
                assert PRIVATE.lower().encode() not in decrypted_pages(path.read_bytes(), key), path
