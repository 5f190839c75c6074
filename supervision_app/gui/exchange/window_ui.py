"""The exchange in the main window: pairing, importing a file, and sending a session's record.

:class:`ExchangeUi` finds its actions in the window's form and holds the main
window weakly (``gui/window_menus.WindowPart``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from supervision_app.domain.model import Person, PersonRole, SessionStatus
from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.pairing import card_from_file
from supervision_app.exchange.service import ImportOutcome
from supervision_app.formatting import format_date
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.exchange.files import FileRefused, read_exchange_file, suggested_name, write_exchange_file
from supervision_app.gui.exchange.pairing_dialog import PairingDialog
from supervision_app.gui.window_menus import WindowPart

if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow


class ExchangeUi(WindowPart):
    """People → Pair with the chosen supervisee…, My supervision → Pair with my supervisor…,
    File → Import a file…, Session → Send record to supervisee…."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        page = main.supervising
        self.action("actionImport").triggered.connect(self.import_file)
        self.action("actionPairSupervisor").triggered.connect(self.pair_with_supervisor)
        for trigger in (page.action_pair_person.triggered, page.pair_person_button.clicked):
            trigger.connect(self.pair_with_selected)
        for trigger in (page.action_send_record.triggered, page.send_record_button.clicked):
            trigger.connect(self.send_record)

    def pair_with_selected(self) -> PairingDialog | None:
        """Pair, as supervisor, with the chosen supervisee."""
        person = self.main.selected_person()
        if person is None or person.is_self or person.role is not PersonRole.SUPERVISEE:
            return None
        return self.open_pairing(PersonRole.SUPERVISEE, person)

    def pair_with_supervisor(self) -> PairingDialog | None:
        """Pair, as supervisee, with the supervisor on show in My supervision (or the only one, or a new one)."""
        main = self.main
        page = main.my_supervision_page
        supervisor_id = page.current_supervisor_id() if page is not None and hasattr(
            page, "current_supervisor_id") else None
        if supervisor_id is None:
            supervisors = main.my_supervision_service.supervisors()
            supervisor_id = supervisors[0].id if len(supervisors) == 1 else None
        person = main.store.get_person(supervisor_id) if supervisor_id is not None else None
        return self.open_pairing(PersonRole.SUPERVISOR, person)

    def open_pairing(self, their_role: PersonRole, person: Person | None) -> PairingDialog | None:
        main = self.main
        try:
            dialog = PairingDialog(main.exchange_service, main.services.files, their_role=their_role,
                                   person=person, today=main.today(), confirm=main.confirm, parent=main.window)
        except (ExchangeError, VaultError) as error:
            main.tell(QMessageBox.Icon.Warning, "Pairing", str(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda holding the window: an open dialog must not keep it alive.
        dialog.paired_with.connect(self._paired)
        dialog.open()
        return dialog

    def pair_from_file(self, path: Path) -> PairingDialog | None:
        """The pairing window for whoever made the pairing file at ``path``, with the file read."""
        main = self.main
        try:
            card = card_from_file(read_exchange_file(path))
            person = (main.exchange_service.person_for_card(card) if card.role is PersonRole.SUPERVISEE
                      else None)
        except (ExchangeError, FileRefused, VaultError) as error:
            main.tell(QMessageBox.Icon.Warning, "Pairing", str(error))
            return None
        if card.role is PersonRole.SUPERVISEE and person is None:
            main.tell(QMessageBox.Icon.Information, "Pairing",
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
        main = self.main
        person = paired[0]
        main.apply_uses()
        main.refresh()
        main.refresh_my_supervision()
        if person.role is PersonRole.SUPERVISEE:
            main.select_person(person.id)
        main.status_message(f"Paired with {person.name}. Files between you can now be checked and locked "
                            "to each other.")

    def import_file(self) -> ImportOutcome | None:
        """Import an agenda, a record or a signed note chosen by the user."""
        main = self.main
        path = main.services.files.choose_open(main.window, "Import a file – Supervision")
        if path is None:
            return None
        return self.import_path(path)

    def import_path(self, path: Path) -> ImportOutcome | None:
        main = self.main
        # The open session's autosave would write over what the import adds: save it and close it first.
        if not main.supervising.close_editor():
            main.tell(QMessageBox.Icon.Warning, "The file was not imported",
                      "The open session could not be saved, so nothing was imported.")
            return None
        main.save_my_supervision()
        try:
            with wait_cursor():
                outcome = main.exchange_service.import_pack(read_exchange_file(path))
        except (ExchangeError, FileRefused, VaultError) as error:
            main.tell(QMessageBox.Icon.Warning, "The file was not imported", str(error))
            return None
        main.apply_uses()
        main.refresh()
        main.refresh_my_supervision()
        from_my_supervisor = main.store.get_person(outcome.person_id).role is PersonRole.SUPERVISOR
        if outcome.kind == "record" or (outcome.kind in ("agreement", "review") and from_my_supervisor):
            main.show_my_supervision()
        else:
            main.show_supervising()
            main.select_person(outcome.person_id)
            if outcome.session_id is not None:
                main.supervising.select_session(outcome.session_id)
        main.tell(QMessageBox.Icon.Information, "File imported", outcome.message)
        return outcome

    def send_record(self) -> Path | None:
        """Save the signed-off session's record, sealed for its supervisee, where the user chooses."""
        main = self.main
        session = main.supervising.note_session()
        if session is None or session.status is not SessionStatus.SIGNED_OFF:
            return None
        if main.editor is not None:
            main.editor.flush()
        supervisee = main.store.get_person(session.supervisee_id)
        exchange = main.exchange_service
        if exchange.pairing_of(supervisee.id) is None:
            if main.confirm(main.window, f"Pair with {supervisee.name} first?",
                            f"The record is locked so that only {supervisee.name}'s app can open it, so you "
                            "need to pair with them first. After pairing, choose Send record again.",
                            "Pair now"):
                self.open_pairing(PersonRole.SUPERVISEE, supervisee)
            return None
        if main.note_service.signed_note(session.id) is None:
            # Sending signs the note; the supervisor should see and choose what they sign.
            if main.confirm(main.window, "Check and sign the note first?",
                            f"The record sent to {supervisee.name} carries the signed note. Look over the note, "
                            "choose what it shows and sign it; then choose Send record again.",
                            "Open the note"):
                main.notes.open_note()
            return None
        path = main.services.files.choose_save(
            main.window, "record", "Send record to supervisee – Supervision",
            suggested_name("record", session.scheduled_start.date(), supervisee.name))
        if path is None:
            return None
        try:
            with wait_cursor():
                write_exchange_file(path, exchange.export_record(session.id))
        except (ExchangeError, FileRefused, VaultError) as error:
            main.tell(QMessageBox.Icon.Warning, "The record was not saved", str(error))
            return None
        main.tell(QMessageBox.Icon.Information, "Record saved",
                  f"The record of the session on {format_date(session.scheduled_start)} is saved as "
                  f"{path.name} in {path.parent}. Send that file to {supervisee.name}, by your "
                  "organisation's secure email for example: only their app can open it.")
        main.supervising.update_actions()
        return path
