"""Checking a signed note from anywhere: who signed it, when, and whether it has changed since.

Every finding is said in words; colour only repeats it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from supervision_app.errors import VaultError
from supervision_app.gui import plain
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
from supervision_app.gui.theme import Role, role_style

# Verifying loads pyHanko, when a note is first checked: not with the main window.
if TYPE_CHECKING:
    from supervision_app.services.verification import SignatureReport, VerificationReport

GOOD_STYLE = role_style(Role.Link, "font-weight: bold;")
BAD_STYLE = role_style(Role.BrightText, "font-weight: bold;")


def verdict(report: VerificationReport) -> str:
    """The report's verdict in one sentence (:func:`supervision_app.services.verification.verdict`)."""
    from supervision_app.services.verification import verdict as sentence  # loaded: a report exists

    return sentence(report)


def uk_time(when: datetime) -> str:
    from supervision_app.services.verification import uk_time as in_uk  # loaded: a report exists

    return in_uk(when)


def signed_when(signature: SignatureReport) -> str:
    return uk_time(signature.signed_at) if signature.signed_at is not None else "not stated"


def signed_line(signature: SignatureReport) -> str:
    """``Signed by the supervisor, Aisha Rahman, on Tue 24 Nov 2026, 10:12 (GMT).``"""
    who = f"the {signature.role}, {signature.signer}," if signature.role else signature.signer
    return f"Signed by {who} on {signed_when(signature)}."


def signature_title(signature: SignatureReport, number: int) -> str:
    return signature.label.removeprefix("The ").capitalize() if signature.role else f"Signature {number}"


def intact_text(signature: SignatureReport) -> tuple[str, bool]:
    if not signature.intact:
        return "No: what was signed has been altered.", False
    if not signature.valid:
        return "No: the signature does not match its certificate.", False
    return "Yes", True


def changed_text(signature: SignatureReport) -> tuple[str, bool]:
    """Whether anything changed after this signature beyond what it allows, and what."""
    if signature.problems:
        return "Yes: " + " ".join(signature.problems), False
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
    if signature.retired:
        return "No: the key was held on a supervisor's computer in the supervisee's name.", False
    if signature.known_certificate:
        return "Yes", True
    return "No: this vault does not hold the signer's key, so it cannot say who really signed.", False


def named_text(signature: SignatureReport) -> tuple[str, bool]:
    """Whether the field was signed by the person the note names for it."""
    if signature.matches_named:
        return f"Yes: {signature.named or signature.signer}", True
    named = f" (the note names {signature.named})" if signature.named else ""
    if not signature.known_certificate and not signature.retired and not signature.problems:
        return f"Cannot tell: this vault does not know the signer's key{named}.", False
    return f"No{named}.", False


def time_text(signature: SignatureReport) -> str:
    if signature.timestamp is None:
        return "None: signed without a time-stamping service, so the time is the signer's computer's."
    return f"{uk_time(signature.timestamp)}, from {signature.timestamp_authority}"


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
            "known": ("Signer known to this vault", known_text(signature)),
            "fingerprint": ("Key fingerprint", (signature.fingerprint or "not available", True)),
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
        named, good = named_text(signature)
        self._add_row(layout, title, "named", "The person the note names", ("✓ " if good else "✗ ") + named,
                      GOOD_STYLE if good else BAD_STYLE)
        self._add_row(layout, title, "time", "Trusted time", time_text(signature), "")

    def _add_row(self, layout: QFormLayout, title: str, name: str, caption: str, text: str, style: str) -> None:
        value = plain.label(text, self.group)
        value.setObjectName(f"{name}Value")
        value.setWordWrap(True)
        value.setStyleSheet(style)
        value.setAccessibleName(f"{title}: {caption}: {text}")
        caption_label = plain.label(f"{caption}:", self.group)
        like = child(self.group, QLabel, "knownCaption")  # look like the form's own captions
        caption_label.setStyleSheet(like.styleSheet())
        caption_label.setAlignment(like.alignment())
        caption_label.setBuddy(value)
        layout.insertRow(4, caption_label, value)
        self.values[name] = value

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
        more = [p for p in report.problems if p != sentence]
        unsigned = [f"{signature_role} signature field is not signed." for signature_role in
                    (r.capitalize() + "'s" for r in report.unsigned)] if report.ok else []
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label.setText("\n".join([("✓ " if report.ok else "✗ ") + sentence, *more, *unsigned]))
        self.verdict_label.setAccessibleName(" ".join(["Verdict:", sentence, *more, *unsigned]))  # all it shows
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
