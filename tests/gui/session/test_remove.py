"""Removing a decision, agenda item, action or flag that has text in it asks first; an empty one goes at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.gui.removal import ask_to_remove
from supervision_app.gui.session import SessionEditor

from .conftest import click


@dataclass
class Asked:
    answer: bool = False
    questions: list[str] = field(default_factory=list)

    def __call__(self, _parent: QWidget, question: str, details: str) -> bool:
        self.questions.append(f"{question} {details}")
        return self.answer


def rows_of(editor: SessionEditor, kind: str) -> tuple[list[object], QPushButton]:
    """The rows of one kind and the button that adds one."""
    if kind == "decision":
        page = editor.discussion_page
        return page.decision_rows, page.add_decision_button
    page = {"agenda item": editor.agenda_page, "action": editor.actions_page, "flag": editor.flags_page}[kind]
    return page.rows, page.add_button


FIRST_FIELD = {"decision": "decision_edit", "agenda item": "title_edit", "action": "text_edit",
               "flag": "detail_edit"}


def first_text(editor: SessionEditor, kind: str) -> QWidget:
    """The first text field of the last row of that kind."""
    rows, _add = rows_of(editor, kind)
    return getattr(rows[-1], FIRST_FIELD[kind])


def stored(editor: SessionEditor, kind: str) -> list[object]:
    record = editor.record
    if kind == "decision":
        return record.agenda[0].decisions
    return {"agenda item": record.agenda, "action": record.actions, "flag": record.flags}[kind]


KINDS = ("decision", "agenda item", "action", "flag")


def test_each_remove_asks_when_the_row_has_text(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    asked = Asked()
    editor.ctx.ask_remove = asked
    click(qtbot, editor.agenda_page.add_button)  # the decisions belong to an agenda item
    qtbot.keyClicks(editor.agenda_page.rows[0].title_edit, "Caseload")
    for kind in KINDS:
        pages = {"decision": editor.discussion_page, "agenda item": editor.agenda_page,
                 "action": editor.actions_page, "flag": editor.flags_page}
        editor.go_to(editor.page_index(pages[kind]))
        before = len(stored(editor, kind))
        _rows, add = rows_of(editor, kind)

        # An empty row goes at once, without a question.
        click(qtbot, add)
        rows, _add = rows_of(editor, kind)
        click(qtbot, rows[-1].remove_button)
        assert len(stored(editor, kind)) == before and asked.questions == [], kind

        # One with text asks; "Keep" keeps it and its text.
        click(qtbot, add)
        qtbot.keyClicks(first_text(editor, kind), "Typed with care")
        editor.flush()
        asked.answer = False
        rows, _add = rows_of(editor, kind)
        click(qtbot, rows[-1].remove_button)
        number = before + 1
        assert asked.questions == [f"Remove {kind} {number}? What was typed in it will be lost: “Typed with care”."]
        assert len(stored(editor, kind)) == number and not editor.dirty, kind
        field_ = first_text(editor, kind)
        assert (field_.toPlainText() if kind == "flag" else field_.text()) == "Typed with care"

        # "Remove" removes it.
        asked.answer = True
        rows, _add = rows_of(editor, kind)
        click(qtbot, rows[-1].remove_button)
        assert len(stored(editor, kind)) == before, kind
        asked.questions.clear()


def test_return_in_the_question_keeps_the_row(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    assert editor.ctx.ask_remove is ask_to_remove
    page = editor.actions_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.rows[0].text_edit, "Book the course")
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.text()} {box.informativeText()}")
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    click(qtbot, page.rows[0].remove_button)
    assert seen == ["Remove action 1? What was typed in it will be lost: “Book the course”."]
    assert [action.text for action in editor.record.actions] == ["Book the course"]
