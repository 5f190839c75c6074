"""People → History and trends…: a supervisee's sessions, actions, flags and wellbeing ratings over time.

:class:`HistoryDialog` shows a :class:`~supervision_app.domain.history.History`
(what that side may show, decided by the domain): a table of sessions, the seven
HSE ratings as a chart (``history_chart.py``) with the same figures as a table for
screen readers, and the flag categories. Tables are models over the history's
values, never a widget per row. :class:`HistoryUi` hooks the action into the main
window; :func:`my_history_dialog` opens the same dialog on the supervisee's side.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import ToolkitContent
from supervision_app.domain.history import CheckinShown, History, HistoryEntry, TimelineStatus
from supervision_app.domain.model import Person, PersonRole
from supervision_app.domain.record import TimeProtection
from supervision_app.formatting import format_date
from supervision_app.gui.forms import FormDialog, child
from supervision_app.gui.people.history_chart import RatingsChart
from supervision_app.services.history import my_history, supervisee_history
from supervision_app.storage.records import SqlRecordStore

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
CELL_PADDING = 28  # a cell's margins and the header's sort indicator room, in pixels
NO_RATINGS = "No ratings are on the record yet: a check-in's ratings are drawn here when it is on the record."
NOT_HELD_HERE = "The records received on this computer carry no ratings: they are in each signed note."
_PROTECTION = {TimeProtection.PROTECTED: "Protected", TimeProtection.INTERRUPTED: "Interrupted",
               TimeProtection.NOT_RECORDED: ""}
_CHECKIN = {CheckinShown.ON_RECORD: "On the record", CheckinShown.DISCUSSED: "Discussed; not on the record",
            CheckinShown.NONE: "Not on the record"}


class TextTable(QAbstractTableModel):
    """Rows of text under headers; each cell is also what a screen reader reads."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = tuple(headers)
        self.rows = [tuple(row) for row in rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) \
                and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text where a column is cut short
            return text or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.headers[index.column()]}: {text or 'none'}"
        return None


def _status_text(entry: HistoryEntry) -> str:
    text = entry.status.label
    if entry.status is TimelineStatus.CANCELLED:
        if entry.rebooked_as is not None:
            text += f" (rebooked for {format_date(entry.rebooked_as.date())})"
    elif entry.rebooked_from is not None:
        text += f" (rebooked from {format_date(entry.rebooked_from.date())})"
    return text


def timeline_table(history: History, content: ToolkitContent) -> TextTable:
    categories = content.flags

    def flag_text(entry: HistoryEntry) -> str:
        return "; ".join(f"{categories.category(f.category_id).label} "
                         f"({categories.level(f.level.value).label.lower() if f.level else 'discussed'})"
                         for f in entry.flags)

    def number(value: int, entry: HistoryEntry) -> str:
        shown = entry.status in (TimelineStatus.HELD, TimelineStatus.IN_PROGRESS)
        return str(value) if shown else ""

    rows = [(format_date(e.start.date()), _status_text(e), _PROTECTION[e.protection],
             number(e.outcomes.agreed, e), number(e.outcomes.done, e), number(e.outcomes.carried, e),
             number(e.outcomes.dropped, e), flag_text(e), " ".join(e.cancellation_reason.split()))
            for e in reversed(history.entries)]
    return TextTable(("Date", "Status", "Time", "Actions agreed", "Done", "Carried", "Dropped", "Wellbeing flags",
                      "Why cancelled"), rows)


def ratings_table(history: History, content: ToolkitContent) -> TextTable:
    """Every session held, newest first: whether its check-in is on the record, and each rating in words."""
    standards = content.hse_standards
    scale = standards.rating_scale
    rows = []
    for entry in reversed(history.entries):
        if entry.status not in (TimelineStatus.HELD, TimelineStatus.IN_PROGRESS):
            continue
        cells = [f"{entry.ratings[s.id]} ({scale.point(entry.ratings[s.id]).label})" if s.id in entry.ratings
                 else "" for s in standards.standards]
        rows.append((format_date(entry.start.date()), _CHECKIN[entry.checkin], *cells))
    return TextTable(("Date", "Check-in", *(s.name for s in standards.standards)), rows)


def flags_table(history: History, content: ToolkitContent) -> TextTable:
    categories = content.flags
    rows = []
    for category_id, raised in sorted(history.flag_categories().items(), key=lambda kv: (-len(kv[1]), kv[0])):
        levels = [categories.level(level.value).label.lower() if level else "discussed" for _day, level in raised]
        counted = ", ".join(f"{levels.count(name)} {name}" for name in dict.fromkeys(levels))
        rows.append((categories.category(category_id).label, str(len(raised)), format_date(raised[0][0]),
                     format_date(raised[-1][0]), counted))
    return TextTable(("Category", "Times raised", "First", "Last", "Levels"), rows)


def summary_text(history: History) -> str:
    entries = history.entries
    if not entries:
        return "No sessions yet."
    counts = [(history.count(status), status.label.lower()) for status in TimelineStatus]
    parts = ", ".join(f"{n} {label}" for n, label in counts if n)
    sessions = "session" if len(entries) == 1 else "sessions"
    text = f"{len(entries)} {sessions}: {parts}."
    protected = history.count_protection(TimeProtection.PROTECTED)
    interrupted = history.count_protection(TimeProtection.INTERRUPTED)
    if protected or interrupted:
        text += f" Time protected at {protected}, interrupted at {interrupted}."
    total = history.total()
    text += f" Actions: {total.agreed} agreed, {total.done} done, {total.dropped} dropped."
    return text


