"""Search the records (Ctrl+F): words, with filters by supervisee, kind and dates; Enter on a result opens
its session at that item's step. On a supervisee's install the user's own preparation and the records
received are found too, and open on My supervision.

The results list shows text from the records as plain text (a tree widget's items
are never read as markup). The work follows what is shown, not how much matched: the
newest :data:`PAGE` hits first (Show more adds the next), and each one's snippet (the words
around the match) is made only when its row is painted or made current (:class:`SnippetDelegate`).
``openRequested`` carries the chosen
:class:`~supervision_app.domain.search.SearchHit`; :func:`install_search` wires the
dialog to a window that can open a session at a step (``return_to``) and holds its ``editor``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from supervision_app.domain.model import PersonRole
from supervision_app.domain.my_search import MyHit
from supervision_app.domain.search import SearchFilters, SearchHit, SearchKind, match_expression, query_terms, snippet
from supervision_app.errors import VaultError
from supervision_app.formatting import format_datetime
from supervision_app.gui.forms import FormDialog, child
from supervision_app.gui.people.fields import BlankableDate
from supervision_app.gui.session.editor import STEPS, SessionEditor
from supervision_app.storage.my_search_index import MyFilters, search_mine
from supervision_app.storage.records import SqlRecordStore
from supervision_app.storage.search_index import MAX_HITS, search

EVERYONE = "Everyone"
ALL_KINDS = "All kinds"
ANY_DAY = "Any day"
HIT_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_COLUMN = 3
PAGE = 25  # hits shown at once (two screenfuls); Show more adds the next as many


class SnippetDelegate(QStyledItemDelegate):
    """Paints the snippet column, first asking ``make(row)`` to make the snippets of the rows being painted.

    ``make`` is held weakly: the delegate lives in the dialog's tree, and a reference back to the
    dialog would keep it in a cycle after it closes."""

    def __init__(self, make: Callable[[int], None], parent: QObject) -> None:
        super().__init__(parent)
        self._make = weakref.WeakMethod(make)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if (make := self._make()) is not None:
            make(index.row())
        super().paint(painter, option, index)


class SearchDialog(FormDialog):
    """``openRequested(SearchHit)`` when a result is opened (Enter, a double click or Open session)."""

    openRequested = Signal(object)

    def __init__(self, store: SqlRecordStore, today: date, parent: Any = None) -> None:
        super().__init__("search", parent)
        self.store = store
        self.query_edit = self.find(QLineEdit, "queryEdit")
        self.search_button = self.find(QPushButton, "searchButton")
        self.supervisee_combo = self.find(QComboBox, "superviseeCombo")
        self.kind_combo = self.find(QComboBox, "kindCombo")
        self.from_date = BlankableDate(self.find(QDateEdit, "fromEdit"), blank_text=ANY_DAY, today=today)
        self.to_date = BlankableDate(self.find(QDateEdit, "toEdit"), blank_text=ANY_DAY, today=today)
        self.status_label = self.find(QLabel, "statusLabel")
        self.results = self.find(QTreeWidget, "resultsTree")
        self.open_button = self.find(QPushButton, "openButton")
        self.more_button = self.find(QPushButton, "showMoreButton")
        self.more_button.hide()
        self.hits: list[SearchHit] = []
        self.mine: list[MyHit] = []
        self._query = ""  # of the hits shown, for Show more
        self._terms: tuple[str, ...] = ()  # its words, for the snippets
        self._filters = SearchFilters()
        self._unread: set[int] = set()  # rows of hits whose snippet is not made yet
        self.results.setItemDelegateForColumn(SNIPPET_COLUMN, SnippetDelegate(self._make_painted, self.results))
        self.supervisee_combo.addItem(EVERYONE, None)
        for person in store.list_people():
            if person.role is PersonRole.SUPERVISEE and not person.is_self:
                self.supervisee_combo.addItem(person.name, person.id)
        self.kind_combo.addItem(ALL_KINDS, None)
        for kind in SearchKind:
            self.kind_combo.addItem(kind.label, kind.value)
        for day in (self.from_date, self.to_date):
            day.set_value(None)
        self.query_edit.returnPressed.connect(self.run_search)
        self.search_button.clicked.connect(self.run_search)
        self.results.itemActivated.connect(lambda item, _column: self._open(item))
        self.results.currentItemChanged.connect(lambda *_: self._current_changed())
        self.open_button.clicked.connect(lambda: self._open(self.results.currentItem()))
        self.more_button.clicked.connect(self.show_more)
        self.find(QPushButton, "closeButton").clicked.connect(self.reject)
        self._update_open()
        self.results.header().ensurePolished()  # (the style sheet's heading font, before measuring them)
        self._fit_columns([])

    def filters(self) -> SearchFilters:
        kind = self.kind_combo.currentData()
        return SearchFilters(self.supervisee_combo.currentData(), self.from_date.value(), self.to_date.value(),
                             SearchKind(kind) if kind else None)

    def run_search(self) -> None:
        query = self.query_edit.text()
        filters = self.filters()
        self.results.clear()
        self.hits = []
        self.mine = []
        self._unread.clear()
        if match_expression(query) is None:
            self.more_button.hide()
            self._say("Type a word to find (letters or numbers).")
        elif filters.start and filters.end and filters.start > filters.end:
            self.more_button.hide()
            self._say("The From day is after the To day; swap them to search.")
        else:
            try:
                hits = search(self.store, query, filters, PAGE + 1, snippets=False)  # (one more: older ones?)
                self.mine = mine_too(self.store, query, filters)
            except VaultError as error:
                self.more_button.hide()
                self._say(str(error))
                return
            self._query, self._filters, self._terms = query, filters, query_terms(query)
            self._show(hits)
        self._update_open()

    def show_more(self) -> None:
        """Add the next :data:`PAGE` older hits to the list (before the user's own, on a supervisee's install)."""
        try:
            hits = search(self.store, self._query, self._filters, PAGE + 1, offset=len(self.hits), snippets=False)
        except VaultError as error:
            self._say(str(error))
            return
        self._show(hits)

    def _show(self, hits: list[SearchHit]) -> None:
        """Add ``hits`` (their last one only tells whether there are more) after those shown; the first time,
        the user's own after them."""
        first_time = not self.hits
        more = len(hits) > PAGE
        start = len(self.hits)
        self.hits.extend(hits[:PAGE])
        self._unread.update(range(start, len(self.hits)))
        items = []
        for hit in hits[:PAGE]:  # (the snippet is made when the row is painted: _make_painted)
            item = QTreeWidgetItem([format_datetime(hit.session_start), hit.supervisee, hit.kind_label, ""])
            item.setData(0, HIT_ROLE, hit)
            items.append(item)
        for own in self.mine if first_time else ():  # the supervisee's own: their preparation, the records received
            when = format_datetime(own.session_start) if own.session_start else "Preparing"
            item = QTreeWidgetItem([when, f"My supervision with {own.supervisor}", own.kind_label, own.snippet])
            item.setData(0, HIT_ROLE, own)
            items.append(item)
        self.results.insertTopLevelItems(start, items)
        self._fit_columns(items, grow=not first_time)
        self.more_button.setVisible(more)  # (only when it changes: hiding and showing it lays the dialog out again)
        found = len(self.hits) + len(self.mine)
        if not found:
            self._say("Nothing found.")
            return
        shown = f"{found} shown, newest first; older ones too: Show more, or choose a supervisee, kind or dates to " \
            "narrow it." if more else f"{found} found, newest first."
        mine = f" Showing the newest {MAX_HITS} of your own; choose dates to narrow it." \
            if len(self.mine) >= MAX_HITS else ""
        self._say(f"{shown}{mine} Press Enter on one to open its session there.")
        if first_time and (first := self.results.topLevelItem(0)) is not None:
            self.results.setCurrentItem(first)

    def _fit_columns(self, items: list[QTreeWidgetItem], grow: bool = False) -> None:
        """Each column but the snippet's as wide as its heading and the widest text of ``items`` (or wider, to
        ``grow``), measuring that one row's cell alone (``resizeColumnToContents`` lays out every row's cell:
        many hits share a day, a name and a kind)."""
        metrics = self.results.fontMetrics()
        header = self.results.header()
        for column in range(SNIPPET_COLUMN):
            widest: dict[str, QTreeWidgetItem] = {}
            for item in items:
                widest.setdefault(item.text(column), item)
            cell = 0
            if widest:
                item = widest[max(widest, key=metrics.horizontalAdvance)]
                cell = self.results.sizeHintForIndex(self.results.indexFromItem(item, column)).width()
            header.resizeSection(column, max(cell, header.sectionSizeHint(column),
                                             header.sectionSize(column) if grow else 0))

    def snippet(self, row: int) -> str:
        """The snippet shown in ``row`` of the results, made now if it was not yet."""
        self._make_snippets(row, row, painting=False)
        item = self.results.topLevelItem(row)
        return item.text(SNIPPET_COLUMN) if item is not None else ""

    def _make_painted(self, row: int) -> None:
        """The rows from ``row`` to the last one in view are being painted: make their snippets first."""
        if row in self._unread:
            last = self.results.indexAt(self.results.viewport().rect().bottomLeft()).row()
            self._make_snippets(row, last if last >= row else len(self.hits) - 1, painting=True)

    def _current_changed(self) -> None:
        """The current row is read out by a screen reader before it is painted: its snippet is made at once."""
        item = self.results.currentItem()
        if item is not None and self.results.hasFocus():  # (else it is made when painted)
            self._make_snippets(self.results.indexOfTopLevelItem(item), painting=False)
        self._update_open()

    def _make_snippets(self, first: int, last: int | None = None, *, painting: bool) -> None:
        rows = [row for row in range(first, (first if last is None else last) + 1) if row in self._unread]
        model = self.results.model()
        quiet = model.blockSignals(painting)  # (rows being painted need no second paint)
        try:
            for row in rows:
                self._unread.discard(row)
                item = self.results.topLevelItem(row)
                if item is not None:
                    item.setText(SNIPPET_COLUMN, snippet(self.hits[row].text, self._terms))
        finally:
            model.blockSignals(quiet)

    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    def _update_open(self) -> None:
        self.open_button.setEnabled(self.results.currentItem() is not None)

    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        hit = item.data(0, HIT_ROLE)
        self.accept()
        self.openRequested.emit(hit)


