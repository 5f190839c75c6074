"""Step 4: the discussion of each agenda item: who may see it, notes, reflection, CPD and decisions."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from supervision_app.domain.record import AgendaItem, Decision, Visibility
from supervision_app.gui.accessibility import item_name, name_fields
from supervision_app.gui.forms import child, set_tab_order
from supervision_app.gui.removal import may_remove
from supervision_app.gui.session import progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.messages import NameWarning
from supervision_app.gui.session.page import Page, Rows, combo_value, select_data, set_text

# The item's text fields: (widget name prefix, AgendaItem attribute).
TEXT_FIELDS = (("notes", "notes"), ("well", "went_well"), ("difficult", "difficult"), ("learned", "learned"))


# How the item list names an item kept off the record (one on the record is named by its title alone).
KEPT_OFF = {Visibility.PRIVATE: " (private)", Visibility.DISCUSSED: " (discussed, not on the record)"}


def item_label(number: int, item: AgendaItem) -> str:
    title = item.title.strip() or "Untitled item"
    return f"{number}. {title}" + ("" if item.reached else " (not reached)") + KEPT_OFF.get(item.visibility, "")


class DecisionRow:
    def __init__(self, page: DiscussionPage, form: QWidget, number: int, decision: Decision) -> None:
        self.decision_edit = child(form, QLineEdit, "decisionEdit")
        self.rationale_edit = child(form, QLineEdit, "rationaleEdit")
        self.remove_button = child(form, QPushButton, "removeButton")
        child(form, QLabel, "decisionLabel").setBuddy(self.decision_edit)
        child(form, QLabel, "rationaleLabel").setBuddy(self.rationale_edit)
        set_text(self.decision_edit, decision.text)
        set_text(self.rationale_edit, decision.rationale)
        self.decision_edit.setAccessibleName(f"Decision {number}")
        fields: dict[QWidget, str] = {self.rationale_edit: "why", self.remove_button: "remove"}
        name_fields(item_name(f"Decision {number}", decision.text), fields)
        self.decision_edit.textChanged.connect(
            lambda text: name_fields(item_name(f"Decision {number}", text), fields))
        NameWarning(child(form, QLabel, "warningLabel"), [self.decision_edit, self.rationale_edit],
                    page.ctx.allowed_names)
        page.bind_text(self.decision_edit, lambda v: setattr(decision, "text", v))
        page.bind_text(self.rationale_edit, lambda v: setattr(decision, "rationale", v))
        self.remove_button.clicked.connect(lambda: page.remove_decision(decision))


class DiscussionPage(Page):
    form_name = "session_discussion"
    title = "Discussion"

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        find = self.find_child
        self.item_combo = find(QComboBox, "itemCombo")
        self.no_items_label = find(QLabel, "noItemsLabel")
        self.details = find(QWidget, "detailsHost")
        self.case_edit = find(QLineEdit, "caseEdit")
        self.visibility_combo = find(QComboBox, "visibilityCombo")
        self.visibility_help = find(QLabel, "visibilityHelpLabel")
        for option in ctx.content.flags.visibilities:  # the same choice, words and help as a flag's
            self.visibility_combo.addItem(option.label, option.id)
        self.cpd_check = find(QCheckBox, "cpdCheck")
        self.add_decision_button = find(QPushButton, "addDecisionButton")
        self.decisions_empty_label = find(QLabel, "decisionsEmptyLabel")
        self._decisions = Rows(find(QWidget, "decisionsHost"), "session_decision_row")
        self.decision_rows: list[DecisionRow] = []
        self.text_edits = {attribute: find(QPlainTextEdit, f"{prefix}Edit") for prefix, attribute in TEXT_FIELDS}
        allowed = ctx.allowed_names
        NameWarning(find(QLabel, "caseWarningLabel"), [self.case_edit], allowed)
        for prefix, attribute in TEXT_FIELDS:
            edit = self.text_edits[attribute]
            NameWarning(find(QLabel, f"{prefix}WarningLabel"), [edit], allowed)
            self.bind_text(edit, partial(self._set, attribute))
        self.bind_text(self.case_edit, lambda v: self._set("case_reference", v))
        self.bind_check(self.cpd_check, lambda v: self._set("cpd", v))
        self.bind(self.visibility_combo.currentIndexChanged, self._visibility_chosen)
        self.item_combo.currentIndexChanged.connect(self._item_chosen)
        self.add_decision_button.clicked.connect(self.add_decision)

    @property
    def item(self) -> AgendaItem | None:
        item_id = combo_value(self.item_combo)
        return next((item for item in self.ctx.record.agenda if item.id == item_id), None)

    def load(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Agenda items may have changed on the Agenda step."""
        chosen = combo_value(self.item_combo)
        with self.loading():
            self.item_combo.blockSignals(True)
            self.item_combo.clear()
            for number, item in enumerate(self.ctx.record.agenda, start=1):
                self.item_combo.addItem(item_label(number, item), item.id)
            index = self.item_combo.findData(chosen)
            self.item_combo.setCurrentIndex(index if index >= 0 else 0)
            self.item_combo.blockSignals(False)
        self._item_chosen()

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.discussion(ctx.record)

    def add_decision(self) -> None:
        item = self.item
        if item is None:
            return
        item.decisions.append(Decision(text=""))
        self._load_decisions()
        self.changed.emit()
        self.decision_rows[-1].decision_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_decision(self, decision: Decision) -> None:
        item = self.item
        if item is None:
            return
        number = next(n for n, d in enumerate(item.decisions, start=1) if d is decision)
        if not may_remove(self.ctx.ask_remove, self, f"decision {number}", (decision.text, decision.rationale)):
            return
        item.decisions = [d for d in item.decisions if d is not decision]
        self._load_decisions()
        self.changed.emit()
        self.add_decision_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- internals -----------------------------------------------------------------

    def _set(self, attribute: str, value: object) -> None:
        item = self.item
        if item is not None:
            setattr(item, attribute, value)

    def _visibility_chosen(self, _index: int = -1) -> None:
        item = self.item
        if item is None:
            return
        item.visibility = Visibility(combo_value(self.visibility_combo))
        self._show_visibility(item)
        index = self.item_combo.currentIndex()
        self.item_combo.setItemText(index, item_label(index + 1, item))

    def _show_visibility(self, item: AgendaItem) -> None:
        self.visibility_help.setText(self.ctx.content.flags.visibility(item.visibility.value).description)

    def _item_chosen(self, _index: int = -1) -> None:
        item = self.item
        has_item = item is not None
        self.no_items_label.setVisible(not has_item)
        self.details.setVisible(has_item)
        self.item_combo.setEnabled(has_item)
        if item is None:
            return
        with self.loading():
            set_text(self.case_edit, item.case_reference)
            select_data(self.visibility_combo, item.visibility.value)
            self._show_visibility(item)
            for attribute, edit in self.text_edits.items():
                set_text(edit, getattr(item, attribute))
            self.cpd_check.setChecked(item.cpd)
        self._load_decisions()

    def _load_decisions(self) -> None:
        item = self.item
        with self.loading():
            self._decisions.clear()
            self.decision_rows = [DecisionRow(self, self._decisions.add(), number, decision)
                                  for number, decision in enumerate(item.decisions if item else [], start=1)]
        self.decisions_empty_label.setVisible(not self.decision_rows)
        chain = [w for row in self.decision_rows for w in (row.decision_edit, row.rationale_edit,
                                                            row.remove_button)]
        set_tab_order([self.cpd_check, *chain, self.add_decision_button])
        if self.read_only:
            self.set_read_only()
