"""The main window: it hosts the pages and switches between them.

The window is a QMainWindow built from ``ui/main_window.ui``, one tab per page:
*Home* (``gui/home``: what needs the supervisor), *People I supervise*
(``gui/pages/supervising.py``: people, their sessions, the open session) and
*My supervision* (``gui/mysupervision``: the supervisee's home). Each page owns
its widgets and state; the menus' dialogs are small classes that hold this
window weakly (``gui/window_menus.py``, ``gui/exchange/window_ui.py``, and the
People menu's handover, retention and access-request parts), so the window is
freed as soon as the vault locks.

What the user does with the app decides the tabs: Home and "People I supervise"
for a supervisor, "My supervision" for a supervisee, all three for someone who is both.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from supervision_app.domain.model import Person
from supervision_app.errors import VaultError
from supervision_app.exchange.service import ExchangeService, ImportOutcome
from supervision_app.gui import plain
from supervision_app.gui.backups import BackupsUi
from supervision_app.gui.cpd.log import CpdLogAction
from supervision_app.gui.exchange.pairing_dialog import Confirm, PairingDialog
from supervision_app.gui.exchange.window_ui import ExchangeUi
from supervision_app.gui.forms import FormError, child, load_form
from supervision_app.gui.group.dialog import GroupAction
from supervision_app.gui.home.window_ui import HomeUi
from supervision_app.gui.notes import VerifyDialog
from supervision_app.gui.notes.files import confirm_action
from supervision_app.gui.pages.supervising import SupervisingPage
from supervision_app.gui.people.access import AccessRequestsUi
from supervision_app.gui.people.erasure import LifecycleUi
from supervision_app.gui.people.handover import HandoverUi
from supervision_app.gui.people.history import HistoryUi
from supervision_app.gui.screens import keep_on_screen, place_main_window, saved_place
from supervision_app.gui.search.dialog import install_search
from supervision_app.gui.services import AppServices
from supervision_app.gui.session import SessionEditor
from supervision_app.gui.window_menus import NotesMenuUi, PeopleMenuUi, VaultMenuUi, auto_lock_text
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import MySupervisionService, Use, app_uses
from supervision_app.services.notes import NoteService
from supervision_app.storage.records import RecordNotFound, SqlRecordStore
from supervision_app.vault.service import OpenVault

STATUS_MESSAGE_MS = 8000

log = logging.getLogger(__name__)

__all__ = ["STATUS_MESSAGE_MS", "MainWindow", "auto_lock_text"]


class MainWindow(QObject):
    """Owns the QMainWindow (:attr:`window`) for one unlocked vault, and its pages.

    Signals: ``person_selected(Person | None)`` (the supervising page's choice), and the
    requests the controller acts on: ``lock_requested``, ``quit_requested`` and
    ``idle_minutes_changed(int)``.
    """

    person_selected = Signal(object)
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
        self.main_tabs = child(window, QTabWidget, "mainTabs")
        self.my_supervision_tab = child(window, QWidget, "mySupervisionTab")
        self.my_supervision_menu = child(window, QMenu, "mySupervisionMenu")
        # Asks the user a yes-or-no question; tests answer for them.
        self.confirm: Confirm = confirm_action
        # The last message box shown (an import's outcome, say), for tests and for closing on lock.
        self.last_message: QMessageBox | None = None
        self.auto_lock_label = plain.label("", window)
        window.statusBar().addPermanentWidget(self.auto_lock_label)

        # The pages.
        self.supervising = SupervisingPage(window, vault, services)
        self.supervising.person_selected.connect(self.person_selected)
        self.supervising.status.connect(self.status_message)
        self.home = HomeUi(self)
        # The supervisee's page (supervision_app.gui.mysupervision), made when that use is on.
        self.my_supervision_page: QWidget | None = None
        # The menus, each a small part holding this window weakly.
        self.vault_menu = VaultMenuUi(self)  # File → passphrase, keyring, auto-lock; Help → About
        self.people_menu = PeopleMenuUi(self)  # People → About you, add, details, agreement; booking
        self.notes = NotesMenuUi(self)  # Session → Signed note…, File → Verify a note…
        self.exchange = ExchangeUi(self)  # pairing, File → Import a file…, Session → Send record…
        self.backups = BackupsUi(window, vault, services)
        self.action("actionBackUpNow").triggered.connect(self.refresh_home)  # after the backup: its line on Home
        self.lifecycle = LifecycleUi(self)  # People → Retention review…, erasing a supervisee
        self.handover = HandoverUi(self)  # People → Hand over to another supervisor…
        self.handover.offer_erasure = self.lifecycle.offer_erasure  # once handed over, erasing is offered
        child(window, QAction, "actionLock").triggered.connect(self.lock_requested)
        child(window, QAction, "actionQuit").triggered.connect(self.quit_requested)
        child(window, QAction, "actionShowMySupervision").triggered.connect(self.show_my_supervision)
        self.main_tabs.currentChanged.connect(self._page_changed)
        self.set_idle_minutes(services.settings.load().idle_lock_minutes)
        window.installEventFilter(self)
        self.access_requests = AccessRequestsUi(self)  # the People menu's export, the person's requests
        self.cpd_log = CpdLogAction(self)  # "My CPD log…" in the People menu
        self.group_supervision = GroupAction(self)  # Session → Group supervision…
        self.history = HistoryUi(self)  # People → History and trends…
        self.action_search = install_search(self)  # Session → Search… (Ctrl+F)
        self.apply_uses()
        self.refresh()

    # -- what the pages and menus share -----------------------------------------------

    @property
    def store(self) -> SqlRecordStore:
        return self.vault.store

    @property
    def services(self) -> AppServices:
        return self._services

    @property
    def exchange_service(self) -> ExchangeService:
        return ExchangeService(self.store, self.note_service, self._services.content, clock=self._services.clock)

    @property
    def my_supervision_service(self) -> MySupervisionService:
        return MySupervisionService(self.store, clock=self._services.clock)

    @property
    def note_service(self) -> NoteService:
        return NoteService(self.store, self._services.content, resources_dir() / "fonts")

    def action(self, name: str) -> QAction:
        """The menu action called ``name`` in the window's form."""
        return child(self.window, QAction, name)

    def today(self) -> date:
        return self._services.clock().date()

    def status_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def set_idle_minutes(self, minutes: int) -> None:
        self.auto_lock_label.setText(auto_lock_text(minutes))

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

    # -- the supervising page, as the menus and later features use it ------------------

    @property
    def editor(self) -> SessionEditor | None:
        return self.supervising.editor

    def selected_person(self) -> Person | None:
        return self.supervising.selected_person()

    def select_person(self, person_id: int) -> bool:
        """Show the person's sessions (on the supervising page); False if they are not in the list."""
        found = self.supervising.select_person(person_id)
        if found:
            self.show_supervising()
        return found

    def refresh(self) -> None:
        """Read the people, their sessions and the home page again."""
        self.supervising.refresh()
        self.refresh_home()

    def refresh_home(self) -> None:
        if self.main_tabs.currentWidget() is self.home.tab:
            self.home.refresh()

    def open_place(self) -> tuple[int, int] | None:
        """The open session and its step (session id, step index), to come back to after locking."""
        return self.supervising.open_place()

    def return_to(self, place: tuple[int, int]) -> None:
        """Open the session at ``place`` again, at the same step (after the vault is unlocked)."""
        session_id, step = place
        try:
            session = self.store.get_session(session_id)
        except RecordNotFound:
            return
        self.show_supervising()
        self.select_person(session.supervisee_id)
        self.supervising.open_session(session)
        if self.editor is not None:
            self.editor.go_to(step)

    def ask_for_profile_if_missing(self) -> None:
        self.people_menu.ask_for_profile_if_missing()

    # -- files given to the app (the controller's) ---------------------------------------

    def pair_from_file(self, path: Path) -> PairingDialog | None:
        return self.exchange.pair_from_file(path)

    def import_path(self, path: Path) -> ImportOutcome | None:
        return self.exchange.import_path(path)

    def verify_path(self, path: Path) -> VerifyDialog:
        return self.notes.verify_path(path)

    # -- showing ------------------------------------------------------------

    def show(self) -> None:
        """Show the window where it was last time, or fitted to the screen."""
        place_main_window(self.window, self._services.settings.load().window_geometry)
        self.window.show()
        keep_on_screen(self.window)  # now that its frame is known
        page = self.main_tabs.currentWidget()
        if page is self.home.tab:
            self.home.page.tree.setFocus()
        elif page is self.supervising.tab:
            self.supervising.people_list.setFocus()

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
        self.supervising.dispose()
        self.save_my_supervision()
        self.window.removeEventFilter(self)
        # Its dialogs are windows of their own: hide them now, not only when
        # the main window is deleted.
        for dialog in self.window.findChildren(QDialog):
            dialog.hide()
        self.window.close()
        self.home.page.tree.clear()
        self.last_message = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self._closing:
            # The window's close button quits the app, which locks the vault first.
            assert isinstance(event, QCloseEvent)
            event.ignore()
            self.quit_requested.emit()
            return True
        return False

    # -- the pages: which are there, and which is on show -------------------------------

    def uses(self) -> frozenset[Use]:
        return app_uses(self.store)

    def apply_uses(self) -> None:
        """Show the pages and menus for what the user does with the app.

        A supervisor opens on Home; a supervisee-only user on "My supervision";
        someone who is both gets all three tabs, Home first.
        """
        uses = self.uses()
        supervising, supervised = Use.SUPERVISING in uses, Use.SUPERVISED in uses
        if supervised and self.my_supervision_page is None:
            self._make_my_supervision_page()
        tabs = self.main_tabs
        for tab, shown in ((self.home.tab, supervising), (self.supervising.tab, supervising),
                           (self.my_supervision_tab, supervised)):
            tabs.setTabVisible(tabs.indexOf(tab), shown)
        tabs.tabBar().setVisible(supervising)
        if not supervising:
            tabs.setCurrentWidget(self.my_supervision_tab)
        elif not tabs.isTabVisible(tabs.currentIndex()):
            tabs.setCurrentWidget(self.home.tab)
        self.my_supervision_menu.menuAction().setVisible(supervised)
        child(self.window, QMenu, "sessionMenu").menuAction().setVisible(supervising)
        for name in ("actionAddSupervisee", "actionEditPerson", "actionAgreement", "actionPairPerson"):
            child(self.window, QAction, name).setVisible(supervising)

    def _page_changed(self, _index: int) -> None:
        if self.main_tabs.currentWidget() is self.home.tab:
            if self.editor is not None:
                self.editor.flush()  # the open session's last words count on the home page too
            self.home.refresh()

    def show_home(self) -> None:
        """The first page: Home for a supervisor, My supervision for a supervisee only (File → Home, Alt+Home)."""
        tab = self.home.tab if Use.SUPERVISING in self.uses() else self.my_supervision_tab
        if self.main_tabs.currentWidget() is tab:
            self._page_changed(self.main_tabs.currentIndex())
        self.main_tabs.setCurrentWidget(tab)
        if tab is self.home.tab:
            self.home.page.tree.setFocus()

    def show_supervising(self) -> None:
        self.main_tabs.setCurrentWidget(self.supervising.tab)

    def _make_my_supervision_page(self) -> None:
        from supervision_app.gui.mysupervision import MySupervisionPage

        page = MySupervisionPage(self._services, self.exchange_service, self.my_supervision_service,
                                 self.note_service, self.my_supervision_tab)
        page.pair_requested.connect(self.exchange.pair_with_supervisor)
        page.import_requested.connect(self.exchange.import_file)
        layout = self.my_supervision_tab.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(page)
        self.my_supervision_page = page

    def show_my_supervision(self) -> None:
        if self.main_tabs.isTabVisible(self.main_tabs.indexOf(self.my_supervision_tab)):
            self.main_tabs.setCurrentWidget(self.my_supervision_tab)

    def save_my_supervision(self) -> None:
        page = self.my_supervision_page
        if page is not None and hasattr(page, "save_now"):
            page.save_now()

    def refresh_my_supervision(self) -> None:
        page = self.my_supervision_page
        if page is not None and hasattr(page, "refresh"):
            page.refresh()
