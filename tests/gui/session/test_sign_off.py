"""Seen: the check-in was "Started" and the second confirmation locked the record straight away."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from supervision_app.domain.record import Signatory
from supervision_app.gui.session import SessionEditor

from .conftest import Answers, World, click

LOCKING = "Once you have both confirmed, the record is locked: later changes are dated addenda."


def start_the_checkin(qtbot: QtBot, editor: SessionEditor) -> None:
    editor.go_to(editor.page_index(editor.checkin_page))
    qtbot.keyClicks(editor.checkin_page.opening_edit, "A hard month.")


def test_the_summary_shows_each_confirmation_as_soon_as_it_is_made(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.sign_off_page
    editor.go_to(editor.page_index(page))
    assert "Agreed record" not in page.summary_browser.toPlainText()
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert "Agreed record, Tuesday 24 November 2026" in page.summary_browser.toPlainText()
    qtbot.keyClicks(page.comment_edit, "x")  # a change withdraws it, from the summary too
    assert "Agreed record" not in page.summary_browser.toPlainText()


def test_the_second_confirmation_asks_once_naming_the_steps_not_done(
        qtbot: QtBot, make_editor, answers: Answers) -> None:
    editor = make_editor()
    start_the_checkin(qtbot, editor)
    page = editor.sign_off_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert answers.asked == []  # the first confirmation locks nothing
    answers.sign_off_anyway = False
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISEE])
    assert len(answers.asked) == 1
    question = answers.asked[0]
    assert question.startswith("Confirm and lock the record?\nSteps not done:\n")
    assert "• Wellbeing check-in: started" in question and "• Setting: not started" in question
    assert "Sign-off" not in question and question.endswith(LOCKING)
    assert not editor.read_only and editor.record.confirmation_of(Signatory.SUPERVISEE) is None
    assert editor.record.confirmation_of(Signatory.SUPERVISOR) is not None  # going back keeps the first

    answers.sign_off_anyway = True
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISEE])
    assert len(answers.asked) == 2 and editor.read_only and editor.record.signed_off


def test_with_warnings_the_second_confirmation_still_asks_only_once(
        qtbot: QtBot, make_editor, world: World, answers: Answers) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.actions_page))
    click(qtbot, editor.actions_page.add_button)
    row = editor.actions_page.rows[0]
    qtbot.keyClicks(row.text_edit, "Send the chronology")
    click(qtbot, row.due_check)
    row.due_edit.setDate(date(2026, 11, 24) - timedelta(days=3))
    page = editor.sign_off_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert answers.asked == ["Sign off anyway?\n• Agreed actions: The due date is in the past."]
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISEE])
    assert len(answers.asked) == 2
    assert "Warnings:\n• Agreed actions: The due date is in the past." in answers.asked[1]
    assert editor.record.signed_off
