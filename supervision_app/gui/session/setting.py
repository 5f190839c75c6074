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
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.record import TimeProtection
from supervision_app.domain.rules import Problem, times_problem
from supervision_app.formatting import format_datetime
from supervision_app.gui.forms import set_tab_order
from supervision_app.gui.session import progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.dates import from_qtime
from supervision_app.gui.session.messages import problems_at, show_problems
from supervision_app.gui.session.more import MoreFromToolkit, short_citation
from supervision_app.gui.session.page import Page, set_text

NOT_SET = QTime(0, 0)
LONG_AGO_SECONDS = 12 * 60 * 60  # a timer over this long means the session was left open


def elapsed_text(start: datetime | None, end: datetime | None, now: datetime) -> str:
    """A running clock since the start (``12:05``, ``1:05:00``), or how long it lasted once ended."""
    if start is None:
        return "Not started"
    seconds = max(0, int(((end or now) - start).total_seconds()))
    if seconds >= LONG_AGO_SECONDS:
        return f"Started {format_datetime(start)}" + (f", ended {format_datetime(end)}" if end else "")
    if end:
        return f"Lasted {_duration(seconds // 60)}"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}:{minutes:02d}:{seconds % 60:02d}" if hours else f"{minutes:02d}:{seconds % 60:02d}"


def _duration(minutes: int) -> str:
    """``1 hour 30 minutes``, ``45 minutes``, ``2 hours``."""
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


class SettingPage(Page):
    form_name = "session_setting"
    title = "Setting"
    cancelRequested = Signal()

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        find = self.find_child
        frame = ctx.content.frame
        self.more: dict[str, MoreFromToolkit] = {}
        for part in ("who", "where", "when"):
            content = frame.part(part)
            find(QGroupBox, f"{part}Group").setTitle(f"{content.heading} {content.title}")
            remember = find(QLabel, f"{part}RememberLabel")
            remember.setText(content.remember)
            citation = find(QLabel, f"{part}CitationLabel")
            citation.setText(short_citation(frame.source, content.cite))
            citation.setToolTip(frame.source.citation)
            citation.setAccessibleDescription(frame.source.citation)
            # Fig. 6's text and its prompts, only when asked for, under the "Remember" note.
            prompts = "To talk about:\n" + "\n".join(f"• {prompt.text}" for prompt in content.prompts)
            more = MoreFromToolkit(f"{content.heading} {content.title}", [content.text, prompts],
                                   frame.source, content.cite, self)
            find(QVBoxLayout, f"{part}RememberLayout").addWidget(more)
            self.more[part] = more
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
        self._refusal = ""  # why "Start now" or "End now" was refused, until the times change
        self._problems: list[Problem] = []
        self.start_edit.timeChanged.connect(self._times_typed)
        self.end_edit.timeChanged.connect(self._times_typed)

        # Each part's "More from the toolkit" follows its fields for Tab, in reading order.
        set_tab_order([self.present_edit, self.more["who"].button, self.private_check, self.connection_check,
                       self.more["where"].button, self.start_edit, self.start_button, self.end_edit,
                       self.end_button, *self.protection_radios.values(), self.interruption_edit,
                       self.more["when"].button, self.cancel_button])

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    # --- record to widgets -------------------------------------------------------

    def load(self) -> None:
        self._refusal = ""
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

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.setting(ctx.record, ctx.remote)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self._problems = problems_at(problems, "setting.ended_at")
        if self._refusal:
            show_problems(self.end_error_label, [Problem("setting.ended_at", self._refusal, True)], self.end_edit)
        else:
            show_problems(self.end_error_label, self._problems, self.end_edit)

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

    def _times_typed(self) -> None:
        if self._refusal:
            self._refusal = ""
            self.show_problems(self._problems)

    def _now_on_the_day(self) -> datetime:
        """This time of day, on the session's day: a session recorded later does not span the days between."""
        return datetime.combine(self.ctx.session.scheduled_start.date(), self.ctx.service.now().time())

    def _start_now(self) -> None:
        self._set_times(self._now_on_the_day(), self.ctx.record.setting.ended_at)

    def _end_now(self) -> None:
        self._set_times(self.ctx.record.setting.started_at, self._now_on_the_day())

    def _set_times(self, started: datetime | None, ended: datetime | None) -> None:
        """Record both times, unless together they make a mistake: then say so at the field and change nothing."""
        problem = times_problem(started, ended)
        if problem is not None:
            self._refusal = f"Not recorded. {problem.message}"
            self.show_problems(self._problems)
            return
        setting = self.ctx.record.setting
        setting.started_at, setting.ended_at = started, ended
        self.load()
        self.changed.emit()

    def _tick(self) -> None:
        setting = self.ctx.record.setting
        self.timer_label.setText(elapsed_text(setting.started_at, setting.ended_at, self.ctx.service.now()))


def _qtime(moment: datetime | None) -> QTime:
    if moment is None:
        return NOT_SET
    return QTime(moment.hour, moment.minute)
