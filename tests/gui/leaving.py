"""Leaving a field as a person does (Tab, or a click elsewhere): the field gets a real focus-out event."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget


def leave(widget: QWidget) -> None:
    """Send ``widget`` the focus-out event Qt sends when the focus moves on (offscreen windows are never active)."""
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
