"""A real mouse wheel over a widget, and what a wheel-sensitive widget's value is."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QWidget,
)

from supervision_app.gui.wheel import changes_on_wheel


def wheel(widget: QWidget, notches: int) -> None:
    """Turn the wheel ``notches`` steps over the middle of ``widget`` (positive is away from you)."""
    middle = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(middle, widget.mapToGlobal(middle), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    assert isinstance(widget, QAbstractSlider)
    return widget.value()


def make_movable(widget: QWidget) -> None:
    """Give a combo box that Python fills later some choices, so a wheel could change it."""
    if isinstance(widget, QComboBox) and widget.count() < 2:
        widget.addItems(["one", "two", "three"])
        widget.setCurrentIndex(1)


def wheel_sensitive(root: QWidget) -> list[QWidget]:
    """The enabled, editable widgets under ``root`` whose value a wheel could change."""
    found = []
    for widget in root.findChildren(QWidget):
        if not changes_on_wheel(widget) or not widget.isEnabled() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QAbstractSpinBox) and widget.isReadOnly():
            continue
        found.append(widget)
    return found


def changed_by_wheel(root: QWidget, *, fill_empty: bool = False) -> list[str]:
    """Wheel up and down over every such widget without focus; name those whose value changed.

    ``fill_empty`` gives empty combo boxes choices (a bare form's, which Python fills in the app).
    """
    changed = []
    for widget in wheel_sensitive(root):
        if fill_empty:
            make_movable(widget)
        if widget.hasFocus():
            widget.clearFocus()
        before = value_of(widget)
        for notches in (1, -1, -1):
            wheel(widget, notches)
            if value_of(widget) != before:
                changed.append(f"{type(widget).__name__} {widget.objectName()!r}")
                break
    return changed
