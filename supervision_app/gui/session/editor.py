"""The session editor: a header, the steps on the left and the current step on the right.

Every edit goes into the draft record at once and is saved a moment later
(``autosave_ms``), so closing the app, a crash or a lock loses at most the
last few seconds of typing. The main window calls :meth:`SessionEditor.flush`
before it locks the vault or closes.

Each step's page is built the first time it is shown or asked for (``setting_page`` and the
rest are properties that build it); until then the step list shows its progress from the
record alone (:meth:`Page.progress_of`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from supervision_app.content import ToolkitContent
from supervision_app.domain.model import SessionStatus, SupervisionSession
from supervision_app.domain.record import Confirmation, SessionRecord, Signatory
from supervision_app.domain.rules import Problem, SessionLocked, withdraw_confirmation
from supervision_app.errors import VaultError
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import announce
from supervision_app.gui.forms import W, child, focus_chain, load_into, set_tab_order
from supervision_app.gui.narrow import StackWhenNarrow
from supervision_app.gui.plain import message_box
from supervision_app.gui.session.actions import ActionsPage
from supervision_app.gui.session.agenda import AgendaPage
from supervision_app.gui.session.cancel import CancelDialog
from supervision_app.gui.session.checkin import CheckinPage
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.discussion import DiscussionPage
from supervision_app.gui.session.flags import FlagsPage
from supervision_app.gui.session.learning import LearningPage
from supervision_app.gui.session.next_session import ChooseIcsPath, NextSessionPage, choose_ics_path, default_next
from supervision_app.gui.session.page import Page
from supervision_app.gui.session.progress import Progress
from supervision_app.gui.session.review import ReviewPage
from supervision_app.gui.session.setting import SettingPage
from supervision_app.gui.session.signoff import SignOffPage, problem_line, step_of
from supervision_app.gui.theme import Role, role_style
from supervision_app.services.sessions import SessionService

log = logging.getLogger(__name__)

# Asks a yes/no question: (parent, question, details) -> True for yes.
Ask = Callable[[QWidget, str, str], bool]

P = TypeVar("P", bound=Page)

# The steps, in order.
STEPS: tuple[type[Page], ...] = (SettingPage, ReviewPage, AgendaPage, DiscussionPage, CheckinPage, FlagsPage,
                                 LearningPage, ActionsPage, NextSessionPage, SignOffPage)

NOTHING_RECORDED = "nothing recorded"  # a locked session's step that was never started
PROGRESS_MARKS = {Progress.NOT_STARTED: "○", Progress.STARTED: "◐", Progress.DONE: "✓"}


SIGN_OFF_ANYWAY = "Sign off anyway?"
LOCK_QUESTION = "Confirm and lock the record?"
YES_BUTTONS = {SIGN_OFF_ANYWAY: "Sign off anyway", LOCK_QUESTION: "Confirm and lock"}
LOCKING = "Once you have both confirmed, the record is locked: later changes are dated addenda."


def ask_sign_off_anyway(parent: QWidget, question: str, details: str) -> bool:
    box = message_box(QMessageBox.Icon.Question, question, question, parent, details=details)
    yes = box.addButton(YES_BUTTONS.get(question, "Sign off"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def step_state(step: type[Page], ctx: SessionContext, problems: Sequence[Problem]) -> Progress:
    """How far a step has got; never done while one of its own errors is on screen."""
    state = step.progress_of(ctx)
    own_errors = [p for p in problems if p.blocks_sign_off and step_of(p) == step.title]
    return Progress.STARTED if state is Progress.DONE and own_errors else state


class SessionEditor(QWidget):
    """Edits one session. ``saved`` follows each save; ``signedOff(session_id)`` follows sign-off by both;
    ``cancelled(session_id)`` follows cancelling (``rebooked`` is then the new session, if any)."""

    saved = Signal()
    signedOff = Signal(int)
    cancelled = Signal(int)

    def __init__(self, service: SessionService, content: ToolkitContent, session_id: int, *,
                 autosave_ms: int = 2000, ask: Ask = ask_sign_off_anyway,
                 choose_ics_path: ChooseIcsPath = choose_ics_path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = SessionContext.open(service, content, session_id)
        self.ctx.revealed.update(problem.where for problem in service.problems(self.ctx.record))
        self.service = service
        self.ask = ask
        self.read_only = False
        self.booked_next: SupervisionSession | None = None  # booked by sign-off
        self.rebooked: SupervisionSession | None = None  # booked by "Cancel or move"
        self.cancel_dialog: CancelDialog | None = None
        self._choose_ics_path = choose_ics_path
        self._dirty = False
        self._step_words: dict[int, str] = {}
        self._built: dict[int, Page] = {}  # the pages built so far, by step
        self._problems: list[Problem] = []  # the checks' problems, as last shown
        self.form = load_into("session_editor", self)
        find = self._find
        self.supervisee_label = find(QLabel, "superviseeLabel")
        self.when_label = find(QLabel, "whenLabel")
        self.status_label = find(QLabel, "statusLabel")
        self.save_state_label = find(QLabel, "saveStateLabel")
        self.banner_label = find(QLabel, "bannerLabel")
        self.step_list = find(QListWidget, "stepList")
        self.step_stack = find(QStackedWidget, "stepStack")
        self.previous_button = find(QPushButton, "previousButton")
        self.next_button = find(QPushButton, "nextButton")
        self.setAccessibleName(f"Supervision session with {self.ctx.supervisee.name}")

        self._scrolls: list[QScrollArea] = []  # one per step; a page goes in when it is built
        for step in STEPS:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setAccessibleName(step.title)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the page's fields
            self.step_stack.addWidget(scroll)
            self._scrolls.append(scroll)
            self.step_list.addItem(QListWidgetItem(step.title))

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.flush)
        self.step_list.currentRowChanged.connect(self._show_step)
        self.previous_button.clicked.connect(lambda: self.go_to(self.step_list.currentRow() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.step_list.currentRow() + 1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.previous_button.click)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.next_button.click)

        self._show_header()
        if not self.ctx.editable:
            self._lock()
        elif self.ctx.record.next_session is None and not self.ctx.record.confirmations:
            self.ctx.record.next_session = default_next(self.ctx)  # booked on the cadence by default
            if (page := self._built.get(STEPS.index(NextSessionPage))) is not None:
                page.load()
            self._changed()
            self.flush()
        self._update_checks()
        self.go_to(self._first_step())

    # --- public --------------------------------------------------------------------

    @property
    def session_id(self) -> int:
        return self.ctx.session_id

    @property
    def record(self) -> SessionRecord:
        return self.ctx.record

    @property
    def dirty(self) -> bool:
        return self._dirty

    def flush(self) -> bool:
        """Save the draft now if anything changed; return False if it could not be saved."""
        self._autosave.stop()
        if not self._dirty or self.read_only:
            return True
        try:
            self.service.save_draft(self.session_id, self.ctx.record)
        except (VaultError, SessionLocked) as error:
            log.warning("A session draft could not be saved (%s)", type(error).__name__)
            self._set_save_state(f"Not saved: {error}", error=True)
            return False
        self._dirty = False
        self._set_save_state(f"Saved at {self.service.now():%H:%M:%S}")
        self.saved.emit()
        return True

    def go_to(self, index: int) -> None:
        if 0 <= index < len(STEPS):
            self.step_list.setCurrentRow(index)

    def page_index(self, page: Page) -> int:
        return STEPS.index(type(page))

    @property
    def pages(self) -> list[Page]:
        """Every step's page, in order, each built now if it was not yet."""
        return [self._page(index) for index in range(len(STEPS))]

    @property
    def setting_page(self) -> SettingPage:
        return self._step(SettingPage)

    @property
    def review_page(self) -> ReviewPage:
        return self._step(ReviewPage)

    @property
    def agenda_page(self) -> AgendaPage:
        return self._step(AgendaPage)

    @property
    def discussion_page(self) -> DiscussionPage:
        return self._step(DiscussionPage)

    @property
    def checkin_page(self) -> CheckinPage:
        return self._step(CheckinPage)

    @property
    def flags_page(self) -> FlagsPage:
        return self._step(FlagsPage)

    @property
    def learning_page(self) -> LearningPage:
        return self._step(LearningPage)

    @property
    def actions_page(self) -> ActionsPage:
        return self._step(ActionsPage)

    @property
    def next_session_page(self) -> NextSessionPage:
        return self._step(NextSessionPage)

    @property
    def sign_off_page(self) -> SignOffPage:
        return self._step(SignOffPage)

    def open_cancel_dialog(self) -> CancelDialog:
        self.cancel_dialog = CancelDialog(self.service.suggested_move(self.ctx.session), self._cancel, self)
        self.cancel_dialog.open()
        return self.cancel_dialog

    def confirm(self, signatory: Signatory, confirmation: Confirmation) -> None:
        """One person confirms the record; after both, it is locked and the next session booked."""
        record = self.ctx.record
        problems = self.service.problems(record)
        self.ctx.revealed.update(problem.where for problem in problems)
        self._update_checks()
        blocking = [p for p in problems if p.blocks_sign_off]
        if blocking:
            self.sign_off_page.show_confirm_error(
                "This cannot be signed off yet:\n" + "\n".join(problem_line(p) for p in blocking))
            return
        warnings = [problem_line(p) for p in problems if not p.blocks_sign_off]
        if record.confirmations and all(c.signatory is not signatory for c in record.confirmations):
            # The second confirmation locks the record: one question, naming what is not done.
            if not self.ask(self, LOCK_QUESTION, self._before_locking(warnings)):
                return
        elif warnings and not self.ask(self, SIGN_OFF_ANYWAY, "\n".join(warnings)):
            return
        self.sign_off_page.show_confirm_error("")
        try:
            booked = self.service.confirm(self.session_id, record, signatory, confirmation)
        except (ValueError, VaultError, SessionLocked) as error:
            self.sign_off_page.show_confirm_error(str(error))
            return
        self._dirty = False
        self._autosave.stop()
        self._set_save_state(f"Saved at {self.service.now():%H:%M:%S}")
        self.saved.emit()
        if not record.signed_off:
            self.sign_off_page.refresh()  # the summary shows the confirmation at once
            self._update_checks()
            announce(self.sign_off_page.status_labels[signatory])
            return
        self.booked_next = booked
        self.ctx.session = self.service.store.get_session(self.session_id)
        self.ctx.forget_history()  # the next session was booked
        self._lock()
        self._update_checks()
        self.sign_off_page.refresh()
        if (page := self._built.get(STEPS.index(NextSessionPage))) is not None:
            page.refresh()  # (a page built later is refreshed when it is shown)
        self.signedOff.emit(self.session_id)

    def _before_locking(self, warnings: list[str]) -> str:
        """What to say before the record is locked: the steps not done and any warnings."""
        problems = self.service.problems(self.ctx.record)
        states = {step.title: step_state(step, self.ctx, problems) for step in STEPS if step is not SignOffPage}
        lines = [f"• {title}: {state.value}" for title, state in states.items() if state is not Progress.DONE]
        parts = [("Steps not done:\n" + "\n".join(lines)) if lines else "Every step is done."]
        if warnings:
            parts.append("Warnings:\n" + "\n".join(warnings))
        return "\n\n".join([*parts, LOCKING])

    # --- events ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    # --- internals ---------------------------------------------------------------------

    def _find(self, cls: type[W], name: str) -> W:
        return child(self.form, cls, name)

    def _step(self, step: type[P]) -> P:
        page = self._page(STEPS.index(step))
        assert isinstance(page, step)
        return page

    def _page(self, index: int) -> Page:
        """The page of step ``index``, built, filled from the record and wired up the first time it is needed."""
        if (built := self._built.get(index)) is not None:
            return built
        step = STEPS[index]
        page = NextSessionPage(self.ctx, self._choose_ics_path) if step is NextSessionPage else step(self.ctx)
        self._built[index] = page
        page.changed.connect(self._changed)
        if isinstance(page, SettingPage):
            page.cancelRequested.connect(self.open_cancel_dialog)
        elif isinstance(page, SignOffPage):
            page.confirmRequested.connect(self.confirm)
            page.addendaSaved.connect(self._addenda_saved)
        page.load()
        if self.read_only:
            page.set_read_only()
        page.show_problems(self._problems)
        chain = focus_chain(page)  # (while the page is not yet in the window)
        scroll = self._scrolls[index]
        scroll.setWidget(page)
        if page.side_by_side:
            StackWhenNarrow(scroll, page, page.side_by_side)
        # Tab goes from the steps into the page shown, then to Previous and Next: a page put in the editor
        # starts at the end of the chain, so its fields go after the steps' list and the pages before it.
        set_tab_order(chain)
        return page

    def _changed(self) -> None:
        if self.read_only:
            return
        record = self.ctx.record
        if record.confirmations and not record.signed_off:
            names = [self.ctx.name_of(c.signatory) for c in record.confirmations]
            for confirmation in list(record.confirmations):
                withdraw_confirmation(record, confirmation.signatory)
            self.sign_off_page.show_withdrawn(names)
            self.sign_off_page.refresh()  # nor does the summary show it any longer
        self._dirty = True
        self._set_save_state("Unsaved changes")
        # Counted from the first unsaved edit, not restarted by each keystroke:
        # someone typing without a pause is still saved every couple of seconds.
        if not self._autosave.isActive():
            self._autosave.start()
        self._update_checks()

    def _update_checks(self) -> None:
        problems = self._problems = self.service.problems(self.ctx.record)
        for index, step in enumerate(STEPS):
            if (page := self._built.get(index)) is not None:
                page.show_problems(problems)
            state = step_state(step, self.ctx, problems)
            words = NOTHING_RECORDED if self.read_only and state is Progress.NOT_STARTED else state.value
            if self._step_words.get(index) == words:
                continue  # (this runs on every key press)
            self._step_words[index] = words
            item = self.step_list.item(index)
            item.setText(f"{index + 1}. {step.title}\n     {PROGRESS_MARKS[state]} {words.capitalize()}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{step.title} — {words}")
            item.setToolTip(f"{step.title}: {words}")

    def _show_step(self, index: int) -> None:
        if index < 0:
            return
        page = self._page(index)
        self.step_stack.setCurrentIndex(index)
        page.refresh()
        count = len(STEPS)
        self.previous_button.setVisible(index > 0)
        self.next_button.setVisible(index < count - 1)
        if index > 0:
            self.previous_button.setText(f"← {STEPS[index - 1].title}")
            self.previous_button.setAccessibleName(f"Previous step: {STEPS[index - 1].title}")
        if index < count - 1:
            self.next_button.setText(f"{STEPS[index + 1].title} →")  # as "← Setting" goes back
            self.next_button.setAccessibleName(f"Next step: {STEPS[index + 1].title}")

    def _first_step(self) -> int:
        if self.ctx.record.signed_off:
            return STEPS.index(SignOffPage)
        if self.read_only:
            return 0
        problems = self.service.problems(self.ctx.record)
        return next((i for i, step in enumerate(STEPS) if step_state(step, self.ctx, problems) is not Progress.DONE),
                    0)

    def _show_header(self) -> None:
        session = self.ctx.session
        self.supervisee_label.setText(self.ctx.supervisee.name)
        place = f" · {session.location}" if session.location else ""
        self.when_label.setText(f"{format_datetime(session.scheduled_start)} · {session.mode.label}{place}")
        self.status_label.setText(f"Status: {session.status.label}")

    def _set_save_state(self, text: str, *, error: bool = False) -> None:
        if text == self.save_state_label.text():
            return
        self.save_state_label.setText(text)
        self.save_state_label.setStyleSheet(role_style(Role.BrightText, "font-weight: bold;") if error else "")
        if error:
            announce(self.save_state_label)

    def _lock(self) -> None:
        """Read-only from now on: signed off (addenda only) or cancelled."""
        self.read_only = True
        self._autosave.stop()
        self._dirty = False
        record, session = self.ctx.record, self.ctx.session
        if record.signed_off:
            when = max(c.at for c in record.confirmations)
            banner = f"Signed off on {format_datetime(when)}; changes only through an addendum."
        elif session.status is SessionStatus.CANCELLED:
            reason = session.cancellation_reason or "no reason given"
            banner = f"This session was cancelled ({reason}), so it cannot be changed."
        else:
            banner = "This session cannot be changed."
        self.banner_label.setText(banner)
        self.banner_label.setVisible(True)
        for page in self._built.values():
            page.set_read_only()  # (a page built later is made read-only as it is built)
        self._show_header()
        self._set_save_state("")
        announce(self.banner_label)

    def _cancel(self, reason: str, rebook_at: datetime | None) -> str | None:
        if not self.flush():
            return "The draft could not be saved, so the session was not cancelled."
        try:
            self.rebooked = self.service.cancel(self.session_id, reason, rebook_at)
        except (ValueError, VaultError, SessionLocked) as error:
            return str(error)
        self.ctx.session = self.service.store.get_session(self.session_id)
        self.ctx.forget_history()  # the session was rebooked
        self._lock()
        self.cancelled.emit(self.session_id)
        return None

    def _addenda_saved(self) -> None:
        self._set_save_state(f"Saved at {self.service.now():%H:%M:%S}")
        self.sign_off_page.refresh()
        self.saved.emit()
