"""Checking a signed note from anywhere: who signed it, when, and whether it has changed since.

Every finding is said in words; colour only repeats it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from supervision_app.errors import VaultError
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import announce, clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import FormDialog, child, load_form
from supervision_app.gui.notes.files import (
    MAX_PDF_BYTES,
    ChooseOpenPath,
    FileRefused,
    choose_note_to_verify,
    read_pdf,
)
from supervision_app.gui.screens import fit_to_screen
from supervision_app.services.signing import FIELD_NAMES, SignatureReport, VerificationReport

ROLE_OF_FIELD = {field: role for role, field in FIELD_NAMES.items()}

ALL_GOOD = "Both signatures are valid and the note has not changed since."
SUPERVISOR_ONLY = ("The supervisor's signature is valid and the note has not changed since; "
                   "the supervisee has not signed it yet.")
ONE_GOOD = "The signature is valid and the note has not changed since."
CHANGED = "This note has been changed after it was signed."
UNKNOWN_SIGNER = "A signature is not from someone this vault knows."

GOOD_STYLE = "color: #0a5c63; font-weight: bold;"
BAD_STYLE = "color: #a4262c; font-weight: bold;"


def verdict(report: VerificationReport) -> str:
    """One sentence for the whole note: sound, changed, or signed by a stranger."""
    if report.problem:
        return report.problem
    signatures = report.signatures
    if any(not (s.intact and s.valid and s.unchanged_since) for s in signatures):
        return CHANGED
    if any(not s.known_certificate for s in signatures):
        return UNKNOWN_SIGNER
    if len(signatures) == 1:
        return SUPERVISOR_ONLY if ROLE_OF_FIELD.get(signatures[0].field) == "supervisor" else ONE_GOOD
    if len(signatures) == 2:
        return ALL_GOOD
    return f"All {len(signatures)} signatures are valid and the note has not changed since."


def signed_when(signature: SignatureReport) -> str:
    if signature.signed_at is None:
        return "not stated"
    return format_datetime(signature.signed_at.astimezone().replace(tzinfo=None))


def signed_line(signature: SignatureReport) -> str:
    """``Signed by the supervisor, Aisha Rahman, on Tue 24 Nov 2026, 10:12.``"""
    role = ROLE_OF_FIELD.get(signature.field)
    who = f"the {role}, {signature.signer}," if role else signature.signer
    return f"Signed by {who} on {signed_when(signature)}."


def signature_title(signature: SignatureReport, number: int) -> str:
    role = ROLE_OF_FIELD.get(signature.field)
    return f"{role.capitalize()}'s signature" if role else f"Signature {number} ({signature.field})"


def intact_text(signature: SignatureReport) -> tuple[str, bool]:
    if not signature.intact:
        return "No: what was signed has been altered.", False
    if not signature.valid:
        return "No: the signature does not match its certificate.", False
    return "Yes", True


def changed_text(signature: SignatureReport) -> tuple[str, bool]:
    """Whether anything changed after this signature beyond what it allows, and what."""
    if signature.unchanged_since:
        if signature.modification == "FORM_FILLING":
            return "No: only a later signature was added, which this signature allows.", True
        if signature.modification == "LTA_UPDATES":
            return "No: only validation data was added.", True
        return "No", True
    if not signature.intact:
        return "Yes: what was signed has been altered.", False
    if not signature.valid:
        return "Yes: the signature does not match what is in the file.", False
    return {
        "ANNOTATIONS": "Yes: comments or marks were added after this signature.",
        "FORM_FILLING": "Yes: form fields were filled in after this signature, which it does not allow.",
    }.get(signature.modification, "Yes: the file was changed after this signature."), False


def known_text(signature: SignatureReport) -> tuple[str, bool]:
    if signature.known_certificate:
        return "Yes", True
    return "No: this vault does not hold the signer's certificate, so it cannot say who really signed.", False


class SignatureView:
    """One signature's findings, in the rows of ``verify_signature.ui``."""

    def __init__(self, signature: SignatureReport, number: int, parent: QWidget) -> None:
        self.signature = signature
        self.group = load_form("verify_signature", parent)
        assert isinstance(self.group, QGroupBox)
        title = signature_title(signature, number)
        self.group.setTitle(title)
        self.group.setAccessibleName(title)
        self.values: dict[str, QLabel] = {}
        rows = {
            "signer": ("Signed by", (signature.signer or "not stated", True)),
            "signedAt": ("Signed on", (signed_when(signature), True)),
            "intact": ("Intact", intact_text(signature)),
            "changed": ("Changed after signing", changed_text(signature)),
            "known": ("Certificate known to this vault", known_text(signature)),
            "fingerprint": ("Certificate fingerprint", (signature.fingerprint or "not available", True)),
        }
        for name, (caption, (text, good)) in rows.items():
            label = child(self.group, QLabel, f"{name}Value")
            marked = text if name in ("signer", "signedAt", "fingerprint") else ("✓ " if good else "✗ ") + text
            label.setText(marked)
            label.setAccessibleName(f"{title}: {caption}: {text}")
            if name in ("intact", "changed", "known"):
                label.setStyleSheet(GOOD_STYLE if good else BAD_STYLE)
            self.values[name] = label
        # What the signer wrote with their signature: where a supervisee says they do not agree.
        reason = signature.reason.strip()
        reason_label = child(self.group, QLabel, "reasonValue")
        reason_label.setText(reason)
        reason_label.setAccessibleName(f"{title}: Their words with the signature: {reason}")
        layout = self.group.layout()
        assert isinstance(layout, QFormLayout)
        layout.setRowVisible(reason_label, bool(reason))
        self.values["reason"] = reason_label

    def text(self, name: str) -> str:
        return self.values[name].text()


