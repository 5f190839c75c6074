"""Addenda to a signed-off record: dated, written by one of the two, and signed off by both in turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPlainTextEdit, QPushButton, QWidget

from supervision_app.domain.record import Addendum, Confirmation, Signatory
from supervision_app.domain.rules import SessionLocked
from supervision_app.errors import VaultError
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import announce, clear_error, show_error
from supervision_app.gui.forms import child
from supervision_app.gui.session.page import Rows, combo_value
from supervision_app.gui.theme import Role, role_style

if TYPE_CHECKING:
    from supervision_app.gui.session.signoff import SignOffPage


def confirmation_text(name: str, addendum: Addendum, signatory: Signatory) -> str:
    for confirmation in addendum.confirmations:
        if confirmation.signatory is signatory:
            return f"{name}: {confirmation.confirmation.label}, {format_datetime(confirmation.at)}."
    return f"{name}: not confirmed yet."


class AddendumRow:
    def __init__(self, area: AddendaArea, form: QWidget, number: int, addendum: Addendum) -> None:
        ctx = area.page.ctx
        child(form, QLabel, "headingLabel").setText(
            f"Addendum {number}, {format_datetime(addendum.written_at)}, by {ctx.name_of(addendum.author)}")
        self.text_label = child(form, QLabel, "textLabel")
        self.text_label.setText(addendum.text)
        status = [confirmation_text(ctx.name_of(s), addendum, s) for s in Signatory]
        if addendum.signed_off:
            status.append("Signed off by both.")
        self.status_label = child(form, QLabel, "statusLabel")
        self.status_label.setText("\n".join(status))
        self.confirmation_combo = child(form, QComboBox, "confirmationCombo")
        for confirmation in Confirmation:
            self.confirmation_combo.addItem(confirmation.label, confirmation.value)
        self.confirmation_combo.setAccessibleName(f"Addendum {number}: confirmation")
        child(form, QLabel, "confirmationLabel").setBuddy(self.confirmation_combo)
        confirmed = {c.signatory for c in addendum.confirmations}
        self.buttons: dict[Signatory, QPushButton] = {}
        for signatory, name in ((Signatory.SUPERVISOR, "supervisorButton"),
                                (Signatory.SUPERVISEE, "superviseeButton")):
            button = child(form, QPushButton, name)
            button.setAccessibleName(f"Addendum {number}: confirm as {signatory.value}")
            button.setVisible(signatory not in confirmed)
            button.clicked.connect(lambda _c=False, s=signatory: area.confirm(
                addendum, s, Confirmation(combo_value(self.confirmation_combo))))
            self.buttons[signatory] = button
        if addendum.signed_off:
            self.confirmation_combo.hide()
            child(form, QLabel, "confirmationLabel").hide()


class AddendaArea:
    def __init__(self, page: SignOffPage) -> None:
        self.page = page
        find = page.find_child
        self.group = find(QGroupBox, "addendaGroup")
        self.empty_label = find(QLabel, "addendaEmptyLabel")
        self.text_edit = find(QPlainTextEdit, "newAddendumEdit")
        self.author_combo = find(QComboBox, "authorCombo")
        self.add_button = find(QPushButton, "addAddendumButton")
        self.error_label = find(QLabel, "addendumErrorLabel")
        self._rows = Rows(find(QWidget, "addendaHost"), "session_addendum_row")
        self.rows: list[AddendumRow] = []
        ctx = page.ctx
        for signatory in Signatory:
            self.author_combo.addItem(f"{ctx.name_of(signatory)} ({signatory.value})", signatory.value)
        self.add_button.clicked.connect(self.add)

    def load(self) -> None:
        self._rows.clear()
        self.rows = [AddendumRow(self, self._rows.add(), number, addendum)
                     for number, addendum in enumerate(self.page.ctx.record.addenda, start=1)]
        self.empty_label.setVisible(not self.rows)

    def add(self) -> None:
        ctx = self.page.ctx
        self._clear()
        author = Signatory(combo_value(self.author_combo))
        try:
            addendum = ctx.service.add_addendum(ctx.session_id, self.text_edit.toPlainText(), author)
        except (ValueError, VaultError) as error:
            self._say(str(error), self.text_edit)
            return
        ctx.record.addenda.append(addendum)
        self.text_edit.clear()
        self.load()
        self.page.addendaSaved.emit()
        self._done(f"Addendum {len(self.rows)} added. You both need to confirm it.")

    def confirm(self, addendum: Addendum, signatory: Signatory, confirmation: Confirmation) -> None:
        self._clear()
        try:
            self.page.ctx.service.confirm_addendum(self.page.ctx.session_id, addendum, signatory, confirmation)
        except (SessionLocked, VaultError) as error:
            self._say(str(error), self.add_button)
            return
        number = self.page.ctx.record.addenda.index(addendum) + 1
        self.load()
        self.page.addendaSaved.emit()
        row = self.rows[number - 1]
        remaining = [b for b in row.buttons.values() if not b.isHidden()]
        (remaining[0] if remaining else self.text_edit).setFocus(Qt.FocusReason.OtherFocusReason)
        state = "signed off by both" if addendum.signed_off else "confirmed"
        self._done(f"Addendum {number} {state}.")

    def _clear(self) -> None:
        # (Only a field that showed an error has a description to restore.)
        clear_error(self.error_label, None if self.error_label.isHidden() else self.text_edit)

    def _done(self, message: str) -> None:
        self.error_label.setStyleSheet(role_style(Role.WindowText, "font-weight: normal;"))
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        announce(self.error_label)

    def _say(self, problem: str, field: QWidget) -> None:
        self.error_label.setStyleSheet("")
        show_error(self.error_label, problem, field)
