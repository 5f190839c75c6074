"""Choosing a new passphrase for an open vault (also forced after a recovery-code unlock)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from supervision_app.errors import VaultError
from supervision_app.gui.accessibility import clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import FormDialog, set_tab_order
from supervision_app.gui.passphrase_fields import NewPassphraseFields
from supervision_app.vault.service import OpenVault

FORCED_INTRO = ("You opened the vault with your recovery code. Choose a new passphrase now; "
                "your recovery code stays the same and still works.")


class ChangePassphraseDialog(FormDialog):
    """Accepted once the key file holds the new passphrase.

    ``forced`` (after a recovery-code unlock) hides Cancel; closing the dialog
    then means the caller should lock the vault again.
    """

    def __init__(self, vault: OpenVault, *, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("change_passphrase", parent)
        self._vault = vault
        self.fields = NewPassphraseFields(self.find(QWidget, "passphraseFieldsHost"))
        self.error_label = self.find(QLabel, "errorLabel")
        self.save_button = self.find(QPushButton, "saveButton")
        self.cancel_button = self.find(QPushButton, "cancelButton")
        if forced:
            self.find(QLabel, "introLabel").setText(FORCED_INTRO)
            self.cancel_button.hide()
        set_tab_order([*self.fields.focus_chain, self.save_button, self.cancel_button])
        self.save_button.setEnabled(False)
        self.fields.acceptable_changed.connect(self.save_button.setEnabled)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        self.fields.first_field.setFocus()

    def _save(self) -> None:
        if not self.fields.is_acceptable():
            return
        clear_error(self.error_label)
        try:
            with wait_cursor():
                self._vault.change_passphrase(self.fields.passphrase())
        except VaultError as error:
            show_error(self.error_label, error.message, self.fields.first_field)
            return
        self.accept()

    def done(self, result: int) -> None:
        # However the dialog ends, no passphrase stays behind in its fields.
        self.fields.clear()
        super().done(result)
