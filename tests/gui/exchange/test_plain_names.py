"""A name that looks like HTML, from a pairing card and an imported agenda, is shown literally."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.gui.exchange.pairing_dialog import PairingDialog
from supervision_app.gui.services import AppServices
from supervision_app.gui.session.agenda import AgendaPage
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use
from supervision_app.services.people import add_supervisee
from tests.exchange.installs import Clock, open_install
from tests.gui.exchange.test_main_window_exchange import NOW, SESSION_AT, Files, start
from tests.gui.exchange.test_pairing_dialog import files_at
from tests.gui.test_plain_text import HTML_NAME, assert_shown_literally, labels_showing


def test_a_pairing_card_and_an_agenda_named_in_html_are_shown_as_written(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    files = Files()
    main = start(make_controller, gui_services, files)
    sender = open_install(tmp_path / "sender", HTML_NAME, frozenset({Use.SUPERVISED}), Clock(NOW),
                          load_content(resources_dir()))
    card_file = tmp_path / "card.svpair"
    card_file.write_bytes(card_to_file(sender.exchange.my_card(PersonRole.SUPERVISEE)))

    # The pairing dialog reads the card: the name is quoted as it is.
    person = add_supervisee(main.store, NewPerson(HTML_NAME, PersonRole.SUPERVISEE))
    dialog = PairingDialog(main.exchange_service, files_at(open_=card_file), their_role=PersonRole.SUPERVISEE,
                           person=person)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.open_card_button, Qt.MouseButton.LeftButton)
    assert dialog.their_card_label.text() == f"From the pairing file card.svpair, made by {HTML_NAME}."
    assert_shown_literally(labels_showing(dialog, HTML_NAME))
    assert dialog.windowTitle() == f"Pair with {HTML_NAME} – Supervision"
    dialog.match_check.setChecked(True)
    qtbot.mouseClick(dialog.pair_button, Qt.MouseButton.LeftButton)
    assert main.exchange_service.pairing_of(person.id) is not None

    # Their agenda, with an item titled in HTML too: the import's message box and the agenda step.
    supervisor, _ = sender.exchange.pair(card_from_file(card_to_file(
        main.exchange_service.my_card(PersonRole.SUPERVISOR))))
    session = main.supervising.session_service.book(person.id, SESSION_AT)
    sender.mine.save_preparation(supervisor.id, Preparation(items=[PreparedItem(HTML_NAME, "")]))
    files.open = tmp_path / "agenda.svagenda"
    files.open.write_bytes(sender.exchange.export_agenda(supervisor.id))
    main.action("actionImport").trigger()
    box = main.last_message
    assert box is not None and box.icon() is QMessageBox.Icon.Information
    assert box.text().startswith(f"Agenda from {HTML_NAME}, prepared")
    assert box.textFormat() is Qt.TextFormat.PlainText
    assert_shown_literally(labels_showing(box, HTML_NAME))
    box.close()

    main.select_person(person.id)
    main.supervising.open_session(main.store.get_session(session.id))
    assert main.editor is not None
    page = next(p for p in main.editor.pages if isinstance(p, AgendaPage))
    main.editor.go_to(main.editor.pages.index(page))
    assert page.prepared_label.text().startswith(f"Prepared by {HTML_NAME} on")
    assert_shown_literally(labels_showing(page, HTML_NAME))
    main.supervising.back_to_sessions()
    sender.vault.lock()
