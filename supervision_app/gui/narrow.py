"""Columns side by side that go one under the other when the window is too narrow for both."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QBoxLayout, QLayout, QWidget

QWIDGETSIZE_MAX = (1 << 24) - 1
_SIDE_WIDTH = "_maximumWidthSideBySide"
SIDE_BY_SIDE = QBoxLayout.Direction.LeftToRight
STACKED = QBoxLayout.Direction.TopToBottom


class SideBySide:
    """Columns side by side (``layouts`` inside ``page``) that go one under the other when the room for ``page`` is
    less than they need side by side. Whoever knows the room calls :meth:`arrange`."""

    def __init__(self, page: QWidget, layouts: Sequence[QBoxLayout]) -> None:
        self._page = page
        self._layouts = list(layouts)
        self._needed = 0

    def arrange(self, width: int) -> None:
        """Side by side if ``width`` is room enough for the columns, else one under the other."""
        if all(layout.direction() == SIDE_BY_SIDE for layout in self._layouts):
            self._needed = self._page.minimumSizeHint().width()
        direction = STACKED if width < self._needed else SIDE_BY_SIDE
        for layout in self._layouts:
            if layout.direction() != direction:
                layout.setDirection(direction)
                for widget in widgets_in(layout):
                    _widen(widget, direction is STACKED)


class StackWhenNarrow(QObject):
    """Arranges :class:`SideBySide` columns of the page ``area`` scrolls whenever the room or the page changes.

    It watches only the area's viewport, which Qt made and owns, and is its
    child: the viewport is told of every new size and, since the page is in no
    layout, of every change in what the page needs.
    """

    def __init__(self, area: QAbstractScrollArea, page: QWidget, layouts: Sequence[QBoxLayout]) -> None:
        viewport = area.viewport()
        super().__init__(viewport)
        self._viewport = viewport
        self._columns = SideBySide(page, layouts)
        viewport.installEventFilter(self)
        self._columns.arrange(viewport.width())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and watched is self._viewport:
            self._columns.arrange(self._viewport.width())  # the room changed, or what the page needs
        return False


def widgets_in(layout: QLayout) -> list[QWidget]:
    """The widgets ``layout`` and the layouts in it hold (not those inside the widgets)."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if (widget := item.widget()) is not None:
            found.append(widget)
        elif (inner := item.layout()) is not None:
            found += widgets_in(inner)
    return found


def _widen(widget: QWidget, stacked: bool) -> None:
    # A column narrower than its place when stacked would wrap its text to a
    # height meant for the full width, and cut it: it takes the full width then.
    if stacked:
        widget.setProperty(_SIDE_WIDTH, widget.maximumWidth())
        widget.setMaximumWidth(QWIDGETSIZE_MAX)
    elif (width := widget.property(_SIDE_WIDTH)) is not None:
        widget.setMaximumWidth(width)
