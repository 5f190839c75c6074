"""Keyboard alone in the session editor: every step walked with Tab and Shift+Tab, with rows in it."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.gui.session import SessionEditor
from tests.gui.keyboard import OutOfOrder, check_focus_chain, dead_mnemonics, mnemonic_clashes

from .conftest import World, click
from .test_full_session import fill_actions, fill_agenda, fill_discussion, fill_flags, sign_off

# Tab steps that go against the reading order on purpose.
OUT_OF_ORDER = [
    OutOfOrder("rationaleEdit", "removeButton",
               "a decision's Remove sits beside it but comes after its rationale: Tab fills the row first"),
]


def with_rows(qtbot: QtBot, editor: SessionEditor) -> None:
    """Two agenda items, a decision, three flags and two actions: rows added after the page was built."""
    fill_agenda(qtbot, editor)
    fill_discussion(qtbot, editor)
    fill_flags(qtbot, editor)
    fill_actions(qtbot, editor)


def walk_every_step(editor: SessionEditor) -> None:
    for index, page in enumerate(editor.pages):
        editor.go_to(index)
        QApplication.processEvents()
        try:
            check_focus_chain(editor, editor.step_list, out_of_order=OUT_OF_ORDER)
            assert mnemonic_clashes(editor) == []
            assert dead_mnemonics(editor) == []
        except AssertionError as error:
            raise AssertionError(f"On the step {page.title!r}: {error}") from error


def test_every_step_of_a_new_session(make_editor) -> None:
    walk_every_step(make_editor())


def test_every_step_with_rows_added(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    with_rows(qtbot, editor)
    walk_every_step(editor)


def test_every_step_of_the_next_session_with_actions_to_review(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    fill_agenda(qtbot, editor)
    fill_actions(qtbot, editor)
    sign_off(qtbot, editor)
    walk_every_step(editor)  # signed off: read only, with the addenda
    assert editor.booked_next is not None
    world.clock.now = datetime(2026, 12, 22, 10, 0)
    walk_every_step(make_editor(editor.booked_next.id))


def focus(widget: QWidget) -> None:
    widget.window().activateWindow()
    QTest.qWaitForWindowActive(widget.window(), 2000)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is widget


@pytest.mark.parametrize("shown", ["Not started", "Not ended"])
def test_tab_leaves_a_time_that_is_not_set(make_editor, shown: str) -> None:
    """Seen: "Ended at" showing "Not ended" kept Tab for ever, so nothing after it could be reached."""
    editor = make_editor()
    editor.go_to(0)
    page = editor.setting_page
    field = page.start_edit if shown == "Not started" else page.end_edit
    assert field.text() == shown
    focus(field)
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is (page.start_button if field is page.start_edit else page.end_button)
    focus(field)
    QTest.keyClick(field, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not field


def test_tab_still_moves_between_hours_and_minutes_of_a_time(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    editor.go_to(0)
    page = editor.setting_page
    click(qtbot, page.start_button)
    focus(page.start_edit)
    QTest.keyClick(page.start_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.start_edit  # on to the minutes
    QTest.keyClick(page.start_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.start_button


def test_the_cancel_or_move_dialog(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    dialog = editor.open_cancel_dialog()
    qtbot.waitExposed(dialog)
    check_focus_chain(dialog)
    assert mnemonic_clashes(dialog) == [] and dead_mnemonics(dialog) == []
    click(qtbot, dialog.find(QCheckBox, "rebookCheck"))
    check_focus_chain(dialog)
