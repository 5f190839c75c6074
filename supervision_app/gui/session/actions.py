"""Step 8: agreed actions: what, who, by when, and where each came from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QPushButton, QWidget

from supervision_app.domain.record import Action, ActionOwner
from supervision_app.domain.rules import Problem
from supervision_app.gui.accessibility import item_name, name_fields
from supervision_app.gui.forms import child, set_tab_order
from supervision_app.gui.removal import may_remove
from supervision_app.gui.session import edits, progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.dates import from_qdate, to_qdate
from supervision_app.gui.session.messages import NameWarning, RevealOnLeave, problems_at, show_problems
from supervision_app.gui.session.page import NO_CHOICE, Page, Rows, combo_value, select_data, set_text

DEFAULT_DUE = timedelta(weeks=4)


class ActionRow:
    def __init__(self, page: ActionsPage, form: QWidget, number: int, action: Action) -> None:
        self.action = action
        self.page = page
        ctx = page.ctx
        self.text_edit = child(form, QLineEdit, "textEdit")
        self.owner_combo = child(form, QComboBox, "ownerCombo")
        self.owner_name_edit = child(form, QLineEdit, "ownerNameEdit")
        self.due_check = child(form, QCheckBox, "dueCheck")
        self.due_edit = child(form, QDateEdit, "dueEdit")
        self.source_combo = child(form, QComboBox, "sourceCombo")
        self.remove_button = child(form, QPushButton, "removeButton")
        self.problem_label = child(form, QLabel, "problemLabel")
        child(form, QLabel, "numberLabel").setText(f"{number}.")
        child(form, QLabel, "textLabel").setBuddy(self.text_edit)
        child(form, QLabel, "ownerLabel").setBuddy(self.owner_combo)
        child(form, QLabel, "sourceLabel").setBuddy(self.source_combo)
        self.owner_combo.addItem(f"{ctx.supervisor_name} (supervisor)", ActionOwner.SUPERVISOR.value)
        self.owner_combo.addItem(f"{ctx.supervisee.name} (supervisee)", ActionOwner.SUPERVISEE.value)
        self.owner_combo.addItem("Someone else", ActionOwner.OTHER.value)
        self.text_edit.setAccessibleName(f"Action {number}: {self.text_edit.accessibleName().lower()}")
        fields: dict[QWidget, str] = {widget: widget.accessibleName().lower() for widget in (
            self.owner_combo, self.owner_name_edit, self.due_check, self.due_edit, self.source_combo)}
        fields[self.remove_button] = "remove"
        name_fields(item_name(f"Action {number}", action.text), fields)
        self.text_edit.textChanged.connect(lambda text: name_fields(item_name(f"Action {number}", text), fields))
        NameWarning(child(form, QLabel, "warningLabel"), [self.text_edit], ctx.allowed_names)
        page.bind_text(self.text_edit, lambda v: setattr(action, "text", v))
        page.bind(self.owner_combo.currentIndexChanged, lambda _i: self._owner_changed())
        page.bind_text(self.owner_name_edit, lambda v: setattr(action, "owner_name", v))
        page.bind_check(self.due_check, lambda _v: self._due_changed())
        page.bind(self.due_edit.dateChanged, lambda _d: self._due_changed())
        page.bind(self.source_combo.currentIndexChanged,
                  lambda _i: setattr(action, "source_id", combo_value(self.source_combo) or None))
        self.remove_button.clicked.connect(lambda: page.remove(action))
        RevealOnLeave(form, self.focus_chain, lambda: page.reveal(f"action:{action.id}"))
        self.load()

    @property
    def focus_chain(self) -> list[QWidget]:
        return [self.text_edit, self.owner_combo, self.owner_name_edit, self.due_check, self.due_edit,
                self.source_combo, self.remove_button]

    def load(self) -> None:
        action = self.action
        set_text(self.text_edit, action.text)
        select_data(self.owner_combo, action.owner.value)
        set_text(self.owner_name_edit, action.owner_name)
        self.due_check.setChecked(action.due is not None)
        self.due_edit.setDate(to_qdate(action.due or self.page.default_due()))
        self.refresh_sources()
        self._show_state()

    def refresh_sources(self) -> None:
        record = self.page.ctx.record
        categories = {option.id: option.label for option in self.page.ctx.content.flags.categories}
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        self.source_combo.addItem("Not linked", NO_CHOICE)
        for number, item in enumerate(record.agenda, start=1):
            self.source_combo.addItem(f"Agenda item {number}: {item.title.strip() or 'untitled'}", item.id)
        for number, flag in enumerate(record.flags, start=1):
            label = categories.get(flag.category_id, flag.category_id)
            self.source_combo.addItem(f"Wellbeing flag {number}: {label}", flag.id)
        select_data(self.source_combo, self.action.source_id)
        self.source_combo.blockSignals(False)

    def _owner_changed(self) -> None:
        self.action.owner = ActionOwner(combo_value(self.owner_combo))
        self._show_state()

    def _due_changed(self) -> None:
        self.action.due = from_qdate(self.due_edit.date()) if self.due_check.isChecked() else None
        self._show_state()

    def _show_state(self) -> None:
        self.owner_name_edit.setVisible(self.action.owner is ActionOwner.OTHER)
        self.due_edit.setEnabled(self.due_check.isChecked() and not self.page.read_only)


class ActionsPage(Page):
    form_name = "session_actions"
    title = "Agreed actions"

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.empty_label = self.find_child(QLabel, "emptyLabel")
        self.add_button = self.find_child(QPushButton, "addButton")
        self._rows = Rows(self.find_child(QWidget, "rowsHost"), "session_action_row")
        self.rows: list[ActionRow] = []
        self._problems: Sequence[Problem] = ()
        self.add_button.clicked.connect(self.add_action)

    def default_due(self) -> date:
        upcoming = self.ctx.record.next_session
        service = self.ctx.service
        return upcoming.date() if upcoming else service.working_day_from(service.today() + DEFAULT_DUE)

    def load(self) -> None:
        with self.loading():
            self._rows.clear()
            self.rows = [ActionRow(self, self._rows.add(), number, action)
                         for number, action in enumerate(self.ctx.record.actions, start=1)]
        self.empty_label.setVisible(not self.rows)
        set_tab_order([*(w for row in self.rows for w in row.focus_chain), self.add_button])
        self.show_problems(self._problems)
        if self.read_only:
            self.set_read_only()

    def refresh(self) -> None:
        with self.loading():
            for row in self.rows:
                row.refresh_sources()

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.actions(ctx.record)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self._problems = problems
        for row in self.rows:
            where = f"action:{row.action.id}"
            shown = problems_at(problems, where) if where in self.ctx.revealed else []
            show_problems(row.problem_label, shown, row.text_edit)

    def reveal(self, where: str) -> None:
        """The person has left this row: its problems may show now."""
        self.ctx.revealed.add(where)
        self.show_problems(self._problems)

    def add_action(self) -> None:
        self.ctx.record.actions.append(Action(text=""))
        self.load()
        self.changed.emit()
        self.rows[-1].text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self, action: Action) -> None:
        number = self.ctx.record.actions.index(action) + 1
        if not may_remove(self.ctx.ask_remove, self, f"action {number}", (action.text, action.owner_name)):
            return
        edits.remove_action(self.ctx.record, action.id)
        self.load()
        self.changed.emit()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
