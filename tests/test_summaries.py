"""The summaries the vault keeps with every save give the same facts as reading every record.

The reference is the full-history computation (``attention_facts.supervisee_facts`` over
each record, ``rules.open_action_counts`` over the history); the summaries are read by
``storage/overview.py``. Histories are built through the real record store, in a real
encrypted vault, so every save path runs its hook.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from supervision_app.domain.attention_facts import NoteState, SessionDigest, supervisee_facts
from supervision_app.domain.identity import SignedNote
from supervision_app.domain.model import NewPerson, NewSession, PersonRole, SessionStatus
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    ActionReview,
    Confirmation,
    Flag,
    FlagLevel,
    PreparedAgenda,
    ReviewOutcome,
    SessionRecord,
    Signatory,
)
from supervision_app.domain.rules import open_action_counts
from supervision_app.services import demo
from supervision_app.services.demo import fill_demo
from supervision_app.services.sessions import SessionService
from supervision_app.storage import overview, summaries
from supervision_app.storage.erasure import erase_rows
from supervision_app.storage.migrations import MIGRATIONS, latest_version
from supervision_app.storage.records import SqlRecordStore
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE

TODAY = date(2026, 12, 1)
NOW = datetime.combine(TODAY, time(9))
IDS = ("a", "b", "c", "d", "e")


def reference_facts(store: SqlRecordStore, today: date = TODAY) -> dict[int, object]:
    """Every supervisee's facts from their whole history, without the detail the summaries do not keep."""
    with store.transaction() as connection:
        notes = {row.session_id: NoteState(row.signatures, datetime.fromisoformat(row.updated_at))
                 for row in connection.execute(text("SELECT session_id, signatures, updated_at FROM signed_notes"))}
    agreements = overview.agreements(store)
    facts = {}
    for person in store.list_people():
        if person.role is not PersonRole.SUPERVISEE or person.is_self:
            continue
        digests = [SessionDigest(h.session, h.record.actions, h.record.reviews, h.record.flags, h.record.prepared)
                   if h.held else SessionDigest(h.session, [], [], []) for h in store.history(person.id)]
        full = supervisee_facts(person, digests, agreements.get(person.id), notes, today)
        facts[person.id] = replace(full, open_actions=(), awaiting_countersignature=())
    return facts


def assert_summaries_true(store: SqlRecordStore, today: date = TODAY) -> None:
    assert {f.person_id: f for f in overview.team_facts(store, today)} == reference_facts(store, today)
    for person in store.list_people():
        history = store.history(person.id)
        counts = open_action_counts(history)
        listed = overview.listed_sessions(store, person.id)
        assert [(s.id, n) for s, n in listed] == [(h.session.id, counts.get(h.session.id, 0)) for h in history]
        assert [s for s, _ in listed] == [h.session for h in history]


# --- hand-built histories, through every save path -----------------------------------------------------------

actions = st.lists(st.builds(lambda i, due, mine: Action("do it", ActionOwner.SUPERVISOR if mine else
                                                         ActionOwner.SUPERVISEE, due=due, id=i),
                             st.sampled_from(IDS), st.none() | st.dates(TODAY - timedelta(days=60),
                                                                        TODAY + timedelta(days=60)),
                             st.booleans()), max_size=3, unique_by=lambda a: a.id)
reviews = st.lists(st.builds(ActionReview, st.sampled_from(IDS), st.sampled_from(list(ReviewOutcome))), max_size=3)
flags = st.lists(st.builds(lambda level, linked: Flag("workload", level, action_id=linked),
                           st.sampled_from(list(FlagLevel)), st.none() | st.sampled_from(IDS)), max_size=2)
prepared = st.none() | st.builds(lambda day: PreparedAgenda("Zoë", "f" * 8, day, day, "pack"),
                                 st.datetimes(datetime(2026, 10, 1), datetime(2026, 12, 10)))
records = st.builds(lambda a, r, f, p: SessionRecord(actions=a, reviews=r, flags=f, prepared=p),
                    actions, reviews, flags, prepared)
