"""Session use cases on a real encrypted vault."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from supervision_app.clock import SettableClock as Clock
from supervision_app.domain import rules
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, NewSession, PersonRole, SessionMode, SessionStatus
from supervision_app.domain.record import (
    Action,
    ActionReview,
    AgendaItem,
    Confirmation,
    ReviewOutcome,
    Signatory,
)
from supervision_app.domain.rules import SessionLocked
from supervision_app.services.sessions import SessionService


@pytest.fixture
def setup(open_vault):  # type: ignore[no-untyped-def]
    store = open_vault.store
    store.add_person(NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, is_self=True))
    person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE, newly_qualified=True))
    clock = Clock(datetime(2026, 1, 5, 9, 0))
    service = SessionService(store, clock)
    return service, person, clock


def sign_off(service: SessionService, session_id: int, record) -> None:  # type: ignore[no-untyped-def]
    service.confirm(session_id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    service.confirm(session_id, record, Signatory.SUPERVISEE, Confirmation.AGREED)


def test_a_month_later_the_next_session_shows_open_actions_and_unreached_items(setup) -> None:  # type: ignore[no-untyped-def]
    service, person, clock = setup
    service.store.save_agreement(Agreement.default_for(person.id, newly_qualified=False, today=date(2026, 1, 1)))
    january = service.book(person.id, datetime(2026, 1, 5, 10))
    session, record = service.open_session(january.id)
    assert session.status is SessionStatus.DRAFT
    record.agenda = [AgendaItem("Caseload", reached=True), AgendaItem("Court skills", wanted_outcome="A plan")]
    record.actions = [Action("Book court skills training", due=date(2026, 2, 1))]
    record.next_session = service.suggested_next(session)
    assert record.next_session == datetime(2026, 2, 2, 10)
    service.save_draft(january.id, record)
    sign_off(service, january.id, record)

    (booked,) = [s for s in service.store.list_sessions(person.id) if s.status is SessionStatus.SCHEDULED]
    assert booked.scheduled_start == datetime(2026, 2, 2, 10)
    clock.now = datetime(2026, 2, 2, 9, 55)
    _, february = service.open_session(booked.id)
    assert [item.title for item in february.agenda] == ["Court skills"]
    assert [review.action_id for review in february.reviews] == [record.actions[0].id]
    # Opening again adds nothing twice.
    _, again = service.open_session(booked.id)
    assert len(again.agenda) == 1 and len(again.reviews) == 1


def test_sign_off_locks_the_record_in_the_database_too(setup) -> None:  # type: ignore[no-untyped-def]
    service, person, _ = setup
    held = service.book(person.id, datetime(2026, 1, 5, 10))
    _, record = service.open_session(held.id)
    record.learning = "Reflected on the use of authority."
    sign_off(service, held.id, record)
    assert service.store.get_session(held.id).status is SessionStatus.SIGNED_OFF
    record.learning = "rewritten"
    with pytest.raises(SessionLocked):
        service.save_draft(held.id, record)
    with pytest.raises(IntegrityError, match="locked"), service.store.transaction() as connection:
        connection.execute(text("UPDATE sessions SET record = '{}' WHERE id = :id"), {"id": held.id})
    assert service.store.load_record(held.id).learning == "Reflected on the use of authority."


def test_sign_off_is_refused_while_something_blocks_it(setup) -> None:  # type: ignore[no-untyped-def]
    service, person, _ = setup
    held = service.book(person.id, datetime(2026, 1, 5, 10))
    _, record = service.open_session(held.id)
    record.actions = [Action("")]
    with pytest.raises(ValueError, match="Say what the action is"):
        service.confirm(held.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    assert record.confirmations == []


def test_addendum_after_sign_off(setup) -> None:  # type: ignore[no-untyped-def]
    service, person, clock = setup
    held = service.book(person.id, datetime(2026, 1, 5, 10))
    _, record = service.open_session(held.id)
    sign_off(service, held.id, record)
    clock.now = datetime(2026, 1, 9, 14, 0)
    addendum = service.add_addendum(held.id, "Occupational Health referral sent on 8 January.", Signatory.SUPERVISOR)
    service.confirm_addendum(held.id, addendum, Signatory.SUPERVISOR, Confirmation.AGREED)
    service.confirm_addendum(held.id, addendum, Signatory.SUPERVISEE, Confirmation.AGREED)
    (stored,) = service.store.load_record(held.id).addenda
    assert stored.signed_off and stored.written_at == datetime(2026, 1, 9, 14, 0)
    with pytest.raises(IntegrityError, match="locked"), service.store.transaction() as connection:
        connection.execute(text("DELETE FROM addenda"))


def test_cancel_and_rebook(setup) -> None:  # type: ignore[no-untyped-def]
    service, person, _ = setup
    held = service.store.add_session(NewSession(person.id, datetime(2026, 1, 5, 10), mode=SessionMode.VIDEO,
                                                location="Teams"))
    with pytest.raises(ValueError):
        service.cancel(held.id, "  ", None)
    replacement = service.cancel(held.id, "Called to court", datetime(2026, 1, 12, 10))
    assert replacement is not None
    assert replacement.rebooked_from_id == held.id
    assert replacement.mode is SessionMode.VIDEO and replacement.location == "Teams"
    cancelled = service.store.get_session(held.id)
    assert cancelled.status is SessionStatus.CANCELLED
    assert cancelled.cancellation_reason == "Called to court"


def test_summaries_count_open_actions_per_session(setup) -> None:  # type: ignore[no-untyped-def]
    service, person, _ = setup
    first = service.book(person.id, datetime(2026, 1, 5, 10))
    _, record = service.open_session(first.id)
    record.actions = [Action("One"), Action("Two")]
    sign_off(service, first.id, record)
    second = service.book(person.id, datetime(2026, 2, 5, 10))
    _, record2 = service.open_session(second.id)
    record2.reviews[0] = ActionReview(record.actions[0].id, ReviewOutcome.DONE)
    service.save_draft(second.id, record2)
    counts = [(s.session.id, s.open_actions) for s in service.summaries(person)]
    assert counts == [(first.id, 2), (second.id, 1)]
    assert [o.action.text for o in service.open_actions(person.id)] == ["Two"]


def test_summaries_replay_each_history_once_not_once_per_session(  # type: ignore[no-untyped-def]
        setup, monkeypatch: pytest.MonkeyPatch) -> None:
    service, person, _clock = setup
    sessions = [service.book(person.id, datetime(2026, 1, 5, 10) + timedelta(weeks=week)) for week in range(20)]
    sorted_sessions = 0
    chronological = rules._chronological

    def counting(history):  # type: ignore[no-untyped-def]
        nonlocal sorted_sessions
        ordered = chronological(history)
        sorted_sessions += len(ordered)
        return ordered

    monkeypatch.setattr(rules, "_chronological", counting)
    summaries = service.summaries(person)
    assert [s.session.id for s in summaries] == [s.id for s in sessions]
    assert sorted_sessions <= 2 * len(sessions)  # it was one replay per session: 20 x 20


def test_a_history_is_read_in_one_transaction_whatever_its_length(setup) -> None:  # type: ignore[no-untyped-def]
    service, person, clock = setup
    sessions = [service.book(person.id, datetime(2026, 1, 5, 10) + timedelta(weeks=week)) for week in range(12)]
    signed = sessions[3]
    _, record = service.open_session(signed.id)
    sign_off(service, signed.id, record)
    clock.now = datetime(2026, 2, 2, 9, 0)
    first = service.add_addendum(signed.id, "Referral sent.", Signatory.SUPERVISOR)
    clock.now = datetime(2026, 2, 3, 9, 0)  # addenda are in the order written
    second = service.add_addendum(signed.id, "Reply received.", Signatory.SUPERVISOR)
    statements: list[str] = []
    engine = service.store._engine
    listen = event.listens_for(engine, "before_cursor_execute")

    @listen
    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    try:
        history = service.store.history(person.id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 3  # BEGIN, the sessions, their addenda (was two per session, each in its own)
    assert [h.session.id for h in history] == [s.id for s in sessions]
    assert [a.id for a in history[3].record.addenda] == [first.id, second.id]
    assert all(h.record == service.store.load_record(h.session.id) for h in history)
