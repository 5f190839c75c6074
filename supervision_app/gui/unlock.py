"""The unlock dialog: passphrase, or the recovery code, and whether to remember the key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QStackedWidget, QWidget

from supervision_app.errors import VaultError
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import FormDialog
from supervision_app.gui.services import AppServices
from supervision_app.vault.keyring_cache import KeyringStatus

CHECKING_KEYRING = "Checking whether this computer has a keyring the app can use…"


def keyring_explanation(status: KeyringStatus) -> str:
    """What remembering the key would do here, or why it cannot."""
    if status.usable:
        return (f"{status.explanation} The app will then open on this computer without asking "
                "for the passphrase, as long as you are logged in.")
    return f"{status.explanation} You will type your passphrase each time."


class UnlockDialog(FormDialog):
    """Emits ``unlocked(vault, remember)``; ``remember`` is ``None`` when there was no choice.

    ``after_first_paint`` is called once the dialog has painted and asked for the keyring, and
    ``before_unlock`` as Unlock is pressed, before the vault is opened (the controller starts and
    finishes loading modules there, see :mod:`~supervision_app.gui.warm_up`).
    """

    unlocked = Signal(object, object)

    def __init__(self, services: AppServices, *, error: str | None = None,
                 notice: str | None = None, after_first_paint: Callable[[], None] | None = None,
                 before_unlock: Callable[[], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__("unlock", parent)
        self._services = services
        self._after_first_paint = after_first_paint
        self._before_unlock = before_unlock
        self._painted = False
        self.credential_stack = self.find(QStackedWidget, "credentialStack")
        self.passphrase_edit = self.find(QLineEdit, "passphraseEdit")
        self.show_check = self.find(QCheckBox, "showPassphraseCheck")
        self.recovery_edit = self.find(QLineEdit, "recoveryCodeEdit")
        self.use_recovery_check = self.find(QCheckBox, "useRecoveryCheck")
        self.remember_check = self.find(QCheckBox, "rememberCheck")
        self.keyring_label = self.find(QLabel, "keyringLabel")
        self.error_label = self.find(QLabel, "errorLabel")
        self.intro_label = self.find(QLabel, "introLabel")
        self.unlock_button = self.find(QPushButton, "unlockButton")
        self.quit_button = self.find(QPushButton, "quitButton")

        # Asking the system for its keyring loads the keyring library and may take a moment
        # (D-Bus), so the dialog paints first and says so meanwhile.
        self._keyring_shown = False
        if services.key_cache.looked_up:
            self._show_keyring()
        else:
            self.remember_check.setEnabled(False)
            self.keyring_label.setText(CHECKING_KEYRING)
        if notice:
            self.intro_label.setText(f"{notice} Enter your passphrase to open it again.")

        self.show_check.toggled.connect(self._show_passphrase)
        self.use_recovery_check.toggled.connect(self._use_recovery)
        self.unlock_button.clicked.connect(self._unlock)
        self.quit_button.clicked.connect(self.reject)
        self.passphrase_edit.setFocus()
        if error:
            show_error(self.error_label, error, self.passphrase_edit)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._first_painted)

    def _first_painted(self) -> None:
        self._show_keyring()
        if self._after_first_paint is not None:
            self._after_first_paint()

    def _show_keyring(self) -> None:
        if self._keyring_shown:
            return
        self._keyring_shown = True
        status = self._services.key_cache.status()
        self.remember_check.setEnabled(status.usable)
        self.remember_check.setChecked(status.usable and self._services.settings.load().remember_key)
        self.keyring_label.setText(keyring_explanation(status))
        self.remember_check.setAccessibleDescription(self.keyring_label.text())

    def current_field(self) -> QLineEdit:
        return self.recovery_edit if self.use_recovery_check.isChecked() else self.passphrase_edit

    def _show_passphrase(self, shown: bool) -> None:
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    def _use_recovery(self, recovery: bool) -> None:
        self.credential_stack.setCurrentIndex(1 if recovery else 0)
        clear_error(self.error_label, self.passphrase_edit)
        clear_error(self.error_label, self.recovery_edit)
        self.current_field().setFocus()

    def _unlock(self) -> None:
        field = self.current_field()
        recovery = field is self.recovery_edit
        secret = field.text()
        if not secret.strip():
            show_error(self.error_label,
                       "Type your recovery code first." if recovery else "Type your passphrase first.", field)
            return
        self._show_keyring()  # known by now; this is in case Unlock came before the first paint
        service = self._services.vault_service
        try:
            with wait_cursor():
                if self._before_unlock is not None:
                    self._before_unlock()
                vault = (service.unlock_with_recovery_code(secret) if recovery
                         else service.unlock_with_passphrase(secret))
        except VaultError as error:
            show_error(self.error_label, error.message, field)
            return
        self.passphrase_edit.clear()
        self.recovery_edit.clear()
        remember = self.remember_check.isChecked() if self.remember_check.isEnabled() else None
        self.unlocked.emit(vault, remember)
