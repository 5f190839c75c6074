"""The supervisor's home page: one row per supervisee, most in need of attention first.

It shows what ``services/attention.home_attention`` found: each supervisee's
row (level in words, how many things need attention, last session held and
next booked) with one line under it per reason. The rows are a tree, so Tab
reaches it once, the arrows move through it and Enter opens a row:
``open_requested(person_id, Reason | None)`` asks the window to open the place a
reason is about (``None``: the person's sessions). Page-wide entry points (a
Search… button) go in :meth:`add_tool`, buttons acting on the chosen
supervisee (History…) in :meth:`add_row_action`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from supervision_app.domain.attention import Attention, Level, Reason, Row
from supervision_app.gui import plain
from supervision_app.gui.forms import W, child, load_into
from supervision_app.gui.home import words

PERSON_ROLE = Qt.ItemDataRole.UserRole
REASON_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Supervisee", "Attention", "What", "Last held", "Next booked")
_RESTYLED = frozenset({QEvent.Type.Polish, QEvent.Type.StyleChange, QEvent.Type.FontChange})


class HomePage(QWidget):
    open_requested = Signal(int, object)  # person id, the Reason (None: their sessions)

    def __init__(self, read: Callable[[], Attention], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self.attention: Attention | None = None
        self.form = load_into("home_page", self)
        self.setAccessibleName("Home")
        self.tree = self._find(QTreeWidget, "homeTree")
        self.team_label = self._find(QLabel, "teamLabel")
        self.empty_label = self._find(QLabel, "noSuperviseesLabel")
        self.open_button = self._find(QPushButton, "openButton")
        self.sessions_button = self._find(QPushButton, "sessionsButton")
        self._row_buttons: list[QPushButton] = [self.open_button, self.sessions_button]
        # Lines laid out without shaping where their script needs none (Latin: only kerning and ligatures are
        # lost): Qt lays out each cell's text again at every paint and every sizing of a column, and shaping was
        # a third of painting the page. Only this is set, so the size and family still follow the style sheet.
        unshaped = QFont()
        unshaped.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.tree.setFont(unshaped)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if COLUMNS[column] == "What"
                                        else QHeaderView.ResizeMode.Fixed)
        # Sized by Qt's own measure of every line (as ResizeToContents, which measured them all twice at each
        # refresh), once per refresh and again whenever the tree's style or font changes: the page is filled
        # before the window is polished with the app's style sheet, and columns measured only then were too
        # narrow and cut names short.
        self.tree.installEventFilter(self)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_current)
        self.sessions_button.clicked.connect(self._sessions_of_current)

    def _find(self, cls: type[W], name: str) -> W:
        return child(self.form, cls, name)

    # -- what the page shows --------------------------------------------------------

    def refresh(self) -> None:
        """Read the team's facts again, keeping the chosen row where it still exists."""
        self.show_attention(self._read())

    def show_attention(self, attention: Attention) -> None:
        chosen = self.current_place()
        self.attention = attention
        self.tree.clear()
        items = []
        for row in attention.rows:
            item = QTreeWidgetItem([row.name, words.level_text(row), words.summary(row),
                                    words.last_held_text(row), words.next_booked_text(row)])
            item.setData(0, PERSON_ROLE, row.person_id)
            item.setData(0, REASON_ROLE, None)
            self._describe(item, words.spoken_row(row))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            if row.level is Level.OVERDUE and row.reasons:
                item.setFont(1, font)
            for reason in row.reasons:
                line = QTreeWidgetItem(["", reason.level.label, reason.text, "", ""])
                line.setData(0, PERSON_ROLE, row.person_id)
                line.setData(0, REASON_ROLE, reason)
                line.setToolTip(2, plain.tooltip(reason.text))
                self._describe(line, words.spoken_reason(row, reason))
                item.addChild(line)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.expandAll()
        self._fit_columns()
        self.team_label.setText(words.team_text(attention.general))
        self.team_label.setVisible(bool(attention.general))
        self.empty_label.setVisible(not attention.rows)
        self.tree.setVisible(bool(attention.rows))
        self._choose(chosen)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() in _RESTYLED:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Each column but "What" as wide as its widest line or its heading (what ResizeToContents does)."""
        tree, header = self.tree, self.tree.header()
        for column, heading in enumerate(COLUMNS):
            if heading != "What":
                header.resizeSection(column, max(tree.sizeHintForColumn(column), header.sectionSizeHint(column)))

    @staticmethod
    def _describe(item: QTreeWidgetItem, spoken: str) -> None:
        for column in range(len(COLUMNS)):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def _items(self) -> list[QTreeWidgetItem]:
        """Every row, each supervisee followed by their reasons."""
        items = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            assert top is not None
            items += [top, *(line for i in range(top.childCount()) if (line := top.child(i)) is not None)]
        return items

    def _choose(self, place: tuple[int, Reason | None] | None) -> None:
        items = self._items()
        found = next((item for item in items if (item.data(0, PERSON_ROLE), item.data(0, REASON_ROLE)) == place),
                     items[0] if items else None)
        if found is not None:
            self.tree.setCurrentItem(found)

    # -- the chosen row -----------------------------------------------------------------

    def current_place(self) -> tuple[int, Reason | None] | None:
        """The chosen row's supervisee and reason (``None`` for the supervisee's own row)."""
        item = self.tree.currentItem()
        if item is None:
            return None
        return item.data(0, PERSON_ROLE), item.data(0, REASON_ROLE)

    def current_person_id(self) -> int | None:
        place = self.current_place()
        return place[0] if place is not None else None

    def row_of(self, person_id: int) -> Row | None:
        rows = self.attention.rows if self.attention is not None else []
        return next((row for row in rows if row.person_id == person_id), None)

    def open_current(self) -> None:
        place = self.current_place()
        if place is not None:
            self.open_requested.emit(*place)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_requested.emit(item.data(0, PERSON_ROLE), item.data(0, REASON_ROLE))

    def _sessions_of_current(self) -> None:
        person_id = self.current_person_id()
        if person_id is not None:
            self.open_requested.emit(person_id, None)

    def _update_buttons(self, *_changed: object) -> None:
        chosen = self.tree.currentItem() is not None
        for button in self._row_buttons:
            button.setEnabled(chosen)

    # -- room for more entry points --------------------------------------------------------

    def add_tool(self, button: QPushButton) -> None:
        """Put a page-wide button (Search…, say) beside the heading."""
        layout = self._find(QHBoxLayout, "homeToolsLayout")
        layout.addWidget(button)

    def add_row_action(self, text: str, act: Callable[[int], object], accessible_name: str = "") -> QPushButton:
        """Add a button (History…, say) that acts on the chosen row's supervisee: ``act(person_id)``."""
        button = QPushButton(text, self.form)
        if accessible_name:
            button.setAccessibleName(accessible_name)
        layout = self._find(QHBoxLayout, "rowButtonsLayout")
        layout.insertWidget(layout.count() - 1, button)  # before the spacer
        button.clicked.connect(lambda: self._act_on_current(act))
        self._row_buttons.append(button)
        self._update_buttons()
        return button

    def _act_on_current(self, act: Callable[[int], object]) -> None:
        person_id = self.current_person_id()
        if person_id is not None:
            act(person_id)
