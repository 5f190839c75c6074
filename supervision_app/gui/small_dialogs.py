"""The About box and the auto-lock setting."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QWidget

from supervision_app import __version__
from supervision_app.gui.forms import FormDialog
from supervision_app.paths import VaultPaths
from supervision_app.vault.keyring_cache import KeyringStatus


class AboutDialog(FormDialog):
    def __init__(self, paths: VaultPaths, keyring: KeyringStatus, parent: QWidget | None = None) -> None:
        super().__init__("about", parent)
        self.find(QLabel, "versionLabel").setText(f"Version {__version__}")
        self.find(QLabel, "dataFolderLabel").setText(str(paths.data_dir))
        self.find(QLabel, "keyringLabel").setText(keyring.explanation)
        self.find(QPushButton, "closeButton").clicked.connect(self.accept)


class AutoLockDialog(FormDialog):
    """Asks for the minutes without activity before the vault locks."""

    def __init__(self, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__("auto_lock", parent)
        self.minutes_spin = self.find(QSpinBox, "minutesSpin")
        self.minutes_spin.setValue(minutes)
        self.find(QPushButton, "saveButton").clicked.connect(self.accept)
        self.find(QPushButton, "cancelButton").clicked.connect(self.reject)
        self.minutes_spin.setFocus()
        self.minutes_spin.selectAll()

    def minutes(self) -> int:
        return self.minutes_spin.value()
