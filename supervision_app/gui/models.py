"""Item models that show people and sessions; they hold values, never a connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QTableView

from supervision_app.domain.model import Person, SupervisionSession
from supervision_app.formatting import format_datetime, format_minutes

Index = QModelIndex | QPersistentModelIndex

# The record behind a row, for code that reacts to a choice.
RecordRole = Qt.ItemDataRole.UserRole


def person_label(person: Person) -> str:
    return f"{person.name} (you)" if person.is_self else person.name


class PeopleModel(QAbstractListModel):
    """The user first (marked “(you)”), then the people they supervise."""

    def __init__(self, people: list[Person], parent: Any = None) -> None:
        super().__init__(parent)
        # The store lists the user's own profile first; keep that order.
        self._people = sorted(people, key=lambda person: not person.is_self)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return person_label(person)
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(part for part in (person.job_title, person.team) if part) or None
        if role == RecordRole:
            return person
        return None

    def person_at(self, row: int) -> Person:
        return self._people[row]


_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole})
_ROLES = _TEXT_ROLES | {Qt.ItemDataRole.ToolTipRole, RecordRole}


class SessionsModel(QAbstractTableModel):
    """One person's sessions, newest first, as the store returns them."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("Date", "Status", "Mode", "Length", "Location")

    def __init__(self, sessions: list[SupervisionSession], parent: Any = None) -> None:
        super().__init__(parent)
        self._sessions = list(sessions)
        self._texts: list[tuple[str, ...] | None] = [None] * len(self._sessions)  # each row's, once shown

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked about ten roles a cell at every paint: the roles this model does not answer go first.
        if role not in _ROLES or not index.isValid() or not 0 <= (row := index.row()) < len(self._sessions):
            return None
        if role in _TEXT_ROLES:
            return self._row_texts(row)[index.column()]
        session = self._sessions[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            # The full text where a column may be cut short.
            if index.column() == 1 and session.cancellation_reason:
                return session.cancellation_reason
            if index.column() == len(self.COLUMNS) - 1:
                return session.location or None
        if role == RecordRole:
            return session
        return None

    def _row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._texts[row]
        if texts is None:
            session = self._sessions[row]
            texts = self._texts[row] = tuple(cell.show(cell.value(session)) for cell in _CELLS)
        return texts

    def session_at(self, row: int) -> SupervisionSession:
        return self._sessions[row]

    def texts(self, column: int) -> dict[str, int]:
        """The texts that may be the column's widest, each once, with the first row that shows it.

        Rows whose values have the same shape (:data:`_CELLS`) give texts of the same width, so each
        shape is put in words once: a status, a mode, a length, a weekday and month with a one- or
        two-digit day; a few dozen for any number of sessions, not one a row."""
        value, show, shape = _CELLS[column]
        first: dict[Any, int] = {}
        for row, session in enumerate(self._sessions):
            first.setdefault(shape(session), row)
        rows: dict[str, int] = {}
        for row in first.values():
            rows.setdefault(show(value(self._sessions[row])), row)
        return rows


class _Cell(NamedTuple):
    value: Callable[[SupervisionSession], Any]  # the session's value in the column
    show: Callable[[Any], str]  # how it is put in words
    shape: Callable[[SupervisionSession], Any]  # what the text's width depends on


def _date_shape(session: SupervisionSession) -> tuple[int, int, bool]:
    """``Tue 3 Nov 2026, 10:00``: the weekday's and month's names and whether the day has two digits (the
    year and the time always have four; digits are as wide as each other in the fonts the app uses)."""
    start = session.scheduled_start
    return start.weekday(), start.month, start.day >= 10


_CELLS: tuple[_Cell, ...] = (
    _Cell(lambda session: session.scheduled_start, format_datetime, _date_shape),
    _Cell(lambda session: session.status, lambda status: status.label, lambda session: session.status),
    _Cell(lambda session: session.mode, lambda mode: mode.label, lambda session: session.mode),
    _Cell(lambda session: session.duration_minutes, format_minutes, lambda session: session.duration_minutes),
    _Cell(lambda session: session.location, str, lambda session: session.location),
)


def fit_columns(table: QTableView, model: SessionsModel, columns: int) -> None:
    """Make the first ``columns`` columns as wide as their widest cell and heading; the last one stretches.

    The widest text of each column is found with the table's font, and only its cell is
    measured as Qt would (margins and style sheet included). A column left to size itself
    to its contents (``ResizeToContents``) asks the model for about nineteen values a cell,
    again at each layout: 9,600 calls for 127 sessions. The columns can be resized by hand.
    Texts of one shape (:meth:`SessionsModel.texts`) differ only in their digits: where a font's
    digits are not all as wide, each digit of the widest text gets the difference as room.
    """
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    grid = 1 if table.showGrid() else 0
    digit_widths = [metrics.horizontalAdvance(digit) for digit in "0123456789"]
    spread = max(digit_widths) - min(digit_widths)
    for column in range(columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        texts = model.texts(column)
        cell = 0
        if texts:
            widest = max(texts, key=metrics.horizontalAdvance)
            cell = (table.sizeHintForIndex(model.index(texts[widest], column)).width() + grid
                    + spread * sum(character.isdigit() for character in widest))
        header.resizeSection(column, max(cell, header.sectionSizeHint(column)))
    header.setStretchLastSection(True)