class VerifyDialog(FormDialog):
    """``verified`` follows each check of a file, whatever it found."""

    verified = Signal()

    def __init__(self, verify: Callable[[bytes], VerificationReport], *,
                 choose_pdf: ChooseOpenPath = choose_note_to_verify, max_bytes: int = MAX_PDF_BYTES,
                 parent: QWidget | None = None) -> None:
        super().__init__("verify_dialog", parent)
        self._verify = verify
        self._choose_pdf = choose_pdf
        self._max_bytes = max_bytes
        self.file_label = self.find(QLabel, "fileLabel")
        self.choose_button = self.find(QPushButton, "chooseButton")
        self.error_label = self.find(QLabel, "errorLabel")
        self.verdict_label = self.find(QLabel, "verdictLabel")
        self.signatures_contents = self.find(QWidget, "signaturesContents")
        self.close_button = self.find(QPushButton, "closeButton")
        self.signature_views: list[SignatureView] = []
        self.report: VerificationReport | None = None
        self.choose_button.clicked.connect(self.choose_and_verify)
        self.close_button.clicked.connect(self.reject)
        self.verdict_label.setVisible(False)
        self.choose_button.setFocus()
        fit_to_screen(self, 780, 780)

    def choose_and_verify(self) -> None:
        path = self._choose_pdf(self)
        if path is not None:
            self.verify_file(path)

    def verify_file(self, path: Path) -> VerificationReport | None:
        """Read and check the PDF at ``path``; show what was found."""
        clear_error(self.error_label)
        self._clear_report()
        self.file_label.setText(str(path))
        self.file_label.setAccessibleName(f"File: {path}")
        try:
            with wait_cursor():
                pdf = read_pdf(path, self._max_bytes)
                report = self._verify(pdf)
        except (FileRefused, VaultError) as error:
            show_error(self.error_label, str(error), self.choose_button)
            self.verified.emit()
            return None
        self.show_report(report)
        self.verified.emit()
        return report

    def _clear_report(self) -> None:
        self.report = None
        self.verdict_label.clear()
        self.verdict_label.setVisible(False)
        layout = self.signatures_contents.layout()
        assert layout is not None
        for view in self.signature_views:
            layout.removeWidget(view.group)
            view.group.deleteLater()
        self.signature_views = []

    def show_report(self, report: VerificationReport) -> None:
        self._clear_report()
        self.report = report
        sentence = verdict(report)
        self.verdict_label.setText(("✓ " if report.ok else "✗ ") + sentence)
        self.verdict_label.setAccessibleName(f"Verdict: {sentence}")
        self.verdict_label.setStyleSheet(f"QLabel#verdictLabel {{ {GOOD_STYLE if report.ok else BAD_STYLE} "
                                         "font-size: 12pt; }")
        self.verdict_label.setVisible(True)
        layout = self.signatures_contents.layout()
        assert isinstance(layout, QVBoxLayout)
        for number, signature in enumerate(report.signatures, start=1):
            view = SignatureView(signature, number, self.signatures_contents)
            layout.insertWidget(layout.count() - 1, view.group)  # above the closing stretch
            self.signature_views.append(view)
        announce(self.verdict_label)
