"""The supervisee's preparation for their next session, as widgets on the "My supervision" page.

Agenda items (always sent), "How I have been", the toolkit's wellbeing
checklist and the Fig. 3 personal-stressor self-check. Ticks and ratings stay
on this computer; only what is marked to bring goes into the agenda sent. The
prompts come from the toolkit content, never from here.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from supervision_app.content import Item, ToolkitContent
from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.gui.accessibility import item_name, name_fields
from supervision_app.gui.forms import child
from supervision_app.gui.session.page import ClickToToggle, EditGate, Rows, add_form, set_text
from supervision_app.gui.session.stressors import StressorRow, add_stressor_tabs


class ItemRow:
    """One agenda item: its title, what the supervisee wants from it, and buttons to move or remove it."""

    def __init__(self, owner: PreparationWidgets, form: QWidget, index: int, count: int,
                 item: PreparedItem) -> None:
        self.item = item
        number = index + 1
        self.title_edit = child(form, QLineEdit, "titleEdit")
        self.wanted_edit = child(form, QLineEdit, "wantedEdit")
        self.up_button = child(form, QPushButton, "upButton")
        self.down_button = child(form, QPushButton, "downButton")
        self.remove_button = child(form, QPushButton, "removeButton")
        child(form, QLabel, "numberLabel").setText(f"{number}.")
        child(form, QLabel, "itemTitleLabel").setBuddy(self.title_edit)
        child(form, QLabel, "wantedLabel").setBuddy(self.wanted_edit)
        set_text(self.title_edit, item.title)
        set_text(self.wanted_edit, item.wanted_outcome)
        self.title_edit.setAccessibleName(f"Agenda item {number}: title")
        fields = {self.wanted_edit: "what I want from this", self.up_button: "move up",
                  self.down_button: "move down", self.remove_button: "remove"}
        name_fields(item_name(f"Agenda item {number}", item.title), fields)
        self.title_edit.textChanged.connect(
            lambda title: name_fields(item_name(f"Agenda item {number}", title), fields))
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < count - 1)
        owner.edits.bind(self.title_edit.textChanged, lambda v: setattr(item, "title", v))
        owner.edits.bind(self.wanted_edit.textChanged, lambda v: setattr(item, "wanted_outcome", v))
        self.up_button.clicked.connect(lambda: owner.move_item(item, -1))
        self.down_button.clicked.connect(lambda: owner.move_item(item, 1))
        self.remove_button.clicked.connect(lambda: owner.remove_item(item))

    @property
    def focus_chain(self) -> list[QWidget]:
        return [self.title_edit, self.wanted_edit, self.up_button, self.down_button, self.remove_button]


class ChecklistRow:
    """A wellbeing checklist item: a private tick, and whether to bring it to supervision."""

    def __init__(self, owner: PreparationWidgets, form: QWidget, item: Item) -> None:
        self.item = item
        self.tick_check = child(form, QCheckBox, "itemCheck")
        self.bring_check = child(form, QCheckBox, "bringCheck")
        label = child(form, QLabel, "itemLabel")
        label.setText(item.text)
        ClickToToggle(label, self.tick_check)
        self.tick_check.setAccessibleName(f"{item.text} (a private tick)")
        self.bring_check.setAccessibleName(f"Bring {item.text} to supervision")
        owner.edits.bind(self.tick_check.toggled, partial(owner.toggle, "checklist", item.id))
        owner.edits.bind(self.bring_check.toggled, partial(owner.toggle, "bring_checklist", item.id))

    def load(self, preparation: Preparation) -> None:
        self.tick_check.setChecked(self.item.id in preparation.checklist)
        self.bring_check.setChecked(self.item.id in preparation.bring_checklist)


class PreparationWidgets(QObject):
    """Fills the preparation part of the page's form and writes every edit straight into :attr:`preparation`.

    ``changed`` follows each edit by the user; ``rowsRebuilt`` follows adding, moving or removing an item
    (the page then puts the new fields in the Tab order).
    """

    changed = Signal()
    rowsRebuilt = Signal()

    def __init__(self, form: QWidget, content: ToolkitContent, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preparation = Preparation()
        self.edits = EditGate(self.changed.emit)
        find = partial(child, form)
        self.add_button = find(QPushButton, "addItemButton")
        self.empty_label = find(QLabel, "emptyItemsLabel")
        self.how_edit = find(QPlainTextEdit, "howEdit")
        self.bring_how_check = find(QCheckBox, "bringHowCheck")
        self.private_edit = find(QPlainTextEdit, "privateEdit")
        self.stressor_tabs = find(QTabWidget, "stressorTabs")
        self._rows = Rows(find(QWidget, "itemsHost"), "my_supervision_item_row")
        self.item_rows: list[ItemRow] = []

        checklist = content.wellbeing_checklist
        find(QLabel, "checklistSourceLabel").setText(f"From {checklist.source.citation}.")
        checklist_host = find(QWidget, "checklistHost")
        self.checklist_rows: list[ChecklistRow] = []
        for period in checklist.periods:
            box = child(add_form("session_checklist_period", checklist_host), QGroupBox, "periodBox")
            box.setTitle(period.label)
            box.setAccessibleName(f"{period.label} checklist")
            self.checklist_rows += [ChecklistRow(self, add_form("my_supervision_checklist_item", box), item)
                                    for item in period.items]

        stressors = content.personal_stressors
        find(QLabel, "stressorsIntroLabel").setText(
            f"{stressors.intro.text} Your answers stay on this computer; only those you mark "
            "'Bring to supervision?' are sent, with their impact.")
        find(QLabel, "stressorsCaveatLabel").setText(f"{stressors.caveat} From {stressors.source.citation}.")
        self.stressor_rows = add_stressor_tabs(
            self.stressor_tabs, stressors, other_hint="Add it to 'How I have been' or your private notes.",
            make_row=lambda form, item: StressorRow(form, item, ratings=lambda: self.preparation.stressors,
                                                    bind=self.edits.bind,
                                                    applies_name=f"{item.text} (private unless you bring it)"))

        self.add_button.clicked.connect(self.add_item)
        self.edits.bind(self.how_edit.textChanged, lambda: setattr(self.preparation, "how_i_have_been",
                                                              self.how_edit.toPlainText()))
        self.edits.bind(self.bring_how_check.toggled, lambda v: setattr(self.preparation, "bring_how_i_have_been", v))
        self.edits.bind(self.private_edit.textChanged, lambda: setattr(self.preparation, "private_notes",
                                                                  self.private_edit.toPlainText()))

    # --- wiring ------------------------------------------------------------------

    def toggle(self, which: str, item_id: str, on: bool) -> None:
        chosen: set[str] = getattr(self.preparation, which)
        if on:
            chosen.add(item_id)
        else:
            chosen.discard(item_id)

    # --- loading -------------------------------------------------------------------

    def load(self, preparation: Preparation) -> None:
        """Show ``preparation``; from now on edits go into it."""
        self.preparation = preparation
        with self.edits.loading():
            set_text(self.how_edit, preparation.how_i_have_been)
            self.bring_how_check.setChecked(preparation.bring_how_i_have_been)
            set_text(self.private_edit, preparation.private_notes)
            for row in self.checklist_rows:
                row.load(preparation)
            for stressor in self.stressor_rows:
                stressor.load()
        self._build_items()

    def _build_items(self) -> None:
        items = self.preparation.items
        with self.edits.loading():
            self._rows.clear()
            self.item_rows = [ItemRow(self, self._rows.add(), index, len(items), item)
                              for index, item in enumerate(items)]
        self.empty_label.setVisible(not self.item_rows)
        self.rowsRebuilt.emit()

    # --- editing the list of items ------------------------------------------------------

    def add_item(self) -> None:
        self.preparation.items.append(PreparedItem(""))
        self._build_items()
        self.changed.emit()
        self.item_rows[-1].title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_item(self, item: PreparedItem, offset: int) -> None:
        items = self.preparation.items
        index = items.index(item)
        target = index + offset
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        self._build_items()
        self.changed.emit()
        row = self.item_rows[target]
        focus = row.up_button if offset < 0 else row.down_button
        if not focus.isEnabled():
            focus = row.down_button if focus is row.up_button else row.up_button
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_item(self, item: PreparedItem) -> None:
        items = self.preparation.items
        index = items.index(item)
        items.pop(index)
        self._build_items()
        self.changed.emit()
        if self.item_rows:
            self.item_rows[min(index, len(self.item_rows) - 1)].title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- focus ---------------------------------------------------------------------

    def focus_chain(self) -> list[QWidget]:
        """The preparation's fields in reading order, for Tab."""
        chain: list[QWidget] = [widget for row in self.item_rows for widget in row.focus_chain]
        chain += [self.add_button, self.how_edit, self.bring_how_check]
        for row in self.checklist_rows:
            chain += [row.tick_check, row.bring_check]
        chain.append(self.stressor_tabs)
        for stressor in self.stressor_rows:
            chain += stressor.focus_chain
        return chain
