"""First-run setup, driven through the dialog as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from supervision_app.gui.setup import PASSPHRASE_PAGE, RECOVERY_PAGE, SetupDialog
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.gui.leaving import leave

from .conftest import FakePrinter


def test_first_run_setup_creates_the_vault_and_opens_the_main_window(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, SetupDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Set up Supervision"

    # "Setting up takes two steps", and the steps are counted as two: the welcome is not one.
    assert "two steps" in dialog.find(QLabel, "welcomeNextLabel").text()
    assert dialog.step_label.text() == "Welcome"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == PASSPHRASE_PAGE
    assert dialog.step_label.text() == "Step 1 of 2"
    fields = dialog.fields
    assert dialog.focusWidget() is fields.new_edit

    # A weak passphrase: Next stays disabled and the advice says why.
    qtbot.keyClicks(fields.new_edit, "password1")
    qtbot.keyClicks(fields.confirm_edit, "password1")
    assert not dialog.next_button.isEnabled()
    assert fields.strength_bar.value() <= 1
    assert fields.strength_label.text() in ("Very weak", "Weak")
    assert "10 characters" in fields.advice_label.text()
    assert fields.advice_label.isVisible()
    qtbot.keyClick(fields.confirm_edit, Qt.Key.Key_Return)  # Enter does nothing yet
    assert not service.exists()

    # A strong one that does not match yet.
    fields.new_edit.clear()
    fields.confirm_edit.clear()
    qtbot.keyClicks(fields.new_edit, PASSPHRASE)
    assert fields.strength_bar.value() >= 3
    assert fields.advice_label.text() == "That passphrase is strong enough."
    qtbot.keyClicks(fields.confirm_edit, PASSPHRASE[:-1])
    assert fields.match_label.text() == ""  # still typing: no error yet
    leave(fields.confirm_edit)
    assert fields.match_label.text() == "The two passphrases are different."
    assert not dialog.next_button.isEnabled()
    qtbot.keyClicks(fields.confirm_edit, PASSPHRASE[-1])
    assert fields.match_label.text() == "The two passphrases match."
    assert dialog.next_button.isEnabled()

    # Show passphrase reveals both fields.
    qtbot.keyClick(fields.show_check, Qt.Key.Key_Space)
    assert fields.new_edit.echoMode() == fields.new_edit.EchoMode.Normal
    assert fields.confirm_edit.echoMode() == fields.confirm_edit.EchoMode.Normal

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert service.exists()
    assert dialog.pages.currentIndex() == RECOVERY_PAGE
    assert dialog.step_label.text() == "Step 2 of 2"
    assert fields.new_edit.text() == "" and fields.confirm_edit.text() == ""
    shown_code = dialog.recovery_code_label.text().replace("\n", "-")
    assert shown_code == dialog.recovery_code
    assert len(shown_code) == 39
    assert not dialog.finish_button.isEnabled()
    assert not dialog.back_button.isVisible() and not dialog.cancel_button.isVisible()

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == shown_code
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    printer = gui_services.printer
    assert isinstance(printer, FakePrinter) and printer.printed == [shown_code]

    # Escape on this page must not lose the recovery code.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert controller.dialog is dialog

    # Someone to show in the main window (adding people is a later feature).
    assert dialog.vault is not None
    dialog.vault.store.add_person(NewPerson("Priya Natarajan", PersonRole.SUPERVISEE))

    qtbot.keyClick(dialog.saved_check, Qt.Key.Key_Space)
    assert dialog.saved_check.isChecked()
    assert dialog.finish_button.isEnabled()
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    assert not dialog.isVisible()
    assert main.supervising.people_model is not None
    assert [main.supervising.people_model.index(r).data() for r in range(main.supervising.people_model.rowCount())] == [
        "Priya Natarajan"]
    assert QApplication.clipboard().text() == ""  # the copied code was cleared

    # The code that was shown is the one that unlocks.
    controller.lock()
    vault = service.unlock_with_recovery_code(shown_code)
    vault.lock()
    service.unlock_with_passphrase(PASSPHRASE).lock()


def test_cancel_on_the_first_pages_quits_without_a_vault(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, SetupDialog)
    with qtbot.waitSignal(controller.quit_requested):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not service.exists()


def test_setup_tab_order_runs_through_the_embedded_fields(
        qtbot: QtBot, make_controller, gui_services: AppServices) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, SetupDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    fields = dialog.fields
    assert QApplication.focusWidget() is fields.new_edit
    order = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:3] == [fields.confirm_edit, fields.show_check, dialog.cancel_button]
    assert order[3] is dialog.back_button
