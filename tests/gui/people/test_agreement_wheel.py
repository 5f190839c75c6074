"""Seen: scrolling the agreement with the wheel turned its standard length from 90 to 15 minutes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock
from supervision_app.content import ToolkitContent
from supervision_app.domain.model import Person
from supervision_app.gui.booking import BookSessionDialog
from supervision_app.services.sessions import SessionService
from supervision_app.storage.records import SqlRecordStore
from tests.gui.people.test_agreement_dialog import open_dialog, supervisee  # noqa: F401 (a fixture)
from tests.gui.wheel_helpers import changed_by_wheel, wheel


def test_the_standard_length_stays_while_the_agreement_scrolls_and_the_booking_uses_it(
        qtbot: QtBot, store: SqlRecordStore, content: ToolkitContent, supervisee: Person) -> None:  # noqa: F811
    dialog = open_dialog(qtbot, store, content, supervisee)
    dialog.resize(dialog.width(), 400)  # short enough to scroll
    assert dialog.length_spin.value() == 90
    dialog.length_spin.clearFocus()
    for _ in range(8):
        wheel(dialog.length_spin, -1)
    assert dialog.length_spin.value() == 90
    assert dialog.scroll_area.verticalScrollBar().value() > 0  # the wheel scrolled the form instead
    assert changed_by_wheel(dialog) == []
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    agreement = store.get_agreement(supervisee.id)
    assert agreement is not None and agreement.length_minutes == 90

    service = SessionService(store, SettableClock(datetime(2026, 11, 24, 9, 0)))
    booking = BookSessionDialog(service, supervisee)
    qtbot.addWidget(booking)
    booking.show()
    booking.start_edit.clearFocus()
    assert changed_by_wheel(booking) == []
    book = booking.find(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(book, Qt.MouseButton.LeftButton)
    assert booking.booked is not None and booking.booked.duration_minutes == 90
