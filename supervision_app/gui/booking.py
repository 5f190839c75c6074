"""Booking a session: a date and time, suggested from the agreement's cadence."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDateTimeEdit, QDialogButtonBox, QLabel, QWidget

from supervision_app.domain.model import Person, SupervisionSession
from supervision_app.errors import VaultError
from supervision_app.formatting import format_datetime, format_long_day
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.session.dates import from_qdatetime, to_qdatetime
from supervision_app.services.sessions import SessionService


class BookSessionDialog(FormDialog):
    """After ``accept()``, :attr:`booked` holds the new session."""

    def __init__(self, service: SessionService, supervisee: Person, parent: QWidget | None = None) -> None:
        super().__init__("book_session", parent)
        self._service = service
        self._supervisee = supervisee
        self.booked: SupervisionSession | None = None
        self._warned: str | None = None  # the warning shown for this time, so Book again goes ahead
        self.start_edit = self.find(QDateTimeEdit, "startEdit")
        self.error_label = self.find(QLabel, "errorLabel")
        heading = self.find(QLabel, "headingLabel")
        heading.setText(f"Book a session with {supervisee.name}")
        agreement = service.agreement_for(supervisee)
        suggestion = service.suggested_booking(supervisee.id)
        self.find(QLabel, "explanationLabel").setText(
            f"Your agreement says {agreement.cadence_label}, {agreement.length_minutes} minutes, "
            f"{agreement.mode.label.lower()}. Suggested: {format_datetime(suggestion)}."
        )
        self.start_edit.setDateTime(to_qdatetime(suggestion))
        self.start_edit.dateTimeChanged.connect(self._changed)
        buttons = self.find(QDialogButtonBox, "buttonBox")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Book")
        buttons.accepted.connect(self._book)
        buttons.rejected.connect(self.reject)
        self.start_edit.setFocus()

    def _changed(self) -> None:
        self._warned = None
        clear_error(self.error_label, self.start_edit)

    def _warning(self, start: datetime) -> str | None:
        if start < self._service.now():
            # A session that already happened may still need recording: warn, don't block.
            return "That time has already passed. Select Book again to record a session that has already happened."
        reason = self._service.not_a_working_day(start.date())
        if reason:
            return f"{format_long_day(start.date())} is {reason}. Select Book again to book it all the same."
        return None

    def _book(self) -> None:
        start = from_qdatetime(self.start_edit.dateTime())
        warning = self._warning(start)
        if warning is not None and warning != self._warned:
            self._warned = warning
            show_error(self.error_label, warning, self.start_edit)
            return
        try:
            self.booked = self._service.book(self._supervisee.id, start)
        except VaultError as error:
            show_error(self.error_label, error.message, self.start_edit)
            return
        self.accept()
