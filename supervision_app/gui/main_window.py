"""The main window: people on the left, the chosen person's sessions on the right.

The window itself is a QMainWindow built from ``ui/main_window.ui``; this class
wires it to the open vault. Later features add their pages to
:attr:`MainWindow.sessions_stack` (see :meth:`add_sessions_page`).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from supervision_app.domain.model import Person, SupervisionSession
from supervision_app.errors import VaultError
from supervision_app.gui.change_passphrase import ChangePassphraseDialog
from supervision_app.gui.forms import FormError, child, load_form
from supervision_app.gui.models import PeopleModel, SessionsModel
from supervision_app.gui.remember import apply_remember_choice
from supervision_app.gui.services import AppServices
from supervision_app.gui.small_dialogs import AboutDialog, AutoLockDialog
from supervision_app.storage.records import SqlRecordStore
from supervision_app.vault.service import OpenVault

STATUS_MESSAGE_MS = 8000


def auto_lock_text(minutes: int) -> str:
    return f"Auto-lock after {minutes} minute{'' if minutes == 1 else 's'} without activity"


class MainWindow(QObject):
    """Owns the QMainWindow (:attr:`window`) for one unlocked vault.

    Signals: ``person_selected(Person | None)``, ``session_activated(SupervisionSession)``
    (Enter or double-click on a row), and the requests the controller acts on:
    ``lock_requested``, ``quit_requested`` and ``idle_minutes_changed(int)``.
    """

    person_selected = Signal(object)
    session_activated = Signal(object)
    lock_requested = Signal()
    quit_requested = Signal()
    idle_minutes_changed = Signal(int)

    def __init__(self, vault: OpenVault, services: AppServices) -> None:
        # No Qt parent: the controller's reference keeps this (and the window) alive.
        super().__init__()
        self.vault = vault
        self._services = services
        self._closing = False
        window = load_form("main_window")
        if not isinstance(window, QMainWindow):
            raise FormError("main_window.ui must have a QMainWindow at the top.")
        self.window: QMainWindow = window
        self.people_list = child(window, QListView, "peopleList")
        self.people_empty_label = child(window, QLabel, "peopleEmptyLabel")
        self.sessions_heading = child(window, QLabel, "sessionsHeading")
        self.sessions_stack = child(window, QStackedWidget, "sessionsStack")
        self.sessions_placeholder_page = child(window, QWidget, "sessionsPlaceholderPage")
        self.sessions_placeholder_label = child(window, QLabel, "sessionsPlaceholderLabel")
        self.sessions_list_page = child(window, QWidget, "sessionsListPage")
        self.sessions_table = child(window, QTableView, "sessionsTable")
        self.action_change_passphrase = child(window, QAction, "actionChangePassphrase")
        self.action_remember_key = child(window, QAction, "actionRememberKey")
        self.action_auto_lock = child(window, QAction, "actionAutoLock")
        self.action_lock = child(window, QAction, "actionLock")
        self.action_quit = child(window, QAction, "actionQuit")
        self.action_about = child(window, QAction, "actionAbout")
        self.auto_lock_label = QLabel(window)
        self.auto_lock_label.setAccessibleName("Auto-lock")
        window.statusBar().addPermanentWidget(self.auto_lock_label)
        splitter = child(window, QSplitter, "mainSplitter")
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 760])

        self.people_model: PeopleModel | None = None
        self.sessions_model: SessionsModel | None = None
        self._person: Person | None = None
        self.sessions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions_table.activated.connect(self._session_activated)

        self.action_lock.triggered.connect(self.lock_requested)
        self.action_quit.triggered.connect(self.quit_requested)
        self.action_change_passphrase.triggered.connect(self.change_passphrase)
        self.action_auto_lock.triggered.connect(self.choose_auto_lock)
        self.action_about.triggered.connect(self.show_about)
        self._set_up_remember_action()
        self.set_idle_minutes(services.settings.load().idle_lock_minutes)
        window.installEventFilter(self)
        self.refresh()

    # -- what later features build on --------------------------------------

    @property
    def store(self) -> SqlRecordStore:
        return self.vault.store

    @property
    def services(self) -> AppServices:
        return self._services

    def selected_person(self) -> Person | None:
        return self._person

    def add_sessions_page(self, page: QWidget) -> int:
        """Add a page (a session editor, say) beside the sessions list; return its index."""
        return self.sessions_stack.addWidget(page)

    def show_sessions_page(self, page: QWidget) -> None:
        self.sessions_stack.setCurrentWidget(page)

    def show_sessions_list(self) -> None:
        """Back to the list (or the placeholder) for the chosen person."""
        self._show_sessions(self._person)

    def refresh(self) -> None:
        """Read people and sessions again, keeping the chosen person if they are still there."""
        chosen = self._person.id if self._person else None
        # Models belong to this object (no Qt parent): replacing one deletes the old.
        people_model = PeopleModel(self.store.list_people())
        old_selection = self.people_list.selectionModel()
        self.people_list.setModel(people_model)
        self.people_model = people_model
        if old_selection is not None:
            old_selection.deleteLater()  # made by the view in C++, so Qt deletes it
        self.people_list.selectionModel().selectionChanged.connect(self._people_selection_changed)
        empty = self.people_model.rowCount() == 0
        self.people_empty_label.setVisible(empty)
        self._person = None
        for row in range(self.people_model.rowCount()):
            if self.people_model.person_at(row).id == chosen:
                self.people_list.setCurrentIndex(self.people_model.index(row))
                return
        self._show_sessions(None)

    def status_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def set_idle_minutes(self, minutes: int) -> None:
        self.auto_lock_label.setText(auto_lock_text(minutes))

    # -- showing ------------------------------------------------------------

    def show(self) -> None:
        self.window.show()
        self.people_list.setFocus()

    def dispose(self) -> None:
        """Close the window and drop every record it shows (used when locking).

        The window is deleted when the last reference to this object goes.
        """
        self._closing = True
        self.window.removeEventFilter(self)
        # Its dialogs are windows of their own: hide them now, not only when
        # the main window is deleted.
        for dialog in self.window.findChildren(QDialog):
            dialog.hide()
        self.window.close()
        self.people_list.setModel(None)  # type: ignore[arg-type]
        self.sessions_table.setModel(None)  # type: ignore[arg-type]
        self.people_model = None
        self.sessions_model = None
        self._person = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self._closing:
            # The window's close button quits the app, which locks the vault first.
            assert isinstance(event, QCloseEvent)
            event.ignore()
            self.quit_requested.emit()
            return True
        return False

    def _people_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        person = self.people_model.person_at(indexes[0].row()) if indexes and self.people_model else None
        self._person = person
        self._show_sessions(person)
        self.person_selected.emit(person)

    def _show_sessions(self, person: Person | None) -> None:
        if person is None:
            self.sessions_heading.setText("&Sessions")
            self._show_placeholder("Choose a person on the left to see their sessions.")
            return
        heading = "Your sessions" if person.is_self else f"Sessions with {person.name}"
        # A name with "&" in it must not turn into a keyboard shortcut.
        self.sessions_heading.setText("&" + heading.replace("&", "&&"))
        sessions = self.store.list_sessions(person.id)
        sessions_model = SessionsModel(sessions)
        old_selection = self.sessions_table.selectionModel()
        self.sessions_table.setModel(sessions_model)
        self.sessions_model = sessions_model
        if old_selection is not None:
            old_selection.deleteLater()
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
        header = self.sessions_table.horizontalHeader()
        for column in range(SessionsModel.COLUMNS.index("Location")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def _session_activated(self, index: QModelIndex) -> None:
        if self.sessions_model is not None and index.isValid():
            session: SupervisionSession = self.sessions_model.session_at(index.row())
            self.session_activated.emit(session)

    # -- the File and Help menus --------------------------------------------

    def _set_up_remember_action(self) -> None:
        status = self._services.key_cache.status()
        action = self.action_remember_key
        action.setEnabled(status.usable)
        action.setStatusTip(status.explanation)
        action.setToolTip(status.explanation)
        action.setChecked(status.usable and self._services.settings.load().remember_key)
        action.toggled.connect(self._remember_toggled)

    def _remember_toggled(self, remember: bool) -> None:
        problem = apply_remember_choice(self._services, self.vault, remember)
        if problem:
            # Show what is actually true, not what was asked for.
            self.action_remember_key.blockSignals(True)
            self.action_remember_key.setChecked(self._services.settings.load().remember_key)
            self.action_remember_key.blockSignals(False)
            self.status_message(problem)
        elif remember:
            self.status_message("The key is remembered on this computer.")
        else:
            self.status_message("The key is no longer remembered on this computer.")

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.vault, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.status_message("Your new passphrase is saved."))
        dialog.open()

    def choose_auto_lock(self) -> None:
        dialog = AutoLockDialog(self._services.settings.load().idle_lock_minutes, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save_idle_minutes(dialog.minutes()))
        dialog.open()

    def _save_idle_minutes(self, minutes: int) -> None:
        store = self._services.settings
        try:
            store.save(dataclasses.replace(store.load(), idle_lock_minutes=minutes))
        except VaultError as error:
            self.status_message(error.message)
        self.set_idle_minutes(minutes)
        self.idle_minutes_changed.emit(minutes)

    def show_about(self) -> None:
        dialog = AboutDialog(self._services.paths, self._services.key_cache.status(), parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

