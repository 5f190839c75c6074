"""Keyboard alone: what every form gets so that Tab always moves on.

Qt moves Tab between the sections of a date or time field (hours, then
minutes) before leaving it. A field that shows its "not set" text (its
special value text, such as "Not ended") has no sections, so Qt kept the
focus there for ever. And a tab widget whose tab bar is hidden (the main
window's, when only one of its tabs is in use) still took Tab for the hidden
bar, so Tab stopped on the control before it. :func:`let_tab_leave` is
applied to every form by ``gui/forms.load_form``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QTabBar, QWidget


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


class _HiddenTabBarTakesNoTab(QObject):
    """A tab bar hidden on purpose takes no Tab: Qt would give it to the bar's tab widget, which cannot take it."""

    def __init__(self, bar: QTabBar) -> None:
        super().__init__(bar)
        self._policy = bar.focusPolicy()
        self._follow(bar)

    def _follow(self, bar: QTabBar) -> None:
        bar.setFocusPolicy(Qt.FocusPolicy.NoFocus if bar.isHidden() else self._policy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QTabBar) and event.type() in (QEvent.Type.HideToParent, QEvent.Type.ShowToParent):
            self._follow(watched)
        return False


def let_tab_leave(root: QWidget) -> None:
    """Make Tab and Shift+Tab leave every date and time field under ``root``, even one showing "not set",
    and pass over every tab bar that is hidden."""
    for edit in root.findChildren(QDateTimeEdit):
        edit.installEventFilter(_TabLeavesNotSet(edit))
    for bar in root.findChildren(QTabBar):
        bar.installEventFilter(_HiddenTabBarTakesNoTab(bar))
