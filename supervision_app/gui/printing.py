"""Printing the recovery code, behind a small interface so tests can stand in for a printer."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPagedPaintDevice, QPainter
from PySide6.QtWidgets import QDialog, QWidget

from supervision_app.formatting import format_long_date


class RecoveryCodePrinter(Protocol):
    def print_recovery_code(self, code: str, parent: QWidget | None) -> bool:
        """Print ``code``; ``False`` if the user cancelled."""
        ...


class QtRecoveryCodePrinter:
    """Asks which printer with the system's print dialog, then prints one page."""

    def print_recovery_code(self, code: str, parent: QWidget | None) -> bool:
        # Imported here: the print module loads the system's print libraries,
        # which most runs of the app never need.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Supervision recovery code")
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print the recovery code")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        paint_recovery_page(printer, code, date.today())
        return True


def code_lines(code: str) -> list[str]:
    """The code in two lines of four groups, easier to copy by hand than one long line."""
    groups = code.split("-")
    half = (len(groups) + 1) // 2
    return ["-".join(groups[:half]), "-".join(groups[half:])] if len(groups) > 1 else [code]


def paint_recovery_page(device: QPagedPaintDevice, code: str, created: date) -> None:
    """Draw the one printed page: a heading, the code, and what it is for."""
    painter = QPainter(device)
    try:
        page = QRectF(painter.viewport())
        margin = page.width() * 0.08
        area = page.adjusted(margin, margin, -margin, -margin)
        y = area.top()

        def paragraph(text: str, font: QFont, gap: float, flags: int = 0) -> None:
            nonlocal y
            painter.setFont(font)
            rect = QRectF(area.left(), y, area.width(), area.bottom() - y)
            flags |= int(Qt.TextFlag.TextWordWrap)
            used = painter.boundingRect(rect, flags, text)
            painter.drawText(rect, flags, text)
            y += used.height() + gap

        heading = QFont(painter.font())
        heading.setPointSize(18)
        heading.setBold(True)
        body = QFont(painter.font())
        body.setPointSize(11)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(22)
        mono.setBold(True)
        line_gap = painter.fontMetrics().height()

        paragraph("Supervision: your recovery code", heading, line_gap)
        paragraph(f"Made on {format_long_date(created)}.", body, line_gap)
        paragraph("\n".join(code_lines(code)), mono, line_gap * 1.5, int(Qt.AlignmentFlag.AlignHCenter))
        paragraph("This code opens your vault if you forget your passphrase. Keep this page somewhere "
                  "safe and away from the computer: anyone with the code and the computer can read "
                  "your records.", body, line_gap)
        paragraph("When you type it, capital letters, spaces and dashes do not matter.", body, line_gap)
    finally:
        painter.end()
