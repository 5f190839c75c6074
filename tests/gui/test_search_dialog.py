"""Session → Search… (Ctrl+F): type, filter, and Enter on a result opens its session at that item's step."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import NewPerson, PersonRole, SessionStatus
from supervision_app.domain.record import AgendaItem, SessionRecord
from supervision_app.domain.search import SearchKind
from supervision_app.gui.search.dialog import ALL_KINDS, EVERYONE, PAGE, SNIPPET_COLUMN, SearchDialog, go_to_step
from supervision_app.gui.services import AppServices
from supervision_app.gui.session.actions import ActionsPage
from supervision_app.gui.session.editor import STEPS
from supervision_app.gui.session.learning import LearningPage
from supervision_app.gui.session.page import Page
from supervision_app.services.people import add_supervisee
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import OpenVault
from tests.conftest import PASSPHRASE


def open_search(qtbot: QtBot, make_controller, gui_services: AppServices):  # type: ignore[no-untyped-def]
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    qtbot.waitExposed(main.window)
    main.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main.window)
    main.supervising.people_list.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or main.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = main.window.findChild(SearchDialog)
    assert dialog is not None and dialog.isVisible()
    return main, dialog


def test_ctrl_f_finds_court_skills_and_enter_opens_the_session_at_that_step(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    main, dialog = open_search(qtbot, make_controller, gui_services)
    assert main.action_search.shortcut().toString() == "Ctrl+F"
    assert dialog.supervisee_combo.currentText() == EVERYONE and dialog.kind_combo.currentText() == ALL_KINDS
    qtbot.keyClicks(dialog.query_edit, "court skill")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    rows = [[*(dialog.results.topLevelItem(i).text(c) for c in range(3)), dialog.snippet(i)]  # type: ignore[union-attr]
            for i in range(dialog.results.topLevelItemCount())]
    assert ["Zoë Whitfield", "Action", "Book the court skills course"] in [row[1:] for row in rows]
    assert any(row[2] == "Agenda item" and row[3].startswith("Court skills") for row in rows)
    assert dialog.status_label.text().startswith(f"{len(rows)} found")

    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SearchKind.ACTION.value))
    dialog.search_button.click()
    assert dialog.results.topLevelItemCount() == 1
    hit = dialog.hits[0]
    dialog.results.setFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    editor = main.editor
    assert editor is not None and editor.session_id == hit.session_id
    assert STEPS[editor.step_list.currentRow()].title == "Agreed actions"
    # Only that step's page is built (and the one the editor opened on): the others wait to be shown.
    built = {type(page) for page in editor.findChildren(Page)}
    assert ActionsPage in built and len(built) <= 2


def test_going_to_a_step_builds_that_page_alone(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    draft = next(s for s in main.store.list_sessions() if s.status is SessionStatus.DRAFT)
    main.return_to((draft.id, 0))
    editor = main.editor
    assert editor is not None
    before = {type(page) for page in editor.findChildren(Page)}
    assert LearningPage not in before
    go_to_step(editor, "Learning and CPD")
    assert STEPS[editor.step_list.currentRow()] is LearningPage
    assert {type(page) for page in editor.findChildren(Page)} == before | {LearningPage}
    go_to_step(editor, "No such step")  # nothing happens
    assert STEPS[editor.step_list.currentRow()] is LearningPage


def test_nothing_to_find_and_filters_that_exclude_everything_say_so(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    _main, dialog = open_search(qtbot, make_controller, gui_services)
    for query in ("", '"*()', "\u202e"):
        dialog.query_edit.setText(query)
        dialog.search_button.click()
        assert dialog.status_label.text() == "Type a word to find (letters or numbers)."
    dialog.query_edit.setText("court")
    ben = dialog.supervisee_combo.findText("Ben Carter", Qt.MatchFlag.MatchContains)
    if ben >= 0:
        dialog.supervisee_combo.setCurrentIndex(ben)
    else:  # (the demo's other supervisees: one without a court hearing)
        dialog.supervisee_combo.setCurrentIndex(dialog.supervisee_combo.count() - 1)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SearchKind.ADDENDUM.value))
    dialog.search_button.click()
    assert dialog.results.topLevelItemCount() == 0 and dialog.status_label.text() == "Nothing found."
    assert not dialog.open_button.isEnabled()
    QApplication.processEvents()


def test_what_was_just_typed_in_the_open_session_is_found(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    draft = next(s for s in main.store.list_sessions() if s.status is SessionStatus.DRAFT)
    main.return_to((draft.id, 0))
    editor = main.editor
    assert editor is not None
    go_to_step(editor, "Learning and CPD")
    learning = editor.findChild(QPlainTextEdit, "learningEdit")
    assert learning is not None
    learning.setFocus()
    qtbot.keyClicks(learning, " Walrus")
    assert editor.dirty  # (not saved yet: the autosave waits a moment)
    main.action_search.trigger()
    dialog = main.window.findChild(SearchDialog)
    assert dialog is not None
    dialog.query_edit.setText("walrus")
    dialog.run_search()
    assert [(hit.session_id, hit.kind) for hit in dialog.hits] == [(draft.id, SearchKind.LEARNING)]
    dialog.close()


def test_a_page_of_hits_at_a_time_and_a_snippet_made_only_for_a_row_painted_or_made_current(
        qtbot: QtBot, open_vault: OpenVault) -> None:
    """Many hits: the newest PAGE are listed (Show more adds the next), and only the rows painted have their
    snippet made; a row out of view gets it when it is made current (a screen reader reads it out)."""
    store = open_vault.store
    at = datetime(2026, 11, 24, 10, 0)
    sessions = SessionService(store, clock=lambda: at)
    person = add_supervisee(store, NewPerson("Ben Carter", PersonRole.SUPERVISEE), today=at.date())
    for weeks in range(PAGE + 3):
        booked = sessions.book(person.id, at - timedelta(weeks=weeks))
        sessions.save_draft(booked.id, SessionRecord(agenda=[AgendaItem(f"Court skills, week {weeks}")]))
    dialog = SearchDialog(store, at.date())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.query_edit.setText("court")
    dialog.run_search()
    results = dialog.results

    def snippet(row: int) -> str:
        item = results.topLevelItem(row)
        assert item is not None
        return item.text(SNIPPET_COLUMN)

    assert results.topLevelItemCount() == PAGE and dialog.more_button.isVisible()
    assert dialog.status_label.text().startswith(f"{PAGE} shown, newest first; older ones too: Show more")
    assert snippet(0) == ""  # (not painted yet)
    qtbot.waitUntil(lambda: snippet(0) == "Court skills, week 0")
    last = PAGE - 1
    assert results.visualItemRect(results.topLevelItem(last)).top() > results.viewport().height()  # out of view
    assert snippet(last) == ""
    results.setFocus()
    results.setCurrentItem(results.topLevelItem(last))
    assert snippet(last) == f"Court skills, week {last}"
    assert dialog.snippet(last - 1) == f"Court skills, week {last - 1}"  # (made when asked)

    qtbot.keyClick(dialog.more_button, Qt.Key.Key_Space)
    assert results.topLevelItemCount() == PAGE + 3 and not dialog.more_button.isVisible()
    assert [hit.session_start for hit in dialog.hits] == [at - timedelta(weeks=w) for w in range(PAGE + 3)]
    assert dialog.status_label.text().startswith(f"{PAGE + 3} found, newest first. Press Enter")
    assert dialog.snippet(PAGE + 2) == f"Court skills, week {PAGE + 2}"
    dialog.close()
