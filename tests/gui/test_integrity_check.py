"""The weekly whole-file check runs once the main window is up, and says what it found."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.domain.audit import AuditAction
from supervision_app.gui.integrity import INTACT
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from supervision_app.storage import audit
from supervision_app.vault.service import FULL_CHECK_KEY, OpenVault, VaultService
from tests.conftest import PASSPHRASE


def checks_logged(vault: OpenVault) -> int:
    return sum(entry.action == AuditAction.INTEGRITY_CHECK.value for entry in audit.entries(vault.store))


def test_a_check_older_than_a_week_runs_after_the_window_paints(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService,  # type: ignore[no-untyped-def]
        demo_vault: str) -> None:
    vault = service.unlock_with_passphrase(PASSPHRASE)
    vault.store.set_meta(FULL_CHECK_KEY, "2020-01-01T00:00:00")
    vault.lock()
    controller = make_controller(gui_services)
    controller.start(PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    assert main.window.statusBar().currentMessage() != INTACT  # not before the window is up
    qtbot.waitUntil(lambda: main.window.statusBar().currentMessage() == INTACT, timeout=10_000)
    assert QApplication.overrideCursor() is None
    opened = controller.vault
    assert opened is not None and checks_logged(opened) == 1
    assert not opened.full_check_due(datetime.now())


def test_a_recent_check_is_not_repeated(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller(gui_services)
    controller.start(PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.wait(2500)
    assert main.window.statusBar().currentMessage() != INTACT
    assert controller.vault is not None and checks_logged(controller.vault) == 0