class HistoryDialog(FormDialog):
    """The history of one supervisee (or of one's own supervision), read once as it opens."""

    def __init__(self, history: History, content: ToolkitContent, title: str, parent: QWidget | None = None) -> None:
        super().__init__("history", parent)
        self.history = history
        self.setWindowTitle(f"{title} – Supervision")
        self.setAccessibleName(title)
        self.find(QLabel, "titleLabel").setText(title)
        self.find(QLabel, "summaryLabel").setText(summary_text(history))
        self.tabs = self.find(QTabWidget, "historyTabs")
        self._content = content
        self.timeline = self._view("timelineTable", timeline_table(history, content))
        # The other two tables are filled when first shown (a long history's rows cost time).
        self.ratings = self.find(QTableView, "ratingsTable")
        self.flags = self.find(QTableView, "flagsTable")
        self.tabs.currentChanged.connect(self._tab_shown)
        empty = NO_RATINGS if history.ratings_held else NOT_HELD_HERE
        self.chart = RatingsChart(history, content.hse_standards, empty)
        host = self.find(QWidget, "chartHost")
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart)
        self.find(QLabel, "ratingsIntroLabel").setText(
            "The seven HSE standards, rated 1 (very difficult) to 5 (very good), at each session whose "
            "check-in is on the record." if history.ratings_held else NOT_HELD_HERE)
        self.find(QLabel, "flagsIntroLabel").setText(
            "Flags on the record, and those recorded only as discussed; private flags are never shown."
            if history.ratings_held else "The records received on this computer carry no flags.")
        self.stack = self.find(QStackedWidget, "ratingsStack")
        self.table_button = self.find(QPushButton, "tableButton")
        self.table_button.toggled.connect(self.show_table)
        self.find(QPushButton, "closeButton").clicked.connect(self.accept)

    def sizeHint(self) -> QSize:
        """Wide enough for the sessions' columns and tall enough for the chart, where the screen allows."""
        hint = super().sizeHint()
        wanted = QSize(self.timeline.horizontalHeader().length(), self.chart.sizeHint().height())
        return hint.expandedTo(wanted + QSize(80, 260))

    def _view(self, name: str, model: TextTable) -> QTableView:
        view = self.find(QTableView, name)
        # Hidden before the model is set: a visible row header asks the model for every row's header.
        view.verticalHeader().setVisible(False)
        model.setParent(view)
        view.setModel(model)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Each column as wide as its widest text, measured here: Qt's ResizeToContents asks the model
        # for every cell's size in every role, which took 150 ms at 127 sessions.
        view.ensurePolished()  # the style sheet's fonts, which the widths are measured in
        header.ensurePolished()
        text_width = view.fontMetrics().horizontalAdvance
        bold = header.font()
        bold.setBold(True)  # (the style sheet's header sections are bold)
        header_width = QFontMetrics(bold).horizontalAdvance
        for column, title in enumerate(model.headers):
            widest = max(map(text_width, {row[column] for row in model.rows}), default=0)
            header.resizeSection(column, max(widest, header_width(title)) + CELL_PADDING)
        header.setStretchLastSection(True)
        if model.rowCount():
            view.setCurrentIndex(model.index(0, 0))
        return view

    def _tab_shown(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.find(QWidget, "flagsTab") and self.flags.model() is None:
            self._view("flagsTable", flags_table(self.history, self._content))

    def show_table(self, table: bool) -> None:
        """Show the ratings as a table (``True``) or as the chart."""
        if table and self.ratings.model() is None:
            self._view("ratingsTable", ratings_table(self.history, self._content))
        self.stack.setCurrentWidget(self.ratings if table else self.find(QWidget, "chartScroll"))
        self.table_button.setText("Show as a &chart" if table else "Show as a &table")


def supervisee_history_dialog(store: SqlRecordStore, content: ToolkitContent, person: Person, today: date,
                              parent: QWidget | None = None) -> HistoryDialog:
    return HistoryDialog(supervisee_history(store, person.id, today), content,
                         f"History and trends: {person.name}", parent)


def my_history_dialog(store: SqlRecordStore, content: ToolkitContent, supervisor: Person,
                      parent: QWidget | None = None) -> HistoryDialog:
    """The supervisee's own history of supervision received from ``supervisor`` (for "My supervision")."""
    return HistoryDialog(my_history(store, supervisor.id), content,
                         f"My supervision with {supervisor.name}", parent)


class HistoryUi(QObject):
    """People → History and trends… (Ctrl+H) for the chosen supervisee."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self._main_ref = weakref.ref(main)  # the main window owns this
        self.dialog: HistoryDialog | None = None
        self.action = QAction("His&tory and trends…", main.window)
        self.action.setObjectName("actionHistory")
        self.action.setShortcut(QKeySequence("Ctrl+H"))
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open_dialog)
        child(main.window, QMenu, "peopleMenu").addAction(self.action)
        main.person_selected.connect(self._person_chosen)

    def _person_chosen(self, person: Person | None) -> None:
        self.action.setEnabled(person is not None and not person.is_self and person.role is PersonRole.SUPERVISEE)

    def open_dialog(self, person: Person | None = None) -> HistoryDialog | None:
        """The history of ``person`` (by default the supervisee chosen on the supervising page)."""
        main = self._main_ref()
        if main is not None and not isinstance(person, Person):  # (a menu action's "checked" too)
            person = main.selected_person()
        if main is None or person is None or person.is_self or person.role is not PersonRole.SUPERVISEE:
            return None
        dialog = supervisee_history_dialog(main.store, main.services.content, person,
                                           main.services.clock().date(), main.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self) -> None:
        self.dialog = None


__all__ = ["HistoryDialog", "HistoryUi", "TextTable", "my_history_dialog", "supervisee_history_dialog"]
