"""Each step's page is built when it is first shown, and the supervisee's history is read once per editor."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from supervision_app.domain import rules
from supervision_app.domain.record import ActionOwner, ReviewOutcome
from supervision_app.gui.session import SessionEditor
from tests.gui.keyboard import check_focus_chain

from .conftest import World, click
from .test_full_session import fill_actions, fill_agenda, sign_off
from .test_keyboard import OUT_OF_ORDER


def built(editor: SessionEditor) -> list[str]:
    """The titles of the steps whose page is built."""
    stack = editor.step_stack
    scrolls = [stack.widget(index) for index in range(stack.count())]
    return [scroll.accessibleName() for scroll in scrolls if isinstance(scroll, QScrollArea) and scroll.widget()]


def step_words(editor: SessionEditor) -> list[str]:
    return [editor.step_list.item(index).data(Qt.ItemDataRole.AccessibleTextRole)
            for index in range(editor.step_list.count())]


@pytest.fixture
def history_reads(world: World, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The supervisee ids the record store's ``history`` is asked for, from now on."""
    store = world.service.store
    reads: list[int] = []
    history: Callable[[int], object] = store.history

    def counted(supervisee_id: int) -> object:
        reads.append(supervisee_id)
        return history(supervisee_id)

    monkeypatch.setattr(store, "history", counted)
    return reads


def test_opening_a_session_builds_only_the_step_it_shows(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    assert built(editor) == ["Setting"]
    assert step_words(editor)[2:4] == ["Agenda — not started", "Discussion — not started"]
    editor.go_to(editor.page_index(editor.agenda_page))
    assert built(editor) == ["Setting", "Agenda"]
    assert editor.step_stack.currentWidget().widget() is editor.agenda_page


def test_steps_not_built_yet_show_how_far_they_have_got(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    fill_actions(qtbot, editor)
    editor.flush()
    again = make_editor()
    assert built(again) == ["Setting"]
    assert step_words(again)[7] == "Agreed actions — done"
    assert step_words(again)[8] == "Next session — done"  # booked on the cadence when first opened


def test_a_page_built_later_gets_the_checks_problems(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    fill_actions(qtbot, editor)
    row = editor.actions_page.rows[1]
    row.owner_name_edit.clear()
    editor.flush()
    again = make_editor()
    assert "Agreed actions — started" in step_words(again)  # an owner is not named: not done
    page = again.actions_page
    again.go_to(again.page_index(page))
    row = page.rows[1]
    assert row.action.owner is ActionOwner.OTHER
    assert row.problem_label.text() == "Name the person who owns this action."  # found on opening


def test_pages_built_in_any_order_keep_the_tab_order(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    for index in (9, 7, 2, 0, 4, 1, 8, 3, 6, 5):  # each built as it is first shown
        editor.go_to(index)
        QApplication.processEvents()
        try:
            check_focus_chain(editor, editor.step_list, out_of_order=OUT_OF_ORDER)
        except AssertionError as error:
            raise AssertionError(f"On step {index + 1}: {error}") from error


def test_the_history_is_read_once_however_often_sign_off_is_shown(
        qtbot: QtBot, make_editor, world: World, history_reads: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    editor = make_editor()
    fill_agenda(qtbot, editor)
    fill_actions(qtbot, editor)
    sign_off(qtbot, editor)
    assert editor.booked_next is not None
    history_reads.clear()
    later = make_editor(editor.booked_next.id)  # a booked session: opening it reads the history to carry forward
    opened = len(history_reads)
    for _ in range(3):
        later.go_to(later.page_index(later.review_page))
        later.go_to(later.page_index(later.sign_off_page))
    assert len(history_reads) == opened + 1  # once for the editor, shared by the two steps
    replays: list[object] = []
    replay = rules._replay
    monkeypatch.setattr(rules, "_replay", lambda ordered: replays.append(ordered) or replay(ordered))
    later.go_to(0)
    later.go_to(later.page_index(later.sign_off_page))
    assert replays == []  # the summary uses the open actions the editor already has
    review = later.review_page.rows[0]
    assert review.action_label.text() == "1. Book the court skills course"
    review.outcome_combo.setCurrentIndex(review.outcome_combo.findData(ReviewOutcome.DONE.value))
    later.go_to(later.page_index(later.sign_off_page))
    assert "Book the court skills course" in later.sign_off_page.summary_browser.toPlainText()
    assert len(history_reads) == opened + 1


def test_after_cancelling_the_summary_says_when_it_was_rebooked_for(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.sign_off_page))  # the history is read for the summary
    dialog = editor.open_cancel_dialog()
    qtbot.keyClicks(dialog.reason_edit, "Called to court")
    click(qtbot, dialog.rebook_check)
    click(qtbot, dialog.confirm_button)
    assert editor.rebooked is not None
    editor.go_to(0)
    editor.go_to(editor.page_index(editor.sign_off_page))
    text = editor.sign_off_page.summary_browser.toPlainText()
    assert "Rebooked for" in text
    assert editor.sign_off_page.comment_edit.isReadOnly()
