"""Step 9: the next session, on the agreement's cadence by default, and its calendar file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QDateTimeEdit, QFileDialog, QLabel, QPushButton, QWidget

from supervision_app.errors import VaultError
from supervision_app.fileio import atomic_write_bytes
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import announce
from supervision_app.gui.session import progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.dates import from_qdatetime, to_qdatetime
from supervision_app.gui.session.page import Page
from supervision_app.services.calendar import session_ics

# Asks where to save a calendar file: (parent, suggested file name) -> path, or None if cancelled.
ChooseIcsPath = Callable[[QWidget, str], Path | None]


def choose_ics_path(parent: QWidget, suggested_name: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(parent, "Save to calendar", str(Path.home() / suggested_name),
                                                "Calendar files (*.ics)")
    return Path(name) if name else None


def default_next(ctx: SessionContext) -> datetime:
    """What the next session defaults to: one already in the diary, else the agreement's cadence."""
    booked = ctx.later_booked()
    return booked.scheduled_start if booked else ctx.service.suggested_next(ctx.session)


class NextSessionPage(Page):
    form_name = "session_next"
    title = "Next session"

    def __init__(self, ctx: SessionContext, choose_path: ChooseIcsPath = choose_ics_path,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._choose_path = choose_path
        self.when_edit = self.find_child(QDateTimeEdit, "whenEdit")
        self.suggested_button = self.find_child(QPushButton, "suggestedButton")
        self.suggestion_label = self.find_child(QLabel, "suggestionLabel")
        self.booked_label = self.find_child(QLabel, "bookedLabel")
        self.calendar_button = self.find_child(QPushButton, "calendarButton")
        self.calendar_result_label = self.find_child(QLabel, "calendarResultLabel")
        self.suggested = ctx.service.suggested_next(ctx.session)
        agreement = ctx.service.store.get_agreement(ctx.supervisee.id)
        cadence = f"your agreement ({agreement.cadence_label})" if agreement else "a monthly default (no agreement yet)"
        self.suggestion_label.setText(f"Suggested from {cadence}: {format_datetime(self.suggested)}.")
        self.bind(self.when_edit.dateTimeChanged, self._when_changed)
        self.suggested_button.clicked.connect(self.use_suggestion)
        self.calendar_button.clicked.connect(self.save_calendar)

    def default(self) -> datetime:
        return default_next(self.ctx)

    def load(self) -> None:
        with self.loading():
            self.when_edit.setDateTime(to_qdatetime(self.ctx.record.next_session or self.default()))
        self.refresh()

    def refresh(self) -> None:
        booked = self.ctx.later_booked()
        if booked is not None:
            when = format_datetime(booked.scheduled_start)
            moving = "" if self.ctx.record.signed_off else (
                " To move it, open that session and choose 'Cancel or move this session'.")
            self.booked_label.setText(f"The next session is in the diary for {when}.{moving}")
        elif self.ctx.record.signed_off:
            self.booked_label.setText("No later session is booked.")
        else:
            self.booked_label.setText("It will be booked when you have both signed off.")
        self.calendar_button.setEnabled(booked is not None)
        self.calendar_button.setToolTip("" if booked else "You can save it once the next session is booked.")

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.next_session(ctx.record)

    def use_suggestion(self) -> None:
        self.when_edit.setDateTime(to_qdatetime(self.suggested))

    def save_calendar(self) -> None:
        booked = self.ctx.later_booked()
        if booked is None:
            return
        path = self._choose_path(self, f"supervision-{booked.scheduled_start.date().isoformat()}.ics")
        if path is None:
            return
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        ctx = self.ctx
        try:
            atomic_write_bytes(path, session_ics(booked, ctx.supervisee, ctx.supervisor, ctx.service.now()),
                               mode=0o644)
        except (VaultError, OSError) as error:
            message = f"The calendar file was not saved: {error}"
        else:
            message = f"Saved the calendar file {path.name}. Open it to add the session to your calendar."
        self.calendar_result_label.setText(message)
        self.calendar_result_label.setVisible(True)
        announce(self.calendar_result_label)

    def _when_changed(self, _value: object) -> None:
        self.ctx.record.next_session = from_qdatetime(self.when_edit.dateTime())
