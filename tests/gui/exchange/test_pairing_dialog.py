"""Two installs pair through two real pairing dialogs: one by file, one by a code read out."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.model import PersonRole
from supervision_app.exchange.pairing import PairingCard, card_to_code, card_to_file
from supervision_app.gui.exchange.files import ExchangeFiles
from supervision_app.gui.exchange.pairing_dialog import PairingDialog
from supervision_app.paths import resources_dir
from supervision_app.services.my_supervision import Use
from supervision_app.services.people import add_supervisor
from supervision_app.services.signing import new_signing_identity
from tests.exchange.installs import open_install, two_installs

NOW = datetime(2026, 11, 20, 17, 30)


def files_at(save: Path | None = None, open_: Path | None = None) -> ExchangeFiles:
    return ExchangeFiles(save_path=lambda _p, _t, _n, _f: save, open_path=lambda _p, _t, _f: open_)


def test_pair_by_file_and_by_code(qtbot: QtBot, tmp_path: Path) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, _clock):
        # Zoë, pairing with her supervisor, saves her pairing file for Aisha.
        zoe_card_file = tmp_path / "zoe.svpair"
        zoes = PairingDialog(zoe_app.exchange, files_at(save=zoe_card_file), their_role=PersonRole.SUPERVISOR,
                             today=date(2026, 11, 20))
        qtbot.addWidget(zoes)
        assert zoes.windowTitle() == "Pair with your supervisor – Supervision"
        assert zoes.my_fingerprint_value.text().replace("\n", " ") == zoe_app.exchange.identity().fingerprint
        assert len(zoes.my_fingerprint_value.text().split()) == 16
        qtbot.mouseClick(zoes.save_card_button, Qt.MouseButton.LeftButton)
        assert zoe_card_file.exists()
        assert "zoe.svpair" in zoes.saved_label.text()

        # Aisha opens it in her dialog for Zoë: the Pair button waits for the fingerprint check.
        aishas = PairingDialog(aisha.exchange, files_at(open_=zoe_card_file), their_role=PersonRole.SUPERVISEE,
                               person=zoe)
        qtbot.addWidget(aishas)
        assert aishas.windowTitle() == "Pair with Zoë Whitfield – Supervision"
        assert not aishas.pair_button.isEnabled() and not aishas.match_check.isEnabled()
        qtbot.mouseClick(aishas.open_card_button, Qt.MouseButton.LeftButton)
        assert aishas.their_fingerprint_value.text() == zoes.my_fingerprint_value.text()
        assert not aishas.their_fingerprint_host.isHidden()
        assert not aishas.pair_button.isEnabled()
        aishas.match_check.setChecked(True)
        assert aishas.pair_button.isEnabled()
        qtbot.mouseClick(aishas.pair_button, Qt.MouseButton.LeftButton)
        assert aishas.result() == PairingDialog.DialogCode.Accepted
        pin = aisha.exchange.pairing_of(zoe.id)
        assert pin is not None and pin.fingerprint == zoe_app.exchange.identity().fingerprint

        # Aisha reads her code out; Zoë types it, first wrongly.
        code = aishas.my_code
        assert aishas.my_code_value.text().replace("\n", "") == code
        assert code == card_to_code(aisha.exchange.my_card(PersonRole.SUPERVISOR))
        qtbot.mouseClick(aishas.copy_code_button, Qt.MouseButton.LeftButton)
        assert QApplication.clipboard().text() == code
        # One misheard character in the middle (the last one also carries two spare bits).
        wrong = code[:10] + ("7" if code[10] != "7" else "8") + code[11:]
        zoes.code_edit.setText(wrong)
        qtbot.mouseClick(zoes.use_code_button, Qt.MouseButton.LeftButton)
        assert zoes.card_error_label.text() == ("That pairing code is not right; check each character and "
                                               "type it again.")
        assert not zoes.card_error_label.isHidden()
        assert zoes.card is None and not zoes.pair_button.isEnabled()
        assert zoe_app.store.pairings() == []

        zoes.code_edit.setText(code.lower().replace("-", " "))
        qtbot.mouseClick(zoes.use_code_button, Qt.MouseButton.LeftButton)
        assert zoes.card_error_label.isHidden()
        assert zoes.their_fingerprint_value.text().replace("\n", " ") == aisha.exchange.identity().fingerprint
        assert not zoes.name_host.isHidden()
        zoes.match_check.setChecked(True)
        assert not zoes.pair_button.isEnabled()  # a code carries no name: she types it
        zoes.name_edit.setText("Aisha Rahman")
        assert zoes.pair_button.isEnabled()
        qtbot.mouseClick(zoes.pair_button, Qt.MouseButton.LeftButton)
        assert zoes.paired is not None
        supervisor, pairing = zoes.paired
        assert supervisor.name == "Aisha Rahman" and supervisor.role is PersonRole.SUPERVISOR
        assert pairing.fingerprint == aisha.exchange.identity().fingerprint


def test_a_card_from_the_wrong_side_and_a_new_key(qtbot: QtBot, tmp_path: Path) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        # Aisha's own supervisor card is not a supervisee's: one sentence, nothing pinned.
        wrong_file = tmp_path / "aisha.svpair"
        wrong_file.write_bytes(card_to_file(zoe_app.exchange.my_card(PersonRole.SUPERVISOR)))
        dialog = PairingDialog(aisha.exchange, files_at(open_=wrong_file), their_role=PersonRole.SUPERVISEE,
                               person=zoe)
        qtbot.addWidget(dialog)
        dialog.open_card()
        assert dialog.card_error_label.text().startswith("This card is from a supervisor, but Zoë Whitfield")
        assert dialog.card is None and not dialog.match_check.isEnabled()
        assert aisha.store.pairings() == []

        # A damaged file: one sentence.
        damaged = tmp_path / "damaged.svpair"
        damaged.write_bytes(b"not a card")
        dialog._files = files_at(open_=damaged)
        dialog.open_card()
        assert dialog.card_error_label.text() == "The file is not a pairing file, or it is damaged."

        # Paired once; a different key asks first, and is kept only if the user agrees.
        aisha.exchange.pair(zoe_app.exchange.my_card(PersonRole.SUPERVISEE), person_id=zoe.id)
        old = aisha.exchange.pairing_of(zoe.id)
        assert old is not None
        # Zoë sets the app up again on a new computer: a new key.
        new_install = open_install(tmp_path / "zoe-new", "Zoë Whitfield", frozenset({Use.SUPERVISED}), clock,
                                   load_content(resources_dir()))
        other = tmp_path / "other.svpair"
        other.write_bytes(card_to_file(new_install.exchange.my_card(PersonRole.SUPERVISEE)))
        answers: list[str] = []
        dialog = PairingDialog(aisha.exchange, files_at(open_=other), their_role=PersonRole.SUPERVISEE,
                               person=zoe, confirm=lambda _p, question, _d, _y: answers.append(question) or False)
        qtbot.addWidget(dialog)
        dialog.open_card()
        dialog.match_check.setChecked(True)
        dialog.pair()
        assert answers == ["Replace Zoë Whitfield's key?"]
        assert dialog.paired is None and aisha.exchange.pairing_of(zoe.id).fingerprint == old.fingerprint
        dialog._confirm = lambda *_args: True
        dialog.pair()
        assert dialog.paired is not None
        new_fingerprint = aisha.exchange.pairing_of(zoe.id).fingerprint
        assert new_fingerprint != old.fingerprint

        # Zoë has two supervisors, so her app opens the dialog without choosing one; the card's name finds
        # Aisha, already paired, so her new key needs the same question, and no second Aisha is added.
        zoe_app.exchange.pair(aisha.exchange.my_card(PersonRole.SUPERVISOR))
        add_supervisor(zoe_app.store, "Grace Mensah")
        aisha_key = new_signing_identity("Aisha Rahman", "Team Manager")
        aisha_new = tmp_path / "aisha-new.svpair"
        aisha_new.write_bytes(card_to_file(PairingCard(PersonRole.SUPERVISOR, aisha_key.public_key_der,
                                                       "Aisha Rahman", aisha_key.certificate_der)))
        answers.clear()
        people_before = zoe_app.store.list_people()
        dialog = PairingDialog(zoe_app.exchange, files_at(open_=aisha_new), their_role=PersonRole.SUPERVISOR,
                               confirm=lambda _p, question, _d, _y: answers.append(question) or False)
        qtbot.addWidget(dialog)
        dialog.open_card()
        assert dialog.name_edit.text() == "Aisha Rahman"
        dialog.match_check.setChecked(True)
        dialog.pair()
        assert answers == ["Replace Aisha Rahman's key?"] and dialog.paired is None
        assert dialog.error_label.text() == ""
        assert zoe_app.store.list_people() == people_before
        dialog._confirm = lambda *_args: True
        dialog.pair()
        assert dialog.paired is not None and dialog.paired[0].name == "Aisha Rahman"
        assert zoe_app.store.list_people() == people_before
        assert zoe_app.exchange.pairing_of(dialog.paired[0].id).fingerprint == aisha_key.fingerprint
        new_install.vault.lock()
