"""A step never shows "✓ Done" while its own error is on screen; rows stay put when a message comes or goes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supervision_app.domain.record import ActionOwner, ReviewOutcome, TimeProtection
from supervision_app.gui.session import SessionEditor
from tests.gui.leaving import leave

from .conftest import World, click
from .test_full_session import fill_actions, sign_off


def step_text(editor: SessionEditor, page: object) -> str:
    return editor.step_list.item(editor.pages.index(page)).data(Qt.ItemDataRole.AccessibleTextRole)


def test_setting_is_not_done_while_the_end_is_before_the_start(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.setting_page
    qtbot.keyClicks(page.present_edit, "Both of us")
    click(qtbot, page.private_check)
    click(qtbot, page.protection_radios[TimeProtection.PROTECTED])
    page.start_edit.setTime(QTime(10, 0))
    page.end_edit.setTime(QTime(11, 30))
    assert step_text(editor, page) == "Setting — done"
    page.end_edit.setTime(QTime(9, 30))
    assert not page.end_error_label.isHidden()
    assert step_text(editor, page) == "Setting — started"
    assert "✓" not in editor.step_list.item(0).text()


def test_actions_are_not_done_while_an_owner_is_unnamed(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.actions_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.rows[0].text_edit, "Update the rota")
    assert step_text(editor, page) == "Agreed actions — done"
    page.rows[0].owner_combo.setCurrentIndex(page.rows[0].owner_combo.findData(ActionOwner.OTHER.value))
    leave(page.rows[0].owner_combo)  # a row's problems show once the person leaves it
    assert page.rows[0].problem_label.text() == "Name the person who owns this action."
    assert step_text(editor, page) == "Agreed actions — started"


def test_previous_actions_are_not_done_while_a_drop_has_no_reason(
        qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    fill_actions(qtbot, editor)
    sign_off(qtbot, editor)
    assert editor.booked_next is not None
    world.clock.now = datetime(2026, 12, 22, 10, 0)
    later = make_editor(editor.booked_next.id)
    review = later.review_page
    for row, outcome in zip(review.rows, (ReviewOutcome.DROPPED, ReviewOutcome.DONE), strict=True):
        row.outcome_combo.setCurrentIndex(row.outcome_combo.findData(outcome.value))
    leave(review.rows[0].outcome_combo)
    assert review.rows[0].problem_label.text() == "Give a reason for dropping this action."
    assert step_text(later, review) == "Previous actions — started"
    qtbot.keyClicks(review.rows[0].reason_edit, "Not needed now")
    assert step_text(later, review) == "Previous actions — done"


def top_of(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).y()


def test_rows_stay_put_when_a_message_appears_or_goes(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.actions_page
    editor.go_to(editor.page_index(page))
    for text in ("Send the chronology", "Book the course"):
        click(qtbot, page.add_button)
        qtbot.keyClicks(page.rows[-1].text_edit, text)
    qtbot.wait(10)
    second = page.rows[1].text_edit
    before = top_of(second)
    page.rows[0].text_edit.clear()  # "Say what the action is, or remove it." appears under row 1
    leave(page.rows[0].text_edit)
    qtbot.wait(10)
    assert not page.rows[0].problem_label.isHidden()
    assert top_of(second) == before
    qtbot.keyClicks(page.rows[0].text_edit, "Jo Bloggs visit")  # a full-name warning comes, the error goes
    qtbot.wait(10)
    assert page.rows[0].problem_label.isHidden()
    assert top_of(second) == before
