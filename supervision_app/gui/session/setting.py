"""Step 1: the setting for this session (Who, Where, When), with the session timer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QWidget,
)

from supervision_app.content import Source
from supervision_app.domain.record import TimeProtection
from supervision_app.domain.rules import Problem
from supervision_app.formatting import format_datetime
from supervision_app.gui.session import progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.dates import from_qtime
from supervision_app.gui.session.messages import problems_at, show_problems
from supervision_app.gui.session.page import Page, set_text

NOT_SET = QTime(0, 0)
LONG_AGO_SECONDS = 12 * 60 * 60  # a timer over this long means the session was left open


def short_citation(source: Source, cite: str) -> str:
    """``From BASW and SWU (2020), Fig. 6``: who and where, short enough to sit under a note."""
    who = f"{source.publisher} ({source.year})" if source.publisher and source.year else source.publisher
    parts = [part for part in (who, cite) if part]
    return "From " + ", ".join(parts) if parts else f"From {source.citation}"


def elapsed_text(start: datetime | None, end: datetime | None, now: datetime) -> str:
    """``mm:ss`` since the start (to the end, once ended)."""
    if start is None:
        return "Not started"
    seconds = max(0, int(((end or now) - start).total_seconds()))
    if seconds >= LONG_AGO_SECONDS:
        return f"Started {format_datetime(start)}" + (f", ended {format_datetime(end)}" if end else "")
    text = f"{seconds // 60:02d}:{seconds % 60:02d}"
    return f"{text} (ended)" if end else text


class SettingPage(Page):
    form_name = "session_setting"
    title = "Setting"
    cancelRequested = Signal()

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        find = self.find_child
        frame = ctx.content.frame
        for part in ("who", "where", "when"):
            content = frame.part(part)
            find(QGroupBox, f"{part}Group").setTitle(f"{content.heading} {content.title}")
            remember = find(QLabel, f"{part}RememberLabel")
            remember.setText(content.remember)
            remember.setAccessibleName(f"Remember: {content.heading}")
            citation = find(QLabel, f"{part}CitationLabel")
            citation.setText(short_citation(frame.source, content.cite))
            citation.setToolTip(frame.source.citation)
            citation.setAccessibleDescription(frame.source.citation)
        # On a narrow screen the toolkit's reminders go under the fields they are about.
        self.side_by_side = [find(QHBoxLayout, f"{part}GroupLayout") for part in ("who", "where", "when")]
        self.present_edit = find(QLineEdit, "presentEdit")
        find(QLabel, "modeValueLabel").setText(ctx.session.mode.label)
        find(QLabel, "placeValueLabel").setText(ctx.session.location or "Not given when it was booked")
        self.private_check = find(QCheckBox, "privateSpaceCheck")
        self.connection_check = find(QCheckBox, "connectionCheck")
        self.connection_check.setVisible(ctx.remote)
        self.start_edit = find(QTimeEdit, "startTimeEdit")
        self.end_edit = find(QTimeEdit, "endTimeEdit")
        self.start_button = find(QPushButton, "startButton")
        self.end_button = find(QPushButton, "endButton")
        self.end_error_label = find(QLabel, "endErrorLabel")
        self.timer_label = find(QLabel, "timerLabel")
        self.interruption_edit = find(QLineEdit, "interruptionEdit")
        self.cancel_button = find(QPushButton, "cancelButton")
        self.protection = QButtonGroup(self)
        self.protection_radios = {
            TimeProtection.NOT_RECORDED: find(QRadioButton, "protectionNotRecordedRadio"),
            TimeProtection.PROTECTED: find(QRadioButton, "protectedRadio"),
            TimeProtection.INTERRUPTED: find(QRadioButton, "interruptedRadio"),
        }
        for protection, radio in self.protection_radios.items():
            self.protection.addButton(radio, list(TimeProtection).index(protection))

        setting = ctx.record.setting
        self.bind_text(self.present_edit, lambda v: setattr(setting, "present", v))
        self.bind_check(self.private_check, lambda v: setattr(setting, "private_space_confirmed", v))
        self.bind_check(self.connection_check, lambda v: setattr(setting, "connection_checked", v))
        self.bind(self.start_edit.timeChanged,
                  lambda t: setattr(setting, "started_at", self._moment(t, setting.started_at)))
        self.bind(self.end_edit.timeChanged,
                  lambda t: setattr(setting, "ended_at", self._moment(t, setting.ended_at or setting.started_at)))
        self.bind(self.protection.idToggled, self._protection_toggled)
        self.bind_text(self.interruption_edit, lambda v: setattr(setting, "interruption_note", v))
        self.start_button.clicked.connect(self._start_now)
        self.end_button.clicked.connect(self._end_now)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.start_edit.timeChanged.connect(self._tick)
        self.end_edit.timeChanged.connect(self._tick)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    # --- record to widgets -------------------------------------------------------

    def load(self) -> None:
        setting = self.ctx.record.setting
        with self.loading():
            set_text(self.present_edit, setting.present)
            self.private_check.setChecked(setting.private_space_confirmed)
            self.connection_check.setChecked(setting.connection_checked)
            self.start_edit.setTime(_qtime(setting.started_at))
            self.end_edit.setTime(_qtime(setting.ended_at))
            self.protection_radios[setting.time_protection].setChecked(True)
            set_text(self.interruption_edit, setting.interruption_note)
        self._show_interruption()
        self._tick()

    def progress(self) -> progress.Progress:
        return progress.setting(self.ctx.record, self.ctx.remote)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        show_problems(self.end_error_label, problems_at(problems, "setting.ended_at"), self.end_edit)

    def set_read_only(self) -> None:
        super().set_read_only()
        self.timer.stop()
        self._tick()

    # --- edits ------------------------------------------------------------------------

    def _moment(self, value: QTime, on_day_of: datetime | None) -> datetime | None:
        """The time typed, on the day it already had (or the session's day); ``None`` for "not set"."""
        if value == NOT_SET:
            return None
        day: date = (on_day_of or self.ctx.session.scheduled_start).date()
        return datetime.combine(day, from_qtime(value))

    def _protection_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.ctx.record.setting.time_protection = list(TimeProtection)[button_id]
            self._show_interruption()

    def _show_interruption(self) -> None:
        interrupted = self.ctx.record.setting.time_protection is TimeProtection.INTERRUPTED
        self.interruption_edit.setEnabled(interrupted and not self.read_only)

    def _start_now(self) -> None:
        self.ctx.record.setting.started_at = self.ctx.service.now()
        self.load()
        self.changed.emit()

    def _end_now(self) -> None:
        self.ctx.record.setting.ended_at = self.ctx.service.now()
        self.load()
        self.changed.emit()

    def _tick(self) -> None:
        setting = self.ctx.record.setting
        self.timer_label.setText(elapsed_text(setting.started_at, setting.ended_at, self.ctx.service.now()))


def _qtime(moment: datetime | None) -> QTime:
    if moment is None:
        return NOT_SET
    return QTime(moment.hour, moment.minute)
