"""The small dialog for cancelling or moving a session: a reason, and perhaps a new date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QLabel, QPlainTextEdit, QPushButton, QWidget

from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.session.dates import from_qdatetime, to_qdatetime

REASON_NEEDED = "Say why the session was cancelled or moved."

# Called with the reason and the new date (or None); returns a sentence if it failed.
CancelHandler = Callable[[str, datetime | None], str | None]


class CancelDialog(FormDialog):
    def __init__(self, suggested: datetime, on_confirm: CancelHandler, parent: QWidget | None = None) -> None:
        """``suggested`` is the new date offered if the session is moved (a working day)."""
        super().__init__("session_cancel", parent)
        self._on_confirm = on_confirm
        self.reason_edit = self.find(QPlainTextEdit, "reasonEdit")
        self.reason_error_label = self.find(QLabel, "reasonErrorLabel")
        self.rebook_check = self.find(QCheckBox, "rebookCheck")
        self.rebook_edit = self.find(QDateTimeEdit, "rebookEdit")
        self.error_label = self.find(QLabel, "errorLabel")
        self.confirm_button = self.find(QPushButton, "confirmButton")
        self.keep_button = self.find(QPushButton, "keepButton")
        self.rebook_edit.setDateTime(to_qdatetime(suggested))
        self.rebook_check.toggled.connect(self._rebook_toggled)
        self.confirm_button.clicked.connect(self._confirm)
        self.keep_button.clicked.connect(self.reject)
        self.reason_edit.setFocus()

    def rebook_at(self) -> datetime | None:
        if not self.rebook_check.isChecked():
            return None
        return from_qdatetime(self.rebook_edit.dateTime())

    def _rebook_toggled(self, checked: bool) -> None:
        self.rebook_edit.setEnabled(checked)
        self.confirm_button.setText("&Cancel and rebook" if checked else "&Cancel the session")
        self.confirm_button.setAccessibleName(self.confirm_button.text().replace("&", ""))

    def _confirm(self) -> None:
        # (Only a field that showed an error has a description to restore.)
        clear_error(self.reason_error_label, None if self.reason_error_label.isHidden() else self.reason_edit)
        clear_error(self.error_label)
        reason = self.reason_edit.toPlainText().strip()
        if not reason:
            show_error(self.reason_error_label, REASON_NEEDED, self.reason_edit)
            return
        problem = self._on_confirm(reason, self.rebook_at())
        if problem:
            show_error(self.error_label, problem, self.confirm_button)
            return
        self.accept()
