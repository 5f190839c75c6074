"""The file and question dialogs the note dialogs use, injected so tests can answer for the user."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from supervision_app.errors import ReadOnlyLocation, VaultError
from supervision_app.fileio import atomic_write_bytes
from supervision_app.gui.plain import message_box

# Asks where to save a PDF: (parent, suggested file name) -> path, or None if cancelled.
ChooseSavePath = Callable[[QWidget, str], Path | None]
# Asks which PDF to open: (parent) -> path, or None if cancelled.
ChooseOpenPath = Callable[[QWidget], Path | None]
# Asks before acting: (parent, question, details, label of the "yes" button) -> True to go ahead.
Confirm = Callable[[QWidget, str, str, str], bool]

MAX_PDF_BYTES = 50 * 1024 * 1024
TOO_LARGE = "That file is larger than 50 MB, so it is not a note this app made."
PDF_FILTER = "PDF files (*.pdf)"
CANNOT_WRITE_THERE = "That folder cannot be written to, so nothing was saved; choose another folder."


def ascii_slug(text: str) -> str:
    """``Siobhán O'Connell`` -> ``siobhan-o-connell``: safe in a file name on any system."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def suggested_file_name(day: date, supervisee_name: str) -> str:
    """``supervision-2026-11-24-zoe-whitfield.pdf``."""
    slug = ascii_slug(supervisee_name)
    return f"supervision-{day.isoformat()}{'-' + slug if slug else ''}.pdf"


def choose_note_save_path(parent: QWidget, suggested_name: str) -> Path | None:
    """The system's save dialog, starting in the home folder with the suggested name."""
    dialog = QFileDialog(parent, "Save the note as a PDF", str(Path.home() / suggested_name), PDF_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix("pdf")
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def choose_note_to_verify(parent: QWidget) -> Path | None:
    """The system's open dialog, for PDFs."""
    name, _filter = QFileDialog.getOpenFileName(parent, "Choose a signed note to verify", str(Path.home()),
                                                f"{PDF_FILTER};;All files (*)")
    return Path(name) if name else None


def confirm_action(parent: QWidget, question: str, details: str, yes_label: str) -> bool:
    """A question box whose safe answer ("Go back") is the default."""
    box = message_box(QMessageBox.Icon.Question, question, question, parent, details=details)
    yes = box.addButton(yes_label, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


class FileRefused(OSError):
    """A file that will not be read; ``str(error)`` is one sentence for the user."""


def read_pdf(path: Path, limit: int = MAX_PDF_BYTES) -> bytes:
    """The file's bytes, or :class:`FileRefused` if it is too large or cannot be read."""
    try:
        if path.stat().st_size > limit:
            raise FileRefused(TOO_LARGE)
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileRefused:
        raise
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise FileRefused(f"The file could not be read ({reason}).") from error
    if len(data) > limit:  # it grew while it was being read
        raise FileRefused(TOO_LARGE)
    return data


def write_pdf(path: Path, pdf: bytes) -> None:
    """Write atomically (readers see the old file or the whole new one); :class:`FileRefused` if it fails."""
    try:
        atomic_write_bytes(path, pdf)
    except ReadOnlyLocation:
        raise FileRefused(CANNOT_WRITE_THERE) from None
    except VaultError as error:
        raise FileRefused(str(error)) from None
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise FileRefused(f"The PDF could not be saved ({reason}), so nothing was written.") from None
