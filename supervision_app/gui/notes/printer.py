"""Printing the note, behind a small interface so tests can stand in for a printer.

The printer gets the same PDF that is saved and signed, each page drawn by
pypdfium2 at the printer's resolution: nothing is laid out a second way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QWidget

from supervision_app.gui.busy import wait_cursor

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# Pages are drawn at the printer's resolution, but no finer than this: a
# 1200 dpi A4 page would take 500 MB, and text is crisp at 300 dpi.
MAX_PRINT_DPI = 300


class PrintFailed(OSError):
    """The printer could not take the note; ``str(error)`` is one sentence for the user."""


class NotePrinter(Protocol):
    def print_pdf(self, pdf: bytes, title: str, parent: QWidget | None) -> bool:
        """Print ``pdf``, asking which printer; ``False`` if the user cancelled."""
        ...


class QtNotePrinter:
    """Asks which printer and pages with the system's print dialog, then prints the PDF's pages."""

    def __init__(self, max_dpi: int = MAX_PRINT_DPI) -> None:
        self.max_dpi = max_dpi

    def print_pdf(self, pdf: bytes, title: str, parent: QWidget | None) -> bool:
        # Imported here: the print module loads the system's print libraries,
        # which most runs of the app never need.
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        from supervision_app.gui.notes.rendering import page_sizes  # pdfium too: most runs never print

        sizes = page_sizes(pdf)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        match_paper(printer, sizes[0])
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print the note")
        dialog.setMinMax(1, len(sizes))
        option = QAbstractPrintDialog.PrintDialogOption
        dialog.setOption(option.PrintPageRange, True)
        dialog.setOption(option.PrintCurrentPage, False)
        dialog.setOption(option.PrintSelection, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        with wait_cursor():
            self.print_to(printer, pdf)
        return True

    def print_to(self, printer: QPrinter, pdf: bytes) -> int:
        """Print ``pdf`` on ``printer`` as it is set up (no dialog); returns how many pages were printed."""
        from supervision_app.gui.notes.rendering import open_pdf, render_page

        with open_pdf(pdf) as document:
            pages = chosen_pages(printer, len(document))
            if not pages:
                return 0
            printer.setFullPage(True)  # the note carries its own margins
            dpi = min(printer.resolution(), self.max_dpi)
            painter = QPainter()
            if not painter.begin(printer):
                raise PrintFailed("The printer could not be started, so nothing was printed.")
            try:
                for number, index in enumerate(pages):
                    if number and not printer.newPage():
                        raise PrintFailed("The printer stopped part way, so the note may be incomplete.")
                    page = render_page(document, index, dpi)
                    painter.drawImage(fit(page.size_points, printer), page.image)
            finally:
                painter.end()
        return len(pages)


def match_paper(printer: QPrinter, size_points: QSizeF) -> None:
    """Offer the note's own paper size (A4 or US Letter) first, with no margins."""
    page_size = QPageSize(size_points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The zero-based pages the print dialog asked for: all, or a range such as 2-3."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.printRange() == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        ranges = printer.pageRanges()
        return [number - 1 for number in range(1, count + 1) if ranges.contains(number)]
    return list(range(count))


def fit(size_points: QSizeF, printer: QPrinter) -> QRectF:
    """Where a page of ``size_points`` goes on the paper: as large as fits, centred, in device pixels."""
    from PySide6.QtPrintSupport import QPrinter

    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    scale = min(paper.width() / size_points.width(), paper.height() / size_points.height())
    width, height = size_points.width() * scale, size_points.height() * scale
    return QRectF((paper.width() - width) / 2, (paper.height() - height) / 2, width, height)
