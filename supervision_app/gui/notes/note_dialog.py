"""The note of a session: preview it, choose what it shows, sign it, save it and print it.

Both people read the preview before anything is signed or printed; it is the
very PDF that is saved, printed and signed, drawn page by page. Once the
supervisor has signed, the kept signed PDF is what is shown, saved and
printed, and the options are fixed. Only the supervisor signs here: the
supervisee signs with their own key on their own computer (Send record…),
and their confirmation at sign-off is printed on the note as witnessed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.model import SessionStatus
from supervision_app.errors import VaultError
from supervision_app.formatting import format_date, format_datetime
from supervision_app.gui.accessibility import announce, clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import FormDialog, set_tab_order
from supervision_app.gui.notes.files import (
    ChooseSavePath,
    Confirm,
    FileRefused,
    confirm_action,
    suggested_file_name,
    write_pdf,
)
from supervision_app.gui.notes.kept import kept_options
from supervision_app.gui.notes.preview import PagesPreview
from supervision_app.gui.notes.printer import NotePrinter
from supervision_app.gui.notes.rendering import UnreadablePdf
from supervision_app.gui.notes.verify_dialog import signed_line, verdict
from supervision_app.gui.screens import fit_to_screen
from supervision_app.services.identities import SigningError
from supervision_app.services.note import OPTIONAL_SECTIONS
from supervision_app.services.notes import NoteOptions, NoteService

WELLBEING_HINT = "Wellbeing detail is left out unless you both agree to include it."
WELLBEING_INCLUDED_HINT = "Wellbeing detail is included: do this only if you both agree."

NOT_SIGNABLE = {
    SessionStatus.SCHEDULED: "This session has not been held yet, so its note can be previewed but not signed.",
    SessionStatus.DRAFT: "This session is not signed off yet, so its note can be previewed but not signed.",
    SessionStatus.CANCELLED: "This session was cancelled, so its note can be previewed but not signed.",
}
FIXED = "These were fixed when the supervisor signed."
RECORD_CHANGED = (FIXED + " The record has changed since then (an addendum, for example), so the signed note "
                  "shows it as it was when it was signed.")

SEND_RECORD = "Session → Send record to supervisee…"
WITNESSED = ("Their confirmation at sign-off is printed on the note as confirmed in person and witnessed by you; "
             "it is not their digital signature.")


def supervisee_hint(name: str, signatures: int) -> str:
    """How the supervisee signs: only on their own computer, with their own key."""
    if signatures == 0:
        return (f"{name} signs on their own computer, after you: sign the note, then send them the record "
                f"({SEND_RECORD}). " + WITNESSED)
    if signatures == 1:
        return (f"{name} signs on their own computer: send them the record ({SEND_RECORD}). The note they sign "
                "comes back as a file to import (File → Import a file…). " + WITNESSED)
    return ""


# (The vault's own sentence for this speaks of the data folder.)

_MNEMONIC = re.compile(r"&([^&])")


def mnemonic_letters(root: QWidget) -> set[str]:
    """The Alt+letter keys the labels and buttons in ``root`` already use."""
    taken: set[str] = set()
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            taken.update(match.group(1).lower() for match in _MNEMONIC.finditer(widget.text()))
    return taken


def with_mnemonic(title: str, taken: set[str]) -> str:
    """``title`` with an Alt+letter key not in ``taken`` (a word's first letter if possible), which it adds."""
    escaped = title.replace("&", "&&")
    starts = [match.start() for match in re.finditer(r"\b\w", title)]
    for index in [*starts, *range(len(title))]:
        letter = title[index].lower()
        if letter.isascii() and letter.isalnum() and letter not in taken:
            taken.add(letter)
            position = index + title[:index].count("&")
            return escaped[:position] + "&" + escaped[position:]
    return escaped


class NoteDialog(FormDialog):
    """``previewUpdated`` follows each drawing of the preview; ``signed(n)`` follows each signature (n in total)."""

    previewUpdated = Signal()
    signed = Signal(int)

    def __init__(self, notes: NoteService, session_id: int, *, printer: NotePrinter,
                 choose_save_path: ChooseSavePath, confirm: Confirm = confirm_action,
                 parent: QWidget | None = None) -> None:
        super().__init__("note_dialog", parent)
        self._notes = notes
        self._session_id = session_id
        self._printer = printer
        self._choose_save_path = choose_save_path
        self._confirm = confirm
        store = notes.store
        self.session = store.get_session(session_id)
        self.supervisee = store.get_person(self.session.supervisee_id)
        self.kept = notes.signed_note(session_id)
        self.current_pdf = b""
        self.fingerprint = ""
        self.page_count = 0

        find = self.find
        self.title_label = find(QLabel, "titleLabel")
        self.session_label = find(QLabel, "sessionLabel")
        self.not_signed_off_label = find(QLabel, "notSignedOffLabel")
        self.options_group = find(QGroupBox, "optionsGroup")
        self.wellbeing_hint_label = find(QLabel, "wellbeingHintLabel")
        self.a4_radio = find(QRadioButton, "a4Radio")
        self.letter_radio = find(QRadioButton, "letterRadio")
        self.fixed_label = find(QLabel, "fixedLabel")
        self.sign_state_label = find(QLabel, "signStateLabel")
        self.sign_supervisor_button = find(QPushButton, "signSupervisorButton")
        self.supervisee_hint_label = find(QLabel, "superviseeHintLabel")
        self.sign_error_label = find(QLabel, "signErrorLabel")
        self.file_error_label = find(QLabel, "fileErrorLabel")
        self.document_label = find(QLabel, "documentLabel")
        self.save_button = find(QPushButton, "savePdfButton")
        self.print_button = find(QPushButton, "printButton")
        self.status_label = find(QLabel, "statusLabel")
        self.preview_info_label = find(QLabel, "previewInfoLabel")
        self.preview_scroll = find(QScrollArea, "previewScroll")
        self.close_button = find(QPushButton, "closeButton")
        self.preview = PagesPreview(self.preview_scroll, find(QWidget, "pagesContents"), self.refresh_preview)

        title = f"Note for {self.supervisee.name}, {format_date(self.session.scheduled_start.date())}"
        self.setWindowTitle(f"{title} – Supervision")
        self.setAccessibleName(title)
        self.title_label.setText(f"Note for {self.supervisee.name}")
        self.title_label.setAccessibleName(self.title_label.text())
        self.session_label.setText(f"Session on {format_datetime(self.session.scheduled_start)}. The preview "
                                   "shows exactly what will be printed, saved and signed, so you can both read "
                                   "it first.")
        self.section_checks = self._add_section_checks()
        self._show_wellbeing_hint(self.section_checks["wellbeing"].isChecked())
        set_tab_order([*self.section_checks.values(), self.a4_radio, self.letter_radio,
                       self.sign_supervisor_button, self.save_button,
                       self.print_button, self.preview_scroll, self.close_button])

        self._preview_failed = False
        for box in self.section_checks.values():
            box.toggled.connect(self._options_changed)
        self.a4_radio.toggled.connect(self._options_changed)
        self.sign_supervisor_button.clicked.connect(self.sign_as_supervisor)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_note)
        self.close_button.clicked.connect(self.reject)

        self._show_kept_options()
        self._update_state()
        self._size_to_screen()
        self.refresh_preview()
        first = next((w for w in [*self.section_checks.values(), self.sign_supervisor_button, self.save_button]
                      if w.isEnabled() and w.isVisibleTo(self)), self.close_button)
        first.setFocus()

    # --- options --------------------------------------------------------------------

    def _add_section_checks(self) -> dict[str, QCheckBox]:
        titles = {section.key: section.title
                  for section in self._notes.document(self._session_id, NoteOptions()).sections}
        layout = self.find(QVBoxLayout, "sectionsLayout")
        layout.removeWidget(self.wellbeing_hint_label)
        taken = mnemonic_letters(self.form)
        checks: dict[str, QCheckBox] = {}
        for key, shown in OPTIONAL_SECTIONS.items():
            title = titles.get(key, key.replace("_", " ").capitalize())
            box = QCheckBox(with_mnemonic(title, taken), self.options_group)
            box.setObjectName(f"section_{key}")
            box.setAccessibleName(f"Show {title}")
            box.setChecked(shown)
            layout.addWidget(box)
            if key == "wellbeing":
                layout.addWidget(self.wellbeing_hint_label)
                box.toggled.connect(self._show_wellbeing_hint)
            checks[key] = box
        return checks

    def _show_wellbeing_hint(self, included: bool) -> None:
        hint = WELLBEING_INCLUDED_HINT if included else WELLBEING_HINT
        self.wellbeing_hint_label.setText(hint)
        self.section_checks["wellbeing"].setAccessibleDescription(hint)

    def options(self) -> NoteOptions:
        """The options as chosen in the dialog."""
        hidden = frozenset(key for key, box in self.section_checks.items() if not box.isChecked())
        return NoteOptions(page_size="Letter" if self.letter_radio.isChecked() else "A4", hidden_sections=hidden)

    def _options_changed(self) -> None:
        if self.kept is None:
            self.preview.timer.start()

    def _show_kept_options(self) -> None:
        """Once signed, show the options the note was signed with, fixed."""
        if self.kept is None:
            return
        kept = kept_options(self._notes, self._session_id, self.kept)
        widgets: list[QAbstractButton] = [*self.section_checks.values(), self.a4_radio, self.letter_radio]
        for widget in widgets:
            widget.setEnabled(False)  # (a disabled one still sends "toggled", which is ignored once signed)
        if kept.page_size is not None:
            (self.letter_radio if kept.page_size == "Letter" else self.a4_radio).setChecked(True)
        for key, box in self.section_checks.items():
            if kept.hidden_sections is None:
                box.setVisible(False)
            else:
                box.setChecked(key not in kept.hidden_sections)
        self.wellbeing_hint_label.setVisible(kept.hidden_sections is not None)
        self.fixed_label.setText(FIXED if kept.hidden_sections is not None else RECORD_CHANGED)
        self.fixed_label.setVisible(True)

    # --- the preview ------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Draw the preview now: the kept signed note once there is one, else the note with these options."""
        try:
            with wait_cursor():
                if self.kept is not None:
                    pdf, fingerprint = self.kept.pdf, self.kept.fingerprint
                else:
                    rendered = self._notes.render(self._session_id, self.options())
                    pdf, fingerprint = rendered.pdf, rendered.fingerprint
                pages = self.preview.render(pdf)
        except (VaultError, UnreadablePdf) as error:
            # Nothing is saved or printed that the preview does not show.
            self.current_pdf, self.fingerprint, self.page_count = b"", "", 0
            self._enable_output()
            self._preview_failed = True
            show_error(self.file_error_label, str(error))
            return
        if self._preview_failed:
            self._preview_failed = False
            clear_error(self.file_error_label)
        self.current_pdf, self.fingerprint, self.page_count = pdf, fingerprint, len(pages)
        self._enable_output()
        self.preview.show(pages)
        which = "Signed note" if self.kept is not None else "Unsigned preview"
        self.preview_info_label.setText(f"{which}: {_pages(len(pages))}, fingerprint {fingerprint}.")
        self.preview_info_label.setAccessibleName(self.preview_info_label.text())
        announce(self.preview_info_label)
        self.previewUpdated.emit()

    def _enable_output(self) -> None:
        for button in (self.save_button, self.print_button):
            button.setEnabled(bool(self.current_pdf))

    @property
    def page_labels(self) -> list[QLabel]:
        return self.preview.labels

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.preview.resized()

    def _flush_preview(self) -> None:
        """Draw a preview still waiting for its delay, so what is saved, printed or signed is what is shown."""
        self.preview.flush()

    # --- state ----------------------------------------------------------------------

    def _what(self) -> str:
        if self.kept is None:
            return "the unsigned preview"
        return "the note signed by both" if self.kept.signatures >= 2 else "the note signed by the supervisor"

    def _update_state(self) -> None:
        signable = self.session.status is SessionStatus.SIGNED_OFF
        self.not_signed_off_label.setText(NOT_SIGNABLE.get(self.session.status, ""))
        self.not_signed_off_label.setVisible(not signable)
        signatures = self.kept.signatures if self.kept is not None else 0
        name = self.supervisee.name
        if self.kept is None:
            self.sign_state_label.setText("Not signed yet.")
        else:
            report = self._notes.verify(self.kept.pdf)
            lines = [signed_line(signature) for signature in report.signatures]
            if not report.ok:
                lines.append(f"Warning: {verdict(report)}")
            self.sign_state_label.setText("\n".join(lines))
        self.sign_state_label.setAccessibleDescription(self.sign_state_label.text())
        self.sign_supervisor_button.setEnabled(signable and signatures == 0)
        # A signature once made is not offered again.
        self.sign_supervisor_button.setVisible(signatures == 0)
        self.supervisee_hint_label.setText(supervisee_hint(name, signatures) if signable else "")
        self.supervisee_hint_label.setVisible(bool(self.supervisee_hint_label.text()))
        self.document_label.setText(f"Save and Print give {self._what()}.")

    def _signed_now(self, message: str) -> None:
        self.kept = self._notes.signed_note(self._session_id)
        self._show_kept_options()
        self._update_state()
        self.refresh_preview()
        self._set_status(message)
        self.signed.emit(self.kept.signatures if self.kept is not None else 0)

    def _set_status(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setAccessibleDescription(message)
        announce(self.status_label)

    def _begin(self) -> None:
        self._flush_preview()
        clear_error(self.sign_error_label)
        clear_error(self.file_error_label)
        self._set_status("")

    # --- actions --------------------------------------------------------------------

    def sign_as_supervisor(self) -> None:
        self._begin()
        if not self._confirm(
                self, "Sign the note as the supervisor?",
                f"You sign the note exactly as shown: {_pages(self.page_count)}, fingerprint {self.fingerprint}. "
                "After this, the sections and paper size cannot be changed.", "Sign the note"):
            return
        try:
            with wait_cursor():
                self._notes.sign_as_supervisor(self._session_id, self.options())
        except (SigningError, VaultError, UnreadablePdf) as error:
            show_error(self.sign_error_label, str(error), self.sign_supervisor_button)
            return
        self._signed_now("Signed as the supervisor. The signed note is kept in the vault.")
        self.save_button.setFocus()

    def suggested_file_name(self) -> str:
        return suggested_file_name(self.session.scheduled_start.date(), self.supervisee.name)

    def save_pdf(self) -> None:
        self._begin()
        if not self.current_pdf:
            return
        path = self._choose_save_path(self, self.suggested_file_name())
        if path is None:
            return
        try:
            with wait_cursor():
                write_pdf(path, self.current_pdf)
        except FileRefused as error:
            show_error(self.file_error_label, str(error), self.save_button)
            return
        self._notes.record_export(self._session_id, "saved as PDF")
        self._set_status(f"Saved {self._what()} to {path}.")

    def print_note(self) -> None:
        self._begin()
        if not self.current_pdf:
            return
        title = f"Supervision note – {self.supervisee.name}, {format_date(self.session.scheduled_start.date())}"
        try:
            printed = self._printer.print_pdf(self.current_pdf, title, self)
        except (OSError, UnreadablePdf) as error:
            show_error(self.file_error_label, str(error), self.print_button)
            return
        if printed:
            self._notes.record_export(self._session_id, "printed")
        self._set_status(f"Sent {self._what()} to the printer." if printed else "Printing was cancelled.")

    # --- window -----------------------------------------------------------------------

    def _size_to_screen(self) -> None:
        fit_to_screen(self, 1260, 860)
        # Lay the window out now, so the preview knows its width before the window is first shown.
        for layout in (self.layout(), self.form.layout()):
            assert layout is not None
            layout.activate()


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"
