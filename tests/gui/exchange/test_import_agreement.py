"""File → Import of an agreement on the supervisee's own window: it lands on My supervision, ready to sign."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.exchange.agreement import export_agreement
from supervision_app.exchange.pairing import card_from_file, card_to_file
from supervision_app.gui.services import AppServices
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use, set_app_uses
from supervision_app.services.people import add_supervisee, agreement_for, save_agreement, save_profile
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.exchange.installs import Clock, open_install
from tests.gui.exchange.test_main_window_exchange import NOW, Files, message, start


def test_an_agreement_imported_opens_my_supervision_with_it(
        qtbot: QtBot, make_controller, gui_services: AppServices,  # type: ignore[no-untyped-def]
        service: VaultService, tmp_path: Path) -> None:
    vault, _code = service.create(PASSPHRASE)
    save_profile(vault.store, "Zoë Whitfield")
    set_app_uses(vault.store, frozenset({Use.SUPERVISED, Use.SUPERVISING}))
    vault.lock()
    main = start(make_controller, gui_services, Files())
    aisha = open_install(tmp_path / "aisha", "Aisha Rahman", frozenset({Use.SUPERVISING}), Clock(NOW),
                         load_content(resources_dir()))
    try:
        zoe = add_supervisee(aisha.store, NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
        aisha.exchange.pair(card_from_file(card_to_file(main.exchange_service.my_card(PersonRole.SUPERVISEE))),
                            person_id=zoe.id)
        main.exchange_service.pair(card_from_file(card_to_file(aisha.exchange.my_card(PersonRole.SUPERVISOR))))
        save_agreement(aisha.store, replace(agreement_for(aisha.store, zoe, NOW.date()), place="Room 4"))
        path = tmp_path / "agreement.svrecord"
        path.write_bytes(export_agreement(aisha.exchange, zoe.id))
    finally:
        aisha.vault.lock()
    main.refresh_my_supervision()
    outcome = main.exchange.import_path(path)
    assert outcome is not None and outcome.kind == "agreement"
    _icon, text = message(main)
    assert "Version 1 of the supervision agreement from Aisha Rahman" in text
    assert main.main_tabs.currentWidget() is main.my_supervision_tab
    page = main.my_supervision_page
    assert page is not None and page.agreement.state_label.text().startswith("Version 1")
    assert "Room 4" in page.agreement.terms_label.text()
