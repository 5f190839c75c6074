"""Keyboard alone: what every form gets so that Tab always moves on.

Qt moves Tab between the sections of a date or time field (hours, then
minutes) before leaving it. A field that shows its "not set" text (its
special value text, such as "Not ended") has no sections, so Qt kept the
focus there for ever. :func:`let_tab_leave` is applied to every form by
``gui/forms.load_form``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QWidget


def shows_not_set(edit: QDateTimeEdit) -> bool:
    """Whether the field shows its special value text instead of a date or time."""
    return bool(edit.specialValueText()) and edit.text() == edit.specialValueText()


class _TabLeavesNotSet(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QDateTimeEdit):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or not shows_not_set(watched):
            return False
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        # What QWidget would do (its parent moves the focus on), not the field's move to a next section.
        parent = watched.parentWidget()
        if parent is None:
            return False
        parent.focusNextPrevChild(key == Qt.Key.Key_Tab)
        return True


def let_tab_leave(root: QWidget) -> None:
    """Make Tab and Shift+Tab leave every date and time field under ``root``, even one showing "not set"."""
    for edit in root.findChildren(QDateTimeEdit):
        edit.installEventFilter(_TabLeavesNotSet(edit))
