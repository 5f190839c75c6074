"""Search across the records: every kind of item, accents aside, filters, visibility, hostile queries,
the index kept in step with each save, and built by the migration for a vault made before it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from supervision_app.domain.codec import record_to_json, to_json
from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.model import NewPerson, NewSession, Person, PersonRole, SessionStatus
from supervision_app.domain.record import (
    Action,
    Addendum,
    AgendaItem,
    Confirmation,
    Decision,
    Flag,
    SessionRecord,
    Signatory,
    Visibility,
)
from supervision_app.domain.search import SearchFilters, SearchKind, match_expression
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import VaultPaths
from supervision_app.services.people import add_supervisee
from supervision_app.services.sessions import SessionService
from supervision_app.storage.migrations import MIGRATIONS
from supervision_app.storage.records import SqlRecordStore
from supervision_app.storage.search_index import search
from supervision_app.vault.service import OpenVault, VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.exchange.installs import two_installs
from tests.plaintext import data_key, decrypted_pages

AT = datetime(2026, 11, 24, 10, 0)

# One word of its own in every searchable field, with the kind of item it must be found as.
WORDS = {
    "aardvark": SearchKind.AGENDA,  # an agenda item's title
    "bellwether": SearchKind.AGENDA,  # its wanted outcome
    "capybara": SearchKind.AGENDA,  # its case reference
    "dromedary": SearchKind.DISCUSSION,  # notes
    "echidna": SearchKind.DISCUSSION,  # what went well
    "flamingo": SearchKind.DISCUSSION,  # what was difficult
    "gazelle": SearchKind.DISCUSSION,  # what was learned
    "hyena": SearchKind.DECISION,
    "ibex": SearchKind.DECISION,  # its rationale
    "jackal": SearchKind.ACTION,
    "kestrel": SearchKind.FLAG,
    "lemming": SearchKind.LEARNING,
    "mongoose": SearchKind.ADDENDUM,
}


def words_record() -> SessionRecord:
    item = AgendaItem("Aardvark visit", wanted_outcome="A bellwether plan", case_reference="Capybara 12",
                      notes="Dromedary notes", went_well="Echidna", difficult="Flamingo", learned="Gazelle",
                      decisions=[Decision("Hyena first", rationale="Ibex reasons")], reached=True)
    return SessionRecord(agenda=[item], actions=[Action("Jackal the file")], flags=[Flag("workload_caseload",
                         detail="Kestrel pressure")], learning="Lemming course")


def supervisee(store: SqlRecordStore, name: str) -> Person:
    return add_supervisee(store, NewPerson(name, PersonRole.SUPERVISEE), today=AT.date())


def sign_off(sessions: SessionService, session_id: int, record: SessionRecord) -> None:
    record.next_session = AT + timedelta(weeks=4)
    for signatory in Signatory:
        sessions.confirm(session_id, record, signatory, Confirmation.AGREED)


def found(store: SqlRecordStore, query: str, filters: SearchFilters | None = None) -> set[tuple[int, SearchKind]]:
    return {(hit.session_id, hit.kind) for hit in search(store, query, filters)}


def test_finds_a_word_in_every_kind_of_item_and_opens_at_that_item(open_vault: OpenVault) -> None:
    store = open_vault.store
    sessions = SessionService(store, clock=lambda: AT)
    person = supervisee(store, "Zoë Whitfield")
    booked = sessions.book(person.id, AT)
    record = words_record()
    sign_off(sessions, booked.id, record)
    addendum = sessions.add_addendum(booked.id, "Mongoose correction", Signatory.SUPERVISOR)
    assert set(SearchKind) == set(WORDS.values())
    for word, kind in WORDS.items():
        [hit] = search(store, word)
        assert (hit.session_id, hit.kind, hit.supervisee_id, hit.supervisee) == (booked.id, kind, person.id,
                                                                                  person.name), word
        assert word in hit.snippet.lower() and hit.session_start == AT
    assert search(store, "hyena")[0].item_id == record.agenda[0].decisions[0].id
    assert search(store, "jackal")[0].item_id == record.actions[0].id
    assert search(store, "mongoose")[0].item_id == addendum.id
    assert SearchKind.DECISION.step == "Discussion" and SearchKind.ADDENDUM.step == "Sign-off"


def test_the_index_follows_each_save_and_a_deleted_addendum(open_vault: OpenVault) -> None:
    store = open_vault.store
    sessions = SessionService(store, clock=lambda: AT)
    booked = sessions.book(supervisee(store, "Ben Carter").id, AT)
    record = words_record()
    sessions.save_draft(booked.id, record)
    record.actions[0].text = "Narwhal the file"
    sessions.save_draft(booked.id, record)
    assert found(store, "jackal") == set() and found(store, "narwhal") == {(booked.id, SearchKind.ACTION)}
    sign_off(sessions, booked.id, record)
    addendum = sessions.add_addendum(booked.id, "Mongoose correction", Signatory.SUPERVISOR)
    store.save_addendum(booked.id, replace(addendum, text="Ocelot correction"))
    assert found(store, "mongoose") == set() and found(store, "ocelot") == {(booked.id, SearchKind.ADDENDUM)}
    store.delete_addendum(addendum.id)
    assert found(store, "ocelot") == set()
    assert found(store, "narwhal") == {(booked.id, SearchKind.ACTION)}  # (the record's items stay)


def test_hits_come_a_page_at_a_time_and_with_their_text_for_the_snippets_shown(open_vault: OpenVault) -> None:
    store = open_vault.store
    sessions = SessionService(store, clock=lambda: AT)
    person = supervisee(store, "Ben Carter")
    for weeks in range(6):
        booked = sessions.book(person.id, AT - timedelta(weeks=weeks))
        sessions.save_draft(booked.id, SessionRecord(agenda=[AgendaItem(f"Court skills, week {weeks}")]))
    whole = search(store, "court")
    assert [hit.snippet for hit in whole] == [f"Court skills, week {weeks}" for weeks in range(6)]  # newest first
    assert search(store, "court", limit=4) + search(store, "court", limit=4, offset=4) == whole
    left = search(store, "court", snippets=False)  # (the search window makes those of the rows painted)
    assert [(hit.snippet, hit.text) for hit in left] == [("", f"Court skills, week {weeks}") for weeks in range(6)]
    assert [replace(hit, text="") for hit in left] == [replace(hit, snippet="") for hit in whole]


def test_accents_and_case_do_not_matter_and_a_word_finds_longer_ones(open_vault: OpenVault) -> None:
    store = open_vault.store
    sessions = SessionService(store, clock=lambda: AT)
    booked = sessions.book(supervisee(store, "Siobhán O'Connell").id, AT)
    sessions.save_draft(booked.id, SessionRecord(
        agenda=[AgendaItem("Visit with Zoë and Siobhán"), AgendaItem("Courtroom skills with Chloe")]))
    for query in ("Zoe", "zoë", "ZOE", "siobhan", "SIOBHÁN", "chloë", "court skills", "Court", "skill"):
        assert found(store, query) == {(booked.id, SearchKind.AGENDA)}, query
    assert [hit.snippet for hit in search(store, "zoe")] == ["Visit with Zoë and Siobhán"]  # as written
    assert found(store, "skills court") == {(booked.id, SearchKind.AGENDA)}  # every word, in any order
    assert found(store, "court visit") == set()  # not in the same item


def test_filters_by_supervisee_dates_and_kind(open_vault: OpenVault) -> None:
    store = open_vault.store
    sessions = SessionService(store, clock=lambda: AT)
    zoe, ben = supervisee(store, "Zoë Whitfield"), supervisee(store, "Ben Carter")
    days = [AT - timedelta(days=60), AT - timedelta(days=30), AT]
    ids = {}
    for person in (zoe, ben):
        for day in days:
            booked = sessions.book(person.id, day)
            sessions.save_draft(booked.id, SessionRecord(agenda=[AgendaItem("Court skills")],
                                                         actions=[Action("Book court skills")]))
            ids[person.id, day] = booked.id
    everything = found(store, "court skills")
    assert len(everything) == 12
    assert [hit.session_start for hit in search(store, "court")][::4] == days[::-1]  # newest first
    only_zoe = found(store, "court", SearchFilters(supervisee_id=zoe.id))
    assert {session for session, _kind in only_zoe} == {ids[zoe.id, day] for day in days}
    middle = days[1].date()
    assert {s for s, _k in found(store, "court", SearchFilters(start=middle, end=middle))} == {
        ids[zoe.id, days[1]], ids[ben.id, days[1]]}  # the last day counts, whatever the time
    assert {s for s, _k in found(store, "court", SearchFilters(start=middle))} == {
        ids[p.id, d] for p in (zoe, ben) for d in days[1:]}
    assert {s for s, _k in found(store, "court", SearchFilters(end=days[0].date()))} == {
        ids[zoe.id, days[0]], ids[ben.id, days[0]]}
    actions = found(store, "court", SearchFilters(supervisee_id=ben.id, kind=SearchKind.ACTION))
    assert actions == {(ids[ben.id, day], SearchKind.ACTION) for day in days}


def test_private_items_are_found_only_on_the_side_that_wrote_them(tmp_path: Path) -> None:
    quieten_libraries()
    from supervision_app.exchange.pairing import card_from_code, card_to_code
    from supervision_app.services.notes import NoteOptions

    with two_installs(tmp_path, AT - timedelta(days=3)) as (aisha, zoe_app, zoe, clock):
        aisha.exchange.pair(zoe_app.exchange.my_card(PersonRole.SUPERVISEE))
        aisha_person, _pin = zoe_app.exchange.pair(
            card_from_code(card_to_code(aisha.exchange.my_card(PersonRole.SUPERVISOR))), name="Aisha Rahman")
        zoe_app.mine.save_preparation(aisha_person.id, Preparation(
            items=[PreparedItem("Quokka caseload")], private_notes="Zanzibar worries, mine alone"))
        booked = aisha.sessions.book(zoe.id, AT)
        aisha.exchange.import_pack(zoe_app.exchange.export_agenda(aisha_person.id))
        clock.now = AT
        _session, record = aisha.sessions.open_session(booked.id)
        # A flag kept off the record, written on the supervisor's computer with the supervisee there.
        record.flags = [Flag("personal_stressor", visibility=Visibility.PRIVATE, detail="Xylophone grief"),
                        Flag("workload_caseload", visibility=Visibility.ON_RECORD, detail="Shared workload")]
        record.actions = [Action("Shared action")]
        record.next_session = AT + timedelta(weeks=4)
        for signatory in Signatory:
            aisha.sessions.confirm(booked.id, record, signatory, Confirmation.AGREED)
        session_id = booked.id
        aisha.notes.sign_as_supervisor(session_id, NoteOptions())
        clock.now = AT + timedelta(days=1)
        zoe_app.exchange.import_pack(aisha.exchange.export_record(session_id))

        [private] = search(aisha.store, "xylophone")
        assert private.private and private.kind_label == "Wellbeing flag (private)"
        assert found(aisha.store, "quokka") == {(session_id, SearchKind.AGENDA)}  # what she brought is shared
        assert found(aisha.store, "zanzibar") == set()  # her private notes never left her computer
        assert found(aisha.store, "shared workload") == {(session_id, SearchKind.FLAG)}
        for word in ("xylophone", "shared", "quokka"):  # nothing of the supervisor's records on her side
            assert search(zoe_app.store, word) == []
        key, _salt = data_key(zoe_app.paths.key_file, PASSPHRASE)
        assert b"ylophone" not in decrypted_pages(zoe_app.paths.database.read_bytes(), key)


# --- hostile queries -------------------------------------------------------------------------------------

HOSTILE = ['"', '""', "'", "*", "^", ":", "(", ")", "-", "+", "NEAR(court skills)", "court OR x", "NOT court",
           "court AND", "body:court", "{body}:court", "search_index:court", "court*", '"court', 'court"',
           "court\x00skills", "\x00", "\u202ecourt", "co\u200burt", "c\tourt", "🙂", "…", "' OR 1=1 --",
           "'); DROP TABLE sessions; --", "court" * 500, " ".join(["court"] * 200), "%", "_", "\\", "court)",
           "rank:1", "x'00'", "*court", "court^", "court:", "NEAR", "AND", "OR"]


@pytest.fixture
def court_vault(open_vault: OpenVault) -> SqlRecordStore:
    store = open_vault.store
    sessions = SessionService(store, clock=lambda: AT)
    booked = sessions.book(supervisee(store, "Ben Carter").id, AT)
    sessions.save_draft(booked.id, SessionRecord(agenda=[AgendaItem("Court skills OR NOT near")]))
    return store


def test_hostile_queries_are_words_never_syntax(court_vault: SqlRecordStore) -> None:
    for query in HOSTILE:
        hits = search(court_vault, query)  # never an error
        assert all(hit.kind is SearchKind.AGENDA for hit in hits), query
    for query in ['"court', 'court"', "court*", "(court)", "NOT court", "court OR", "court\x00skills", "court near",
                  "-court", "^court"]:
        assert len(search(court_vault, query)) == 1, query
    assert search(court_vault, "court OR nothing-like-it") == []  # OR is a word to find, not "either"
    for punctuation in ["", " ", '"', "*", "()", "-- ;", "…", "\x00", "\u202e"]:
        assert match_expression(punctuation) is None and search(court_vault, punctuation) == []
    assert search(court_vault, "court", SearchFilters(kind=SearchKind.ACTION)) == []
    assert len(match_expression(" ".join(["court"] * 200)) or "") < 500  # (words past the twentieth are dropped)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60))
def test_any_text_at_all_is_a_query_that_runs(court_vault: SqlRecordStore, query: str) -> None:
    # (the vault is only read, so one for every example)
    hits = search(court_vault, query)
    assert len(hits) <= 1


# --- the migration builds the index for a vault made before it --------------------------------------------

SEARCH_MIGRATION = next(m for m in MIGRATIONS if m.description.startswith("search:"))


def test_the_migration_indexes_the_records_already_in_a_vault(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "vault")
    before = tuple(m for m in MIGRATIONS if m.version < SEARCH_MIGRATION.version)
    vault, _code = VaultService(paths, passphrase_kdf=lambda: FAST_KDF, migrations=before).create(PASSPHRASE)
    addendum = Addendum("Mongoose correction", AT, Signatory.SUPERVISOR)
    with vault.store.transaction() as connection:
        connection.execute(text("INSERT INTO people (id, name, role) VALUES (2, 'Zoë Whitfield', 'supervisee')"))
        connection.execute(text("INSERT INTO sessions (id, supervisee_id, scheduled_start, mode, status, record) "
                                "VALUES (1, 2, :at, 'in_person', 'draft', :record), "
                                "(2, 2, :at, 'in_person', 'scheduled', '')"),
                           {"at": AT.isoformat(timespec="minutes"), "record": record_to_json(words_record())})
        connection.execute(text("INSERT INTO addenda (id, session_id, written_at, data) VALUES (:id, 1, :at, :data)"),
                           {"id": addendum.id, "at": AT.isoformat(), "data": to_json(addendum)})
    vault.lock()
    upgraded = VaultService(paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    try:
        for word, kind in WORDS.items():
            assert found(upgraded.store, word) == {(1, kind)}, word
    finally:
        upgraded.lock()


def test_no_date_or_kind_filter_is_needed_to_search_everything(open_vault: OpenVault) -> None:
    assert search(open_vault.store, "anything") == []
    assert search(open_vault.store, "anything", SearchFilters(start=date(2020, 1, 1), end=date(2030, 1, 1))) == []


def test_a_session_received_whole_in_a_handover_is_indexed_with_its_addenda(open_vault: OpenVault) -> None:
    store = open_vault.store
    person = supervisee(store, "Zoë Whitfield")
    record = words_record()
    with store.transaction():  # as the handover's import adds them: the session, then its addenda
        added = store.add_held_session(NewSession(person.id, AT, status=SessionStatus.SIGNED_OFF), record)
        store.save_addendum(added.id, Addendum("Mongoose correction", AT, Signatory.SUPERVISOR))
    for word, kind in WORDS.items():
        assert found(store, word) == {(added.id, kind)}, word


def test_a_snippet_is_the_words_around_the_first_found_as_written_on_one_line() -> None:
    from supervision_app.domain.search import query_terms

    def snippet(text: str, query: str) -> str:
        from supervision_app.domain.search import snippet as made

        return made(text, query_terms(query))

    long = " ".join(f"w{n}" for n in range(40)) + " Siobhán's court\nhearing " + " ".join(f"x{n}" for n in range(40))
    shown = snippet(long, "SIOBHAN")
    assert shown == "…w36 w37 w38 w39 Siobhán's court / hearing x0 x1 x2 x3 x4 x5 x6 x7…"  # (16 words: "s" is one)
    assert snippet("Court skills\nA plan", "plan") == "Court skills / A plan"  # short: all of it
    assert snippet("Nothing of it", "absent") == "Nothing of it"  # (the start, when no word is seen)
    assert snippet("", "court") == "" and snippet("!!!", "court") == ""
