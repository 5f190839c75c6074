"""The real printer draws the kept PDF's own pages, here onto a PDF file instead of paper."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPageRanges
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.gui.notes import QtNotePrinter
from supervision_app.gui.notes.printer import match_paper
from supervision_app.gui.notes.rendering import page_sizes, render_pages
from supervision_app.services.notes import NoteOptions
from supervision_app.services.pdf_note import PAGE_SIZES

from .conftest import NotesWorld


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def difference(first: QImage, second: QImage) -> float:
    """The mean difference in lightness (0-255) between two drawings of a page, scaled to the same size."""
    size = QSize(120, 170)
    a = first.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    b = second.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    total = sum(abs(a.pixelColor(x, y).lightness() - b.pixelColor(x, y).lightness())
                for x in range(size.width()) for y in range(size.height()))
    return total / (size.width() * size.height())


def darkness(image: QImage) -> float:
    blank = QImage(image.size(), image.format())
    blank.fill(Qt.GlobalColor.white)
    return difference(image, blank)


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_every_page_prints_on_paper_of_the_notes_size(qtbot: QtBot, world: NotesWorld, tmp_path: Path,
                                                      page_size: str) -> None:
    world.notes.sign_as_supervisor(world.signed_off.id, NoteOptions(page_size=page_size))
    kept = world.notes.signed_note(world.signed_off.id)
    assert kept is not None
    target = tmp_path / "printed.pdf"
    printer = pdf_printer(target)
    match_paper(printer, page_sizes(kept.pdf)[0])
    printed = QtNotePrinter(max_dpi=150).print_to(printer, kept.pdf)
    expected = len(page_sizes(kept.pdf))
    assert printed == expected
    out = target.read_bytes()
    with pdfium.PdfDocument(out) as document:
        assert len(document) == expected
        assert document.get_page_size(0) == pytest.approx(PAGE_SIZES[page_size], abs=2)
    original = [page.image for page in render_pages(kept.pdf, 72)]
    printed_pages = [page.image for page in render_pages(out, 72)]
    for number, page in enumerate(printed_pages):
        assert darkness(page) > 2  # something was drawn
        assert difference(page, original[number]) < 1.5  # and it is the note's own page
    assert difference(printed_pages[0], original[1]) > 3  # (which another page is not)


def test_a_page_range_prints_only_those_pages(qtbot: QtBot, world: NotesWorld, tmp_path: Path) -> None:
    pdf = world.notes.render(world.signed_off.id, NoteOptions(hidden_sections=frozenset())).pdf
    assert len(page_sizes(pdf)) >= 2
    target = tmp_path / "page-2.pdf"
    printer = pdf_printer(target)
    ranges = QPageRanges()
    ranges.addPage(2)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(ranges)
    assert QtNotePrinter(max_dpi=100).print_to(printer, pdf) == 1
    with pdfium.PdfDocument(target.read_bytes()) as document:
        assert len(document) == 1


def test_cancelling_the_print_dialog_prints_nothing(qtbot: QtBot, world: NotesWorld) -> None:
    pdf = world.notes.render(world.signed_off.id, NoteOptions()).pdf
    seen: list[str] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, cancel)
            return
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert QtNotePrinter().print_pdf(pdf, "Supervision note", None) is False
    assert seen == ["Print the note"]
