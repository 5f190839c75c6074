"""Inline messages that keyboard and screen-reader users notice as well as sighted ones."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from supervision_app.gui.plain import label

# The field's own description, kept while an error is added in front of it.
_BASE_DESCRIPTION = "baseAccessibleDescription"


def announce(widget: QWidget) -> None:
    """Ask assistive technology to read ``widget`` out now."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


def show_error(label: QLabel, message: str, field: QWidget | None = None) -> None:
    """Show ``message`` in ``label`` and put the user back on ``field`` with it selected.

    The message is also added to the field's accessible description, so a
    screen reader reads it when the focus lands back on the field.
    """
    label.setText(message)
    label.setAccessibleDescription(message)
    label.setVisible(True)
    _make_room(label)
    if field is not None:
        base = field.property(_BASE_DESCRIPTION)
        if base is None:
            base = field.accessibleDescription()
            field.setProperty(_BASE_DESCRIPTION, base)
        field.setAccessibleDescription(f"{message} {base}".strip())
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()
    announce(label)


def _make_room(label: QLabel) -> None:
    """Grow a dialog that is too small for a newly shown message, rather than squash its fields."""
    window = label.window()
    if window is None or not window.isWindow() or window.isMaximized():
        return
    layout = window.layout()
    if layout is not None:
        layout.activate()
    wanted = window.sizeHint()
    if wanted.height() > window.height() or wanted.width() > window.width():
        window.resize(max(wanted.width(), window.width()), max(wanted.height(), window.height()))


def clear_error(label: QLabel, field: QWidget | None = None) -> None:
    label.clear()
    label.setAccessibleDescription("")
    label.setVisible(False)
    if field is not None:
        base = field.property(_BASE_DESCRIPTION)
        if base is not None:
            field.setAccessibleDescription(str(base))


def item_name(prefix: str, title: str) -> str:
    """How a row of a list is named: "Action 2", or "Action 2, Book the room" once it has a title."""
    title = " ".join(title.split())
    return f"{prefix}, {title}" if title else prefix


def name_fields(item: str, fields: dict[QWidget, str]) -> None:
    """Name each field of a row after the item it is about: "Action 2, Book the room: owner".

    Each ``fields`` value says what the field is, and contains any text the field shows.
    """
    for widget, what in fields.items():
        name = f"{item}: {what}"
        if widget.accessibleName() != name:  # (this runs on every key press in the item's title)
            widget.setAccessibleName(name)


def error_label(parent: QWidget) -> QLabel:
    """A dialog's inline error line, made in Python: plain text, wrapped, hidden until :func:`show_error`."""
    made = label("", parent)
    made.setProperty("role", "error")
    made.setWordWrap(True)
    made.setVisible(False)
    return made
