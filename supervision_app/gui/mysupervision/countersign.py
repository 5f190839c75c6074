"""A record received from the supervisor: read it, check the signature, and sign it as the supervisee.

The pages shown are the very PDF the supervisor signed. Signing adds the
supervisee's signature (with what they say about the record) and saves a file
for the supervisor; once signed, the dialog is read-only and can save the
signed file again, or the note as a PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QRadioButton, QScrollArea, QWidget

from supervision_app.domain.exchange import ReceivedKey, ReceivedRecord
from supervision_app.domain.model import Person
from supervision_app.domain.record import Confirmation
from supervision_app.domain.signatures import FIELD_NAMES
from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.service import ExchangeService
from supervision_app.formatting import format_date, format_datetime
from supervision_app.gui.accessibility import show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.exchange.files import suggested_name
from supervision_app.gui.forms import FormDialog, set_tab_order
from supervision_app.gui.mysupervision.signed_files import SignedFileActions
from supervision_app.gui.notes.files import PDF_FILTER, Confirm, confirm_action, suggested_file_name
from supervision_app.gui.notes.preview import PagesPreview
from supervision_app.gui.notes.verify_dialog import BAD_STYLE, GOOD_STYLE, signed_line, verdict
from supervision_app.gui.screens import fit_to_screen
from supervision_app.gui.services import AppServices
from supervision_app.services.identities import SigningError
from supervision_app.services.my_supervision import MySupervisionService
from supervision_app.services.notes import NoteService

if TYPE_CHECKING:  # a report exists only once pyHanko has verified a note
    from supervision_app.services.verification import VerificationReport


def check_line(report: VerificationReport, supervisor: Person, pinned_fingerprint: str | None) -> tuple[str, bool]:
    """One sentence on the note's signatures and whether the supervisor's key is the pinned one."""
    if not report.ok:
        return f"Warning: {verdict(report)}", False
    theirs = next((s for s in report.signatures if s.field == FIELD_NAMES["supervisor"]), None)
    if theirs is None:
        return f"Warning: the note does not carry {supervisor.name}'s signature.", False
    if pinned_fingerprint is None or theirs.fingerprint != pinned_fingerprint:
        return (f"Warning: the supervisor's signature is not from the key you paired with {supervisor.name}.",
                False)
    both = len(report.signatures) >= 2
    start = "Both signatures are valid" if both else f"{supervisor.name}'s signature is valid"
    return (f"{start}, the note has not changed since, and {supervisor.name}'s key matches the one you "
            "paired with.", True)


class CountersignDialog(FormDialog, SignedFileActions):
    """``countersigned(session_uid)`` follows the supervisee's signature."""

    countersigned = Signal(str)

    def __init__(self, services: AppServices, exchange: ExchangeService, mine: MySupervisionService,
                 notes: NoteService, key: ReceivedKey, parent: QWidget | None = None) -> None:
        super().__init__("countersign", parent)
        self.services = services
        self.exchange = exchange
        self.mine = mine
        self.notes = notes
        self.key = key
        self.confirm: Confirm = confirm_action  # tests answer for the user
        self.received: ReceivedRecord
        self.pdf = b""
        self.signatures = 0
        self._load_note()
        self.supervisor = mine.store.get_person(self.received.supervisor_id)

        find = self.find
        self.title_label = find(QLabel, "titleLabel")
        self.session_label = find(QLabel, "sessionLabel")
        self.verify_label = find(QLabel, "verifyLabel")
        self.signatures_label = find(QLabel, "signaturesLabel")
        self.agree_radio = find(QRadioButton, "agreeRadio")
        self.disagree_radio = find(QRadioButton, "disagreeRadio")
        self.comment_edit = find(QPlainTextEdit, "commentEdit")
        self.sign_button = find(QPushButton, "signButton")
        self.resend_button = find(QPushButton, "resendButton")
        self.save_pdf_button = find(QPushButton, "savePdfButton")
        self.error_label = find(QLabel, "errorLabel")
        self.status_label = find(QLabel, "statusLabel")
        self.close_button = find(QPushButton, "closeButton")
        self.preview_info_label = find(QLabel, "previewInfoLabel")
        self.preview_scroll = find(QScrollArea, "previewScroll")
        self.preview = PagesPreview(self.preview_scroll, find(QWidget, "pagesContents"), self.refresh_preview)

        name = self.supervisor.name
        day = format_date(self.received.session_start.date())
        title = f"Record of the session on {day}"
        self.setWindowTitle(f"{title} with {name} – Supervision")
        self.setAccessibleName(f"{title} with {name}")
        self.title_label.setText(title)
        self.title_label.setAccessibleName(title)
        self.sign_button.setText(f"Sign and save the file for {name.replace('&', '&&')}…")
        self.sign_button.setAccessibleName(f"Sign and save the file for {name}")
        set_tab_order([self.agree_radio, self.disagree_radio, self.comment_edit, self.sign_button,
                       self.resend_button, self.save_pdf_button, self.close_button, self.preview_scroll])

        self.sign_button.clicked.connect(self.sign)
        self.resend_button.clicked.connect(self.save_signed_again)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)

        self._update_state()
        self._size_to_screen()
        self.refresh_preview()
        (self.agree_radio if self.signatures < 2 else self.resend_button).setFocus()

    # --- state ---------------------------------------------------------------------------

    def _load_note(self) -> None:
        found = self.mine.received_note(self.key)
        if found is None:
            raise ExchangeError("There is no record of that session here; import the supervisor's file first.")
        self.received, self.pdf, self.signatures = found

    @property
    def signed_by_both(self) -> bool:
        return self.signatures >= 2

    def _update_state(self) -> None:
        received = self.received
        place = f" · {received.location}" if received.location else ""
        then = ("You have signed it." if self.signed_by_both
                else "Read the note on the right before you sign.")
        self.session_label.setText(
            f"With {self.supervisor.name}: {format_datetime(received.session_start)} · {received.mode.label}"
            f"{place}. Received {format_datetime(received.received_at)}. {then}")
        pairing = self.mine.store.pairing_for(self.supervisor.id)
        report = self.notes.verify(self.pdf)
        line, good = check_line(report, self.supervisor, pairing.fingerprint if pairing else None)
        self.verify_label.setText(line)
        self.verify_label.setStyleSheet(GOOD_STYLE if good else BAD_STYLE)
        self.verify_label.setAccessibleDescription(line)
        self.signatures_label.setText("\n".join(signed_line(signature) for signature in report.signatures))
        self.signatures_label.setAccessibleDescription(self.signatures_label.text())
        done = self.signed_by_both
        if done:
            confirmation = self.received.confirmation
            (self.disagree_radio if confirmation is Confirmation.SEEN_NOT_AGREED else self.agree_radio).setChecked(
                True)
            self.comment_edit.setPlainText(self.received.comment)
            self.comment_edit.setPlaceholderText("No comment.")
        for radio in (self.agree_radio, self.disagree_radio):
            radio.setEnabled(not done)
        self.comment_edit.setReadOnly(done)
        self.sign_button.setVisible(not done)
        self.sign_button.setEnabled(not done and good)
        self.resend_button.setVisible(done)

    # --- the preview -------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        pages = self._show_pages()
        if pages is None:
            return
        count = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
        which = "Signed by both" if self.signed_by_both else f"Signed by {self.supervisor.name}"
        self.preview_info_label.setText(f"{which}: {count}, fingerprint {self.received.note_fingerprint}.")
        self.preview_info_label.setAccessibleName(self.preview_info_label.text())

    @property
    def page_labels(self) -> list[QLabel]:
        return self.preview.labels

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.preview.resized()

    # --- actions ------------------------------------------------------------------------------

    def confirmation(self) -> Confirmation:
        return Confirmation.SEEN_NOT_AGREED if self.disagree_radio.isChecked() else Confirmation.AGREED

    def sign(self) -> None:
        """Sign the note as the supervisee, keep it, and save the file that goes back to the supervisor."""
        self._begin()
        name = self.supervisor.name
        says = ("you agree it is an accurate record" if self.confirmation() is Confirmation.AGREED
                else "you have seen it but do not agree with all of it")
        if not self.confirm(self, "Sign the record?",
                            f"Your signature says {says}, with your comment if you wrote one. It cannot be "
                            f"changed afterwards. Then save the file for {name}.", "Sign"):
            return
        try:
            with wait_cursor():
                pack = self.exchange.countersign(self.key, self.confirmation(),
                                                 self.comment_edit.toPlainText())
        except (ExchangeError, SigningError, VaultError) as error:
            show_error(self.error_label, str(error), self.sign_button)
            return
        self._load_note()
        self._update_state()
        self.refresh_preview()
        self.countersigned.emit(self.key.session_uid)
        self.resend_button.setFocus()
        self._save_pack(pack, "Signed and kept on this computer.")

    def save_signed_again(self) -> None:
        """Seal the signed note again for the supervisor, for when the first file went astray."""
        self._begin()
        try:
            with wait_cursor():
                pack = self.exchange.resend_countersigned(self.key)
        except (ExchangeError, VaultError) as error:
            show_error(self.error_label, str(error), self.resend_button)
            return
        self._save_pack(pack, "")

    def _save_pack(self, pack: bytes, done: str) -> None:
        name = self.supervisor.name
        today = self.services.clock().date()
        path = self.services.files.choose_save(self, "countersigned", f"Save the signed note for {name}",
                                               suggested_name("countersigned", today, name))
        self._write_pack(path, pack, done, f"Use 'Save the signed file again' to send it to {name}.",
                         f"Give this file to {name}, so they keep the note with both signatures.")

    def save_pdf(self) -> None:
        """Save the note, as signed so far, as a PDF."""
        self._begin()
        name = self.supervisor.name
        path = self.services.files.save_path(self, "Save the note as a PDF",
                                             suggested_file_name(self.received.session_start.date(), name),
                                             f"{PDF_FILTER};;All files (*)")
        self._write_pdf(path, "the note")

    # --- helpers ------------------------------------------------------------------------------

    def _size_to_screen(self) -> None:
        fit_to_screen(self, 1180, 820)
        for layout in (self.layout(), self.form.layout()):
            assert layout is not None
            layout.activate()

