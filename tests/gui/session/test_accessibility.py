"""Every control can be found and named by assistive technology; labels lead to their fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supervision_app.gui.session import SessionEditor
from tests.gui.names import spoken_name

from .conftest import click

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox,
               QAbstractItemView, QTabBar)


def inside_compound_control(widget: QWidget) -> bool:
    """The inner parts of a spin box, combo box (its pop-up list) or tab bar are named by the control."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QTabBar)):
            return True
        parent = parent.parentWidget()
    return False


def interactive_widgets(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.objectName().startswith("qt_"):
            continue
        if inside_compound_control(widget):
            continue
        found.append(widget)
    return found


def with_every_kind_of_row(qtbot: QtBot, editor: SessionEditor) -> None:
    for page in (editor.agenda_page, editor.flags_page, editor.actions_page):
        editor.go_to(editor.page_index(page))
        click(qtbot, page.add_button)
    editor.go_to(editor.page_index(editor.discussion_page))
    click(qtbot, editor.discussion_page.add_decision_button)
    for index in range(len(editor.pages)):
        editor.go_to(index)


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    with_every_kind_of_row(qtbot, editor)
    dialog = editor.open_cancel_dialog()
    widgets = interactive_widgets(editor) + interactive_widgets(dialog)
    assert len(widgets) > 150
    unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in widgets if not spoken_name(w).strip()]
    assert unnamed == []
    dialog.reject()


def test_rows_are_named_by_their_number(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    with_every_kind_of_row(qtbot, editor)
    assert editor.agenda_page.rows[0].title_edit.accessibleName() == "Agenda item 1: title"
    assert editor.actions_page.rows[0].text_edit.accessibleName() == "Action 1: action"
    assert editor.flags_page.rows[0].category_combo.accessibleName() == "Flag 1: category"
    ratings = {row.rating_combo.accessibleName() for row in editor.checkin_page.hse_rows}
    assert "Demands: rating" in ratings and len(ratings) == 7


def test_every_label_with_a_mnemonic_has_a_buddy_and_steps_say_their_progress(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    with_every_kind_of_row(qtbot, editor)
    labels = [label for label in editor.findChildren(QLabel) if "&" in label.text().replace("&&", "")
              and label.textFormat() != label.textFormat().RichText]
    assert labels
    assert [label.objectName() for label in labels if label.buddy() is None] == []
    for index, page in enumerate(editor.pages):
        text = editor.step_list.item(index).data(Qt.ItemDataRole.AccessibleTextRole)
        assert text.startswith(f"{page.title} — ")
        assert text.endswith(("not started", "started", "done"))
        assert text.split(" — ")[1].capitalize() in editor.step_list.item(index).text()


def test_the_steps_are_a_keyboard_list_and_any_order_works(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    editor.step_list.setFocus()
    editor.go_to(0)
    qtbot.keyClick(editor.step_list, Qt.Key.Key_End)
    assert editor.step_stack.currentIndex() == len(editor.pages) - 1
    qtbot.keyClick(editor.step_list, Qt.Key.Key_Up)
    assert editor.step_stack.currentIndex() == len(editor.pages) - 2
    assert editor.next_button.text() == "Sign-off →"
    click(qtbot, editor.previous_button)
    assert editor.step_list.currentRow() == len(editor.pages) - 3


def test_tab_goes_from_the_steps_into_the_page_then_to_the_buttons(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.learning_page))
    editor.activateWindow()
    editor.step_list.setFocus()
    qtbot.keyClick(editor.step_list, Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.learning_page.learning_edit
    qtbot.keyClick(editor.learning_page.learning_edit, Qt.Key.Key_Tab)  # (Tab leaves a text box, never types)
    assert editor.focusWidget() is editor.learning_page.cpd_check
    qtbot.keyClick(editor.learning_page.cpd_check, Qt.Key.Key_Tab)
    assert editor.focusWidget().objectName() == "addToCpdButton"
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.previous_button
    qtbot.keyClick(editor.previous_button, Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.next_button


# Letters the main window around the editor uses (People, Sessions, File, Help) and the editor's Steps.
TAKEN = {"p", "s", "f", "h", "t"}


def mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def test_each_step_has_its_own_alt_keys(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    with_every_kind_of_row(qtbot, editor)
    for page in editor.pages:
        letters = [letter for w in page.findChildren(QWidget) if isinstance(w, (QLabel, QAbstractButton))
                   if (letter := mnemonic(w.text()))]
        assert len(letters) == len(set(letters)), (page.title, sorted(letters))
        assert not TAKEN & set(letters), (page.title, TAKEN & set(letters))