def mine_too(store: SqlRecordStore, query: str, filters: SearchFilters) -> list[MyHit]:
    """The user's own preparation and records received that match, unless a supervisee or kind is chosen."""
    if filters.supervisee_id is not None or filters.kind is not None:
        return []
    return search_mine(store, query, MyFilters(start=filters.start, end=filters.end))


def step_index(title: str) -> int | None:
    """The index of the editor's step called ``title`` (the page a kind of item is on), if there is one."""
    return next((index for index, step in enumerate(STEPS) if step.title == title), None)


def go_to_step(editor: SessionEditor, title: str) -> None:
    """Show the editor's step called ``title``, building that page alone (the others wait to be shown)."""
    index = step_index(title)
    if index is not None:
        editor.go_to(index)


def open_hit(window: Any, hit: SearchHit | MyHit) -> None:
    """Open the hit's session in ``window``'s editor, at the step its item is on; one of the user's own on
    My supervision (the record received, or the preparation)."""
    if isinstance(hit, MyHit):
        window.show_my_supervision()
        if window.my_supervision_page is not None:
            window.my_supervision_page.show_found(hit)
        return
    window.return_to((hit.session_id, step_index(hit.kind.step) or 0))


def install_search(window: Any) -> QAction:
    """Add "Search…" (Ctrl+F) at the top of ``window``'s Session menu (``window.window`` is the QMainWindow); it opens
    :class:`SearchDialog`, and a result opens in the window's session editor (:func:`open_hit`).

    ``window`` is held weakly (its ``today()`` read as the dialog opens): the action lives in the window,
    and a reference back would keep it in a cycle after the vault locks.
    """
    main = window.window
    action = QAction("&Search…", main)
    action.setShortcut(QKeySequence("Ctrl+F"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setStatusTip("Find words in every record: agenda, discussion, decisions, actions, flags, learning, "
                        "addenda.")
    main.addAction(action)  # Ctrl+F wherever focus is in the window
    menu = child(main, QMenu, "sessionMenu")
    if menu.actions():
        menu.insertAction(menu.actions()[0], action)
    else:
        menu.addAction(action)
    window_ref = weakref.ref(window)

    def open_hit_in_window(hit: SearchHit | MyHit) -> None:
        if (window := window_ref()) is not None:
            open_hit(window, hit)

    def open_dialog() -> SearchDialog | None:
        window = window_ref()
        if window is None:
            return None
        if window.editor is not None:
            window.editor.flush()  # what was just typed is found too
        dialog = SearchDialog(window.store, window.today(), window.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openRequested.connect(open_hit_in_window)
        dialog.open()
        return dialog

    action.triggered.connect(open_dialog)
    my_menu = main.findChild(QMenu, "mySupervisionMenu")
    if my_menu is not None:  # a supervisee's install shows this menu, not the Session menu
        mine = QAction("Sea&rch…", my_menu)
        mine.setObjectName("actionSearchMine")
        mine.setStatusTip("Find words in your preparation and the records received (Ctrl+F).")
        mine.triggered.connect(open_dialog)
        my_menu.addAction(mine)
    return action
