"""Turning the note's PDF into images with pypdfium2, for the preview and for the printer.

Both draw the very bytes that are saved and signed: nothing is laid out a
second way. The document's form layer is loaded before drawing, because the
signature stamps live in the signature fields' appearances and are not drawn
without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

if TYPE_CHECKING:  # pdfium is loaded when a note is first drawn, not with the main window
    import pypdfium2 as pdfium

POINTS_PER_INCH = 72.0


class UnreadablePdf(ValueError):
    """The bytes are not a PDF pdfium can draw."""


@dataclass(frozen=True)
class PageImage:
    image: QImage
    size_points: QSizeF  # the page's size in PDF points (1/72 inch)
    text: str  # what the page says, for screen readers


@contextmanager
def open_pdf(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    """The document, with its form layer loaded so signature stamps are drawn; closed afterwards."""
    import pypdfium2 as pdfium  # here: only drawing a note needs it

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as error:
        raise UnreadablePdf("The note could not be drawn: it is not a readable PDF.") from error
    try:
        document.init_forms()
        yield document
    finally:
        document.close()


def page_sizes(pdf: bytes) -> list[QSizeF]:
    """Each page's size in points."""
    with open_pdf(pdf) as document:
        return [QSizeF(*document.get_page_size(index)) for index in range(len(document))]


def render_page(document: pdfium.PdfDocument, index: int, dpi: float, *, with_text: bool = False) -> PageImage:
    """Page ``index`` (zero-based) drawn at ``dpi`` pixels per inch."""
    page = document[index]
    try:
        size = QSizeF(*page.get_size())
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
        try:
            # The bitmap's memory goes when it is closed, so the image takes a copy.
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888).copy()
        finally:
            bitmap.close()
        text = ""
        if with_text:
            text_page = page.get_textpage()
            try:
                text = " ".join(text_page.get_text_bounded().split())
            finally:
                text_page.close()
        return PageImage(image, size, text)
    finally:
        page.close()


def render_pages(pdf: bytes, dpi: float, *, with_text: bool = False) -> list[PageImage]:
    """Every page of ``pdf`` at ``dpi``."""
    with open_pdf(pdf) as document:
        return [render_page(document, index, dpi, with_text=with_text) for index in range(len(document))]
