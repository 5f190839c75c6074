"""A whole session by keyboard alone: unlock, choose, open, fill, sign off, and sign the note. No mouse.

Only keys go in: Tab, Shift+Tab, the arrows, Space, Return, typing, Alt+letter
and the shortcuts the README and menus list (Ctrl+O, Ctrl+PgDown, Ctrl+P, Ctrl+W).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock as Clock
from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import TimeProtection
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.notes import NoteDialog
from supervision_app.gui.services import AppServices
from supervision_app.gui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.gui.conftest import DEMO_TODAY

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    QTest.keyClick(focused(), key, modifiers)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def tab_to(target: QWidget | Callable[[QWidget], bool], backwards: bool = False, limit: int = 300) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus."""
    def reached() -> bool:
        widget = QApplication.focusWidget()
        if widget is None:
            return False
        return target(widget) if callable(target) and not isinstance(target, QWidget) else widget is target
    for _ in range(limit):
        if reached():
            return
        if backwards:
            press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target}")


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class KeyboardAnswers:
    """Answers each question box by keyboard: Tab to the button named, then Space."""

    def __init__(self, *answers: str) -> None:
        self.answers = answers
        self.asked: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._answer)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        if not box.isAncestorOf(QApplication.focusWidget()):
            # What a window system does as the box opens: it becomes the active window (then try again).
            box.activateWindow()
            return
        self.asked.append(box.text())
        for _ in range(10):
            widget = focused()
            if isinstance(widget, QAbstractButton) and plain(widget.text()) in self.answers:
                QTest.keyClick(widget, Qt.Key.Key_Space)
                return
            QTest.keyClick(widget, Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached any of {self.answers!r} in {box.text()!r}")


def back_to(window: QWidget) -> None:
    """Offscreen, a closed box leaves the focus on its hidden button: a window system gives it back to ``window``."""
    window.activateWindow()
    window.raise_()
    QTest.qWait(20)
    if not window.isAncestorOf(QApplication.focusWidget()):
        previous = window.focusWidget()
        assert previous is not None
        previous.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    assert window.isAncestorOf(focused())


# Menus opened offscreen say they cannot raise themselves or grab the keyboard.
@pytest.mark.qt_log_ignore("^This plugin does not support (raise|grabbing the keyboard)", extend=True)
def test_a_whole_session_by_keyboard_alone(qtbot: QtBot, make_controller, gui_services: AppServices,
                                           demo_vault: str) -> None:
    clock = Clock(datetime.combine(DEMO_TODAY, datetime.min.time()) + timedelta(hours=9))
    gui_services.clock = clock
    controller = make_controller(gui_services)
    controller.start()
    unlock = controller.dialog
    assert isinstance(unlock, UnlockDialog)
    qtbot.waitExposed(unlock)
    unlock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is unlock.passphrase_edit)
    type_text(PASSPHRASE)
    press(Qt.Key.Key_Return)

    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)

    # The app opens on Home, the rows in focus; Ctrl+Tab goes to the next page, "People I supervise".
    assert focused() is main.home.page.tree
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert main.main_tabs.currentWidget() is main.supervising.tab
    # Choose Zoë in the people list (Alt+L), then her session of today in the sessions (Alt+E); Ctrl+O opens it.
    press(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert focused() is main.supervising.people_list
    press(Qt.Key.Key_Home)
    for _ in range(10):
        person = main.selected_person()
        if person is not None and person.name == "Zoë Whitfield":
            break
        press(Qt.Key.Key_Down)
    press(Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert focused() is main.supervising.sessions_table
    press(Qt.Key.Key_Home)
    for _ in range(20):
        session = main.supervising.selected_session()
        if session is not None and session.status is SessionStatus.DRAFT:
            break
        press(Qt.Key.Key_Down)
    session = main.supervising.selected_session()
    assert session is not None and session.status is SessionStatus.DRAFT
    clock.now = session.scheduled_start
    press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    editor = main.editor
    assert editor is not None and editor.session_id == session.id

    # Setting: who is present, the private space, started and ended now, protected time.
    while editor.step_list.currentRow() > 0:
        press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    setting = editor.setting_page
    tab_to(setting.present_edit)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("Both of us")
    press(Qt.Key.Key_Tab)
    assert focused() is setting.more["who"].button  # Fig. 6, opened and closed with Space
    press(Qt.Key.Key_Space)
    assert setting.more["who"].body.isVisible()
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Tab)
    assert focused() is setting.private_check
    if not setting.private_check.isChecked():
        press(Qt.Key.Key_Space)
    tab_to(setting.start_button)
    press(Qt.Key.Key_Space)
    clock.now = session.scheduled_start + timedelta(minutes=85)
    tab_to(setting.end_button)
    press(Qt.Key.Key_Space)
    tab_to(lambda w: w in setting.protection_radios.values())
    for _ in range(3):
        if setting.protection_radios[TimeProtection.PROTECTED].isChecked():
            break
        press(Qt.Key.Key_Right)
    tab_to(setting.cancel_button)  # reachable now (seen: it was not)
    record = editor.record
    assert record.setting.present == "Both of us" and record.setting.private_space_confirmed
    assert record.setting.started_at == session.scheduled_start
    assert record.setting.ended_at == session.scheduled_start + timedelta(minutes=85)
    assert record.setting.time_protection is TimeProtection.PROTECTED

    # Agenda: a new item with Space on "Add", its title typed straight away.
    def go_to_step(page: QWidget) -> None:
        target = editor.pages.index(page)  # type: ignore[arg-type]
        while editor.step_list.currentRow() < target:
            press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert editor.step_list.currentRow() == target

    agenda = editor.agenda_page
    go_to_step(agenda)
    items = len(agenda.rows)
    tab_to(agenda.add_button)
    press(Qt.Key.Key_Space)
    assert len(agenda.rows) == items + 1 and focused() is agenda.rows[-1].title_edit
    type_text("Court skills")

    # Check-in: the opening answer, then Tab goes down to the ratings (seen: it jumped to the stressors).
    checkin = editor.checkin_page
    go_to_step(checkin)
    tab_to(checkin.opening_edit)
    type_text("Tired but coping.")
    press(Qt.Key.Key_Tab)
    assert focused() is checkin.hse_rows[0].rating_combo
    press(Qt.Key.Key_Down)
    assert record.checkin.opening == "Tired but coping."

    # Sign-off: each confirms with Space; the warnings are answered by keyboard too.
    signoff = editor.sign_off_page
    go_to_step(signoff)
    answers = KeyboardAnswers("Sign off anyway", "Confirm and lock")
    try:
        for signatory, button in signoff.confirm_buttons.items():
            tab_to(button)
            press(Qt.Key.Key_Space)
            qtbot.waitUntil(lambda s=signatory: any(c.signatory is s for c in editor.record.confirmations))
            back_to(main.window)
    finally:
        answers.stop()
    assert editor.record.signed_off and editor.read_only

    # The signed note (Ctrl+P): sign as supervisor by keyboard, then close it.
    press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    note = main.window.findChild(NoteDialog)
    assert note is not None
    qtbot.waitExposed(note)
    back_to(note)
    answers = KeyboardAnswers("Sign the note")
    try:
        tab_to(note.sign_supervisor_button)
        press(Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: main.note_service.signed_note(session.id) is not None, timeout=20000)
    finally:
        answers.stop()
    back_to(note)
    tab_to(note.close_button)
    press(Qt.Key.Key_Space)
    assert not note.isVisible()

    # Ctrl+W goes back to the list of sessions.
    back_to(main.window)
    press(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert main.editor is None
