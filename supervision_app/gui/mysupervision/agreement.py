"""The agreement on the supervisee's "My supervision" page: what was agreed, and signing it.

The panel shows the latest version received from the supervisor (Who, Where,
When, how often, the review date) and whether it is signed by both. "Read and
sign…" opens the very PDF the supervisor signed; signing adds the supervisee's
signature and saves the file that takes it back (exchange/agreement.py), as a
note's countersignature does. Everything shown came from a file: plain text only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.agreement import ReceivedAgreement, SharedTerms
from supervision_app.domain.model import Person, SessionMode
from supervision_app.errors import VaultError
from supervision_app.exchange.agreement import countersign_agreement, resend_countersigned_agreement
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.service import ExchangeService
from supervision_app.formatting import format_datetime, format_long_date
from supervision_app.gui.accessibility import error_label, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.exchange.files import ExchangeFiles
from supervision_app.gui.forms import child
from supervision_app.gui.mysupervision.signed_files import SignedFileActions
from supervision_app.gui.notes.files import PDF_FILTER, Confirm, ascii_slug, confirm_action
from supervision_app.gui.notes.preview import PagesPreview
from supervision_app.gui.notes.verify_dialog import BAD_STYLE, GOOD_STYLE, signed_line, verdict
from supervision_app.gui.plain import label
from supervision_app.gui.screens import fit_to_screen
from supervision_app.services.identities import SigningError
from supervision_app.storage import agreements


def terms_lines(terms: SharedTerms) -> list[str]:
    """The agreement in a few plain lines: who, where, when and how often, the review date."""
    where = terms.mode.label + (f", {terms.place}" if terms.place else "")
    if terms.technology_notes and terms.mode is not SessionMode.IN_PERSON:
        where += f" ({' '.join(terms.technology_notes.split())})"
    protected = "the time is protected" if terms.protected_time_committed else "protected time not agreed"
    review = format_long_date(terms.review_date) if terms.review_date else "not set"
    return [f"Who: {terms.supervisor_name} supervises {terms.supervisee_name}; line manager: {terms.line_manager}.",
            f"Where: {where}.",
            f"When: {terms.cadence_label}, {terms.length_minutes} minutes; {protected}.",
            f"Review by: {review}."]


def signed_state(received: ReceivedAgreement, signatures: int, supervisor: Person) -> str:
    head = f"Version {received.version}, dated {format_long_date(received.agreed_on)}"
    if signatures >= 2:
        when = f" on {format_datetime(received.countersigned_at)}" if received.countersigned_at else ""
        return f"{head}: signed by {supervisor.name} and by you{when}."
    return f"{head}: signed by {supervisor.name}; it waits for your signature."


class AgreementPanel(QGroupBox):
    """"Our agreement" on My supervision, for the supervisor chosen there (``show_for``)."""

    changed = Signal()  # after the user signed: the page may refresh

    def __init__(self, exchange: ExchangeService, *, files: ExchangeFiles, clock: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__("Our supervision agreement", parent)
        self.setObjectName("agreementGroup")
        self.setAccessibleName("Our supervision agreement")
        self.exchange = exchange
        self.files = files
        self.clock = clock
        self.supervisor: Person | None = None
        self.dialog: AgreementSignDialog | None = None
        self.review_dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.state_label = label("", self)
        self.state_label.setWordWrap(True)
        self.terms_label = label("", self)
        self.terms_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        layout.addWidget(self.terms_label)
        buttons = QHBoxLayout()
        self.sign_button = QPushButton("Read and si&gn the agreement…", self)
        self.sign_button.setAccessibleName("Read and sign the agreement")
        self.review_button = QPushButton("Revie&w the agreement…", self)
        self.review_button.setAccessibleName("Review the agreement: is our supervision working?")
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.sign_button.clicked.connect(lambda: self.open_agreement())
        self.review_button.clicked.connect(lambda: self.open_review())

    def place_in(self, form: QWidget) -> None:
        """Under the next session, in the page's left column (the form's ``leftLayout``)."""
        column = child(form, QVBoxLayout, "leftLayout")
        column.insertWidget(1, self)

    def show_for(self, supervisor_id: int | None) -> None:
        self.supervisor = self.exchange.store.get_person(supervisor_id) if supervisor_id is not None else None
        found = agreements.latest_received(self.exchange.store, supervisor_id) if supervisor_id is not None else None
        if self.supervisor is None or found is None:
            who = self.supervisor.name if self.supervisor is not None else "your supervisor"
            self.state_label.setText(f"No agreement from {who} yet. When they send it, import the file "
                                     "(Import a file…) and it shows here, ready to sign.")
            self.terms_label.setText("")
            self.terms_label.setVisible(False)
            self.sign_button.setVisible(False)
            self.review_button.setVisible(False)
        else:
            received, _pdf, signatures = found
            self.state_label.setText(signed_state(received, signatures, self.supervisor))
            self.terms_label.setText("\n".join(terms_lines(received.terms)))
            self.terms_label.setVisible(True)
            self.sign_button.setVisible(True)
            signed = signatures >= 2
            self.sign_button.setText("Open the signed a&greement…" if signed else "Read and si&gn the agreement…")
            self.sign_button.setAccessibleName("Open the signed agreement" if signed
                                               else "Read and sign the agreement")
            self.review_button.setVisible(True)
        self.state_label.setAccessibleDescription(self.state_label.text())
        self.terms_label.setAccessibleDescription(self.terms_label.text())

    def open_agreement(self) -> AgreementSignDialog | None:
        if self.supervisor is None:
            return None
        dialog = AgreementSignDialog(self.exchange, self.supervisor, files=self.files, clock=self.clock, parent=self)
        dialog.signed.connect(self._signed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_review(self) -> QDialog | None:
        if self.supervisor is None:
            return None
        from supervision_app.gui.people.review import ReviewDialog

        dialog = ReviewDialog(self.exchange, self.supervisor, files=self.files, clock=self.clock, parent=self)
        self.review_dialog = dialog
        dialog.open()
        return dialog

    def _signed(self) -> None:
        self.show_for(self.supervisor.id if self.supervisor is not None else None)
        self.changed.emit()


class AgreementSignDialog(QDialog, SignedFileActions):
    """The latest agreement from ``supervisor``: its pages, its signatures, and signing it."""

    signed = Signal()

    def __init__(self, exchange: ExchangeService, supervisor: Person, *, files: ExchangeFiles,
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exchange = exchange
        self.supervisor = supervisor
        self.files = files
        self.clock = clock
        self.confirm: Confirm = confirm_action  # tests answer for the user
        self.received: ReceivedAgreement
        self.pdf = b""
        self.signatures = 0
        self._load()
        name = supervisor.name
        title = f"Our supervision agreement with {name}"
        self.setWindowTitle(f"{title} – Supervision")
        self.setAccessibleName(title)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 2)
        heading = label(title, self)
        heading.setProperty("role", "title")
        heading.setWordWrap(True)
        left.addWidget(heading)
        self.state_label = label("", self)
        self.state_label.setWordWrap(True)
        self.terms_label = label("", self)
        self.terms_label.setWordWrap(True)
        self.verify_label = label("", self)
        self.verify_label.setWordWrap(True)
        self.signatures_label = label("", self)
        self.signatures_label.setWordWrap(True)
        self.says_label = label("Your signature says: “I agree to this supervision agreement”.", self)
        self.says_label.setWordWrap(True)
        self.error_label = error_label(self)
        self.status_label = label("", self)
        self.status_label.setWordWrap(True)
        for widget in (self.state_label, self.terms_label, self.verify_label, self.signatures_label,
                       self.says_label, self.error_label, self.status_label):
            left.addWidget(widget)
        left.addStretch(1)
        self.sign_button = QPushButton(f"&Sign and save the file for {name.replace('&', '&&')}…", self)
        self.sign_button.setAccessibleName(f"Sign and save the file for {name}")
        self.resend_button = QPushButton("Save the signed file &again…", self)
        self.resend_button.setAccessibleName("Save the signed file again")
        self.save_pdf_button = QPushButton("Save as &PDF…", self)
        self.save_pdf_button.setAccessibleName("Save as PDF")
        self.close_button = QPushButton("Close", self)
        for button in (self.sign_button, self.resend_button, self.save_pdf_button, self.close_button):
            button.setAutoDefault(False)
            left.addWidget(button)
        self.preview_scroll = QScrollArea(self)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setAccessibleName("The agreement's pages")
        contents = QWidget(self.preview_scroll)
        QVBoxLayout(contents)
        self.preview_scroll.setWidget(contents)
        outer.addWidget(self.preview_scroll, 3)
        self.preview = PagesPreview(self.preview_scroll, contents, self.refresh_preview)
        self.sign_button.clicked.connect(self.sign)
        self.resend_button.clicked.connect(self.save_signed_again)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        fit_to_screen(self, 1100, 780)
        self._update_state()
        self.refresh_preview()
        (self.sign_button if self.signatures < 2 else self.resend_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self) -> None:
        found = agreements.latest_received(self.exchange.store, self.supervisor.id)
        if found is None:
            raise ExchangeError(f"There is no agreement from {self.supervisor.name} here; import their file first.")
        self.received, self.pdf, self.signatures = found

    def _update_state(self) -> None:
        self.state_label.setText(signed_state(self.received, self.signatures, self.supervisor))
        self.terms_label.setText("\n".join(terms_lines(self.received.terms)))
        report = self.exchange.notes.verify(self.pdf)
        pairing = self.exchange.store.pairing_for(self.supervisor.id)
        theirs = next((s for s in report.signatures if s.role == "supervisor"), None)
        good = report.ok and theirs is not None and pairing is not None and theirs.fingerprint == pairing.fingerprint
        line = (f"{verdict(report)} {self.supervisor.name}'s key matches the one you paired with." if good
                else f"Warning: {verdict(report)}" if not report.ok
                else f"Warning: the supervisor's signature is not from the key you paired with {self.supervisor.name}.")
        self.verify_label.setText(line)
        self.verify_label.setStyleSheet(GOOD_STYLE if good else BAD_STYLE)
        self.signatures_label.setText("\n".join(signed_line(signature) for signature in report.signatures))
        for widget in (self.state_label, self.terms_label, self.verify_label, self.signatures_label):
            widget.setAccessibleDescription(widget.text())
        done = self.signatures >= 2
        self.sign_button.setVisible(not done)
        self.sign_button.setEnabled(good)
        self.says_label.setVisible(not done)
        self.resend_button.setVisible(done)

    def refresh_preview(self) -> None:
        self._show_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.preview.resized()

    def sign(self) -> None:
        self._begin()
        name = self.supervisor.name
        if not self.confirm(self, "Sign the agreement?",
                            f"Your signature says you agree to this supervision agreement. It cannot be changed "
                            f"afterwards; a changed agreement is a new version you sign again. Then save the file "
                            f"for {name}.", "Sign"):
            return
        try:
            with wait_cursor():
                pack = countersign_agreement(self.exchange, self.supervisor.id)
        except (ExchangeError, SigningError, VaultError) as error:
            show_error(self.error_label, str(error), self.sign_button)
            return
        self._load()
        self._update_state()
        self.refresh_preview()
        self.signed.emit()
        self.resend_button.setFocus()
        self._save_pack(pack, "Signed and kept on this computer.")

    def save_signed_again(self) -> None:
        self._begin()
        try:
            with wait_cursor():
                pack = resend_countersigned_agreement(self.exchange, self.supervisor.id)
        except (ExchangeError, VaultError) as error:
            show_error(self.error_label, str(error), self.resend_button)
            return
        self._save_pack(pack, "")

    def _save_pack(self, pack: bytes, done: str) -> None:
        name = self.supervisor.name
        slug = ascii_slug(name)
        suggested = f"signed-agreement-{self.clock().date().isoformat()}{'-' + slug if slug else ''}.svsigned"
        path = self.files.choose_save(self, "countersigned", f"Save the signed agreement for {name}", suggested)
        self._write_pack(path, pack, done, "Use 'Save the signed file again' to send it.",
                         f"Give this file to {name}, so they keep the agreement signed by both of you.")

    def save_pdf(self) -> None:
        self._begin()
        slug = ascii_slug(self.supervisor.name)
        path = self.files.save_path(self, "Save the agreement as a PDF",
                                    f"supervision-agreement-v{self.received.version}{'-' + slug if slug else ''}.pdf",
                                    f"{PDF_FILTER};;All files (*)")
        self._write_pdf(path, "the agreement")
