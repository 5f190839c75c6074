"""Unlocking through the dialog: wrong and right passphrases, and the recovery code."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.errors import VaultInUse, WrongPassphrase, WrongRecoveryCode
from supervision_app.gui.change_passphrase import ChangePassphraseDialog
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from supervision_app.gui.unlock import UnlockDialog
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE

from .conftest import DEMO_NAMES, vault_file_hashes

NEW_PASSPHRASE = "copper lantern meadow quartz"


def unlock_dialog(controller) -> UnlockDialog:  # type: ignore[no-untyped-def]
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    return dialog


def test_wrong_passphrase_is_shown_inline_and_changes_no_file(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    paths = gui_services.paths
    before = vault_file_hashes(paths)
    assert {"vault.db", "vault.key", "vault.lock"} <= before.keys()
    controller = make_controller(gui_services)
    controller.start()
    dialog = unlock_dialog(controller)
    qtbot.waitExposed(dialog)
    assert not dialog.error_label.isVisible()

    qtbot.keyClicks(dialog.passphrase_edit, "wrong horse battery")
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)

    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == WrongPassphrase().message
    assert dialog.focusWidget() is dialog.passphrase_edit
    assert dialog.passphrase_edit.selectedText() == "wrong horse battery"
    assert WrongPassphrase().message in dialog.passphrase_edit.accessibleDescription()
    assert controller.vault is None and controller.main_window is None
    assert vault_file_hashes(paths) == before


def test_empty_passphrase_asks_for_one(qtbot: QtBot, make_controller, gui_services: AppServices,
                                       demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = unlock_dialog(controller)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Type your passphrase first."


def test_right_passphrase_opens_the_main_window_with_people_and_sessions(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService,
        demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = unlock_dialog(controller)
    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)

    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    assert not dialog.isVisible()
    assert main.window.windowTitle() == "Supervision"
    assert main.auto_lock_label.text() == "Auto-lock after 10 minutes without activity."
    model = main.supervising.people_model
    assert model is not None
    shown = [model.index(row).data() for row in range(model.rowCount())]
    assert shown[0] == "Aisha Rahman (you)"
    assert sorted(shown[1:]) == sorted(DEMO_NAMES[1:])

    # Nobody chosen yet: the placeholder.
    assert main.supervising.sessions_stack.currentWidget() is main.supervising.sessions_placeholder_page
    assert "Choose a person" in main.supervising.sessions_placeholder_label.text()

    # Choose Zoë with the keyboard.
    zoe_row = shown.index("Zoë Whitfield")
    main.supervising.people_list.setFocus()
    for _ in range(zoe_row + 1):
        qtbot.keyClick(main.supervising.people_list, Qt.Key.Key_Down)
    person = main.selected_person()
    assert person is not None and person.name == "Zoë Whitfield"
    assert main.supervising.sessions_stack.currentWidget() is main.supervising.sessions_list_page
    assert main.supervising.sessions_heading.text() == "S&essions with Zoë Whitfield"
    sessions = main.supervising.sessions_model
    assert sessions is not None
    vault = controller.vault
    assert vault is not None
    expected = vault.store.list_sessions(person.id)
    assert sessions.rowCount() == len(expected) > 0
    headers = [sessions.headerData(c, Qt.Orientation.Horizontal) for c in range(sessions.columnCount())]
    assert headers == ["Date", "Status", "Mode", "Length", "Location"]
    first = [sessions.index(0, c).data() for c in range(5)]
    assert re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [1-9]\d? [A-Z][a-z]{2} \d{4}, \d\d:\d\d", first[0])
    assert first[1] == expected[0].status.label
    assert first[2] == expected[0].mode.label
    assert first[3] == f"{expected[0].duration_minutes} min"
    assert first[4] == expected[0].location

    # The user's own entry has no sessions: the placeholder says so.
    qtbot.keyClick(main.supervising.people_list, Qt.Key.Key_Home)
    assert main.supervising.sessions_stack.currentWidget() is main.supervising.sessions_placeholder_page
    assert main.supervising.sessions_placeholder_label.text() == "You have no sessions recorded yet."

    # Enter on a session row is the hook a session editor will use.
    qtbot.keyClick(main.supervising.people_list, Qt.Key.Key_End)
    table = main.supervising.sessions_table
    table.setCurrentIndex(table.model().index(0, 0))
    with qtbot.waitSignal(main.supervising.session_activated) as activated:
        table.activated.emit(table.currentIndex())
    assert activated.args[0].supervisee_id == main.selected_person().id


def test_environment_errors_show_inline(qtbot: QtBot, make_controller, gui_services: AppServices,
                                        service: VaultService, demo_vault: str) -> None:
    elsewhere = service.unlock_with_passphrase(PASSPHRASE)  # "another window" holds the vault
    try:
        controller = make_controller(gui_services)
        controller.start()
        dialog = unlock_dialog(controller)
        qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
        assert dialog.error_label.text() == VaultInUse().message
        assert dialog.focusWidget() is dialog.passphrase_edit
    finally:
        elsewhere.lock()


def test_missing_key_file_is_reported_before_typing(qtbot: QtBot, make_controller,
                                                    gui_services: AppServices, demo_vault: str) -> None:
    gui_services.paths.key_file.unlink()
    controller = make_controller(gui_services)
    controller.start()
    dialog = unlock_dialog(controller)
    assert "key file is missing" in dialog.error_label.text()


def test_recovery_code_unlock_forces_a_new_passphrase(
        qtbot: QtBot, make_controller, gui_services: AppServices, service: VaultService,
        demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = unlock_dialog(controller)
    qtbot.keyClick(dialog.use_recovery_check, Qt.Key.Key_Space)
    assert dialog.credential_stack.currentWidget() is dialog.recovery_edit.parentWidget()
    assert dialog.focusWidget() is dialog.recovery_edit

    qtbot.keyClicks(dialog.recovery_edit, "ABCD-EFGH")
    qtbot.keyClick(dialog.recovery_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == WrongRecoveryCode().message

    dialog.recovery_edit.clear()
    # Typed as a person might: lower case, spaces instead of dashes.
    qtbot.keyClicks(dialog.recovery_edit, demo_vault.lower().replace("-", " "))
    qtbot.keyClick(dialog.recovery_edit, Qt.Key.Key_Return)

    change = controller.dialog
    assert isinstance(change, ChangePassphraseDialog)
    assert controller.main_window is None
    assert not change.cancel_button.isVisible()
    assert not change.save_button.isEnabled()
    qtbot.keyClicks(change.fields.new_edit, NEW_PASSPHRASE)
    qtbot.keyClicks(change.fields.confirm_edit, NEW_PASSPHRASE)
    assert change.save_button.isEnabled()
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)

    main = controller.main_window
    assert isinstance(main, MainWindow)
    assert main.window.statusBar().currentMessage() == "Your new passphrase is saved."
    controller.lock()
    with pytest.raises(WrongPassphrase):
        service.unlock_with_passphrase(PASSPHRASE)
    service.unlock_with_passphrase(NEW_PASSPHRASE).lock()
    service.unlock_with_recovery_code(demo_vault).lock()  # the recovery code still works


def test_leaving_the_forced_passphrase_dialog_locks_again(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = unlock_dialog(controller)
    qtbot.keyClick(dialog.use_recovery_check, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.recovery_edit, demo_vault)
    qtbot.keyClick(dialog.recovery_edit, Qt.Key.Key_Return)
    change = controller.dialog
    assert isinstance(change, ChangePassphraseDialog)
    vault = controller.vault
    assert vault is not None
    qtbot.keyClick(change, Qt.Key.Key_Escape)
    assert not vault.is_open
    assert controller.vault is None
    again = unlock_dialog(controller)
    assert "new passphrase is needed" in again.intro_label.text()


def test_quit_button_asks_to_quit(qtbot: QtBot, make_controller, gui_services: AppServices,
                                  demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start()
    dialog = unlock_dialog(controller)
    with qtbot.waitSignal(controller.quit_requested):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())
