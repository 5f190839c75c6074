"""The main window imports packs, sends records, and shows what the app is used for."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.model import PersonRole, SessionStatus
from supervision_app.domain.record import AgendaSource
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.gui.exchange.files import ExchangeFiles
from supervision_app.gui.exchange.pairing_dialog import PairingDialog
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.notes import NoteDialog
from supervision_app.gui.people import ProfileDialog
from supervision_app.gui.services import AppServices
from supervision_app.gui.session.agenda import AgendaPage
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use, app_uses, set_app_uses
from supervision_app.services.people import save_profile
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.exchange.installs import Clock, Install, open_install
from tests.gui.conftest import vault_file_hashes

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 27, 10, 0)


class Files:
    """Answers the file dialogs: the next path to save to, and to open."""

    def __init__(self) -> None:
        self.save: Path | None = None
        self.open: Path | None = None
        self.suggested: list[str] = []

    def exchange_files(self) -> ExchangeFiles:
        def save(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
            self.suggested.append(suggested)
            return self.save

        return ExchangeFiles(save_path=save, open_path=lambda _p, _t, _f: self.open)


def start(make_controller, services: AppServices, files: Files) -> MainWindow:  # type: ignore[no-untyped-def]
    services.files = files.exchange_files()
    services.clock = Clock(NOW)
    controller = make_controller(services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    return main


def supervisee_install(tmp_path: Path) -> Install:
    return open_install(tmp_path / "zoe", "Zoë Whitfield", frozenset({Use.SUPERVISED}), Clock(NOW),
                        load_content(resources_dir()))


def pair_both(main: MainWindow, zoe_app: Install, zoe_id: int) -> int:
    """Pair the two by their cards; return Aisha's id in Zoë's vault."""
    main.exchange_service.pair(card_from_file(card_to_file(zoe_app.exchange.my_card(PersonRole.SUPERVISEE))),
                               person_id=zoe_id)
    aisha, _ = zoe_app.exchange.pair(card_from_file(card_to_file(
        main.exchange_service.my_card(PersonRole.SUPERVISOR))))
    return aisha.id


def message(main: MainWindow) -> tuple[QMessageBox.Icon, str]:
    box = main.last_message
    assert box is not None and box.isVisible()
    result = (box.icon(), box.text())
    box.close()
    return result


def test_import_an_agenda_once_and_see_where_it_came_from(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    files = Files()
    main = start(make_controller, gui_services, files)
    zoe = next(p for p in main.store.list_people() if p.name == "Zoë Whitfield")
    zoe_app = supervisee_install(tmp_path)
    aisha_id = pair_both(main, zoe_app, zoe.id)
    session = main.supervising.session_service.book(zoe.id, SESSION_AT)
    zoe_app.mine.save_preparation(aisha_id, Preparation(
        items=[PreparedItem("Caseload after the restructure", "Agree what can move")]))
    files.open = tmp_path / "agenda.svagenda"
    files.open.write_bytes(zoe_app.exchange.export_agenda(aisha_id))

    # The session is open in the editor: the import saves and closes it first.
    main.select_person(zoe.id)
    main.supervising.open_session(session)
    assert main.editor is not None
    main.action("actionImport").trigger()
    assert main.editor is None
    icon, text = message(main)
    assert icon is QMessageBox.Icon.Information
    assert text.startswith("Agenda from Zoë Whitfield") and "1 new agenda item" in text
    assert main.selected_person().id == zoe.id and main.supervising.selected_session().id == session.id
    record = main.store.load_record(session.id)
    assert [i.title for i in record.agenda if i.source is AgendaSource.PREPARED] == [
        "Caseload after the restructure"]

    # The agenda step says where it came from.
    main.supervising.open_session(main.store.get_session(session.id))
    editor = main.editor
    assert editor is not None
    page = next(p for p in editor.pages if isinstance(p, AgendaPage))
    editor.go_to(editor.pages.index(page))
    assert not page.prepared_label.isHidden()
    assert page.prepared_label.text() == (
        "Prepared by Zoë Whitfield on Fri 20 Nov 2026, 17:30; imported Fri 20 Nov 2026, 17:30. "
        "The signature matched their paired key, so nothing was altered.")
    main.supervising.back_to_sessions()

    # The same file again: refused in one sentence, and nothing in the vault changes.
    before = vault_file_hashes(gui_services.paths)
    main.import_path(files.open)
    icon, text = message(main)
    assert icon is QMessageBox.Icon.Warning and text == "You have already imported this file."
    assert vault_file_hashes(gui_services.paths) == before
    zoe_app.vault.lock()


def test_send_a_record_the_supervisee_imports(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    files = Files()
    main = start(make_controller, gui_services, files)
    zoe = next(p for p in main.store.list_people() if p.name == "Zoë Whitfield")
    main.select_person(zoe.id)
    model = main.supervising.sessions_model
    signed_row = next(r for r in range(model.rowCount()) if model.session_at(r).status is SessionStatus.SIGNED_OFF)
    draft_row = next(r for r in range(model.rowCount()) if model.session_at(r).status is SessionStatus.DRAFT)
    main.supervising.sessions_table.setCurrentIndex(model.index(draft_row, 0))
    assert not main.supervising.send_record_button.isEnabled()
    main.supervising.sessions_table.setCurrentIndex(model.index(signed_row, 0))
    assert main.supervising.send_record_button.isEnabled() and main.supervising.action_send_record.isEnabled()

    # Not paired yet: the app offers to pair first, and sends nothing.
    questions: list[str] = []
    main.confirm = lambda _p, question, _d, _y: questions.append(question) or False
    files.save = tmp_path / "record.svrecord"
    qtbot.mouseClick(main.supervising.send_record_button, Qt.MouseButton.LeftButton)
    assert questions == ["Pair with Zoë Whitfield first?"] and not files.save.exists()
    main.confirm = lambda *_args: True
    main.exchange.send_record()
    pairing = main.window.findChild(PairingDialog)
    assert pairing is not None and pairing.isVisible() and pairing.person.id == zoe.id
    pairing.reject()

    zoe_app = supervisee_install(tmp_path)
    pair_both(main, zoe_app, zoe.id)
    session = model.session_at(signed_row)

    # Paired, but the note is not signed yet: the supervisor sees the note and signs it before anything is sent.
    assert main.note_service.signed_note(session.id) is None
    main.confirm = lambda _p, question, _d, _y: questions.append(question) or True
    qtbot.mouseClick(main.supervising.send_record_button, Qt.MouseButton.LeftButton)
    assert questions[-1] == "Check and sign the note first?" and not files.save.exists()
    note_dialog = main.window.findChild(NoteDialog)
    assert note_dialog is not None and note_dialog.isVisible()
    note_dialog._confirm = lambda *_args: True
    note_dialog.sign_as_supervisor()
    assert "Send record to supervisee" in main.window.statusBar().currentMessage()
    note_dialog.close()
    assert main.note_service.signed_note(session.id).signatures == 1

    qtbot.mouseClick(main.supervising.send_record_button, Qt.MouseButton.LeftButton)
    day = session.scheduled_start.date().isoformat()
    assert files.suggested[-1] == f"supervision-record-{day}-zoe-whitfield.svrecord"
    icon, text = message(main)
    assert icon is QMessageBox.Icon.Information
    assert "record.svrecord" in text and "Send that file to Zoë Whitfield" in text
    outcome = zoe_app.exchange.import_pack(files.save.read_bytes())
    assert outcome.kind == "record" and "from Aisha Rahman" in outcome.message
    zoe_app.vault.lock()


def test_the_pair_button_opens_the_dialog_for_the_chosen_supervisee(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    main = start(make_controller, gui_services, Files())
    me = main.store.own_profile()
    main.select_person(me.id)
    assert not main.supervising.pair_person_button.isEnabled()
    zoe = next(p for p in main.store.list_people() if p.name == "Zoë Whitfield")
    main.select_person(zoe.id)
    assert main.supervising.pair_person_button.isEnabled()
    qtbot.mouseClick(main.supervising.pair_person_button, Qt.MouseButton.LeftButton)
    dialog = main.window.findChild(PairingDialog)
    assert dialog is not None and dialog.isVisible() and dialog.their_role is PersonRole.SUPERVISEE
    assert main.uses() == {Use.SUPERVISING}
    tabs = main.main_tabs
    assert tabs.currentWidget() is main.supervising.tab  # the pairing was asked for from the chosen person's page
    assert [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)] == ["Home", "People I supervise"]
    assert not main.my_supervision_menu.menuAction().isVisible()


def test_profile_saves_and_loads_the_uses(qtbot: QtBot, open_vault) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    save_profile(store, "Zoë Whitfield")
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.supervising_check.isChecked() and not dialog.supervised_check.isChecked()
    dialog.supervising_check.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert dialog.errors.shown == {"uses": "Choose at least one way you will use the app."}
    assert app_uses(store) == {Use.SUPERVISING}
    dialog.supervised_check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and app_uses(store) == {Use.SUPERVISED}
    again = ProfileDialog(store)
    qtbot.addWidget(again)
    assert not again.supervising_check.isChecked() and again.supervised_check.isChecked()


def test_a_supervisee_only_vault_opens_on_my_supervision(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    vault, _code = service.create(PASSPHRASE)
    save_profile(vault.store, "Zoë Whitfield")
    set_app_uses(vault.store, frozenset({Use.SUPERVISED}))
    vault.lock()
    main = start(make_controller, gui_services, Files())
    tabs = main.main_tabs
    assert tabs.currentWidget() is main.my_supervision_tab
    assert not tabs.isTabVisible(tabs.indexOf(main.supervising.tab)) and tabs.tabBar().isHidden()
    assert main.my_supervision_page is not None and main.my_supervision_menu.menuAction().isVisible()
    assert not main.action("actionAddSupervisee").isVisible()

    # Both uses: a tab each.
    set_app_uses(main.store, frozenset({Use.SUPERVISED, Use.SUPERVISING}))
    main.apply_uses()
    assert not tabs.tabBar().isHidden()
    assert [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)] == [
        "Home", "People I supervise", "My supervision"]
    main.action("actionPairSupervisor").trigger()
    dialog = main.window.findChild(PairingDialog)
    assert dialog is not None and dialog.their_role is PersonRole.SUPERVISOR and dialog.person is None


def test_the_verifier_shows_the_words_signed_with(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    from supervision_app.gui.notes.verify_dialog import SignatureView
    from supervision_app.services.verification import SignatureReport

    host = QWidget()
    qtbot.addWidget(host)
    said = SignatureReport("SuperviseeSignature", "Zoë Whitfield", None, True, True, True, "", True, "AB",
                           reason="Supervisee: I have seen this note but do not agree with all of it.")
    view = SignatureView(said, 2, host)
    assert view.text("reason") == said.reason
    assert view.group.layout().isRowVisible(view.values["reason"])
    quiet = SignatureView(SignatureReport("SupervisorSignature", "Aisha Rahman", None, True, True, True, "",
                                          True, "CD"), 1, host)
    assert not quiet.group.layout().isRowVisible(quiet.values["reason"])
