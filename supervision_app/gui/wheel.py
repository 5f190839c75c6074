"""A mouse wheel scrolls the page; it changes a value only in the field that has keyboard focus.

One event filter on the application covers every spin box, date or time
field, combo box (the ratings too) and slider the app makes. Without focus,
such a widget passes the wheel on to what holds it, so the page scrolls
instead. Their focus policy is made ``StrongFocus`` (Tab and a click, not the
wheel), so the wheel cannot give them focus either.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

from supervision_app.gui.app_events import app_events


def changes_on_wheel(widget: QObject) -> bool:
    """Whether a wheel over ``widget`` would change a value (a scroll bar only scrolls)."""
    return isinstance(widget, QAbstractSpinBox | QComboBox) or (
        isinstance(widget, QAbstractSlider) and not isinstance(widget, QScrollBar))


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WheelGuard(QObject):
    """Installed once on the application by :func:`install_wheel_guard`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.Polish) or not changes_on_wheel(watched):
            return False
        assert isinstance(watched, QWidget)
        _no_wheel_focus(watched)
        if kind == QEvent.Type.Wheel and not watched.hasFocus():
            assert isinstance(event, QWheelEvent)
            _scroll_page(watched, event)
            return True
        return False


def _scroll_page(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the nearest scroll area holding ``widget``, or, without one, to its parents."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        event.ignore()  # handled but not accepted: Qt offers a real wheel to the parents
        return
    viewport = area.viewport()
    forwarded = QWheelEvent(viewport.mapFromGlobal(event.globalPosition()), event.globalPosition(),
                            event.pixelDelta(), event.angleDelta(), event.buttons(), event.modifiers(),
                            event.phase(), event.inverted(), event.source())
    QApplication.sendEvent(viewport, forwarded)
    event.accept()


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` once (a second call returns the one installed)."""
    for existing in app.children():
        if isinstance(existing, WheelGuard):
            return existing
    guard = WheelGuard(app)
    app_events(app).watch(guard, (QEvent.Type.Wheel, QEvent.Type.Polish))
    return guard
