"""Remembering the key in a trusted keyring, and refusing untrusted ones."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.setup import RECOVERY_PAGE, SetupDialog
from supervision_app.gui.unlock import UnlockDialog
from supervision_app.vault.keyring_cache import SERVICE_NAME
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE

from .conftest import make_services


def test_trusted_keyring_remembers_and_the_next_start_skips_the_dialog(
        qtbot: QtBot, make_controller, service: VaultService, demo_vault: str, trusted_keyring) -> None:
    first = make_controller(make_services(service, trusted_keyring))
    first.start()
    dialog = first.dialog
    assert isinstance(dialog, UnlockDialog)
    assert dialog.remember_check.isEnabled()
    assert not dialog.remember_check.isChecked()
    assert "Secret Service" in dialog.keyring_label.text()
    qtbot.keyClick(dialog.remember_check, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    vault = first.vault
    assert vault is not None
    assert (SERVICE_NAME, vault.vault_id) in trusted_keyring.secrets
    main = first.main_window
    assert isinstance(main, MainWindow)
    assert main.vault_menu.action_remember_key.isEnabled() and main.vault_menu.action_remember_key.isChecked()
    with qtbot.waitSignal(first.quit_requested):
        first.quit()

    services = make_services(service, trusted_keyring)
    assert services.settings.load().remember_key
    second = make_controller(services)
    second.start()
    assert second.dialog is None
    assert isinstance(second.main_window, MainWindow)
    assert second.vault is not None and second.vault.unlocked_with == "keyring"

    # Unticking the menu item forgets the key.
    second.main_window.vault_menu.action_remember_key.trigger()
    assert trusted_keyring.secrets == {}
    assert not services.settings.load().remember_key
    assert "no longer remembered" in second.main_window.window.statusBar().currentMessage()


def test_locking_asks_for_the_passphrase_even_with_a_remembered_key(
        qtbot: QtBot, make_controller, service: VaultService, demo_vault: str, trusted_keyring) -> None:
    services = make_services(service, trusted_keyring)
    controller = make_controller(services)
    controller.start(PASSPHRASE)
    controller.main_window.vault_menu.action_remember_key.trigger()
    assert trusted_keyring.secrets
    controller.lock()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    assert dialog.remember_check.isChecked()


@pytest.mark.parametrize("backend", [fail.Keyring(), PlaintextKeyring()], ids=["fail", "plaintext"])
def test_untrusted_keyrings_disable_the_choice_and_say_why(
        qtbot: QtBot, make_controller, service: VaultService, demo_vault: str,
        backend: KeyringBackend) -> None:
    services = make_services(service, backend)
    explanation = services.key_cache.status().explanation
    assert not services.key_cache.status().usable
    controller = make_controller(services)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitExposed(dialog)
    assert not dialog.remember_check.isEnabled()
    assert dialog.keyring_label.isVisible()
    assert explanation in dialog.keyring_label.text()

    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    assert not main.vault_menu.action_remember_key.isEnabled()
    assert main.vault_menu.action_remember_key.statusTip() == explanation


@pytest.mark.parametrize("trusted", [True, False], ids=["trusted", "untrusted"])
def test_setup_offers_remembering_only_with_a_trusted_keyring(
        qtbot: QtBot, make_controller, service: VaultService, trusted_keyring, trusted: bool) -> None:
    services = make_services(service, trusted_keyring if trusted else fail.Keyring())
    controller = make_controller(services)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, SetupDialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.fields.new_edit, PASSPHRASE)
    qtbot.keyClicks(dialog.fields.confirm_edit, PASSPHRASE)
    qtbot.keyClick(dialog.fields.confirm_edit, Qt.Key.Key_Return)  # Enter means Next
    assert dialog.pages.currentIndex() == RECOVERY_PAGE
    assert dialog.remember_check.isEnabled() is trusted
    assert services.key_cache.status().explanation in dialog.keyring_label.text()
    assert dialog.keyring_label.isVisible()
    if trusted:
        qtbot.keyClick(dialog.remember_check, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.saved_check, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.finish_button, Qt.Key.Key_Space)
    vault = controller.vault
    assert vault is not None
    assert bool(trusted_keyring.secrets) is trusted
    assert services.settings.load().remember_key is trusted
