"""Step 6: wellbeing flags, each with a level, who may see it, and links to an action and support."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from supervision_app.domain.contacts import OrganisationContact
from supervision_app.domain.record import Flag, FlagLevel, Visibility
from supervision_app.gui import plain
from supervision_app.gui.accessibility import item_name, name_fields
from supervision_app.gui.contacts.support import toolkit_text, who_can_help
from supervision_app.gui.forms import child, set_tab_order
from supervision_app.gui.removal import may_remove
from supervision_app.gui.session import edits, progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.messages import NameWarning
from supervision_app.gui.session.page import NO_CHOICE, Page, Rows, combo_value, select_data, set_text
from supervision_app.services.contacts import ContactsService

PRIVATE_NOTE = "Private: kept on this computer only, never on the record or sent"


def action_label(number: int, text: str) -> str:
    return f"Action {number}: {text.strip() or 'not written yet'}"


class FlagRow:
    def __init__(self, page: FlagsPage, form: QWidget, number: int, flag: Flag) -> None:
        self.flag = flag
        self.page = page
        catalogue = page.ctx.content.flags
        self.frame = child(form, QFrame, "flagRow")
        self.category_combo = child(form, QComboBox, "categoryCombo")
        self.level_combo = child(form, QComboBox, "levelCombo")
        self.visibility_combo = child(form, QComboBox, "visibilityCombo")
        self.detail_edit = child(form, QPlainTextEdit, "detailEdit")
        self.action_combo = child(form, QComboBox, "actionCombo")
        self.signpost_combo = child(form, QComboBox, "signpostCombo")
        self.remove_button = child(form, QPushButton, "removeButton")
        self.category_help = child(form, QLabel, "categoryHelpLabel")
        self.level_help = child(form, QLabel, "levelHelpLabel")
        self.visibility_help = child(form, QLabel, "visibilityHelpLabel")
        self.signpost_help = child(form, QLabel, "signpostHelpLabel")
        self.private_label = child(form, QLabel, "privateLabel")
        # Who can help with the category: the organisation's contacts, or the national signposts.
        self.support_label = plain.label("", self.frame)
        self.support_label.setObjectName("supportLabel")
        self.support_label.setWordWrap(True)
        self.support_label.setProperty("role", "hint")
        grid = self.frame.layout()
        assert isinstance(grid, QGridLayout)
        grid.addWidget(self.support_label, grid.rowCount(), 0, 1, grid.columnCount())
        self._private_shown: bool | None = None
        for label, buddy in (("categoryLabel", self.category_combo), ("levelLabel", self.level_combo),
                             ("visibilityLabel", self.visibility_combo), ("detailLabel", self.detail_edit),
                             ("actionLabel", self.action_combo), ("signpostLabel", self.signpost_combo)):
            child(form, QLabel, label).setBuddy(buddy)
            buddy.setAccessibleName(f"Flag {number}: {buddy.accessibleName().lower()}")
        for option in catalogue.categories:
            self.category_combo.addItem(option.label, option.id)
        for option in catalogue.levels:
            self.level_combo.addItem(option.label, option.id)
        for option in catalogue.visibilities:
            self.visibility_combo.addItem(option.label, option.id)
        self.signpost_combo.addItem("No signpost", NO_CHOICE)
        for service in page.ctx.content.support_directory.services:
            self.signpost_combo.addItem(service.name, service.id)
        # Each field names the flag by its category, which the category field itself shows.
        fields: dict[QWidget, str] = {widget: widget.accessibleName().split(": ", 1)[1] for widget in (
            self.level_combo, self.visibility_combo, self.detail_edit, self.action_combo, self.signpost_combo)}
        fields[self.remove_button] = "remove flag"
        self.category_combo.currentTextChanged.connect(
            lambda category: name_fields(item_name(f"Flag {number}", category), fields))
        name_fields(item_name(f"Flag {number}", self.category_combo.currentText()), fields)
        NameWarning(child(form, QLabel, "warningLabel"), [self.detail_edit], page.ctx.allowed_names)
        page.bind(self.category_combo.currentIndexChanged,
                  lambda _i: setattr(flag, "category_id", combo_value(self.category_combo)))
        page.bind(self.level_combo.currentIndexChanged,
                  lambda _i: setattr(flag, "level", FlagLevel(combo_value(self.level_combo))))
        page.bind(self.visibility_combo.currentIndexChanged,
                  lambda _i: setattr(flag, "visibility", Visibility(combo_value(self.visibility_combo))))
        page.bind_text(self.detail_edit, lambda v: setattr(flag, "detail", v))
        page.bind(self.action_combo.currentIndexChanged,
                  lambda _i: setattr(flag, "action_id", combo_value(self.action_combo) or None))
        page.bind(self.signpost_combo.currentIndexChanged,
                  lambda _i: setattr(flag, "signpost_id", combo_value(self.signpost_combo) or None))
        for combo in (self.category_combo, self.level_combo, self.visibility_combo, self.signpost_combo):
            combo.currentIndexChanged.connect(self._show_help)
        self.remove_button.clicked.connect(lambda: page.remove(flag))
        self.load()

    @property
    def focus_chain(self) -> list[QWidget]:
        return [self.category_combo, self.level_combo, self.visibility_combo, self.detail_edit,
                self.action_combo, self.signpost_combo, self.remove_button]

    def load(self) -> None:
        flag = self.flag
        select_data(self.category_combo, flag.category_id)
        select_data(self.level_combo, flag.level.value)
        select_data(self.visibility_combo, flag.visibility.value)
        set_text(self.detail_edit, flag.detail)
        self.refresh_actions()
        select_data(self.signpost_combo, flag.signpost_id)
        self._show_help()

    def refresh_actions(self) -> None:
        """The session's actions may have changed on the Agreed actions step."""
        self.action_combo.blockSignals(True)
        self.action_combo.clear()
        self.action_combo.addItem("No linked action", NO_CHOICE)
        for number, action in enumerate(self.page.ctx.record.actions, start=1):
            self.action_combo.addItem(action_label(number, action.text), action.id)
        select_data(self.action_combo, self.flag.action_id)
        self.action_combo.blockSignals(False)

    def _show_help(self) -> None:
        catalogue = self.page.ctx.content.flags
        content = self.page.ctx.content
        support = self.page.contacts.support_for(combo_value(self.category_combo), self.page.organisation_contacts)
        self.category_help.setText(toolkit_text(support))
        self.support_label.setText(who_can_help(support))
        self.level_help.setText(catalogue.level(combo_value(self.level_combo)).description)
        self.visibility_help.setText(catalogue.visibility(combo_value(self.visibility_combo)).description)
        signpost = combo_value(self.signpost_combo)
        if signpost:
            service = content.support_directory.service(signpost)
            contact = " ".join(v for v in (service.contact, service.phone, service.email, service.website) if v)
            self.signpost_help.setText(f"{service.description} {contact}".strip())
        self.signpost_help.setVisible(bool(signpost))
        private = self.flag.visibility is Visibility.PRIVATE
        self.private_label.setVisible(private)
        if self._private_shown is not private:
            self._private_shown = private
            self.frame.setProperty("private", private)
            self.frame.style().unpolish(self.frame)  # the style sheet looks at the property
            self.frame.style().polish(self.frame)
        self.frame.setAccessibleName(f"Wellbeing flag, {PRIVATE_NOTE.lower()}" if private else "Wellbeing flag")


