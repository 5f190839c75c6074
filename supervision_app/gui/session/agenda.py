"""Step 3: the agenda, in order, each item saying what the supervisee wants from it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from supervision_app.domain.record import AgendaItem, AgendaSource, PreparedAgenda, Visibility
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import item_name, name_fields
from supervision_app.gui.forms import child, set_tab_order
from supervision_app.gui.removal import may_remove
from supervision_app.gui.session import edits, progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.flags import PRIVATE_NOTE
from supervision_app.gui.session.messages import NameWarning
from supervision_app.gui.session.page import Page, Rows, set_text

SOURCE_LABELS = {
    AgendaSource.PREPARED: "Prepared by the supervisee",
    AgendaSource.ADDED: "Added in the session",
    AgendaSource.CARRIED: "Carried forward from last time",
}

# Said under an item kept off the record (its visibility is chosen on the Discussion step).
KEPT_OFF_NOTES = {Visibility.PRIVATE: PRIVATE_NOTE, Visibility.DISCUSSED: "Discussed: the note gives its title only"}


def prepared_text(prepared: PreparedAgenda) -> str:
    """Where a prepared agenda came from, and that its signature was checked on import."""
    return (f"Prepared by {prepared.prepared_by} on {format_datetime(prepared.prepared_at)}; imported "
            f"{format_datetime(prepared.imported_at)}. The signature matched their paired key, so nothing "
            "was altered.")


class AgendaRow:
    def __init__(self, page: AgendaPage, form: QWidget, index: int, item: AgendaItem) -> None:
        self.item = item
        count = len(page.ctx.record.agenda)
        number = index + 1
        self.title_edit = child(form, QLineEdit, "titleEdit")
        self.wanted_edit = child(form, QLineEdit, "wantedEdit")
        self.reached_check = child(form, QCheckBox, "reachedCheck")
        self.up_button = child(form, QPushButton, "upButton")
        self.down_button = child(form, QPushButton, "downButton")
        self.remove_button = child(form, QPushButton, "removeButton")
        child(form, QLabel, "numberLabel").setText(f"{number}.")
        child(form, QLabel, "itemTitleLabel").setBuddy(self.title_edit)
        child(form, QLabel, "wantedLabel").setBuddy(self.wanted_edit)
        self.source_label = child(form, QLabel, "sourceLabel")
        self.show_visibility()
        set_text(self.title_edit, item.title)
        set_text(self.wanted_edit, item.wanted_outcome)
        self.reached_check.setChecked(item.reached)
        self.title_edit.setAccessibleName(f"Agenda item {number}: title")
        fields = {self.wanted_edit: "wanted from it", self.reached_check: "reached in this session",
                  self.up_button: "move up", self.down_button: "move down", self.remove_button: "remove"}
        name_fields(item_name(f"Agenda item {number}", item.title), fields)
        self.title_edit.textChanged.connect(
            lambda title: name_fields(item_name(f"Agenda item {number}", title), fields))
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < count - 1)
        if item.source is AgendaSource.CARRIED:
            # Opening the session brings an unreached item back, so it cannot be removed:
            # ticking "Reached" (or talking about it) is how it ends.
            self.remove_button.setEnabled(False)
            self.remove_button.setToolTip("Items carried forward stay until they are reached.")
        NameWarning(child(form, QLabel, "warningLabel"), [self.title_edit, self.wanted_edit],
                    page.ctx.allowed_names)
        page.bind_text(self.title_edit, lambda v: setattr(item, "title", v))
        page.bind_text(self.wanted_edit, lambda v: setattr(item, "wanted_outcome", v))
        page.bind_check(self.reached_check, lambda v: setattr(item, "reached", v))
        self.up_button.clicked.connect(lambda: page.move_item(item, -1, "up"))
        self.down_button.clicked.connect(lambda: page.move_item(item, 1, "down"))
        self.remove_button.clicked.connect(lambda: page.remove(item))

    def show_visibility(self) -> None:
        kept_off = KEPT_OFF_NOTES.get(self.item.visibility)
        self.source_label.setText(f"{SOURCE_LABELS[self.item.source]}. {kept_off}" if kept_off
                                  else SOURCE_LABELS[self.item.source])

    @property
    def focus_chain(self) -> list[QWidget]:
        return [self.title_edit, self.wanted_edit, self.reached_check, self.up_button, self.down_button,
                self.remove_button]


class AgendaPage(Page):
    form_name = "session_agenda"
    title = "Agenda"

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.empty_label = self.find_child(QLabel, "emptyLabel")
        self.prepared_label = self.find_child(QLabel, "preparedLabel")
        self.add_button = self.find_child(QPushButton, "addButton")
        self._rows = Rows(self.find_child(QWidget, "rowsHost"), "session_agenda_row")
        self.rows: list[AgendaRow] = []
        self.add_button.clicked.connect(self.add_item)

    def load(self) -> None:
        with self.loading():
            self._rows.clear()
            self.rows = [AgendaRow(self, self._rows.add(), index, item)
                         for index, item in enumerate(self.ctx.record.agenda)]
        self.empty_label.setVisible(not self.rows)
        prepared = self.ctx.record.prepared
        self.prepared_label.setText(prepared_text(prepared) if prepared else "")
        self.prepared_label.setVisible(prepared is not None)
        chain = [widget for row in self.rows for widget in row.focus_chain]
        set_tab_order([*chain, self.add_button])
        if self.read_only:
            self.set_read_only()

    def refresh(self) -> None:
        """An item's visibility may have changed on the Discussion step."""
        for row in self.rows:
            row.show_visibility()

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.agenda(ctx.record)

    def add_item(self) -> None:
        self.ctx.record.agenda.append(AgendaItem(title="", source=AgendaSource.ADDED))
        self.load()
        self.changed.emit()
        self.rows[-1].title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_item(self, item: AgendaItem, offset: int, button: str) -> None:
        index = self.ctx.record.agenda.index(item)
        target = edits.move_agenda_item(self.ctx.record, index, offset)
        self.load()
        self.changed.emit()
        row = self.rows[target]
        focus = row.up_button if button == "up" else row.down_button
        if not focus.isEnabled():
            focus = row.down_button if focus is row.up_button else row.up_button
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self, item: AgendaItem) -> None:
        index = self.ctx.record.agenda.index(item)
        typed = (item.title, item.wanted_outcome, item.case_reference, item.notes, item.went_well, item.difficult,
                 item.learned, *(text for decision in item.decisions for text in (decision.text, decision.rationale)))
        if not may_remove(self.ctx.ask_remove, self, f"agenda item {index + 1}", typed):
            return
        edits.remove_agenda_item(self.ctx.record, item.id)
        self.load()
        self.changed.emit()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
