"""Showing and saving what the supervisee signs: its pages, the file that goes back to the supervisor, the PDF.

Shared by the note's countersign dialog and the agreement's sign dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton

from supervision_app.gui.accessibility import show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.exchange.files import write_exchange_file
from supervision_app.gui.messages import StatusMessages
from supervision_app.gui.notes.files import FileRefused, write_pdf
from supervision_app.gui.notes.preview import PagesPreview
from supervision_app.gui.notes.rendering import PageImage, UnreadablePdf


class SignedFileActions(StatusMessages):
    """Mixin: writes ``pdf`` or a sealed pack where the user chose, and says so in the status line."""

    pdf: bytes
    resend_button: QPushButton
    save_pdf_button: QPushButton
    preview: PagesPreview

    def _show_pages(self) -> list[PageImage] | None:
        """Render ``pdf`` into the preview; ``None`` (with the error shown) if it cannot be read."""
        try:
            with wait_cursor():
                pages = self.preview.render(self.pdf)
        except UnreadablePdf as error:
            show_error(self.error_label, str(error))
            return None
        self.preview.show(pages)
        return pages

    def _write_pack(self, path: Path | None, pack: bytes, done: str, again: str, given: str) -> None:
        """``done`` is what happened before, ``again`` how to retry, ``given`` what to do with the file."""
        if path is None:
            self._set_status(f"{done} No file was saved. {again}".strip())
            return
        try:
            write_exchange_file(path, pack)
        except FileRefused as error:
            show_error(self.error_label, f"{error} {again}", self.resend_button)
            return
        self._set_status(f"{done} Saved {path}. {given}".strip())

    def _write_pdf(self, path: Path | None, what: str) -> None:
        if path is None:
            return
        try:
            write_pdf(path, self.pdf)
        except FileRefused as error:
            show_error(self.error_label, str(error), self.save_pdf_button)
            return
        self._set_status(f"Saved {what} to {path}.")
