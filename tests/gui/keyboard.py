"""Keyboard alone: walk a window's real focus chain with Tab and Shift+Tab, as a person would.

:func:`check_focus_chain` presses Tab on whatever has the focus, again and
again, and reads ``QApplication.focusWidget()``; then Shift+Tab the other way.
It fails on a trap (Tab that does not come back round), a control Tab never
reaches, a way back that is not the way there, and a jump against the
reading order: down the page, left to right within a row, and up only to
the top of a column further right. Controls inside a scroll area are placed
where the scroll area is when compared with controls outside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QRadioButton,
    QTabWidget,
    QWidget,
)


@dataclass(frozen=True)
class OutOfOrder:
    """A Tab step allowed to go against the reading order, and why (objectName to objectName)."""

    first: str
    second: str
    reason: str


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)


def _proxied(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def control(widget: QWidget | None) -> QWidget | None:
    """The control a focused widget belongs to (a spin box, not its line edit)."""
    while widget is not None:
        parent = widget.parentWidget()
        if parent is None or parent.focusProxy() is not widget:
            return widget
        widget = parent
    return None


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    text = getattr(widget, "text", None)
    shown = f" {text()!r}" if callable(text) and isinstance(text(), str) and text() else ""
    return f"{type(widget).__name__} {widget.objectName()!r}{shown}"


def tab_stops(root: QWidget) -> list[QWidget]:
    """Every control under ``root`` that Tab should reach: shown, enabled and taking Tab focus."""
    found: list[QWidget] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.isVisible() and widget.isEnabled() and _takes_tab(widget)):
            continue
        target = control(_proxied(widget))
        if target is None or not (target.isVisible() and target.isEnabled() and _takes_tab(_proxied(widget))):
            continue
        if target not in found:
            found.append(target)
    return found


def radio_group(button: QWidget) -> list[QWidget]:
    """The radio buttons that one Tab stop stands for (Tab reaches one; the arrows move between them)."""
    if not isinstance(button, QRadioButton):
        return [button]
    group = button.group()
    if group is not None and group.exclusive():
        members: list[QWidget] = list(group.buttons())
    elif button.autoExclusive() and button.parentWidget() is not None:
        siblings = button.parentWidget().findChildren(QRadioButton, options=Qt.FindChildOption.FindDirectChildrenOnly)
        members = [b for b in siblings if b.autoExclusive()]
    else:
        return [button]
    return [m for m in members if m.isVisible() and m.isEnabled()]


def walk(start: QWidget, backwards: bool = False, limit: int = 400, alone: bool = False) -> list[QWidget | None]:
    """Press Tab (or Shift+Tab) from ``start`` until the focus is back on it; the controls in between.

    Repeats in a row (a time field's sections) count once. Fails if the focus
    does not come back within ``limit`` presses. ``alone``: ``start`` is the only control, so Tab stays on it.
    """
    window = start.window()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 2000)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    first = control(QApplication.focusWidget())
    assert first is control(_proxied(start)), f"{describe(start)} does not take the focus"
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    modifiers = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    seen: list[QWidget | None] = [first]
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None, f"the focus was lost after {describe(seen[-1])}"
        QTest.keyClick(focused, key, modifiers)
        now = control(QApplication.focusWidget())
        if now is first and (len(seen) > 1 or alone):
            return seen
        if now is not seen[-1]:
            seen.append(now)
    tail = ", ".join(describe(w) for w in seen[-12:])
    raise AssertionError(f"{'Shift+Tab' if backwards else 'Tab'} never comes back round: it is kept "
                         f"after {tail}")


def _scroll_area_outside(widget: QWidget, ancestor: QWidget) -> QWidget:
    """The outermost scroll area between ``widget`` and ``ancestor`` (or ``widget`` itself)."""
    placed = widget
    parent = widget.parentWidget()
    while parent is not None and parent is not ancestor:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            placed = parent
        parent = parent.parentWidget()
    return placed


def _common_ancestor(a: QWidget, b: QWidget) -> QWidget:
    ancestors = []
    widget: QWidget | None = a
    while widget is not None:
        ancestors.append(widget)
        widget = widget.parentWidget()
    widget = b
    while widget is not None:
        if widget in ancestors:
            return widget
        widget = widget.parentWidget()
    return a.window()


def _rect(widget: QWidget, ancestor: QWidget) -> QRect:
    placed = _scroll_area_outside(widget, ancestor)
    return QRect(placed.mapTo(ancestor, QPoint(0, 0)), placed.size())


def follows(a: QWidget, b: QWidget) -> bool:
    """Whether ``b`` comes after ``a`` in reading order: next in the row, below, or atop a column to the right."""
    if a.isAncestorOf(b) or b.isAncestorOf(a):
        return True
    ancestor = _common_ancestor(a, b)
    ra, rb = _rect(a, ancestor), _rect(b, ancestor)
    overlap = min(ra.bottom(), rb.bottom()) - max(ra.top(), rb.top())
    if overlap > min(ra.height(), rb.height()) // 2:  # the same row
        return rb.center().x() > ra.center().x()
    if rb.center().y() > ra.center().y():
        return True
    return rb.left() >= ra.right() - 4  # up only into a column further right


def _in_reading_order(cycle: Sequence[QWidget], allowed: Iterable[OutOfOrder]) -> list[str]:
    """Steps of the round ``cycle`` against the reading order, but for the one from the last control to the first.

    That one is taken to be the step against the order that lands highest and furthest left.
    """
    exceptions = {(e.first, e.second) for e in allowed}
    pairs = list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
    wrong = [(a, b) for a, b in pairs if not follows(a, b) and (a.objectName(), b.objectName()) not in exceptions]
    if wrong:
        window = cycle[0].window()

        def place(pair: tuple[QWidget, QWidget]) -> tuple[int, int]:
            rect = _rect(pair[1], window)
            return rect.top(), rect.left()

        wrong.remove(min(wrong, key=place))
    return [f"{describe(a)} → {describe(b)}" for a, b in wrong]


def check_focus_chain(root: QWidget, start: QWidget | None = None, *,
                      out_of_order: Iterable[OutOfOrder] = ()) -> list[QWidget]:
    """Walk ``root``'s window with Tab and Shift+Tab and fail on a trap, a gap, or a jump against reading order.

    The walk starts at ``start`` (by default the first control the form
    makes). Every shown, enabled control under ``root`` that takes Tab focus
    must be reached (for a group of radio buttons: one of them, and the arrows
    reach the rest). Returns the controls in Tab order.
    """
    QApplication.processEvents()
    stops = tab_stops(root)
    assert stops, f"{describe(root)} has nothing to Tab to"
    begin = start if start is not None else stops[0]
    cycle = walk(begin, alone=len(stops) == 1)
    assert None not in cycle, "Tab left the window"
    reached: list[QWidget] = [w for w in cycle if w is not None]
    twice = {describe(w) for w in reached if reached.count(w) > 1}
    assert not twice, f"Tab reaches these more than once in a round: {sorted(twice)}"
    missed = [describe(w) for w in stops if not any(m in reached for m in radio_group(w))]
    assert not missed, f"Tab never reaches: {missed}\nTab order: {[describe(w) for w in reached]}"
    back = walk(begin, backwards=True, alone=len(stops) == 1)
    expected_back = [reached[0], *reversed(reached[1:])]
    assert back == expected_back, (
        f"Shift+Tab does not retrace Tab.\nTab: {[describe(w) for w in reached]}\n"
        f"Shift+Tab: {[describe(w) for w in back]}")
    for widget in reached:
        group = radio_group(widget)
        if len(group) > 1:
            _check_arrows(widget, group)
    wrong = _in_reading_order(reached, out_of_order)
    assert not wrong, "Tab goes against the reading order:\n" + "\n".join(wrong)
    return reached


def _check_arrows(first: QWidget, group: list[QWidget]) -> None:
    first.setFocus(Qt.FocusReason.TabFocusReason)
    reached = {first}
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Left):
        first.setFocus(Qt.FocusReason.TabFocusReason)
        for _ in range(len(group)):
            focused = QApplication.focusWidget()
            assert focused is not None
            QTest.keyClick(focused, key)
            if QApplication.focusWidget() is not None:
                reached.add(QApplication.focusWidget())
    missed = [describe(w) for w in group if w not in reached]
    assert not missed, f"the arrow keys never reach {missed} from {describe(first)}"


# --- mnemonics -----------------------------------------------------------------------

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text)
    return found.group(1).lower() if found else None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter that works in ``window`` now, and what each would go to."""
    found: dict[str, list[str]] = {}

    def add(text: str, what: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            found.setdefault(letter, []).append(what)

    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text(), f"menu {action.text()!r}")
        elif isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text(), describe(widget))
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title(), describe(widget))
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(widget.tabText(index), f"tab {widget.tabText(index)!r}")
    return found


def mnemonic_clashes(window: QWidget) -> list[str]:
    """Alt+letters that two things in ``window`` answer to; and letters shared within one of its menus."""
    clashes = [f"Alt+{letter.upper()}: {', '.join(whats)}" for letter, whats in sorted(mnemonics(window).items())
               if len(whats) > 1]
    for menu in window.findChildren(QMenu):
        letters: dict[str, list[str]] = {}
        for action in menu.actions():
            letter = mnemonic(action.text())
            if action.isVisible() and letter is not None:
                letters.setdefault(letter, []).append(action.text())
        clashes += [f"{menu.title()!r} menu, {letter.upper()}: {', '.join(texts)}"
                    for letter, texts in sorted(letters.items()) if len(texts) > 1]
    return clashes


def dead_mnemonics(window: QWidget) -> list[str]:
    """Labels that show a mnemonic but have no buddy to take it: Alt+letter would do nothing."""
    return [describe(label) for label in window.findChildren(QLabel)
            if label.isVisible() and label.buddy() is None and label.textFormat() is not Qt.TextFormat.RichText
            and mnemonic(label.text()) is not None]
