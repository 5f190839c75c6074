"""A key file that lost its recovery slot: said plainly after unlock, with a new code offered."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from supervision_app.gui.setup import RECOVERY_PAGE, SetupDialog
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE

from .conftest import vault_file_hashes


def lose_recovery_slot(service: VaultService) -> None:
    document = json.loads(service.paths.key_file.read_bytes())
    document["slots"] = [slot for slot in document["slots"] if slot["kind"] != "recovery"]
    service.paths.key_file.write_text(json.dumps(document))


def the_offer(qtbot: QtBot, controller) -> QMessageBox:  # type: ignore[no-untyped-def]
    controller.start(PASSPHRASE)
    box = controller.dialog
    assert isinstance(box, QMessageBox)
    qtbot.waitExposed(box)
    assert "no longer holds a recovery code" in box.text()
    assert controller.main_window is None
    return box


def button(box: QMessageBox, text: str):  # type: ignore[no-untyped-def]
    return next(b for b in box.buttons() if b.text() == text)


def test_a_new_recovery_code_is_offered_and_shown_on_the_setup_page(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService, demo_vault: str) -> None:
    lose_recovery_slot(service)
    controller = make_controller(gui_services)
    box = the_offer(qtbot, controller)
    qtbot.mouseClick(button(box, "Make a new recovery code"), Qt.MouseButton.LeftButton)

    dialog = controller.dialog
    assert isinstance(dialog, SetupDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "New recovery code"
    assert dialog.pages.currentIndex() == RECOVERY_PAGE
    code = dialog.recovery_code
    assert dialog.recovery_code_label.text().replace("\n", "-") == code
    assert not dialog.remember_check.isVisible() and not dialog.cancel_button.isVisible()
    assert controller.vault is not None and not controller.vault.recovery_slot_missing
    assert not dialog.finish_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the code must not be lost
    assert dialog.isVisible() and "new recovery code" in dialog.finish_error_label.text()

    qtbot.mouseClick(dialog.saved_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    assert main.window.statusBar().currentMessage() == "Your new recovery code is saved."

    controller.shutdown()
    service.unlock_with_recovery_code(code).lock()


def test_not_now_opens_the_vault_and_changes_nothing(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService, demo_vault: str) -> None:
    lose_recovery_slot(service)
    before = vault_file_hashes(service.paths)
    controller = make_controller(gui_services)
    box = the_offer(qtbot, controller)
    qtbot.mouseClick(button(box, "Not now"), Qt.MouseButton.LeftButton)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    assert "no recovery code" in main.window.statusBar().currentMessage()
    controller.shutdown()
    assert vault_file_hashes(service.paths)["vault.key"] == before["vault.key"]
