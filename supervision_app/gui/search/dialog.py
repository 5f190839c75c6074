"""Search the records (Ctrl+F): words, with filters by supervisee, kind and dates; Enter on a result opens
its session at that item's step. On a supervisee's install the user's own preparation and the records
received are found too, and open on My supervision.

The results list shows text from the records as plain text (a tree widget's items
are never read as markup). ``openRequested`` carries the chosen
:class:`~supervision_app.domain.search.SearchHit`; :func:`install_search` wires the
dialog to a window that can open a session at a step (``return_to``) and holds its ``editor``.
"""

from __future__ import annotations

import weakref
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
)

from supervision_app.domain.model import PersonRole
from supervision_app.domain.my_search import MyHit
from supervision_app.domain.search import SearchFilters, SearchHit, SearchKind, match_expression
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
        self.hits: list[SearchHit] = []
        self.mine: list[MyHit] = []
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
        self.results.currentItemChanged.connect(lambda *_: self._update_open())
        self.open_button.clicked.connect(lambda: self._open(self.results.currentItem()))
        self.find(QPushButton, "closeButton").clicked.connect(self.reject)
        self._update_open()

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
        if match_expression(query) is None:
            self._say("Type a word to find (letters or numbers).")
        elif filters.start and filters.end and filters.start > filters.end:
            self._say("The From day is after the To day; swap them to search.")
        else:
            try:
                self.hits = search(self.store, query, filters)
                self.mine = mine_too(self.store, query, filters)
            except VaultError as error:
                self._say(str(error))
                return
            self._show(self.hits)
        self._update_open()

    def _show(self, hits: list[SearchHit]) -> None:
        for hit in hits:
            item = QTreeWidgetItem([format_datetime(hit.session_start), hit.supervisee, hit.kind_label, hit.snippet])
            item.setData(0, HIT_ROLE, hit)
            self.results.addTopLevelItem(item)
        for own in self.mine:  # the supervisee's own: their preparation, the records received
            when = format_datetime(own.session_start) if own.session_start else "Preparing"
            item = QTreeWidgetItem([when, f"My supervision with {own.supervisor}", own.kind_label, own.snippet])
            item.setData(0, HIT_ROLE, own)
            self.results.addTopLevelItem(item)
        for column in range(3):
            self.results.resizeColumnToContents(column)
        found = len(hits) + len(self.mine)
        if not found:
            self._say("Nothing found.")
            return
        more = f" Showing the newest {MAX_HITS}; choose a supervisee, kind or dates to narrow it." \
            if MAX_HITS in (len(hits), len(self.mine)) else ""
        self._say(f"{found} found, newest first.{more} Press Enter on one to open its session there.")
        first = self.results.topLevelItem(0)
        if first is not None:
            self.results.setCurrentItem(first)

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
