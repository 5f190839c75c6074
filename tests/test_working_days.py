"""Working days in each UK nation, and every date the app suggests lands on one (real vaults)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock as Clock
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.services.sessions import SessionService
from supervision_app.services.working_days import (
    Nation,
    bank_holiday,
    is_working_day,
    next_working_day,
    previous_working_day,
)


def test_weekends_and_bank_holidays_in_each_nation() -> None:
    assert is_working_day(date(2026, 12, 1))
    assert not is_working_day(date(2026, 11, 28))  # a Saturday
    assert bank_holiday(date(2026, 12, 25)) == "Christmas Day"
    assert not is_working_day(date(2026, 8, 31))  # late summer bank holiday in England and Wales...
    assert is_working_day(date(2026, 8, 31), Nation.SCOTLAND)  # ...but not in Scotland
    assert not is_working_day(date(2026, 8, 3), Nation.SCOTLAND)
    assert not is_working_day(date(2026, 11, 30), Nation.SCOTLAND)  # St Andrew's Day
    assert not is_working_day(date(2026, 3, 17), Nation.NORTHERN_IRELAND)  # St Patrick's Day
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 29)  # Boxing Day observed on the 28th
    assert next_working_day(date(2027, 1, 1)) == date(2027, 1, 4)
    assert next_working_day(date(2026, 12, 1)) == date(2026, 12, 1)
    assert previous_working_day(date(2026, 8, 31)) == date(2026, 8, 28)


@pytest.fixture
def booking(open_vault):  # type: ignore[no-untyped-def]
    store = open_vault.store
    store.add_person(NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, is_self=True))
    person = store.add_person(NewPerson("Daniel Atić-Lee", PersonRole.SUPERVISEE))
    store.save_agreement(Agreement.default_for(person.id, newly_qualified=False, today=date(2026, 1, 1)))
    clock = Clock(datetime(2026, 11, 20, 9, 0))
    return SessionService(store, clock), person, clock


def test_the_suggested_next_session_is_never_on_a_bank_holiday(booking) -> None:  # type: ignore[no-untyped-def]
    service, person, _clock = booking
    # Four weeks after Friday 27 November is Christmas Day; after that, Boxing Day (observed) on the 28th.
    session = service.book(person.id, datetime(2026, 11, 27, 10, 0))
    assert service.suggested_next(session) == datetime(2026, 12, 29, 10, 0)
    # Four weeks after Monday 3 August is the late summer bank holiday in England, not in Scotland.
    august = service.book(person.id, datetime(2026, 8, 3, 10, 0))
    assert service.suggested_next(august) == datetime(2026, 9, 1, 10, 0)
    scottish = SessionService(service.store, service.now, Nation.SCOTLAND)
    assert scottish.suggested_next(august) == datetime(2026, 8, 31, 10, 0)


def test_a_booking_suggests_a_working_day(booking) -> None:  # type: ignore[no-untyped-def]
    service, person, clock = booking
    clock.now = datetime(2026, 12, 24, 16, 0)  # tomorrow is Christmas Day, then a weekend and Boxing Day
    assert service.suggested_booking(person.id) == datetime(2026, 12, 29, 10, 0)
    service.book(person.id, datetime(2026, 12, 4, 10, 0))  # four weeks on is New Year's Day
    clock.now = datetime(2026, 12, 20, 9, 0)
    assert service.suggested_booking(person.id) == datetime(2027, 1, 4, 10, 0)


def test_cancel_or_move_suggests_a_working_day(qtbot: QtBot, booking) -> None:  # type: ignore[no-untyped-def]
    from supervision_app.content import load_content
    from supervision_app.gui.session import SessionEditor
    from supervision_app.gui.session.dates import from_qdatetime
    from supervision_app.paths import resources_dir

    service, person, clock = booking
    # A week after Friday 25 December (booked by hand) is New Year's Day: offer Monday 4 January.
    session = service.book(person.id, datetime(2026, 12, 25, 10, 0))
    clock.now = datetime(2026, 12, 21, 9, 0)
    editor = SessionEditor(service, load_content(resources_dir()), session.id)
    qtbot.addWidget(editor)
    dialog = editor.open_cancel_dialog()
    assert from_qdatetime(dialog.rebook_edit.dateTime()) == datetime(2027, 1, 4, 10, 0)
    dialog.reject()
