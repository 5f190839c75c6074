"""The home page in the main window: its tab, File → Home (Alt+Home), opening the place a row is about, and
the window's Search… and a row's History… from the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from supervision_app.domain.attention import Attention, Kind, Reason
from supervision_app.gui.forms import child
from supervision_app.gui.home.page import HomePage
from supervision_app.gui.people.history import HistoryDialog
from supervision_app.gui.window_menus import WindowPart
from supervision_app.services import manager_review
from supervision_app.services.attention import home_attention
from supervision_app.storage import agreements
from supervision_app.storage.records import RecordNotFound, SqlRecordStore

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow

def is_review_due(store: SqlRecordStore, person_id: int) -> bool:
    """An agreement reason about a signed agreement is its review (toolkit section 5), not a missing agreement."""
    return store.get_agreement(person_id) is not None and agreements.latest(store, person_id) is not None


# Reasons that open the session they are about in the editor; the others open elsewhere.
IN_THE_EDITOR = frozenset({Kind.DRAFT, Kind.UNRECORDED, Kind.URGENT_FLAG, Kind.AGENDA})


class HomeUi(WindowPart):
    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self.tab = child(main.window, QWidget, "homeTab")
        self.page = HomePage(self._read, self.tab)
        layout = self.tab.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.page)
        self.page.open_requested.connect(self.open_place)
        self.home_action = self.action("actionHome")
        self.home_action.triggered.connect(main.show_home)
        # Session → Search… and People → History and trends…, from here too (Alt+R, Alt+I).
        self.search_button = QPushButton("Search the &records…")
        self.search_button.setObjectName("homeSearchButton")
        self.search_button.setAccessibleDescription("Find words in every record (Ctrl+F).")
        self.search_button.clicked.connect(self.search)
        self.page.add_tool(self.search_button)
        self.history_button = self.page.add_row_action(
            "H&istory…", self.open_history, "History and trends of the chosen supervisee")
        self.history_button.setObjectName("homeHistoryButton")
        # People → Managers' checklist…, from here too (Alt+K): its reminder is on this page.
        self.checklist_button = QPushButton("Managers' chec&klist…")
        self.checklist_button.setObjectName("homeChecklistButton")
        self.checklist_button.setAccessibleDescription("A self-review against the toolkit's checklist for managers.")
        self.checklist_button.clicked.connect(lambda: self.main.people_menu.organisation.open_checklist())
        self.page.add_tool(self.checklist_button)

    def _read(self) -> Attention:
        main = self.main
        now = main.services.clock()
        found = home_attention(main.store, now)
        # The managers' checklist, when a self-review is due (a supervisor's: there is a team).
        checklist = manager_review.reminder(main.store, now.date()) if found.rows else None
        if checklist is not None:
            found.general.append(checklist)
        return found

    def refresh(self) -> None:
        self.page.refresh()

    def search(self) -> None:
        """What Session → Search… (Ctrl+F) does."""
        self.main.action_search.trigger()

    def open_history(self, person_id: int) -> HistoryDialog | None:
        """What People → History and trends… does, for the supervisee of the chosen row."""
        main = self.main
        try:
            person = main.store.get_person(person_id)
        except RecordNotFound:  # gone since the page was read
            main.refresh_home()
            return None
        return main.history.open_dialog(person)

    def open_place(self, person_id: int, reason: Reason | None) -> None:
        """Open where ``reason`` is about: the session in the editor, the note waiting, the agreement, or
        (for the supervisee's own row, their actions and their cadence) the person's sessions."""
        main = self.main
        main.show_supervising()
        if not main.select_person(person_id):
            return
        page = main.supervising
        session_id = reason.session_id if reason is not None else None
        if reason is not None and reason.kind is Kind.AGREEMENT:
            dialog = main.people_menu.edit_agreement()
            if dialog is not None and is_review_due(main.store, person_id):  # the review, over the agreement
                dialog.open_review()
        elif reason is not None and reason.kind is Kind.COUNTERSIGNATURE and session_id is not None:
            page.select_session(session_id)
            main.notes.open_note(session_id)
        elif reason is not None and reason.kind in IN_THE_EDITOR and session_id is not None:
            try:
                session = main.store.get_session(session_id)
            except RecordNotFound:  # gone since the page was read
                main.refresh_home()
                return
            page.open_session(session)
        else:
            page.sessions_table.setFocus()
