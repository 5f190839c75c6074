"""The "People I supervise" page: people on the left, the chosen person's sessions on the right.

It owns its widgets (the ``supervisingTab`` part of ``ui/main_window.ui``), the
people and sessions models, the chosen person and the open session editor,
which takes the sessions list's place. The Session menu's actions act on it, so
it keeps them enabled as they apply. It holds no main window: it reports what
the window shows in the status bar through ``status``.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from supervision_app.domain.model import Person, SessionStatus, SupervisionSession
from supervision_app.gui.forms import W, child
from supervision_app.gui.models import PeopleModel, SessionsModel, fit_columns
from supervision_app.gui.services import AppServices
from supervision_app.gui.session import SessionEditor
from supervision_app.services.people import colleague_ids
from supervision_app.services.sessions import SessionService
from supervision_app.storage.records import SqlRecordStore
from supervision_app.vault.service import OpenVault


class SupervisingPage(QObject):
    """Signals: ``person_selected(Person | None)``, ``session_activated(SupervisionSession)`` (Enter or a
    double-click on a row), ``status(str)`` for the status bar, and ``editor_changed`` when a session
    opens or closes."""

    person_selected = Signal(object)
    session_activated = Signal(object)
    status = Signal(str)
    editor_changed = Signal()

    def __init__(self, window: QMainWindow, vault: OpenVault, services: AppServices) -> None:
        super().__init__()  # no Qt parent: the main window's reference keeps this alive
        self.vault, self.services = vault, services
        self.tab = child(window, QWidget, "supervisingTab")
        find = self._find
        self.people_panel = find(QWidget, "peoplePanel")
        self.people_list = find(QListView, "peopleList")
        self.people_empty_label = find(QLabel, "peopleEmptyLabel")
        self.sessions_heading = find(QLabel, "sessionsHeading")
        self.sessions_stack = find(QStackedWidget, "sessionsStack")
        self.sessions_placeholder_page = find(QWidget, "sessionsPlaceholderPage")
        self.sessions_placeholder_label = find(QLabel, "sessionsPlaceholderLabel")
        self.sessions_list_page = find(QWidget, "sessionsListPage")
        self.sessions_table = find(QTableView, "sessionsTable")
        self.add_person_button = find(QPushButton, "addPersonButton")
        self.edit_person_button = find(QPushButton, "editPersonButton")
        self.agreement_button = find(QPushButton, "agreementButton")
        self.pair_person_button = find(QPushButton, "pairPersonButton")
        self.open_session_button = find(QPushButton, "openSessionButton")
        self.book_session_button = find(QPushButton, "bookSessionButton")
        self.note_button = find(QPushButton, "noteButton")
        self.send_record_button = find(QPushButton, "sendRecordButton")
        self.back_to_sessions_button = find(QPushButton, "backToSessionsButton")
        # The menu actions that act on this page, kept enabled as they apply.
        self.action_edit_person = child(window, QAction, "actionEditPerson")
        self.action_agreement = child(window, QAction, "actionAgreement")
        self.action_pair_person = child(window, QAction, "actionPairPerson")
        self.action_open_session = child(window, QAction, "actionOpenSession")
        self.action_book_session = child(window, QAction, "actionBookSession")
        self.action_note = child(window, QAction, "actionNote")
        self.action_send_record = child(window, QAction, "actionSendRecord")
        self.action_back_to_sessions = child(window, QAction, "actionBackToSessions")
        splitter = find(QSplitter, "mainSplitter")
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 760])

        self.people_model: PeopleModel | None = None
        self.sessions_model: SessionsModel | None = None
        self.editor: SessionEditor | None = None
        self._person: Person | None = None
        self._retired: list[QWidget] = []
        self.sessions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions_table.activated.connect(self._session_activated)
        self.sessions_stack.currentChanged.connect(self.update_actions)
        for trigger in (self.action_open_session.triggered, self.open_session_button.clicked):
            trigger.connect(self.open_selected_session)
        for trigger in (self.action_back_to_sessions.triggered, self.back_to_sessions_button.clicked):
            trigger.connect(self.back_to_sessions)
        self.session_activated.connect(self.open_session)

    def _find(self, cls: type[W], name: str) -> W:
        return child(self.tab, cls, name)

    @property
    def store(self) -> SqlRecordStore:
        return self.vault.store

    @property
    def session_service(self) -> SessionService:
        return SessionService(self.store, self.services.clock)

    # -- people ---------------------------------------------------------------

    def selected_person(self) -> Person | None:
        return self._person

    def refresh(self) -> None:
        """Read people and sessions again, keeping the chosen person if they are still there."""
        chosen = self._person.id if self._person else None
        # Models belong to this object (no Qt parent): replacing one deletes the old.
        colleagues = colleague_ids(self.store)  # other supervisors, paired only to hand records over
        people_model = PeopleModel([p for p in self.store.list_people() if p.id not in colleagues])
        old_selection = self.people_list.selectionModel()
        self.people_list.setModel(people_model)
        self.people_model = people_model
        if old_selection is not None:
            old_selection.deleteLater()  # made by the view in C++, so Qt deletes it
        self.people_list.selectionModel().selectionChanged.connect(self._people_selection_changed)
        self.people_empty_label.setVisible(self.people_model.rowCount() == 0)
        self._person = None
        if chosen is not None and self.select_person(chosen):
            return
        self._show_sessions(None)
        self.update_actions()

    def select_person(self, person_id: int) -> bool:
        """Choose the person in the list (which shows their sessions); False if they are not in it."""
        model = self.people_model
        for row in range(model.rowCount() if model is not None else 0):
            if model is not None and model.person_at(row).id == person_id:
                self.people_list.setCurrentIndex(model.index(row))
                return True
        return False

    def _people_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        person = self.people_model.person_at(indexes[0].row()) if indexes and self.people_model else None
        self._person = person
        self._show_sessions(person)
        self.update_actions()
        self.person_selected.emit(person)

    # -- sessions ---------------------------------------------------------------

    def show_sessions_list(self) -> None:
        """Back to the list (or the placeholder) for the chosen person."""
        self._show_sessions(self._person)

    def _show_sessions(self, person: Person | None) -> None:
        self.close_editor()  # choosing another person leaves the open session (saved)
        if person is None:
            self.sessions_heading.setText("S&essions")  # Alt+E: Alt+S is the Session menu
            self._show_placeholder("Choose a person on the left to see their sessions.")
            return
        heading = "Your sessions" if person.is_self else f"Sessions with {person.name}"
        # A name with "&" in it must not turn into a keyboard shortcut.
        self.sessions_heading.setText("Your s&essions" if person.is_self
                                      else f"S&essions with {person.name.replace('&', '&&')}")
        sessions = self.store.list_sessions(person.id)
        sessions_model = SessionsModel(sessions)
        old_selection = self.sessions_table.selectionModel()
        self.sessions_table.setModel(sessions_model)
        self.sessions_model = sessions_model
        if old_selection is not None:
            old_selection.deleteLater()
        self.sessions_table.selectionModel().currentChanged.connect(self.update_actions)
        if not sessions:
            self._show_placeholder("You have no sessions recorded yet." if person.is_self
                                   else f"No sessions with {person.name} are recorded yet.")
            return
        self._size_columns()
        self.sessions_table.setAccessibleName(heading)
        self.sessions_stack.setCurrentWidget(self.sessions_list_page)

    def _show_placeholder(self, text: str) -> None:
        self.sessions_placeholder_label.setText(text)
        self.sessions_stack.setCurrentWidget(self.sessions_placeholder_page)

    def _size_columns(self) -> None:
        assert self.sessions_model is not None
        fit_columns(self.sessions_table, self.sessions_model, SessionsModel.COLUMNS.index("Location"))

    def select_session(self, session_id: int) -> None:
        model = self.sessions_model
        for row in range(model.rowCount() if model is not None else 0):
            if model is not None and model.session_at(row).id == session_id:
                self.sessions_table.setCurrentIndex(model.index(row, 0))
                return

    def _session_activated(self, index: QModelIndex) -> None:
        if self.sessions_model is not None and index.isValid():
            session: SupervisionSession = self.sessions_model.session_at(index.row())
            self.session_activated.emit(session)

    def selected_session(self) -> SupervisionSession | None:
        if self.sessions_model is None or self.sessions_stack.currentWidget() is not self.sessions_list_page:
            return None
        index = self.sessions_table.currentIndex()
        return self.sessions_model.session_at(index.row()) if index.isValid() else None

    def note_session(self) -> SupervisionSession | None:
        """The open session, or else the one chosen in the list."""
        if self.editor is not None:
            return self.store.get_session(self.editor.session_id)
        return self.selected_session()

    def open_selected_session(self) -> None:
        session = self.selected_session()
        if session is not None:
            self.session_activated.emit(session)

    # -- the session editor, in the list's place --------------------------------------

    def open_session(self, session: SupervisionSession) -> None:
        """Show the session editor for ``session`` in place of the list."""
        self.close_editor()
        editor = SessionEditor(self.session_service, self.services.content, session.id)
        editor.signedOff.connect(self._session_signed_off)
        editor.cancelled.connect(self._session_cancelled)
        self.editor = editor
        self.sessions_stack.addWidget(editor)
        self.sessions_stack.setCurrentWidget(editor)
        self.back_to_sessions_button.setVisible(True)
        # A session needs the room: the people list steps aside until it closes.
        self.people_panel.setVisible(False)
        # The list the heading's Alt+E goes to is hidden now, and the session's steps have their own keys.
        self.sessions_heading.setText(self.sessions_heading.text().replace("s&essions", "sessions")
                                      .replace("S&essions", "Sessions"))
        editor.setFocus()
        self.editor_changed.emit()

    def close_editor(self) -> bool:
        """Save and close the open session, if any; return whether it was saved."""
        editor, self.editor = self.editor, None
        if editor is None:
            return True
        saved = editor.flush()
        self.sessions_stack.removeWidget(editor)
        editor.hide()
        # Python owns the editor: let the last reference go on the next turn of
        # the event loop, never from inside one of its own signals.
        self._retired.append(editor)
        QTimer.singleShot(0, self._retired.clear)
        self.back_to_sessions_button.setVisible(False)
        self.people_panel.setVisible(True)
        self.editor_changed.emit()
        return saved

    def back_to_sessions(self) -> None:
        """Leave an open session (saved first) for the list of sessions."""
        self.close_editor()
        self.show_sessions_list()
        self.sessions_table.setFocus()

    def open_place(self) -> tuple[int, int] | None:
        """The open session and its step (session id, step index), to come back to after locking."""
        if self.editor is None:
            return None
        return self.editor.session_id, self.editor.step_list.currentRow()

    def _session_signed_off(self, _session_id: int) -> None:
        self.status.emit("Signed off. The record is locked; changes now need an addendum. "
                         "Session → Signed note… (Ctrl+P) to sign, save or print it.")
        self.update_actions()

    def _session_cancelled(self, _session_id: int) -> None:
        self.back_to_sessions()
        self.status.emit("The session was cancelled.")

    def update_actions(self, *_changed: object) -> None:
        # Bound to signals directly (no lambda), so the window can be freed when it closes.
        person = self._person
        supervisee = person is not None and not person.is_self
        for widget in (self.action_edit_person, self.edit_person_button):
            widget.setEnabled(person is not None)
        for widget in (self.action_agreement, self.agreement_button, self.action_book_session,
                       self.book_session_button, self.action_pair_person, self.pair_person_button):
            widget.setEnabled(supervisee)
        current = self.sessions_stack.currentWidget()
        on_list = current is self.sessions_list_page
        has_session = on_list and self.sessions_table.currentIndex().isValid()
        for widget in (self.action_open_session, self.open_session_button):
            widget.setEnabled(has_session)
        note_session = self.note_session() if (has_session or self.editor is not None) else None
        for widget in (self.action_note, self.note_button):
            widget.setEnabled(note_session is not None)
        sendable = note_session is not None and note_session.status is SessionStatus.SIGNED_OFF
        for widget in (self.action_send_record, self.send_record_button):
            widget.setEnabled(sendable)
        listing = on_list or current is self.sessions_placeholder_page
        for button in (self.open_session_button, self.book_session_button, self.note_button,
                       self.send_record_button):
            button.setVisible(listing)
        self.action_back_to_sessions.setEnabled(not listing)

    def dispose(self) -> None:
        """Save and close the open session, and drop every record shown (the vault locks next)."""
        self.close_editor()
        self.people_list.setModel(None)
        self.sessions_table.setModel(None)
        self.people_model = None
        self.sessions_model = None
        self._person = None
