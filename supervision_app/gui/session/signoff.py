"""Step 10: the summary of what will be on the record, the supervisee's comment, and both confirmations."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QWidget,
)

from supervision_app.domain.record import Confirmation, Signatory
from supervision_app.domain.rules import Problem
from supervision_app.formatting import format_datetime
from supervision_app.gui.session import progress
from supervision_app.gui.session.addenda import AddendaArea
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.messages import free_the_line, set_message
from supervision_app.gui.session.page import Page, make_read_only, set_text
from supervision_app.gui.session.summary import note_html
from supervision_app.gui.theme import Role
from supervision_app.services.note import build_note

# Where a problem is (the part of Problem.where before ":"), as the step that shows it.
STEP_OF_PROBLEM = {
    "setting.ended_at": "Setting",
    "reviews": "Previous actions",
    "review": "Previous actions",
    "action": "Agreed actions",
    "flag": "Wellbeing flags",
}


def summary_style(palette: QPalette) -> str:
    """The summary's headings in the accent and table headers shaded, in the colours of ``palette``."""
    return (f"h3 {{ font-size: 12pt; color: {palette.color(Role.Link).name()}; }} h4 {{ font-size: 11pt; }} "
            f"th {{ background-color: {palette.color(Role.Button).name()}; }}")


def step_of(problem: Problem) -> str | None:
    """The title of the step that shows ``problem``."""
    return STEP_OF_PROBLEM.get(problem.where.split(":")[0])


def problem_line(problem: Problem) -> str:
    step = step_of(problem)
    return f"• {step}: {problem.message}" if step else f"• {problem.message}"


class SignOffPage(Page):
    form_name = "session_signoff"
    title = "Sign-off"
    confirmRequested = Signal(object, object)  # Signatory, Confirmation
    addendaSaved = Signal()

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        find = self.find_child
        self.summary_browser = find(QTextBrowser, "summaryBrowser")
        self.comment_edit = find(QPlainTextEdit, "commentEdit")
        self.blocking_label = find(QLabel, "blockingLabel")
        self.warnings_label = find(QLabel, "warningsLabel")
        self.confirm_error_label = find(QLabel, "confirmErrorLabel")
        self.changed_label = find(QLabel, "changedLabel")
        self.addenda_group = find(QGroupBox, "addendaGroup")
        self.bind_text(self.comment_edit, lambda v: setattr(ctx.record, "supervisee_comment", v))
        self.confirm_buttons: dict[Signatory, QPushButton] = {}
        self.agreed_radios: dict[Signatory, QRadioButton] = {}
        self.seen_radios: dict[Signatory, QRadioButton] = {}
        self.status_labels: dict[Signatory, QLabel] = {}
        for signatory in Signatory:
            prefix = signatory.value
            title = f"{signatory.value.capitalize()}: {ctx.name_of(signatory)}"
            group = find(QGroupBox, f"{prefix}Group")
            group.setTitle(title)
            group.setAccessibleName(title)
            self.agreed_radios[signatory] = find(QRadioButton, f"{prefix}AgreedRadio")
            self.seen_radios[signatory] = find(QRadioButton, f"{prefix}SeenRadio")
            self.agreed_radios[signatory].setChecked(True)
            button = find(QPushButton, f"{prefix}ConfirmButton")
            button.setText(f"Confirm as {signatory.value}")
            button.clicked.connect(lambda _c=False, s=signatory: self.confirmRequested.emit(s, self.choice(s)))
            self.confirm_buttons[signatory] = button
            self.status_labels[signatory] = find(QLabel, f"{prefix}StatusLabel")
        self.addenda = AddendaArea(self)
        self.summary_browser.document().setDefaultStyleSheet(summary_style(self.summary_browser.palette()))

    def choice(self, signatory: Signatory) -> Confirmation:
        return Confirmation.SEEN_NOT_AGREED if self.seen_radios[signatory].isChecked() else Confirmation.AGREED

    def choose(self, signatory: Signatory, confirmation: Confirmation) -> None:
        radios = self.seen_radios if confirmation is Confirmation.SEEN_NOT_AGREED else self.agreed_radios
        radios[signatory].setChecked(True)

    # --- Page ----------------------------------------------------------------------------

    def load(self) -> None:
        with self.loading():
            set_text(self.comment_edit, self.ctx.record.supervisee_comment)
        self.update_confirmations()

    def refresh(self) -> None:
        ctx = self.ctx
        store = ctx.service.store
        note = build_note(ctx.session, ctx.record, ctx.supervisee, ctx.supervisor,
                          store.get_agreement(ctx.supervisee.id), ctx.history(), ctx.content,
                          earlier_actions=ctx.earlier_actions)
        scroll = self.summary_browser.verticalScrollBar().value()
        self.summary_browser.setHtml(note_html(note))
        self.summary_browser.verticalScrollBar().setValue(scroll)
        self.update_confirmations()

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.sign_off(ctx.record)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        if self.read_only:
            return  # a locked or cancelled record shows no checks here
        blocking = [problem_line(p) for p in problems if p.blocks_sign_off]
        warnings = [problem_line(p) for p in problems if not p.blocks_sign_off]
        signed_off = self.ctx.record.signed_off
        set_message(self.blocking_label, "" if signed_off or not blocking else
                    "Needed before sign-off:\n" + "\n".join(blocking))
        set_message(self.warnings_label, "" if signed_off or not warnings else
                    "Warnings (you can still sign off):\n" + "\n".join(warnings))

    def set_read_only(self) -> None:
        self.read_only = True
        make_read_only(self.form, keep=[self.addenda_group, self.summary_browser])
        for signatory in Signatory:
            self.agreed_radios[signatory].hide()
            self.seen_radios[signatory].hide()
        for label in (self.confirm_error_label, self.changed_label, self.blocking_label, self.warnings_label):
            free_the_line(label)
        self.comment_edit.setPlaceholderText("No comment was made.")
        self.addenda_group.setVisible(self.ctx.record.signed_off)
        self.addenda.load()

    # --- confirmations ------------------------------------------------------------------

    def update_confirmations(self) -> None:
        for signatory in Signatory:
            confirmation = self.ctx.record.confirmation_of(signatory)
            label = self.status_labels[signatory]
            if confirmation is None:
                label.setText("Not confirmed yet.")
                continue
            label.setText(f"{confirmation.confirmation.label}, {format_datetime(confirmation.at)}.")
            self.choose(signatory, confirmation.confirmation)

    def show_withdrawn(self, names: Sequence[str]) -> None:
        who = " and ".join(names)
        set_message(self.changed_label, f"The record changed after {who} confirmed, so the confirmation was "
                                        "withdrawn. Confirm again when you are both ready.")
        self.update_confirmations()

    def show_confirm_error(self, message: str) -> None:
        set_message(self.confirm_error_label, message)