class FlagsPage(Page):
    form_name = "session_flags"
    title = "Wellbeing flags"

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        help_label = self.find_child(QLabel, "visibilityHelpLabel")
        help_label.setText("<br>".join(f"<b>{escape(option.label)}</b>: {escape(option.description)}"
                                       for option in ctx.content.flags.visibilities))
        help_label.setAccessibleDescription(" ".join(f"{option.label}: {option.description}"
                                                     for option in ctx.content.flags.visibilities))
        self.empty_label = self.find_child(QLabel, "emptyLabel")
        self.add_button = self.find_child(QPushButton, "addButton")
        self._rows = Rows(self.find_child(QWidget, "rowsHost"), "session_flag_row")
        self.rows: list[FlagRow] = []
        self.contacts = ContactsService(ctx.service.store, ctx.content)
        self.organisation_contacts: list[OrganisationContact] = []  # read on each load
        self.add_button.clicked.connect(self.add_flag)

    def load(self) -> None:
        self.organisation_contacts = self.contacts.contacts()
        with self.loading():
            self._rows.clear()
            self.rows = [FlagRow(self, self._rows.add(), number, flag)
                         for number, flag in enumerate(self.ctx.record.flags, start=1)]
        self.empty_label.setVisible(not self.rows)
        set_tab_order([*(w for row in self.rows for w in row.focus_chain), self.add_button])
        if self.read_only:
            self.set_read_only()

    def refresh(self) -> None:
        with self.loading():
            for row in self.rows:
                row.refresh_actions()

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.flags(ctx.record)

    def add_flag(self) -> None:
        self.ctx.record.flags.append(Flag(category_id=self.ctx.content.flags.categories[0].id))
        self.load()
        self.changed.emit()
        self.rows[-1].category_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self, flag: Flag) -> None:
        number = self.ctx.record.flags.index(flag) + 1
        if not may_remove(self.ctx.ask_remove, self, f"flag {number}", (flag.detail,)):
            return
        edits.remove_flag(self.ctx.record, flag.id)
        self.load()
        self.changed.emit()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
