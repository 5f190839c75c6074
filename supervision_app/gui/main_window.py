"""The main window: people on the left, the chosen person's sessions on the right.

The window itself is a QMainWindow built from ``ui/main_window.ui``; this class
wires it to the open vault. Later features add their pages to
:attr:`MainWindow.sessions_stack` (see :meth:`add_sessions_page`).

What the user does with the app decides the tabs: "People I supervise" for a
supervisor, "My supervision" for a supervisee, both for someone who is both.
It also wires the exchange between installs: pairing, importing a file, and
sending a session's record to the supervisee.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.model import Person, PersonRole, SessionStatus, SupervisionSession
from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.pairing import card_from_file
from supervision_app.exchange.service import ExchangeService, ImportOutcome
from supervision_app.formatting import format_date, format_datetime
from supervision_app.gui import plain
from supervision_app.gui.backups import BackupsUi
from supervision_app.gui.booking import BookSessionDialog
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.change_passphrase import ChangePassphraseDialog
from supervision_app.gui.exchange.files import FileRefused, read_exchange_file, suggested_name, write_exchange_file
from supervision_app.gui.exchange.pairing_dialog import Confirm, PairingDialog
from supervision_app.gui.forms import FormError, child, load_form
from supervision_app.gui.models import PeopleModel, SessionsModel
from supervision_app.gui.notes import NoteDialog, VerifyDialog, choose_note_save_path, choose_note_to_verify
from supervision_app.gui.notes.files import confirm_action
from supervision_app.gui.people import AgreementDialog, PersonDialog, ProfileDialog
from supervision_app.gui.people.access import AccessRequestsUi
from supervision_app.gui.people.erasure import LifecycleUi
from supervision_app.gui.people.handover import HandoverUi
from supervision_app.gui.remember import apply_remember_choice
from supervision_app.gui.screens import keep_on_screen, place_main_window, saved_place
from supervision_app.gui.search.dialog import install_search
from supervision_app.gui.services import AppServices
from supervision_app.gui.session import SessionEditor
from supervision_app.gui.small_dialogs import AboutDialog, AutoLockDialog
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import MySupervisionService, Use, app_uses
from supervision_app.services.notes import NoteService
from supervision_app.services.people import colleague_ids
from supervision_app.services.sessions import SessionService
from supervision_app.storage.records import RecordNotFound, SqlRecordStore
from supervision_app.vault.service import OpenVault

STATUS_MESSAGE_MS = 8000

log = logging.getLogger(__name__)


def auto_lock_text(minutes: int) -> str:
    return f"Auto-lock after {minutes} minute{'' if minutes == 1 else 's'} without activity."


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
        self.action_profile = child(window, QAction, "actionProfile")
        self.action_add_supervisee = child(window, QAction, "actionAddSupervisee")
        self.action_edit_person = child(window, QAction, "actionEditPerson")
        self.action_agreement = child(window, QAction, "actionAgreement")
        self.action_open_session = child(window, QAction, "actionOpenSession")
        self.action_book_session = child(window, QAction, "actionBookSession")
        self.action_back_to_sessions = child(window, QAction, "actionBackToSessions")
        self.add_person_button = child(window, QPushButton, "addPersonButton")
        self.edit_person_button = child(window, QPushButton, "editPersonButton")
        self.agreement_button = child(window, QPushButton, "agreementButton")
        self.open_session_button = child(window, QPushButton, "openSessionButton")
        self.book_session_button = child(window, QPushButton, "bookSessionButton")
        self.back_to_sessions_button = child(window, QPushButton, "backToSessionsButton")
        self.note_button = child(window, QPushButton, "noteButton")
        self.action_note = child(window, QAction, "actionNote")
        self.action_verify_note = child(window, QAction, "actionVerifyNote")
        self.action_import = child(window, QAction, "actionImport")
        self.action_pair_person = child(window, QAction, "actionPairPerson")
        self.action_send_record = child(window, QAction, "actionSendRecord")
        self.action_show_my_supervision = child(window, QAction, "actionShowMySupervision")
        self.action_pair_supervisor = child(window, QAction, "actionPairSupervisor")
        self.pair_person_button = child(window, QPushButton, "pairPersonButton")
        self.send_record_button = child(window, QPushButton, "sendRecordButton")
        self.main_tabs = child(window, QTabWidget, "mainTabs")
        self.supervising_tab = child(window, QWidget, "supervisingTab")
        self.my_supervision_tab = child(window, QWidget, "mySupervisionTab")
        self.my_supervision_menu = child(window, QMenu, "mySupervisionMenu")
        # The supervisee's page (supervision_app.gui.mysupervision), made when that use is on.
        self.my_supervision_page: QWidget | None = None
        # Asks the user a yes-or-no question; tests answer for them.
        self.confirm: Confirm = confirm_action
        # The last message box shown (an import's outcome, say), for tests and for closing on lock.
        self.last_message: QMessageBox | None = None
        self.editor: SessionEditor | None = None
        self.people_panel = child(window, QWidget, "peoplePanel")
        self._retired: list[QWidget] = []
        self.auto_lock_label = plain.label("", window)
        window.statusBar().addPermanentWidget(self.auto_lock_label)
        self.backups = BackupsUi(window, vault, services)
        self.lifecycle = LifecycleUi(self)  # People → Retention review…, erasing a supervisee
        self.handover = HandoverUi(self)  # People → Hand over to another supervisor…
        self.handover.offer_erasure = self.lifecycle.offer_erasure  # once handed over, erasing is offered
        splitter = child(window, QSplitter, "mainSplitter")
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 760])

        self.people_model: PeopleModel | None = None
        self.sessions_model: SessionsModel | None = None
        self._person: Person | None = None
        self.sessions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions_table.activated.connect(self._session_activated)
        self.sessions_stack.currentChanged.connect(self._update_actions)

        self.action_lock.triggered.connect(self.lock_requested)
        self.action_quit.triggered.connect(self.quit_requested)
        self.action_change_passphrase.triggered.connect(self.change_passphrase)
        self.action_auto_lock.triggered.connect(self.choose_auto_lock)
        self.action_about.triggered.connect(self.show_about)
        self.action_profile.triggered.connect(self.edit_profile)
        for trigger in (self.action_add_supervisee.triggered, self.add_person_button.clicked):
            trigger.connect(self.add_supervisee)
        for trigger in (self.action_edit_person.triggered, self.edit_person_button.clicked):
            trigger.connect(self.edit_person)
        for trigger in (self.action_agreement.triggered, self.agreement_button.clicked):
            trigger.connect(self.edit_agreement)
        for trigger in (self.action_open_session.triggered, self.open_session_button.clicked):
            trigger.connect(self.open_selected_session)
        for trigger in (self.action_book_session.triggered, self.book_session_button.clicked):
            trigger.connect(self.book_session)
        self.action_back_to_sessions.triggered.connect(self.back_to_sessions)
        self.back_to_sessions_button.clicked.connect(self.back_to_sessions)
        for trigger in (self.action_note.triggered, self.note_button.clicked):
            trigger.connect(self.open_note)
        self.action_verify_note.triggered.connect(self.verify_note)
        self.action_import.triggered.connect(self.import_file)
        for trigger in (self.action_pair_person.triggered, self.pair_person_button.clicked):
            trigger.connect(self.pair_with_selected)
        for trigger in (self.action_send_record.triggered, self.send_record_button.clicked):
            trigger.connect(self.send_record)
        self.action_show_my_supervision.triggered.connect(self.show_my_supervision)
        self.action_pair_supervisor.triggered.connect(self.pair_with_supervisor)
        self.session_activated.connect(self.open_session)
        self._set_up_remember_action()
        self.set_idle_minutes(services.settings.load().idle_lock_minutes)
        window.installEventFilter(self)
        self.access_requests = AccessRequestsUi(self)  # the People menu's export, the person's requests
        self.action_search = install_search(self, self._today)  # Session → Search… (Ctrl+F)
        self.apply_uses()
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
        colleagues = colleague_ids(self.store)  # other supervisors, paired only to hand records over
        people_model = PeopleModel([p for p in self.store.list_people() if p.id not in colleagues])
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
        self._update_actions()

    def status_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def set_idle_minutes(self, minutes: int) -> None:
        self.auto_lock_label.setText(auto_lock_text(minutes))

    # -- showing ------------------------------------------------------------

    def show(self) -> None:
        """Show the window where it was last time, or fitted to the screen."""
        place_main_window(self.window, self._services.settings.load().window_geometry)
        self.window.show()
        keep_on_screen(self.window)  # now that its frame is known
        self.people_list.setFocus()

    def _remember_place(self) -> None:
        store = self._services.settings
        try:
            store.save(dataclasses.replace(store.load(), window_geometry=saved_place(self.window)))
        except VaultError as error:
            log.warning("The window's size and place were not saved: %s", type(error).__name__)

    def dispose(self) -> None:
        """Close the window and drop every record it shows (used when locking).

        The window is deleted when the last reference to this object goes.
        """
        self._closing = True
        self.backups.timer.stop()
        if self.window.isVisible():
            self._remember_place()
        # Save the open session and the supervisee's preparation before anything else: the vault locks next.
        self.close_editor()
        self._save_my_supervision()
        self.window.removeEventFilter(self)
        # Its dialogs are windows of their own: hide them now, not only when
        # the main window is deleted.
        for dialog in self.window.findChildren(QDialog):
            dialog.hide()
        self.window.close()
        self.people_list.setModel(None)
        self.sessions_table.setModel(None)
        self.last_message = None
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
        self._update_actions()
        self.person_selected.emit(person)

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
        self.sessions_table.selectionModel().currentChanged.connect(self._update_actions)
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

    # -- people, agreements and bookings ---------------------------------------

    @property
    def session_service(self) -> SessionService:
        return SessionService(self.store, self._services.clock)

    def _today(self) -> date:
        return self._services.clock().date()

    def _open_dialog(self, dialog: QDialog, on_saved: Callable[[], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_saved)
        dialog.open()

    def _saved_person(self, person: Person | None, message: str) -> None:
        self.refresh()
        if person is not None:
            self.select_person(person.id)
        self.status_message(message)

    def select_person(self, person_id: int) -> None:
        if self.people_model is None:
            return
        for row in range(self.people_model.rowCount()):
            if self.people_model.person_at(row).id == person_id:
                self.people_list.setCurrentIndex(self.people_model.index(row))
                return

    def ask_for_profile_if_missing(self) -> None:
        """On first use, ask who the user is: their name goes on every record."""
        if self.store.own_profile() is None:
            dialog = ProfileDialog(self.store, first_use=True, parent=self.window)
            self._open_dialog(dialog, lambda: self._profile_saved(dialog.saved))

    def edit_profile(self) -> None:
        dialog = ProfileDialog(self.store, parent=self.window)
        self._open_dialog(dialog, lambda: self._profile_saved(dialog.saved))

    def _profile_saved(self, profile: Person | None) -> None:
        self.apply_uses()
        self._saved_person(profile, "Your details are saved.")

    def add_supervisee(self) -> None:
        dialog = PersonDialog(self.store, today=self._today(), parent=self.window)
        self._open_dialog(dialog, lambda: self._saved_person(
            dialog.saved, f"{dialog.saved.name} was added." if dialog.saved else ""))

    def edit_person(self) -> None:
        person = self._person
        if person is None:
            return
        if person.is_self:
            self.edit_profile()
            return
        dialog = PersonDialog(self.store, today=self._today(), person=person, parent=self.window)
        dialog.erase_button.clicked.connect(dialog.reject)
        dialog.erase_button.clicked.connect(lambda: self.lifecycle.ask_to_erase(person))
        self._open_dialog(dialog, lambda: self._saved_person(dialog.saved, "The details are saved."))

    def edit_agreement(self) -> None:
        person = self._person
        if person is None or person.is_self:
            return
        dialog = AgreementDialog(self.store, self._services.content, person, today=self._today(),
                                 parent=self.window)
        self._open_dialog(dialog, lambda: self.status_message(f"The agreement with {person.name} is saved."))

    def book_session(self) -> None:
        person = self._person
        if person is None or person.is_self:
            return
        dialog = BookSessionDialog(self.session_service, person, parent=self.window)
        self._open_dialog(dialog, lambda: self._booked(dialog.booked))

    def _booked(self, session: SupervisionSession | None) -> None:
        self.show_sessions_list()
        if session is not None:
            self.status_message(f"Booked for {format_datetime(session.scheduled_start)}.")

    def selected_session(self) -> SupervisionSession | None:
        if self.sessions_model is None or self.sessions_stack.currentWidget() is not self.sessions_list_page:
            return None
        index = self.sessions_table.currentIndex()
        return self.sessions_model.session_at(index.row()) if index.isValid() else None

    def open_selected_session(self) -> None:
        session = self.selected_session()
        if session is not None:
            self.session_activated.emit(session)

    def open_session(self, session: SupervisionSession) -> None:
        """Show the session editor for ``session`` in place of the list."""
        self.close_editor()
        editor = SessionEditor(self.session_service, self._services.content, session.id)
        editor.signedOff.connect(self._session_signed_off)
        editor.cancelled.connect(self._session_cancelled)
        self.editor = editor
        self.add_sessions_page(editor)
        self.show_sessions_page(editor)
        self.back_to_sessions_button.setVisible(True)
        # A session needs the room: the people list steps aside until it closes.
        self.people_panel.setVisible(False)
        # The list the heading's Alt+E goes to is hidden now, and the session's steps have their own keys.
        self.sessions_heading.setText(self.sessions_heading.text().replace("s&essions", "sessions")
                                      .replace("S&essions", "Sessions"))
        editor.setFocus()

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
        return saved

    def open_place(self) -> tuple[int, int] | None:
        """The open session and its step (session id, step index), to come back to after locking."""
        if self.editor is None:
            return None
        return self.editor.session_id, self.editor.step_list.currentRow()

    def return_to(self, place: tuple[int, int]) -> None:
        """Open the session at ``place`` again, at the same step (after the vault is unlocked)."""
        session_id, step = place
        try:
            session = self.store.get_session(session_id)
        except RecordNotFound:
            return
        self.main_tabs.setCurrentWidget(self.supervising_tab)
        self.select_person(session.supervisee_id)
        self.open_session(session)
        if self.editor is not None:
            self.editor.go_to(step)

    @property
    def note_service(self) -> NoteService:
        return NoteService(self.store, self._services.content, resources_dir() / "fonts")

    def _note_session(self) -> SupervisionSession | None:
        if self.editor is not None:
            return self.store.get_session(self.editor.session_id)
        return self.selected_session()

    def open_note(self) -> None:
        """Preview, sign, save or print the note of the open or chosen session."""
        session = self._note_session()
        if session is None:
            return
        if self.editor is not None:
            self.editor.flush()
        dialog = NoteDialog(self.note_service, session.id, printer=self._services.note_printer,
                            choose_save_path=choose_note_save_path, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed.connect(self._note_signed)
        dialog.open()

    def _note_signed(self, signatures: int) -> None:
        if signatures == 2:
            self.status_message("The note is signed by both and kept in the vault.")
        else:
            self.status_message("The note is signed by you and kept in the vault. To have it countersigned on "
                                "the supervisee's computer: Session → Send record to supervisee…")

    def verify_note(self) -> VerifyDialog:
        dialog = VerifyDialog(self.note_service.verify, choose_pdf=choose_note_to_verify, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def verify_path(self, path: Path) -> VerifyDialog:
        """Verify a note… with the PDF at ``path`` (opened with the app) checked at once."""
        dialog = self.verify_note()
        dialog.verify_file(path)
        return dialog

    def back_to_sessions(self) -> None:
        """Leave an open session (saved first) for the list of sessions."""
        self.close_editor()
        self.show_sessions_list()
        self.sessions_table.setFocus()

    def _session_signed_off(self, _session_id: int) -> None:
        self.status_message("Signed off. The record is locked; changes now need an addendum. "
                            "Session → Signed note… (Ctrl+P) to sign, save or print it.")
        self._update_actions()

    def _session_cancelled(self, _session_id: int) -> None:
        self.back_to_sessions()
        self.status_message("The session was cancelled.")

    def _update_actions(self, *_changed: object) -> None:
        # Bound to signals directly (no lambda), so the window can be freed when it closes.
        person = self._person
        supervisee = person is not None and not person.is_self
        for widget in (self.action_edit_person, self.edit_person_button):
            widget.setEnabled(person is not None)
        for widget in (self.action_agreement, self.agreement_button, self.action_book_session,
                       self.book_session_button, self.action_pair_person, self.pair_person_button):
            widget.setEnabled(supervisee)
        on_list = self.sessions_stack.currentWidget() is self.sessions_list_page
        has_session = on_list and self.sessions_table.currentIndex().isValid()
        for widget in (self.action_open_session, self.open_session_button):
            widget.setEnabled(has_session)
        note_session = self._note_session() if (has_session or self.editor is not None) else None
        for widget in (self.action_note, self.note_button):
            widget.setEnabled(note_session is not None)
        sendable = note_session is not None and note_session.status is SessionStatus.SIGNED_OFF
        for widget in (self.action_send_record, self.send_record_button):
            widget.setEnabled(sendable)
        self.open_session_button.setVisible(on_list or self.sessions_stack.currentWidget()
                                             is self.sessions_placeholder_page)
        self.book_session_button.setVisible(self.open_session_button.isVisible())
        self.note_button.setVisible(self.open_session_button.isVisible())
        self.send_record_button.setVisible(self.open_session_button.isVisible())
        self.action_back_to_sessions.setEnabled(not on_list and self.sessions_stack.currentWidget()
                                                is not self.sessions_placeholder_page)

    def show_about(self) -> None:
        dialog = AboutDialog(self._services.paths, self._services.key_cache.status(), parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


    # -- what the app is used for: the tabs ------------------------------------------

    def uses(self) -> frozenset[Use]:
        return app_uses(self.store)

    def apply_uses(self) -> None:
        """Show the tabs and menus for what the user does with the app.

        A supervisee-only user opens on "My supervision"; someone who is both
        gets a tab for each.
        """
        uses = self.uses()
        supervising, supervised = Use.SUPERVISING in uses, Use.SUPERVISED in uses
        if supervised and self.my_supervision_page is None:
            self._make_my_supervision_page()
        tabs = self.main_tabs
        tabs.setTabVisible(tabs.indexOf(self.supervising_tab), supervising)
        tabs.setTabVisible(tabs.indexOf(self.my_supervision_tab), supervised)
        tabs.tabBar().setVisible(supervising and supervised)
        if not supervising:
            tabs.setCurrentWidget(self.my_supervision_tab)
        elif not supervised:
            tabs.setCurrentWidget(self.supervising_tab)
        self.my_supervision_menu.menuAction().setVisible(supervised)
        child(self.window, QMenu, "sessionMenu").menuAction().setVisible(supervising)
        for action in (self.action_add_supervisee, self.action_edit_person, self.action_agreement,
                       self.action_pair_person):
            action.setVisible(supervising)

    def _make_my_supervision_page(self) -> None:
        try:
            from supervision_app.gui.mysupervision import MySupervisionPage
        except ImportError as error:  # only while that page is not part of the app
            if error.name != "supervision_app.gui.mysupervision":
                raise
            page: QWidget = plain.label("My supervision is not available in this version of the app.")
            page.setAccessibleName("My supervision")
        else:
            page = MySupervisionPage(self._services, self.exchange_service, self.my_supervision_service,
                                     self.note_service, self.my_supervision_tab)
            page.pair_requested.connect(self.pair_with_supervisor)
            page.import_requested.connect(self.import_file)
        layout = self.my_supervision_tab.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(page)
        self.my_supervision_page = page

    def show_my_supervision(self) -> None:
        if self.main_tabs.isTabVisible(self.main_tabs.indexOf(self.my_supervision_tab)):
            self.main_tabs.setCurrentWidget(self.my_supervision_tab)

    def _save_my_supervision(self) -> None:
        page = self.my_supervision_page
        if page is not None and hasattr(page, "save_now"):
            page.save_now()

    def _refresh_my_supervision(self) -> None:
        page = self.my_supervision_page
        if page is not None and hasattr(page, "refresh"):
            page.refresh()

    # -- the exchange between installs ----------------------------------------------

    @property
    def exchange_service(self) -> ExchangeService:
        return ExchangeService(self.store, self.note_service, self._services.content, clock=self._services.clock)

    @property
    def my_supervision_service(self) -> MySupervisionService:
        return MySupervisionService(self.store, clock=self._services.clock)

    def tell(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        """Show ``text`` in a message box (not waiting for it); it is :attr:`last_message` until closed."""
        box = plain.message_box(icon, title, text, self.window, buttons=QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.destroyed.connect(self._message_closed)
        self.last_message = box
        box.open()
        return box

    def _message_closed(self) -> None:
        self.last_message = None

    def pair_with_selected(self) -> PairingDialog | None:
        """Pair, as supervisor, with the chosen supervisee."""
        person = self._person
        if person is None or person.is_self or person.role is not PersonRole.SUPERVISEE:
            return None
        return self.open_pairing(PersonRole.SUPERVISEE, person)

    def pair_with_supervisor(self) -> PairingDialog | None:
        """Pair, as supervisee, with the supervisor on show in My supervision (or the only one, or a new one)."""
        page = self.my_supervision_page
        supervisor_id = page.current_supervisor_id() if page is not None and hasattr(
            page, "current_supervisor_id") else None
        if supervisor_id is None:
            supervisors = self.my_supervision_service.supervisors()
            supervisor_id = supervisors[0].id if len(supervisors) == 1 else None
        person = self.store.get_person(supervisor_id) if supervisor_id is not None else None
        return self.open_pairing(PersonRole.SUPERVISOR, person)

    def open_pairing(self, their_role: PersonRole, person: Person | None) -> PairingDialog | None:
        try:
            dialog = PairingDialog(self.exchange_service, self._services.files, their_role=their_role,
                                   person=person, today=self._today(), confirm=self.confirm, parent=self.window)
        except (ExchangeError, VaultError) as error:
            self.tell(QMessageBox.Icon.Warning, "Pairing", str(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda holding this window: an open dialog must not keep it alive.
        dialog.paired_with.connect(self._paired)
        dialog.open()
        return dialog

    def pair_from_file(self, path: Path) -> PairingDialog | None:
        """The pairing window for whoever made the pairing file at ``path``, with the file read."""
        try:
            card = card_from_file(read_exchange_file(path))
            person = (self.exchange_service.person_for_card(card) if card.role is PersonRole.SUPERVISEE
                      else None)
        except (ExchangeError, FileRefused, VaultError) as error:
            self.tell(QMessageBox.Icon.Warning, "Pairing", str(error))
            return None
        if card.role is PersonRole.SUPERVISEE and person is None:
            self.tell(QMessageBox.Icon.Information, "Pairing",
                      f"This pairing file is from a supervisee, {card.name or 'not named'}, who is not in your "
                      "list: add them (People → Add a supervisee…), then open the file again.")
            return None
        dialog = self.open_pairing(card.role, person)
        if dialog is not None:
            dialog.read_card_file(path)
        return dialog

    def _paired(self, paired: tuple[Person, object] | None) -> None:
        if paired is None:
            return
        person = paired[0]
        self.apply_uses()
        self.refresh()
        self._refresh_my_supervision()
        if person.role is PersonRole.SUPERVISEE:
            self.select_person(person.id)
        self.status_message(f"Paired with {person.name}. Files between you can now be checked and locked "
                            "to each other.")

    def import_file(self) -> ImportOutcome | None:
        """Import an agenda, a record or a signed note chosen by the user."""
        path = self._services.files.choose_open(self.window, "Import a file – Supervision")
        if path is None:
            return None
        return self.import_path(path)

    def import_path(self, path: Path) -> ImportOutcome | None:
        # The open session's autosave would write over what the import adds: save it and close it first.
        if not self.close_editor():
            self.tell(QMessageBox.Icon.Warning, "The file was not imported",
                      "The open session could not be saved, so nothing was imported.")
            return None
        self._save_my_supervision()
        try:
            with wait_cursor():
                outcome = self.exchange_service.import_pack(read_exchange_file(path))
        except (ExchangeError, FileRefused, VaultError) as error:
            self.tell(QMessageBox.Icon.Warning, "The file was not imported", str(error))
            return None
        self.apply_uses()
        self.refresh()
        self._refresh_my_supervision()
        if outcome.kind == "record":
            self.show_my_supervision()
        else:
            self.main_tabs.setCurrentWidget(self.supervising_tab)
            self.select_person(outcome.person_id)
            if outcome.session_id is not None:
                self._select_session(outcome.session_id)
        self.tell(QMessageBox.Icon.Information, "File imported", outcome.message)
        return outcome

    def _select_session(self, session_id: int) -> None:
        model = self.sessions_model
        if model is None:
            return
        for row in range(model.rowCount()):
            if model.session_at(row).id == session_id:
                self.sessions_table.setCurrentIndex(model.index(row, 0))
                return

    def send_record(self) -> Path | None:
        """Save the signed-off session's record, sealed for its supervisee, where the user chooses."""
        session = self._note_session()
        if session is None or session.status is not SessionStatus.SIGNED_OFF:
            return None
        if self.editor is not None:
            self.editor.flush()
        supervisee = self.store.get_person(session.supervisee_id)
        exchange = self.exchange_service
        if exchange.pairing_of(supervisee.id) is None:
            if self.confirm(self.window, f"Pair with {supervisee.name} first?",
                            f"The record is locked so that only {supervisee.name}'s app can open it, so you "
                            "need to pair with them first. After pairing, choose Send record again.",
                            "Pair now"):
                self.open_pairing(PersonRole.SUPERVISEE, supervisee)
            return None
        if self.note_service.signed_note(session.id) is None:
            # Sending signs the note; the supervisor should see and choose what they sign.
            if self.confirm(self.window, "Check and sign the note first?",
                            f"The record sent to {supervisee.name} carries the signed note. Look over the note, "
                            "choose what it shows and sign it; then choose Send record again.",
                            "Open the note"):
                self.open_note()
            return None
        path = self._services.files.choose_save(
            self.window, "record", "Send record to supervisee – Supervision",
            suggested_name("record", session.scheduled_start.date(), supervisee.name))
        if path is None:
            return None
        try:
            with wait_cursor():
                write_exchange_file(path, exchange.export_record(session.id))
        except (ExchangeError, FileRefused, VaultError) as error:
            self.tell(QMessageBox.Icon.Warning, "The record was not saved", str(error))
            return None
        self.tell(QMessageBox.Icon.Information, "Record saved",
                  f"The record of the session on {format_date(session.scheduled_start)} is saved as "
                  f"{path.name} in {path.parent}. Send that file to {supervisee.name}, by your "
                  "organisation's secure email for example: only their app can open it.")
        self._update_actions()
        return path
