"""Fixtures for the people dialogs: a real vault's record store, the toolkit's content, a fixed today."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from supervision_app.content import ToolkitContent, load_content
from supervision_app.paths import resources_dir
from supervision_app.storage.records import SqlRecordStore
from tests.gui.names import spoken_name

TODAY = date(2026, 11, 24)
INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView, QPlainTextEdit,
               QTextEdit)


@pytest.fixture
def store(open_vault) -> SqlRecordStore:  # type: ignore[no-untyped-def]
    return open_vault.store


@pytest.fixture(scope="session")
def content() -> ToolkitContent:
    return load_content(resources_dir())


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; letters beyond ASCII (ë, á, ć) are sent as the text of a key press."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def replace_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Select what the field holds and type over it, as a person would."""
    widget.setFocus()
    widget.selectAll()
    if text:
        type_text(widget, text)
    else:
        QTest.keyClick(widget, Qt.Key.Key_Delete)


def type_number(spin: QAbstractSpinBox, value: int) -> None:
    spin.setFocus()
    spin.selectAll()  # the number, not the prefix or suffix
    QTest.keyClicks(spin, str(value))


def type_date(edit: QDateEdit, day: str, month: str, year: str) -> None:
    """Type a date section by section (``"2"``, ``"Mar"``, ``"2026"``)."""
    edit.setFocus()
    for section, text in ((QDateEdit.Section.DaySection, day), (QDateEdit.Section.MonthSection, month),
                          (QDateEdit.Section.YearSection, year)):
        edit.setSelectedSection(section)
        QTest.keyClicks(edit, text)


def _inside_qt_part(widget: QWidget, root: QWidget) -> bool:
    """Part of a control Qt builds itself (a spin box's editor, a date's calendar), covered by the control."""
    current: QWidget | None = widget
    while current is not None and current is not root:
        if current.objectName().startswith("qt_") or isinstance(current, QCalendarWidget):
            return True
        current = current.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive widgets with no accessible name."""
    unnamed = []
    for widget in root.findChildren(QWidget):
        interactive = isinstance(widget, INTERACTIVE) or (
            isinstance(widget, QLabel) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus)
        if interactive and not _inside_qt_part(widget, root) and not spoken_name(widget).strip():
            unnamed.append(widget.objectName() or type(widget).__name__)
    return unnamed


def click_check(box: QAbstractButton) -> None:
    """Click a check box or radio button on its label (a wide one's middle is empty space)."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(24, box.height() // 2))


def repeated_mnemonics(root: QWidget) -> list[str]:
    """Alt+letter keys that more than one label or button in ``root`` claims."""
    texts = [w.text() for w in root.findChildren(QWidget) if isinstance(w, QLabel | QAbstractButton)]
    letters = [text.replace("&&", "")[text.replace("&&", "").index("&") + 1].lower()
               for text in texts if "&" in text.replace("&&", "")]
    return sorted({letter for letter in letters if letters.count(letter) > 1})


def mnemonic_labels_without_buddy(root: QWidget) -> list[str]:
    return [label.objectName() for label in root.findChildren(QLabel)
            if "&" in label.text().replace("&&", "") and label.buddy() is None]


def focus_chain(start: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """``widgets`` in the order Tab visits them, starting from ``start``."""
    wanted = set(map(id, widgets))
    order: list[QWidget] = []
    current = start
    for _ in range(500):
        if id(current) in wanted and current not in order:
            order.append(current)
        current = current.nextInFocusChain()
        if current is start:
            break
    return order


def error_sits_under(label: QLabel, field: QWidget, max_gap: int = 16) -> bool:
    """The message is shown just below its field and lined up with it."""
    window = field.window()
    field_top_left = field.mapTo(window, QPoint(0, 0))
    label_top_left = label.mapTo(window, QPoint(0, 0))
    gap = label_top_left.y() - (field_top_left.y() + field.height())
    return label.isVisible() and 0 <= gap <= max_gap and abs(label_top_left.x() - field_top_left.x()) <= 2
