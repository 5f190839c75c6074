"""A PDF's pages shown one under another in a scroll area, as large as its width allows.

Used by the note dialog and the countersign dialog, so both preview the very
bytes that are signed, saved and printed.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QSizeF, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from supervision_app.gui import plain
from supervision_app.gui.notes.rendering import POINTS_PER_INCH, PageImage, page_sizes, render_pages

# The preview draws pages as large as the pane allows, but no larger than
# PREVIEW_MAX_DPI (a page at its real size on most screens) and no less than
# PREVIEW_MIN_DPI (below which the small print cannot be read).
PREVIEW_MAX_DPI = 100
PREVIEW_MIN_DPI = 60
PREVIEW_DELAY_MS = 300  # wait for a pause in clicking or resizing before drawing again


class PagesPreview:
    """The page labels inside ``contents`` (the widget of ``scroll``), redrawn by ``redraw`` after a pause."""

    def __init__(self, scroll: QScrollArea, contents: QWidget, redraw: Callable[[], None]) -> None:
        self.scroll = scroll
        self.contents = contents
        self.labels: list[QLabel] = []
        self.timer = QTimer(scroll)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(redraw)
        # Held weakly: ``redraw`` is its dialog's method, and a dialog holding its preview would otherwise be
        # kept in a cycle, freed by Python's collector at any moment, even while Qt paints it.
        self._redraw = weakref.WeakMethod(redraw)
        self._drawn_dpi = 0.0
        self._sizes: list[QSizeF] = []

    def render(self, pdf: bytes) -> list[PageImage]:
        """Every page of ``pdf`` at the size that fits; raises ``UnreadablePdf``. Call :meth:`show` with them."""
        self.timer.stop()
        sizes = page_sizes(pdf)
        dpi = self.fitting_dpi(sizes)
        pages = render_pages(pdf, dpi * self.scroll.devicePixelRatioF(), with_text=True)
        self._sizes, self._drawn_dpi = sizes, dpi
        return pages

    def show(self, pages: list[PageImage]) -> None:
        """One label a page, named for screen readers and carrying the page's text."""
        layout = self.contents.layout()
        assert isinstance(layout, QVBoxLayout)
        while len(self.labels) > len(pages):
            label = self.labels.pop()
            layout.removeWidget(label)
            label.deleteLater()
        while len(self.labels) < len(pages):
            label = plain.label("", self.contents)
            label.setObjectName(f"page{len(self.labels) + 1}Label")
            label.setStyleSheet("QLabel { border: 1px solid palette(dark); }")  # (the page itself is white paper)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        ratio = self.scroll.devicePixelRatioF()
        for number, (label, page) in enumerate(zip(self.labels, pages, strict=True), start=1):
            pixmap = QPixmap.fromImage(page.image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setAccessibleName(f"Page {number} of {len(pages)}")
            label.setAccessibleDescription(page.text)

    def fitting_dpi(self, sizes: list[QSizeF]) -> float:
        """The resolution at which the widest page fits the preview's width."""
        if not sizes:
            return PREVIEW_MAX_DPI
        # Measured on the scroll area, whose size is known before the window is first shown.
        scroll = self.scroll
        layout = self.contents.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        viewport = (scroll.viewport().width() if scroll.isVisible()
                    else scroll.width() - 2 * scroll.frameWidth() - scroll.verticalScrollBar().sizeHint().width())
        room = viewport - margins.left() - margins.right() - 4  # (the page's border, and rounding)
        widest = max(size.width() for size in sizes) / POINTS_PER_INCH
        return max(PREVIEW_MIN_DPI, min(PREVIEW_MAX_DPI, room / widest))

    def resized(self) -> None:
        """Redraw after a pause if the pages would now fit at another size."""
        if self._sizes and abs(self.fitting_dpi(self._sizes) - self._drawn_dpi) >= 1:
            self.timer.start()

    def flush(self) -> None:
        """Draw a redraw still waiting for its pause now, so what is acted on is what is shown."""
        redraw = self._redraw()
        if self.timer.isActive() and redraw is not None:
            redraw()
