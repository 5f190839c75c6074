"""Keyboard alone on the supervisee's side: My supervision, pairing with a supervisor, countersigning."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import PersonRole
from supervision_app.gui.exchange.pairing_dialog import PairingDialog
from tests.gui.exchange.test_pairing_dialog import files_at
from tests.gui.keyboard import check_focus_chain, dead_mnemonics, mnemonic_clashes

from .conftest import World


def check_window(window: QWidget, start: QWidget | None = None) -> None:
    QApplication.processEvents()
    check_focus_chain(window, start)
    assert mnemonic_clashes(window) == []
    assert dead_mnemonics(window) == []


def test_my_supervision_before_pairing(qtbot: QtBot, world: World) -> None:
    page = world.page(qtbot)
    page.show()
    qtbot.waitExposed(page)
    check_window(page)


def test_my_supervision_with_a_record_and_countersigning(qtbot: QtBot, world: World) -> None:
    world.pair()
    world.send_record()
    world.clock.now = datetime(2026, 12, 2, 9, 0)
    page = world.page(qtbot)
    page.show()
    page.refresh()
    qtbot.waitExposed(page)
    check_window(page)
    dialog = page.open_record()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    check_window(dialog)


def test_pairing_with_a_supervisor(qtbot: QtBot, world: World) -> None:
    dialog = PairingDialog(world.zoe_app.exchange, files_at(), their_role=PersonRole.SUPERVISOR,
                           today=date(2026, 11, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    check_window(dialog)
