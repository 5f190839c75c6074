"""Working days in each UK nation, and every date the app suggests lands on one (real vaults)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

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
    non_working_reason,
    organisation_nation,
    previous_working_day,
    set_organisation_nation,
    working_days_after,
)
from tests.conftest import PASSPHRASE


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


# --- the organisation's nation, kept in the vault ------------------------------------------------------

# (day, the nations where it is a bank holiday): each is never suggested there, and is elsewhere.
NATIONAL_DAYS = [
    (date(2026, 12, 25), set(Nation)),  # Christmas Day, a Friday
    (date(2027, 3, 29), {Nation.ENGLAND_AND_WALES, Nation.NORTHERN_IRELAND}),  # Easter Monday
    (date(2026, 1, 2), {Nation.SCOTLAND}),  # the Scottish 2 January, a Friday
    (date(2026, 11, 30), {Nation.SCOTLAND}),  # St Andrew's Day, a Monday
    (date(2026, 3, 17), {Nation.NORTHERN_IRELAND}),  # St Patrick's Day, a Tuesday
    (date(2027, 7, 12), {Nation.NORTHERN_IRELAND}),  # the Battle of the Boyne, a Monday
]


@pytest.mark.parametrize("nation", list(Nation), ids=lambda n: n.command_name)
def test_each_nations_bank_holidays_are_never_suggested(open_vault, nation: Nation) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    set_organisation_nation(store, nation)
    person = store.add_person(NewPerson("Daniel Atić-Lee", PersonRole.SUPERVISEE))
    store.save_agreement(Agreement.default_for(person.id, newly_qualified=False, today=date(2025, 1, 1)))
    clock = Clock(datetime(2025, 1, 1, 9, 0))
    service = SessionService(store, clock)  # no nation given: the vault's
    assert service.nation is nation
    for day, where in NATIONAL_DAYS:
        holiday = nation in where
        assert is_working_day(day, nation) is not holiday, (day, nation)
        # The next session, four weeks after a session on the same weekday.
        before = service.book(person.id, datetime.combine(day - timedelta(weeks=4), time(10)))
        assert (service.suggested_next(before).date() == day) is not holiday, (day, nation)
        # Moving a session cancelled a week before, on the day itself.
        clock.now = before.scheduled_start.replace(hour=9)
        week_before = service.book(person.id, datetime.combine(day - timedelta(weeks=1), time(10)))
        moved = service.suggested_move(week_before).date()
        assert (moved == day) is not holiday and is_working_day(moved, nation), (day, nation)
        # A first booking, asked the day before.
        clock.now = datetime.combine(day - timedelta(days=1), time(9))
        newcomer = store.add_person(NewPerson(f"Newcomer {day}", PersonRole.SUPERVISEE))
        assert (service.suggested_booking(newcomer.id).date() == day) is not holiday, (day, nation)
        # A due date four weeks on.
        assert (service.working_day_from(day) == day) is not holiday
        assert (service.not_a_working_day(day) is None) is not holiday


def _working_days_between(first: date, last: date, nation: Nation) -> int:
    """Working days after ``first``, up to and including ``last``."""
    return sum(is_working_day(first + timedelta(days=n), nation) for n in range(1, (last - first).days + 1))


@pytest.mark.parametrize("nation", list(Nation), ids=lambda n: n.command_name)
def test_a_cancelled_session_is_offered_a_date_within_five_working_days(open_vault, nation: Nation) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    set_organisation_nation(store, nation)
    person = store.add_person(NewPerson("Siobhán O'Connell", PersonRole.SUPERVISEE))
    clock = Clock(datetime(2026, 1, 1, 9, 0))
    service = SessionService(store, clock)
    booked = service.book(person.id, datetime(2026, 1, 1, 14, 30))
    for offset in range(0, 2 * 365, 3):  # every third day for two years: every weekday, every holiday season
        start = booked.scheduled_start + timedelta(days=offset)
        session = replace(booked, scheduled_start=start)
        for now in (start - timedelta(days=2), start + timedelta(days=4)):  # cancelled ahead, or recorded later
            clock.now = now
            counted_from = max(start.date(), now.date())
            moved = service.suggested_move(session)
            assert moved.time() == start.time() and is_working_day(moved.date(), nation), (start, moved)
            assert 1 <= _working_days_between(counted_from, moved.date(), nation) <= 5, (start, now, moved)
    # An ordinary week: the same weekday a week on.
    clock.now = datetime(2026, 6, 1, 9)
    assert service.suggested_move(replace(session, scheduled_start=datetime(2026, 6, 3, 14, 30))) == datetime(
        2026, 6, 10, 14, 30)


def test_the_chosen_nation_survives_lock_and_unlock(service) -> None:  # type: ignore[no-untyped-def]
    vault, _code = service.create(PASSPHRASE)
    assert organisation_nation(vault.store) is Nation.ENGLAND_AND_WALES  # until one is chosen
    set_organisation_nation(vault.store, Nation.NORTHERN_IRELAND)
    vault.lock()
    again = service.unlock_with_passphrase(PASSPHRASE)
    try:
        assert organisation_nation(again.store) is Nation.NORTHERN_IRELAND
        assert SessionService(again.store).nation is Nation.NORTHERN_IRELAND
    finally:
        again.lock()


def test_nations_are_named_for_the_command_line() -> None:
    from supervision_app.cli_home import NATION_NAMES

    assert tuple(nation.command_name for nation in Nation) == NATION_NAMES
    assert Nation.from_command_name("Northern-Ireland") is Nation.NORTHERN_IRELAND
    with pytest.raises(ValueError, match="england-and-wales, scotland, northern-ireland"):
        Nation.from_command_name("wales")
    assert non_working_reason(date(2026, 11, 30), Nation.SCOTLAND) == "Saint Andrew's Day, a bank holiday in Scotland"
    assert non_working_reason(date(2026, 11, 28)) == "at the weekend"
    assert working_days_after(date(2026, 12, 24), 2) == date(2026, 12, 30)


def test_a_new_agreements_review_date_is_a_working_day(open_vault) -> None:  # type: ignore[no-untyped-def]
    from supervision_app.services.people import agreement_for

    store = open_vault.store
    person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
    # A year on from Christmas Day 2026 is a Saturday, then Christmas and Boxing Day observed.
    assert agreement_for(store, person, date(2026, 12, 25)).review_date == date(2027, 12, 29)
    set_organisation_nation(store, Nation.SCOTLAND)  # 2 January 2028 is a Sunday: observed on the 4th
    assert agreement_for(store, person, date(2027, 1, 1)).review_date == date(2028, 1, 5)


def test_the_bank_holidays_are_the_holidays_packages_own_for_each_nation() -> None:
    import holidays

    for nation in Nation:
        ours = [(day, bank_holiday(day, nation)) for day in (date(2020, 1, 1) + timedelta(n) for n in range(4018))]
        theirs = holidays.country_holidays("GB", subdiv=nation.value, years=range(2020, 2031))
        assert [(day, name) for day, name in ours if name] == sorted((day, str(name)) for day, name in theirs.items())


def test_where_the_library_is_not_files_its_own_lookup_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A bundle keeps the holidays package's modules in an archive: there is no united_kingdom.py to read.
    import holidays

    from supervision_app.services import working_days

    monkeypatch.setattr(holidays, "__file__", str(tmp_path / "holidays" / "__init__.py"))
    working_days._united_kingdom.cache_clear()
    working_days._bank_holidays.cache_clear()
    try:
        assert bank_holiday(date(2026, 1, 2), Nation.SCOTLAND) is not None
        assert bank_holiday(date(2026, 1, 2), Nation.ENGLAND_AND_WALES) is None
        assert bank_holiday(date(2026, 12, 25), Nation.ENGLAND_AND_WALES) == "Christmas Day"
    finally:
        working_days._united_kingdom.cache_clear()
        working_days._bank_holidays.cache_clear()
