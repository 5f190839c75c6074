"""Plain messages, shown where the problem is; warnings can be overridden, blocks cannot."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from supervision_app.domain.record import Signatory
from tests.gui.leaving import leave

from .conftest import Answers, World, click


def test_an_end_time_before_the_start_is_shown_under_the_end_time(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.setting_page
    page.start_edit.setTime(QTime(10, 0))
    assert page.end_error_label.isHidden()
    page.end_edit.setTime(QTime(9, 30))
    assert not page.end_error_label.isHidden()
    assert page.end_error_label.text() == "The end time is before the start time."
    assert "The end time is before the start time." in page.end_edit.accessibleDescription()
    assert editor.record.setting.ended_at == datetime(2026, 11, 24, 9, 30)
    page.end_edit.setTime(QTime(11, 30))
    assert page.end_error_label.isHidden()


def test_an_empty_action_blocks_sign_off_with_the_message_beside_it(
        qtbot: QtBot, make_editor, world: World, answers: Answers) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.actions_page))
    click(qtbot, editor.actions_page.add_button)
    row = editor.actions_page.rows[0]
    assert row.problem_label.isHidden()  # a new, empty row is not yet a mistake
    leave(row.text_edit)  # left empty: now it is
    assert row.problem_label.text() == "Say what the action is, or remove it."
    assert not row.problem_label.isHidden()

    page = editor.sign_off_page
    editor.go_to(editor.page_index(page))
    assert page.blocking_label.text() == ("Needed before sign-off:\n"
                                          "• Agreed actions: Say what the action is, or remove it.")
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert "Say what the action is, or remove it." in page.confirm_error_label.text()
    assert not page.confirm_error_label.isHidden()
    assert editor.record.confirmations == [] and answers.asked == []
    assert world.service.store.load_record(world.session.id).confirmations == []

    # Removing the empty action clears the block.
    editor.go_to(editor.page_index(editor.actions_page))
    click(qtbot, editor.actions_page.rows[0].remove_button)
    editor.go_to(editor.page_index(page))
    assert page.blocking_label.isHidden()
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert editor.record.confirmation_of(Signatory.SUPERVISOR) is not None


def test_a_due_date_in_the_past_warns_and_sign_off_asks_first(
        qtbot: QtBot, make_editor, world: World, answers: Answers) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.actions_page))
    click(qtbot, editor.actions_page.add_button)
    row = editor.actions_page.rows[0]
    qtbot.keyClicks(row.text_edit, "Send the chronology")
    click(qtbot, row.due_check)
    row.due_edit.setDate(date(2026, 11, 24) - timedelta(days=3))
    assert row.problem_label.isHidden()  # said when the person leaves the row
    leave(row.due_edit)
    assert row.problem_label.text() == "Warning: The due date is in the past."
    assert not row.problem_label.isHidden()

    page = editor.sign_off_page
    editor.go_to(editor.page_index(page))
    assert page.blocking_label.isHidden()
    assert page.warnings_label.text() == ("Warnings (you can still sign off):\n"
                                         "• Agreed actions: The due date is in the past.")
    answers.sign_off_anyway = False
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert answers.asked == ["Sign off anyway?\n• Agreed actions: The due date is in the past."]
    assert editor.record.confirmations == []
    answers.sign_off_anyway = True
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert editor.record.confirmation_of(Signatory.SUPERVISOR) is not None
    assert world.service.store.load_record(world.session.id).confirmation_of(Signatory.SUPERVISOR) is not None


def test_a_change_after_one_confirmation_withdraws_it(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.sign_off_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert page.status_labels[Signatory.SUPERVISOR].text().startswith("Agreed record")
    qtbot.keyClicks(page.comment_edit, "One more thing")
    assert editor.record.confirmations == []
    assert page.status_labels[Signatory.SUPERVISOR].text() == "Not confirmed yet."
    assert "Aisha Rahman confirmed" in page.changed_label.text()


def test_a_full_name_in_the_discussion_is_a_warning_not_a_block(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.agenda_page))
    click(qtbot, editor.agenda_page.add_button)
    qtbot.keyClicks(editor.agenda_page.rows[0].title_edit, "A home visit")
    page = editor.discussion_page
    editor.go_to(editor.page_index(page))
    notes = page.text_edits["notes"]
    warning = page.find_child(QLabel, "notesWarningLabel")
    qtbot.keyClicks(notes, "Visited Jordan Blake today")
    assert warning.isHidden()  # not while still typing
    leave(notes)
    assert not warning.isHidden()
    assert warning.text() == "This looks like a full name: “Jordan Blake”. Use initials or a case reference."
    assert editor.record.agenda[0].notes == "Visited Jordan Blake today"  # kept as typed
    notes.clear()
    qtbot.keyClicks(notes, "Home visit to J.B. with Aisha Rahman")  # initials, and the supervisor's own name
    assert warning.isHidden()
    assert editor.record.agenda[0].notes == "Home visit to J.B. with Aisha Rahman"


def test_initials_after_a_capitalised_word_are_not_a_full_name(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.agenda_page))
    click(qtbot, editor.agenda_page.add_button)
    page = editor.discussion_page
    editor.go_to(editor.page_index(page))
    qtbot.keyClicks(page.text_edits["notes"], "Visited J.B. today")
    assert page.find_child(QLabel, "notesWarningLabel").isHidden()


def test_a_full_name_in_an_agenda_title_is_flagged_beside_the_item(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.agenda_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.add_button)
    row = page.rows[0]
    qtbot.keyClicks(row.wanted_edit, "Talk about Sam Taylor and the court date")
    leave(row.wanted_edit)
    warning = row.title_edit.parentWidget().findChild(QLabel, "warningLabel")
    assert warning is not None and not warning.isHidden()
    assert warning.text() == "This looks like a full name: “Sam Taylor”. Use initials or a case reference."
    assert "This looks like a full name" in row.wanted_edit.accessibleDescription()
