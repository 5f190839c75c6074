"""A note whose actions were carried forward for many sessions: each shown once, as it stands, from one pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

import pytest

from supervision_app.clock import SettableClock
from supervision_app.domain import rules
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import Action, ActionOwner, Confirmation, ReviewOutcome, Signatory
from supervision_app.services.note import note_for_session
from supervision_app.services.sessions import SessionService
from supervision_app.storage.records import SqlRecordStore
from supervision_app.vault.service import OpenVault

CARRIED = "Find a mentor in the adult team"
SESSIONS = 30


def history_with_a_long_chain(store: SqlRecordStore) -> list[int]:
    """Monthly sessions: one action agreed in the first is carried to the last; each other is done the next time."""
    store.add_person(NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, job_title="Team Manager", is_self=True))
    person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE, job_title="Social Worker"))
    start = datetime(2024, 1, 9, 10, 0)
    store.save_agreement(Agreement.default_for(person.id, newly_qualified=False, today=date(2024, 1, 1)))
    clock = SettableClock(start)
    service = SessionService(store, clock)
    session = service.book(person.id, start)
    long_running = Action(CARRIED, ActionOwner.SUPERVISEE, due=date(2024, 3, 1))
    ids = []
    for number in range(SESSIONS):
        clock.now = session.scheduled_start
        session, record = service.open_session(session.id)
        record.setting.present = "Both of us"
        for review in record.reviews:
            carried = review.action_id == long_running.id
            review.outcome = (ReviewOutcome.CARRIED_FORWARD if number % 2 else ReviewOutcome.IN_PROGRESS) \
                if carried else ReviewOutcome.DONE
        if number == 0:
            record.actions.append(long_running)
        record.actions.append(Action(f"Quick action {number + 1}", ActionOwner.SUPERVISOR))
        record.next_session = session.scheduled_start + timedelta(weeks=4)
        service.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        booked = service.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        assert booked is not None
        ids.append(session.id)
        session = booked
    return ids


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many sessions each pass over a history (``rules._replay``) went through."""
    passes: list[int] = []
    replay = rules._replay

    def counted(ordered: Iterable[rules.HeldSession]) -> Iterator[tuple[rules.HeldSession, dict[str, object]]]:
        ordered = list(ordered)
        passes.append(len(ordered))
        return replay(ordered)  # type: ignore[return-value]

    monkeypatch.setattr(rules, "_replay", counted)
    yield passes


def test_an_action_carried_for_many_sessions_is_shown_once_as_it_stands(open_vault: OpenVault,
                                                                         replays: list[int]) -> None:
    store = open_vault.store
    ids = history_with_a_long_chain(store)
    replays.clear()
    note = note_for_session(store, ids[-1])
    previous = next(s for s in note.sections if s.key == "previous_actions")
    assert previous.table is not None
    assert previous.table.rows == (
        (CARRIED, "Zoë Whitfield", "Friday 1 March 2024", "Carried forward"),
        (f"Quick action {SESSIONS - 1}", "Aisha Rahman", "", "Done"),
    )
    assert replays == [SESSIONS - 1]  # one pass over the sessions before it, however long the chain


def test_an_earlier_note_shows_the_action_as_it_stood_then(open_vault: OpenVault) -> None:
    store = open_vault.store
    ids = history_with_a_long_chain(store)
    previous = next(s for s in note_for_session(store, ids[2]).sections if s.key == "previous_actions")
    assert previous.table is not None
    assert [(row[0], row[3]) for row in previous.table.rows] == [(CARRIED, "In progress"), ("Quick action 2", "Done")]
