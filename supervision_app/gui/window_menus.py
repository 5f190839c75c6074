"""The main window's menus that open dialogs: File (passphrase, keyring, auto-lock), Help, People and notes.

Each class finds its actions in the window's form, opens its dialogs and holds
the main window weakly (:class:`WindowPart`): the window must be freed as soon
as the vault locks, and a reference back from here would keep it alive in a cycle.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from supervision_app.domain.model import Person, SupervisionSession
from supervision_app.errors import VaultError
from supervision_app.formatting import format_datetime
from supervision_app.gui.booking import BookSessionDialog
from supervision_app.gui.change_passphrase import ChangePassphraseDialog
from supervision_app.gui.forms import child
from supervision_app.gui.notes import NoteDialog, VerifyDialog, choose_note_save_path, choose_note_to_verify
from supervision_app.gui.people import AgreementDialog, PersonDialog, ProfileDialog
from supervision_app.gui.remember import apply_remember_choice
from supervision_app.gui.small_dialogs import AboutDialog, AutoLockDialog

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow


class WindowPart(QObject):
    """A part of the main window that holds it weakly (see the module's note)."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self._main_ref = weakref.ref(main)

    @property
    def main(self) -> MainWindow:
        main = self._main_ref()
        if main is None:
            raise RuntimeError("the main window has gone")
        return main

    def action(self, name: str) -> QAction:
        return child(self.main.window, QAction, name)

    def open_dialog(self, dialog: QDialog, on_saved: Callable[[], None] | None = None) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.accepted.connect(on_saved)
        dialog.open()


def auto_lock_text(minutes: int) -> str:
    return f"Auto-lock after {minutes} minute{'' if minutes == 1 else 's'} without activity."


class VaultMenuUi(WindowPart):
    """File → Change passphrase…, Remember key on this computer, Auto-lock…; Help → About."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self.action_remember_key = self.action("actionRememberKey")
        self.action("actionChangePassphrase").triggered.connect(self.change_passphrase)
        self.action("actionAutoLock").triggered.connect(self.choose_auto_lock)
        self.action("actionAbout").triggered.connect(self.show_about)
        services = main.services
        status = services.key_cache.status()
        remember = self.action_remember_key
        remember.setEnabled(status.usable)
        remember.setStatusTip(status.explanation)
        remember.setToolTip(status.explanation)
        remember.setChecked(status.usable and services.settings.load().remember_key)
        remember.toggled.connect(self._remember_toggled)

    def _remember_toggled(self, remember: bool) -> None:
        main = self.main
        problem = apply_remember_choice(main.services, main.vault, remember)
        if problem:
            # Show what is actually true, not what was asked for.
            self.action_remember_key.blockSignals(True)
            self.action_remember_key.setChecked(main.services.settings.load().remember_key)
            self.action_remember_key.blockSignals(False)
            main.status_message(problem)
        elif remember:
            main.status_message("The key is remembered on this computer.")
        else:
            main.status_message("The key is no longer remembered on this computer.")

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.main.vault, parent=self.main.window)
        self.open_dialog(dialog, lambda: self.main.status_message("Your new passphrase is saved."))

    def choose_auto_lock(self) -> None:
        dialog = AutoLockDialog(self.main.services.settings.load().idle_lock_minutes, parent=self.main.window)
        self.open_dialog(dialog, lambda: self._save_idle_minutes(dialog.minutes()))

    def _save_idle_minutes(self, minutes: int) -> None:
        main = self.main
        store = main.services.settings
        try:
            store.save(dataclasses.replace(store.load(), idle_lock_minutes=minutes))
        except VaultError as error:
            main.status_message(error.message)
        main.set_idle_minutes(minutes)
        main.idle_minutes_changed.emit(minutes)

    def show_about(self) -> None:
        services = self.main.services
        self.open_dialog(AboutDialog(services.paths, services.key_cache.status(), parent=self.main.window))


class PeopleMenuUi(WindowPart):
    """People → About you…, Add a supervisee…, Change details…, Supervision agreement…; Session → Book."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        page = main.supervising
        self.action("actionProfile").triggered.connect(self.edit_profile)
        for trigger, slot in ((self.action("actionAddSupervisee").triggered, self.add_supervisee),
                              (page.add_person_button.clicked, self.add_supervisee),
                              (page.action_edit_person.triggered, self.edit_person),
                              (page.edit_person_button.clicked, self.edit_person),
                              (page.action_agreement.triggered, self.edit_agreement),
                              (page.agreement_button.clicked, self.edit_agreement),
                              (page.action_book_session.triggered, self.book_session),
                              (page.book_session_button.clicked, self.book_session)):
            trigger.connect(slot)
        self.organisation = OrganisationMenuUi(main)  # People → Organisation's contacts…, Managers' checklist…

    def _saved_person(self, person: Person | None, message: str) -> None:
        main = self.main
        main.refresh()
        if person is not None:
            main.select_person(person.id)
        main.status_message(message)

    def ask_for_profile_if_missing(self) -> None:
        """On first use, ask who the user is: their name goes on every record."""
        if self.main.store.own_profile() is None:
            dialog = ProfileDialog(self.main.store, first_use=True, parent=self.main.window)
            self.open_dialog(dialog, lambda: self._profile_saved(dialog.saved))

    def edit_profile(self) -> None:
        dialog = ProfileDialog(self.main.store, parent=self.main.window)
        self.open_dialog(dialog, lambda: self._profile_saved(dialog.saved))

    def _profile_saved(self, profile: Person | None) -> None:
        self.main.apply_uses()
        self._saved_person(profile, "Your details are saved.")

    def add_supervisee(self) -> None:
        dialog = PersonDialog(self.main.store, today=self.main.today(), parent=self.main.window)
        self.open_dialog(dialog, lambda: self._saved_person(
            dialog.saved, f"{dialog.saved.name} was added." if dialog.saved else ""))

    def edit_person(self) -> None:
        main = self.main
        person = main.selected_person()
        if person is None:
            return
        if person.is_self:
            self.edit_profile()
            return
        dialog = PersonDialog(main.store, today=main.today(), person=person, parent=main.window)
        dialog.erase_button.clicked.connect(dialog.reject)
        dialog.erase_button.clicked.connect(lambda: self.main.lifecycle.ask_to_erase(person))
        self.open_dialog(dialog, lambda: self._saved_person(dialog.saved, "The details are saved."))

    def edit_agreement(self, person: Person | None = None) -> AgreementDialog | None:
        """The agreement with ``person`` (by default the chosen supervisee)."""
        main = self.main
        person = person if isinstance(person, Person) else main.selected_person()
        if person is None or person.is_self:
            return None
        dialog = AgreementDialog(main.store, main.services.content, person, today=main.today(), parent=main.window,
                                 exchange=main.exchange_service, files=main.services.files, clock=main.services.clock)
        self.open_dialog(dialog, lambda: self._agreement_saved(person))
        return dialog

    def _agreement_saved(self, person: Person) -> None:
        self.main.status_message(f"The agreement with {person.name} is saved.")
        self.main.refresh_home()

    def book_session(self) -> None:
        main = self.main
        person = main.selected_person()
        if person is None or person.is_self:
            return
        dialog = BookSessionDialog(main.supervising.session_service, person, parent=main.window)
        self.open_dialog(dialog, lambda: self._booked(dialog.booked))

    def _booked(self, session: SupervisionSession | None) -> None:
        self.main.supervising.show_sessions_list()
        self.main.refresh_home()
        if session is not None:
            self.main.status_message(f"Booked for {format_datetime(session.scheduled_start)}.")


class NotesMenuUi(WindowPart):
    """Session → Signed note… and File → Verify a note…."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        page = main.supervising
        for trigger in (page.action_note.triggered, page.note_button.clicked):
            trigger.connect(self.open_note)
        self.action("actionVerifyNote").triggered.connect(self.verify_note)

    def open_note(self, session_id: int | None = None) -> NoteDialog | None:
        """Preview, sign, save or print the note of ``session_id``, or of the open or chosen session."""
        main = self.main
        if not isinstance(session_id, int) or isinstance(session_id, bool):  # (a button's "checked" too)
            session = main.supervising.note_session()
            session_id = session.id if session is not None else None
        if session_id is None:
            return None
        if main.editor is not None:
            main.editor.flush()
        dialog = NoteDialog(main.note_service, session_id, printer=main.services.note_printer,
                            choose_save_path=choose_note_save_path, parent=main.window)
        dialog.signed.connect(self._note_signed)
        self.open_dialog(dialog)
        return dialog

    def _note_signed(self, signatures: int) -> None:
        if signatures == 2:
            self.main.status_message("The note is signed by both and kept in the vault.")
        else:
            self.main.status_message("The note is signed by you and kept in the vault. To have it countersigned "
                                     "on the supervisee's computer: Session → Send record to supervisee…")
        self.main.refresh_home()

    def verify_note(self) -> VerifyDialog:
        main = self.main
        dialog = VerifyDialog(main.note_service.verify, choose_pdf=choose_note_to_verify, parent=main.window)
        self.open_dialog(dialog)
        return dialog

    def verify_path(self, path: Path) -> VerifyDialog:
        """Verify a note… with the PDF at ``path`` (opened with the app) checked at once."""
        dialog = self.verify_note()
        dialog.verify_file(path)
        return dialog


class OrganisationMenuUi(WindowPart):
    """People → Organisation's contacts… (issue 15: kept in the vault) and Managers' checklist… (a self-review)."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        menu = child(main.window, QMenu, "peopleMenu")
        menu.addSeparator()
        self.action_contacts = menu.addAction("Organisation's contact&s…")
        self.action_contacts.setObjectName("actionOrganisationContacts")
        self.action_contacts.setStatusTip("Your organisation's contacts for support, shown beside each wellbeing flag.")
        self.action_contacts.triggered.connect(self.open_contacts)
        self.action_checklist = menu.addAction("Managers' chec&klist…")
        self.action_checklist.setObjectName("actionManagersChecklist")
        self.action_checklist.setStatusTip("A periodic self-review against the toolkit's checklist for managers.")
        self.action_checklist.triggered.connect(self.open_checklist)

    def open_contacts(self) -> QDialog:
        from supervision_app.gui.contacts.dialog import ContactsDialog
        from supervision_app.services.contacts import ContactsService

        main = self.main
        dialog = ContactsDialog(ContactsService(main.store, main.services.content), main.window)
        self.open_dialog(dialog)
        dialog.finished.connect(self._contacts_closed)
        return dialog

    def _contacts_closed(self) -> None:
        from supervision_app.gui.mysupervision.page import MySupervisionPage

        page = self.main.my_supervision_page
        if isinstance(page, MySupervisionPage):  # its "Where to get support" shows the contacts
            page.refresh()

    def open_checklist(self) -> QDialog:
        from supervision_app.gui.manager_review.dialog import ManagerReviewDialog
        from supervision_app.services.manager_review import ManagerReviewService

        main = self.main
        dialog = ManagerReviewDialog(ManagerReviewService(main.store, main.services.content, main.services.clock),
                                     main.window)
        self.open_dialog(dialog)
        dialog.finished.connect(self._checklist_closed)
        return dialog

    def _checklist_closed(self) -> None:
        self.main.refresh_home()