steps = st.lists(st.one_of(
    st.tuples(st.just("book"), st.integers(-150, 40), st.integers(8, 16)),
    st.tuples(st.just("save"), st.integers(0, 20), records, st.booleans()),
    st.tuples(st.just("cancel"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(-150, 40)),
    st.tuples(st.just("note"), st.integers(0, 20), st.integers(1, 2)),
), min_size=1, max_size=14)


def apply(store: SqlRecordStore, person_id: int, plan: list[tuple]) -> None:  # type: ignore[type-arg]
    for step in plan:
        mine = store.list_sessions(person_id)
        kind, *args = step
        if kind == "book":
            store.add_session(NewSession(person_id, datetime.combine(TODAY + timedelta(days=args[0]),
                                                                     time(args[1]))))
            continue
        open_ = [s for s in mine if s.status in (SessionStatus.SCHEDULED, SessionStatus.DRAFT)]
        if kind == "note":
            done = [s for s in mine if s.status is SessionStatus.SIGNED_OFF]
            if done:
                store.save_signed_note(SignedNote(done[args[0] % len(done)].id, b"%PDF-", "f", args[1]))
            continue
        if not open_:
            continue
        session = open_[args[0] % len(open_)]
        if kind == "save":
            store.save_record(session.id, args[1], status=SessionStatus.SIGNED_OFF if args[2]
                              else SessionStatus.DRAFT)
        elif kind == "cancel":
            store.cancel_and_rebook(session.id, "Off sick.", session.scheduled_start + timedelta(days=7)
                                    if args[1] else None)
        else:
            store.update_session(replace(session, scheduled_start=datetime.combine(
                TODAY + timedelta(days=args[1]), time(10))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans=st.lists(steps, min_size=1, max_size=3))
def test_summaries_equal_the_full_history_after_any_saves(open_vault, plans) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    for plan in plans:
        person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
        apply(store, person.id, plan)
    assert_summaries_true(store)
    assert_summaries_true(store, TODAY + timedelta(days=45))  # another day: overdue, upcoming, flags


def test_the_demo_team_after_sign_off_addendum_and_cancelling(open_vault) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    fill_demo(store, TODAY)
    assert_summaries_true(store)
    service = SessionService(store, lambda: NOW)
    zoe = next(p for p in store.list_people() if p.name == "Zoë Whitfield")
    draft = next(s for s in store.list_sessions(zoe.id) if s.status is SessionStatus.DRAFT)
    session, record = service.open_session(draft.id)
    record.actions.append(Action("Book the room", ActionOwner.SUPERVISOR, due=TODAY - timedelta(days=1)))
    record.reviews = [replace(r, outcome=ReviewOutcome.DONE) for r in record.reviews]
    service.save_draft(session.id, record)
    assert_summaries_true(store)
    for who in (Signatory.SUPERVISOR, Signatory.SUPERVISEE):
        service.confirm(session.id, record, who, Confirmation.AGREED)
    assert_summaries_true(store)
    service.add_addendum(session.id, "A correction.", Signatory.SUPERVISOR)
    booked = next(s for s in store.list_sessions(zoe.id) if s.status is SessionStatus.SCHEDULED)
    service.cancel(booked.id, "Off sick.", service.suggested_move(booked))
    assert_summaries_true(store)


def test_erasing_a_person_clears_their_summaries(open_vault) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    fill_demo(store, TODAY)
    zoe = next(p for p in store.list_people() if p.name == "Zoë Whitfield")
    erase_rows(store, zoe.id)
    with store.transaction() as connection:
        left = [connection.execute(text(sql), {"person": zoe.id}).scalar_one() for sql in (
            "SELECT count(*) FROM session_summaries WHERE session_id NOT IN (SELECT id FROM sessions)",
            "SELECT count(*) FROM open_actions WHERE supervisee_id = :person",
            "SELECT count(*) FROM supervisee_summaries WHERE supervisee_id = :person")]
    assert left == [0, 0, 0]
    assert_summaries_true(store)


def test_a_vault_made_before_the_summaries_is_backfilled(vault_paths, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = next(m.version for m in MIGRATIONS if "summaries" in m.description)
    before = tuple(m for m in MIGRATIONS if m.version < first)
    with monkeypatch.context() as patched:  # the app as it was: no summaries to keep, nor a CPD log, nor groups
        for hook in ("record_saved", "sessions_changed", "note_saved"):
            patched.setattr(summaries, hook, lambda *_args: None)
        patched.setattr(demo, "_supervisor_cpd", lambda *_args: None)
        patched.setattr(demo, "_issue_15", lambda *_args: None)  # nor its contacts, checklist, agreements
        patched.setattr(demo, "_group_session", lambda *_args: None)
        vault, _code = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF, migrations=before).create(PASSPHRASE)
        fill_demo(vault.store, TODAY)
        zoe = next(p for p in vault.store.list_people() if p.name == "Zoë Whitfield")
        signed = [s for s in vault.store.list_sessions(zoe.id) if s.status is SessionStatus.SIGNED_OFF]
        vault.store.save_signed_note(SignedNote(signed[0].id, b"%PDF-", "f", 1))
        vault.store.save_signed_note(SignedNote(signed[1].id, b"%PDF-", "f", 2))
        assert vault.schema_version() == len(before)
        vault.lock()
    vault = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    try:
        assert vault.schema_version() == latest_version() and vault.migration_backup is not None
        facts = {f.person_id: f for f in overview.team_facts(vault.store, TODAY)}
        assert facts[zoe.id].waiting is not None and facts[zoe.id].waiting.count == 1
        assert facts[zoe.id].actions.open > 0
        assert_summaries_true(vault.store)
    finally:
        vault.lock()


@pytest.mark.parametrize("query", ["_PEOPLE", "_OPEN", "_ACTIONS", "_URGENT"])
def test_the_home_page_reads_no_record_and_no_note(open_vault, query: str) -> None:  # type: ignore[no-untyped-def]
    """Sessions (``s``) are read only through covering indexes, so SQLite never follows a row into its record."""
    store = open_vault.store
    fill_demo(store, TODAY)
    with store.transaction() as connection:
        plan = [row[-1] for row in connection.execute(
            text(f"EXPLAIN QUERY PLAN {getattr(overview, query).text}"),
            {"today": TODAY.toordinal(), "since": "2026-09-01", "tomorrow": "2026-12-02"})]
    assert not any(line.startswith(("SCAN s", "SEARCH s")) and "COVERING INDEX" not in line for line in plan), plan
    assert not any("signed_notes" in line for line in plan), plan
