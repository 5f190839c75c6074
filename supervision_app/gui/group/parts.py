"""The editing parts of the group session window: a list of agenda items with their discussion, decisions and
visibility, and a list of actions. Each edits the domain objects it is given in place and says ``changed``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.record import Action, ActionOwner, AgendaItem, Decision, Visibility
from supervision_app.gui.plain import label as plain_label

VISIBILITY_LABELS = {
    Visibility.ON_RECORD: "On the record",
    Visibility.DISCUSSED: "Discussed (the note gives its title only)",
    Visibility.PRIVATE: "Private (never in any note, theirs or anyone's)",
}


def _untitled(text: str, what: str) -> str:
    return text.strip() or f"(new {what})"


class _ListPart(QWidget):
    """A list on top, the chosen row's fields below, with Add and Remove buttons."""

    changed = Signal()

    def __init__(self, heading: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        layout = QVBoxLayout(self)
        self.heading = plain_label(heading)
        self.list = QListWidget()
        self.list.setAccessibleName(heading.replace("&", ""))
        self.heading.setBuddy(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(f"Add {what}")
        self.remove_button = QPushButton(f"Remove {what}")
        self.add_button.setAccessibleName(f"Add {what}")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        self.form_widget = QWidget()
        self.form = QFormLayout(self.form_widget)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.form_widget)
        self._loading = False
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.list.currentRowChanged.connect(self._show_row)

    def field(self, label: str, widget: QWidget) -> None:
        title = plain_label(label)
        title.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.form.addRow(title, widget)

    def rows(self) -> list[str]:
        raise NotImplementedError

    def refill(self, row: int) -> None:
        self.list.clear()
        self.list.addItems(self.rows())
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._show_row(self.list.currentRow())

    def _show_row(self, row: int) -> None:
        self.form_widget.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)
        self._loading = True
        try:
            self.load(row)
        finally:
            self._loading = False

    def load(self, row: int) -> None:
        raise NotImplementedError

    def add(self) -> None:
        raise NotImplementedError

    def remove(self) -> None:
        raise NotImplementedError

    def edited(self, apply: Callable[[int], None]) -> None:
        """A field changed: apply it to the chosen row, show its new title, and say so."""
        row = self.list.currentRow()
        if self._loading or row < 0:
            return
        apply(row)
        item = self.list.item(row)
        if item is not None:
            item.setText(self.rows()[row])
        self.changed.emit()


class AgendaPart(_ListPart):
    """Agenda items: the title, the discussion, the decisions (one a line) and, where allowed, private."""

    def __init__(self, heading: str, items: list[AgendaItem], *, allow_private: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(heading, "item", parent)
        self.items = items
        self.title_edit = QLineEdit()
        self.notes_edit = QPlainTextEdit()
        self.decisions_edit = QPlainTextEdit()
        self.visibility_combo = QComboBox()
        for visibility, label in VISIBILITY_LABELS.items():
            if allow_private or visibility is not Visibility.PRIVATE:
                self.visibility_combo.addItem(label, visibility)
        self.field("&Title:", self.title_edit)
        self.field("Disc&ussion:", self.notes_edit)
        self.field("Dec&isions, one a line:", self.decisions_edit)
        self.field("&Visibility:", self.visibility_combo)
        self.title_edit.textChanged.connect(lambda text: self.edited(lambda r: setattr(self.items[r], "title", text)))
        self.notes_edit.textChanged.connect(lambda: self.edited(
            lambda r: setattr(self.items[r], "notes", self.notes_edit.toPlainText())))
        self.decisions_edit.textChanged.connect(lambda: self.edited(self._set_decisions))
        self.visibility_combo.currentIndexChanged.connect(lambda _i: self.edited(
            lambda r: setattr(self.items[r], "visibility", Visibility(self.visibility_combo.currentData()))))
        self.refill(0)

    def rows(self) -> list[str]:
        return [_untitled(item.title, "item") + ("" if item.visibility is Visibility.ON_RECORD
                                                 else f" ({item.visibility.value.replace('_', ' ')})")
                for item in self.items]

    def load(self, row: int) -> None:
        item = self.items[row] if row >= 0 else AgendaItem("")
        self.title_edit.setText(item.title)
        self.notes_edit.setPlainText(item.notes)
        self.decisions_edit.setPlainText("\n".join(d.text for d in item.decisions))
        index = self.visibility_combo.findData(item.visibility)
        self.visibility_combo.setCurrentIndex(max(index, 0))

    def _set_decisions(self, row: int) -> None:
        lines = [line.strip() for line in self.decisions_edit.toPlainText().splitlines() if line.strip()]
        self.items[row].decisions = [Decision(line) for line in lines]

    def add(self) -> None:
        self.items.append(AgendaItem("", reached=True))
        self.refill(len(self.items) - 1)
        self.title_edit.setFocus()
        self.changed.emit()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            del self.items[row]
            self.refill(row)
            self.changed.emit()


class ActionsPart(_ListPart):
    """Actions: what, whose (the member's or the supervisor's for them) and, if any, when it is due."""

    def __init__(self, heading: str, actions: list[Action], member: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(heading, "action", parent)
        self.action_list, self.today = actions, today
        self.text_edit = QLineEdit()
        self.owner_combo = QComboBox()
        self.owner_combo.addItem(member, ActionOwner.SUPERVISEE)
        self.owner_combo.addItem("The supervisor", ActionOwner.SUPERVISOR)
        self.due_check = QCheckBox("&Due by")
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("dd/MM/yyyy")
        self.due_edit.setAccessibleName("Due date")
        self.field("&Action:", self.text_edit)
        self.field("&Whose:", self.owner_combo)
        self.form.addRow(self.due_check, self.due_edit)
        self.text_edit.textChanged.connect(
            lambda text: self.edited(lambda r: setattr(self.action_list[r], "text", text)))
        self.owner_combo.currentIndexChanged.connect(lambda _i: self.edited(
            lambda r: setattr(self.action_list[r], "owner", ActionOwner(self.owner_combo.currentData()))))
        self.due_check.toggled.connect(lambda _on: self.edited(self._set_due))
        self.due_edit.dateChanged.connect(lambda _d: self.edited(self._set_due))
        self.refill(0)

    def rows(self) -> list[str]:
        return [_untitled(action.text, "action") for action in self.action_list]

    def load(self, row: int) -> None:
        action = self.action_list[row] if row >= 0 else Action("")
        self.text_edit.setText(action.text)
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(action.owner), 0))
        self.due_check.setChecked(action.due is not None)
        due = action.due or self.today
        self.due_edit.setDate(QDate(due.year, due.month, due.day))
        self.due_edit.setEnabled(action.due is not None)

    def _set_due(self, row: int) -> None:
        self.due_edit.setEnabled(self.due_check.isChecked())
        chosen = self.due_edit.date()
        self.action_list[row].due = (date(chosen.year(), chosen.month(), chosen.day())
                                 if self.due_check.isChecked() else None)

    def add(self) -> None:
        self.action_list.append(Action(""))
        self.refill(len(self.action_list) - 1)
        self.text_edit.setFocus()
        self.changed.emit()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            del self.action_list[row]
            self.refill(row)
            self.changed.emit()
