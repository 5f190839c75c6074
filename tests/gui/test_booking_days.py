"""Booking on a weekend or bank holiday of the organisation's nation asks once before it books."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.gui.booking import BookSessionDialog
from supervision_app.gui.session.dates import to_qdatetime
from supervision_app.services.sessions import SessionService
from supervision_app.services.working_days import Nation, set_organisation_nation


def test_a_bank_holiday_of_the_organisations_nation_is_booked_only_when_asked_twice(
        qtbot: QtBot, open_vault) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    set_organisation_nation(store, Nation.SCOTLAND)
    person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
    store.save_agreement(Agreement.default_for(person.id, newly_qualified=True, today=date(2026, 11, 1)))
    dialog = BookSessionDialog(SessionService(store, SettableClock(datetime(2026, 11, 20, 9, 0))), person)
    qtbot.addWidget(dialog)
    dialog.show()
    book = dialog.find(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Ok)
    error = dialog.find(QLabel, "errorLabel")

    dialog.start_edit.setDateTime(to_qdatetime(datetime(2026, 11, 30, 10, 0)))  # St Andrew's Day
    QTest.mouseClick(book, Qt.MouseButton.LeftButton)
    assert error.text() == ("Monday 30 November 2026 is Saint Andrew's Day, a bank holiday in Scotland. "
                            "Select Book again to book it all the same.")
    assert dialog.booked is None and store.list_sessions() == []
    dialog.start_edit.setDateTime(to_qdatetime(datetime(2026, 11, 28, 10, 0)))  # a Saturday: asks again
    QTest.mouseClick(book, Qt.MouseButton.LeftButton)
    assert error.text().startswith("Saturday 28 November 2026 is at the weekend.")
    assert store.list_sessions() == []
    QTest.mouseClick(book, Qt.MouseButton.LeftButton)
    assert dialog.booked is not None and dialog.booked.scheduled_start == datetime(2026, 11, 28, 10, 0)


def test_a_working_day_books_at_once(qtbot: QtBot, open_vault) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    person = store.add_person(NewPerson("Daniel Atić-Lee", PersonRole.SUPERVISEE))
    dialog = BookSessionDialog(SessionService(store, SettableClock(datetime(2026, 11, 20, 9, 0))), person)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_edit.setDateTime(to_qdatetime(datetime(2027, 8, 30, 10, 0)))  # a bank holiday in England only
    QTest.mouseClick(dialog.find(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert dialog.booked is None  # England and Wales by default
    set_organisation_nation(store, Nation.SCOTLAND)
    dialog.start_edit.setDateTime(to_qdatetime(datetime(2027, 8, 30, 10, 30)))
    QTest.mouseClick(dialog.find(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert dialog.booked is not None and dialog.booked.scheduled_start == datetime(2027, 8, 30, 10, 30)
