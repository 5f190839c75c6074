"""People → Hand over to another supervisor…: the sender's dialog, and the receiving history's provenance."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.model import NewPerson, PersonRole, SessionStatus
from supervision_app.domain.record import Action
from supervision_app.exchange.handover import export_handover
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.gui.exchange.pairing_dialog import PairingDialog
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.people.handover import HandoverDialog
from supervision_app.gui.services import AppServices
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use
from supervision_app.services.people import add_supervisee
from supervision_app.storage import audit
from tests.exchange.installs import Clock, Install, open_install
from tests.exchange.test_handover import hold_session
from tests.gui.conftest import vault_file_hashes
from tests.gui.exchange.test_main_window_exchange import NOW, Files, message, start


def colleague_install(tmp_path: Path, clock: Clock | None = None) -> Install:
    return open_install(tmp_path / "ben", "Ben Carter", frozenset({Use.SUPERVISING}), clock or Clock(NOW),
                        load_content(resources_dir()))


def pair_colleagues(main: MainWindow, ben: Install) -> int:
    """Pair the two supervisors by their cards; return Ben's id in the main window's vault."""
    person, _ = main.exchange_service.pair(card_from_file(card_to_file(ben.exchange.my_card(PersonRole.COLLEAGUE))))
    ben.exchange.pair(card_from_file(card_to_file(main.exchange_service.my_card(PersonRole.COLLEAGUE))))
    return person.id


def test_hand_a_supervisee_over_from_the_people_menu(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    files = Files()
    main = start(make_controller, gui_services, files)
    action = main.handover.action
    assert action.text() == "&Hand over to another supervisor…"
    assert action in main.window.findChild(type(main.my_supervision_menu), "peopleMenu").actions()
    main.select_person(main.store.own_profile().id)
    assert not action.isEnabled()
    siobhan = next(p for p in main.store.list_people() if p.name == "Siobhán O'Connell")
    main.select_person(siobhan.id)
    assert action.isEnabled() and main.handover.provenance_label.isHidden()

    # Nobody to hand over to yet: the dialog says to pair first, and the pairing window opens from it.
    action.trigger()
    dialog = main.handover.dialog
    assert isinstance(dialog, HandoverDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Hand over Siobhán O'Connell to another supervisor – Supervision"
    assert not dialog.no_colleague_label.isHidden() and not dialog.hand_over_button.isEnabled()
    qtbot.mouseClick(dialog.pair_button, Qt.MouseButton.LeftButton)
    pairing = main.window.findChild(PairingDialog)
    assert pairing is not None and pairing.isVisible() and pairing.their_role is PersonRole.COLLEAGUE
    assert pairing.windowTitle() == "Pair with another supervisor – Supervision"
    pairing.reject()
    ben = colleague_install(tmp_path)
    ben_id = pair_colleagues(main, ben)
    dialog.refresh()
    main.refresh()
    listed = [main.supervising.people_model.person_at(r).name for r in range(main.supervising.people_model.rowCount())]
    assert "Ben Carter" not in listed  # a colleague is not someone the user supervises
    assert dialog.colleague_combo.currentText() == "Ben Carter" and dialog.hand_over_button.isEnabled()
    assert dialog.no_colleague_label.isHidden()

    # Her session in progress must be finished first: one sentence, no file, nothing recorded.
    files.save = tmp_path / "siobhan.svhandover"
    before = vault_file_hashes(gui_services.paths)
    qtbot.mouseClick(dialog.hand_over_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Sign off or cancel the session on ")
    assert not files.save.exists() and vault_file_hashes(gui_services.paths) == before
    for session in main.store.list_sessions(siobhan.id):
        if session.status is SessionStatus.DRAFT:
            main.supervising.session_service.cancel(session.id, "Handed over before it was finished.", None)

    qtbot.mouseClick(dialog.hand_over_button, Qt.MouseButton.LeftButton)
    assert files.suggested[-1] == "handover-2026-11-20-siobhan-o-connell.svhandover"
    assert not dialog.isVisible()
    icon, text = message(main)
    assert icon is QMessageBox.Icon.Information
    assert text.startswith("The records of Siobhán O'Connell were handed over to Ben Carter")
    assert "you can erase Siobhán O'Connell from this vault" in text
    assert main.handover.provenance_label.text() == "Handed over to Ben Carter on 20 Nov 2026."
    assert not main.handover.provenance_label.isHidden()
    assert [e.detail for e in audit.entries(main.store) if e.action == "handed over"] == [f"to colleague {ben_id}"]

    outcome = ben.exchange.import_pack(files.save.read_bytes())
    assert outcome.kind == "handover" and "handed over by Aisha Rahman" in outcome.message
    ben.vault.lock()


def test_a_handover_imported_shows_where_the_history_came_from(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    files = Files()
    main = start(make_controller, gui_services, files)
    clock = Clock(NOW)
    ben = colleague_install(tmp_path, clock)
    pair_colleagues(main, ben)
    sam = add_supervisee(ben.store, NewPerson("Sam Okafor", PersonRole.SUPERVISEE))
    hold_session(ben, sam.id, datetime(2026, 11, 10, 10, 0), [Action("Shadow a duty visit")], clock)
    clock.now = datetime(2026, 11, 10, 10, 0) + timedelta(days=5)
    files.open = tmp_path / "sam.svhandover"
    files.open.write_bytes(export_handover(ben.exchange, sam.id, ben.exchange.colleagues()[0].id))

    main.action("actionImport").trigger()
    icon, text = message(main)
    assert icon is QMessageBox.Icon.Information
    assert text.startswith("Sam Okafor's records, handed over by Ben Carter on 15 Nov 2026")
    person = main.selected_person()
    assert person is not None and person.name == "Sam Okafor"
    assert main.handover.provenance_label.text() == "Handed over by Ben Carter on 15 Nov 2026."
    assert not main.handover.provenance_label.isHidden()
    assert main.supervising.sessions_model is not None and main.supervising.sessions_model.rowCount() == 1
    ben.vault.lock()

