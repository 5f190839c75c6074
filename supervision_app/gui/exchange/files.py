"""Choosing, reading and writing exchange files (pairing cards and packs).

The dialogs are reached through :class:`ExchangeFiles`, which the GUI gets
from :class:`~supervision_app.gui.services.AppServices`, so tests can answer
for the user. Reading and writing turn every failure into one sentence
(:class:`~supervision_app.gui.notes.files.FileRefused`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import MAX_PACK_BYTES
from supervision_app.fileio import atomic_write_bytes
from supervision_app.gui.notes.files import FileRefused, ascii_slug, read_pdf

EXCHANGE_FILTER = ("Supervision files (*.svpair *.svagenda *.svrecord *.svsigned *.svhandover);;"
                   "All files (*)")
_FILTERS = {
    "pairing": "Pairing files (*.svpair)",
    "agenda": "Agenda files (*.svagenda)",
    "record": "Session record files (*.svrecord)",
    "countersigned": "Signed note files (*.svsigned)",
    "handover": "Handover files (*.svhandover)",
}

# (parent, window title, suggested file name, file-type filter) -> path, or None if cancelled.
SavePath = Callable[[QWidget, str, str, str], Path | None]
# (parent, window title, file-type filter) -> path, or None if cancelled.
OpenPath = Callable[[QWidget, str, str], Path | None]


def _system_save_path(parent: QWidget, title: str, suggested_name: str, file_filter: str) -> Path | None:
    dialog = QFileDialog(parent, title, str(Path.home() / suggested_name), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = Path(suggested_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def _system_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)
    return Path(name) if name else None


@dataclass
class ExchangeFiles:
    """Where exchange files are saved and opened from; the system dialogs unless a test says otherwise."""

    save_path: SavePath = _system_save_path
    open_path: OpenPath = _system_open_path

    def choose_save(self, parent: QWidget, kind: str, title: str, suggested_name: str) -> Path | None:
        return self.save_path(parent, title, suggested_name, f"{_FILTERS[kind]};;All files (*)")

    def choose_open(self, parent: QWidget, title: str) -> Path | None:
        return self.open_path(parent, title, EXCHANGE_FILTER)


def suggested_name(kind: str, day: date, name: str) -> str:
    """``agenda-2026-11-24-zoe-whitfield.svagenda``: who it is for or from, and when."""
    from supervision_app.exchange.service import FILE_SUFFIXES  # here: the exchange loads signing and pyHanko

    slug = ascii_slug(name)
    stem = {"pairing": "pairing", "agenda": "agenda", "record": "supervision-record",
            "countersigned": "signed-note", "handover": "handover"}[kind]
    return f"{stem}-{day.isoformat()}{'-' + slug if slug else ''}{FILE_SUFFIXES[kind]}"


def read_exchange_file(path: Path) -> bytes:
    """The file's bytes; :class:`FileRefused` with one sentence if it is too large or unreadable."""
    try:
        return read_pdf(path, MAX_PACK_BYTES)
    except FileRefused as error:
        if "larger than" in str(error):
            raise FileRefused("That file is larger than any file this app makes, so it was not opened.") from None
        raise


def write_exchange_file(path: Path, data: bytes) -> None:
    """Write atomically (readers see the old file or the whole new one); one sentence if it fails."""
    try:
        atomic_write_bytes(path, data, mode=0o600)
    except VaultError as error:
        raise FileRefused(str(error)) from None
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise FileRefused(f"The file could not be saved ({reason}); nothing was sent.") from None
