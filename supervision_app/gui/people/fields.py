"""What the people dialogs share: inline messages keyed by field, and dates that may be blank."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QWidget

from supervision_app.errors import VaultError
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.services.people import FieldProblem, InvalidEntry

T = TypeVar("T")

# Dates show in British English (``3 Nov 2026``) whatever the computer's language.
BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
# A date edit cannot be empty: its earliest date stands for "no date" and shows a text instead.
NO_DATE = QDate(1900, 1, 1)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class BlankableDate(QObject):
    """A ``QDateEdit`` from a form that may hold no date, shown as ``blank_text``.

    With no date yet, its calendar opens on ``today``'s month (not on 1900),
    and the first key typed starts from ``today`` with the day selected, so
    typing ``5`` or pressing the up arrow gives a date near today.
    """

    def __init__(self, edit: QDateEdit, *, blank_text: str, today: date) -> None:
        super().__init__(edit)
        self.edit = edit
        self._today = today
        edit.setLocale(BRITISH)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(blank_text)
        calendar = edit.calendarWidget()
        calendar.setLocale(BRITISH)
        calendar.installEventFilter(self)
        edit.installEventFilter(self)

    def value(self) -> date | None:
        chosen = self.edit.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, day: date | None) -> None:
        self.edit.setDate(NO_DATE if day is None else qdate(day))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and watched is self.edit:
            if self.edit.date() == NO_DATE and self._starts_a_date(event):  # type: ignore[arg-type]
                self.edit.setDate(qdate(self._today))
                self.edit.setSelectedSection(QDateEdit.Section.DaySection)
        elif kind == QEvent.Type.Show and watched is not self.edit and self.edit.date() == NO_DATE:
            self.edit.calendarWidget().setCurrentPage(self._today.year, self._today.month)
        return False

    @staticmethod
    def _starts_a_date(event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            return True
        text = event.text()
        return bool(text) and text.isprintable() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier


def fit_bold_text(button: QPushButton) -> None:
    """Make room for a default button's text, which the style sheet makes bold after sizing it."""
    button.ensurePolished()  # so its font is the style sheet's
    font = QFont(button.font())
    font.setBold(True)
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    # The style's padding (14px a side) and its 6px focus ring, with a little to spare.
    button.setMinimumWidth(QFontMetrics(font).horizontalAdvance(text) + 2 * (14 + 6) + 8)


def _mark_invalid(widget: QWidget, invalid: bool) -> None:
    """The style sheet draws a red border round a field whose ``invalid`` property is true."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FieldErrors:
    """Messages shown beside the fields they are about, keyed by the service's field names.

    A field without a label of its own shows its message in ``general``.
    :meth:`show` is for a refused save: it shows every problem and puts the
    focus on the first. :meth:`recheck` is for edits after that: it updates
    or clears the messages already shown and adds none, so nobody is told off
    while still typing.
    """

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._fields: dict[str, tuple[QLabel, QWidget]] = {}
        self._shown: dict[str, str] = {}

    def add(self, field: str, label: QLabel, widget: QWidget) -> None:
        self._fields[field] = (label, widget)

    def _place(self, field: str) -> tuple[QLabel, QWidget | None]:
        label, widget = self._fields.get(field, (self.general, None))
        return label, widget

    @property
    def shown(self) -> dict[str, str]:
        """Messages on show, by field."""
        return dict(self._shown)

    def clear(self) -> None:
        for field in list(self._shown):
            self._clear(field)
        clear_error(self.general)

    def _clear(self, field: str) -> None:
        label, widget = self._place(field)
        clear_error(label, widget)
        if widget is not None:
            _mark_invalid(widget, False)
        del self._shown[field]

    def show(self, problems: Iterable[FieldProblem]) -> None:
        self.clear()
        first_each: dict[str, str] = {}
        for problem in problems:
            first_each.setdefault(problem.field, problem.message)
        # Shown last to first, so the focus ends on the first problem.
        for field, message in reversed(first_each.items()):
            label, widget = self._place(field)
            show_error(label, message, widget)
            if widget is not None:
                _mark_invalid(widget, True)
            self._shown[field] = message

    def attempt(self, problems: list[FieldProblem], save: Callable[[], T]) -> T | None:
        """Save unless ``problems``; a refusal or a storage error is shown too. ``None`` when nothing was saved."""
        if problems:
            self.show(problems)
            return None
        self.clear()
        try:
            return save()
        except InvalidEntry as error:
            self.show([FieldProblem(error.field, error.message)])
        except VaultError as error:
            self.show([FieldProblem("", error.message)])
        return None

    def recheck(self, problems: Iterable[FieldProblem]) -> None:
        current: dict[str, str] = {}
        for problem in problems:
            current.setdefault(problem.field, problem.message)
        for field, message in list(self._shown.items()):
            if field not in current:
                self._clear(field)
            elif current[field] != message:
                # Reworded in place: the focus stays where the person is typing.
                label, widget = self._place(field)
                clear_error(label, widget)
                label.setText(current[field])
                label.setAccessibleDescription(current[field])
                label.setVisible(True)
                if widget is not None:
                    widget.setAccessibleDescription(f"{current[field]} {widget.accessibleDescription()}".strip())
                self._shown[field] = current[field]
