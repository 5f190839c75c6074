"""How much of the screen a window may take.

Widgets ask ``QGuiApplication`` for their screen rather than calling
``QWidget.screen()``: PySide6 makes an object returned by a widget's method a
child of that widget when the object has no Qt parent, as screens do. When
Python then collects the widget in a reference cycle, it hands the screen
back to Python, which deletes it, and the next window made crashes.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_MARGIN = 40  # pixels left free around a window sized to the screen


def available_area(widget: QWidget) -> QRect | None:
    """The usable part of the screen ``widget`` is on (the primary screen before it is placed)."""
    screen = QGuiApplication.screenAt(widget.mapToGlobal(widget.rect().center())) \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen is smaller, never below its minimum."""
    available = available_area(widget)
    if available is not None:
        width = min(width, available.width() - SCREEN_MARGIN)
        height = min(height, available.height() - SCREEN_MARGIN)
    widget.resize(max(width, widget.minimumWidth()), max(height, widget.minimumHeight()))
