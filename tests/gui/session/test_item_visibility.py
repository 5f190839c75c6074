"""Each agenda item's visibility is chosen on the Discussion step, by keyboard alone, as a flag's is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.domain.record import Visibility
from supervision_app.services.note import DISCUSSED_ITEM, note_for_session, render_text

from .conftest import World
from .test_full_session import fill_agenda


def test_an_items_visibility_is_chosen_by_keyboard_and_reaches_the_note(qtbot: QtBot, make_editor,
                                                                        world: World) -> None:
    editor = make_editor()
    fill_agenda(qtbot, editor)
    page = editor.discussion_page
    editor.go_to(editor.page_index(page))
    assert page.visibility_combo.currentText() == "On the record"  # the default: as every item before
    assert page.visibility_combo.accessibleName() == "Visibility of the item and its discussion"
    # Tab from the case reference reaches the choice; Alt+V (its label) too.
    editor.activateWindow()
    QTest.qWaitForWindowActive(editor, 2000)
    page.case_edit.setFocus()
    qtbot.keyClick(page.case_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.visibility_combo
    page.text_edits["notes"].setFocus()
    qtbot.keyClick(page.text_edits["notes"], Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.visibility_combo
    qtbot.keyClick(page.visibility_combo, Qt.Key.Key_Up)  # on the record -> discussed
    assert page.item.visibility is Visibility.DISCUSSED
    assert page.item_combo.currentText() == "1. Caseload (discussed, not on the record)"
    assert "discussed" in page.visibility_help.text().lower()
    qtbot.keyClicks(page.text_edits["notes"], "Detail kept off the record")

    page.item_combo.setCurrentIndex(1)
    assert page.visibility_combo.currentText() == "On the record"  # each item has its own
    page.visibility_combo.setFocus()
    qtbot.keyClick(page.visibility_combo, Qt.Key.Key_Home)  # private
    assert page.item_combo.currentText() == "2. Court skills (not reached) (private)"
    assert editor.flush()

    record = world.service.store.load_record(world.session.id)
    assert [item.visibility for item in record.agenda] == [Visibility.DISCUSSED, Visibility.PRIVATE]
    note = render_text(note_for_session(world.service.store, world.session.id))
    assert "1. Caseload" in note and DISCUSSED_ITEM in note
    assert "Detail kept off the record" not in note and "Court skills" not in note
    # Choosing the first item again shows its own choice.
    page.item_combo.setCurrentIndex(0)
    assert page.visibility_combo.currentText() == "Discussed"
    # The Agenda step says which items are kept off the record.
    editor.go_to(editor.page_index(editor.agenda_page))
    assert [row.source_label.text() for row in editor.agenda_page.rows] == [
        "Added in the session. Discussed: the note gives its title only",
        "Added in the session. Private: kept on this computer only, never on the record or sent"]
