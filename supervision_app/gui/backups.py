"""Backups and the activity log in the window: File → Back up now…, File → Activity log, the backup status.

The main window only hosts this (:class:`BackupsUi`): it finds its two actions
in the main window's form, puts the status of the last good backup in the
status bar, and takes automatic backups to the chosen folder after each
sign-off and at least weekly while the app is open. The first-run setup
offers :func:`restore_from_backup`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.audit import AuditAction
from supervision_app.errors import VaultError
from supervision_app.gui import plain
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import child
from supervision_app.gui.services import AppServices
from supervision_app.services.backups import BackupService
from supervision_app.storage import audit
from supervision_app.vault.backup import SUFFIX
from supervision_app.vault.keyfile import PASSPHRASE_SLOT
from supervision_app.vault.restore import MAX_BACKUP_BYTES, restore_backup
from supervision_app.vault.service import OpenVault

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 5 * 60 * 1000

# Asks for a folder: (parent, title) -> the folder, or None if cancelled.
ChooseFolder = Callable[[QWidget, str], Path | None]
# Asks for a backup file: (parent) -> the file, or None if cancelled.
ChooseBackup = Callable[[QWidget], Path | None]
# Asks for the passphrase a backup opens with: (parent) -> it, or None if cancelled.
AskSecret = Callable[[QWidget], str | None]


def choose_folder(parent: QWidget, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(chosen) if chosen else None


def choose_backup(parent: QWidget) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, "Choose a backup to restore", str(Path.home()),
                                                f"Backups (*{SUFFIX});;All files (*)")
    return Path(name) if name else None


def ask_secret(parent: QWidget) -> str | None:
    text, accepted = QInputDialog.getText(parent, "Restore from a backup",
                                          "The passphrase you had when the backup was made:",
                                          QLineEdit.EchoMode.Password)
    return text if accepted and text else None


class BackupsUi(QObject):
    """Everything about backups and the activity log in the main window."""

    def __init__(self, window: QMainWindow, vault: OpenVault, services: AppServices) -> None:
        # No Qt parent: the main window's reference keeps this alive, and a child holding the
        # window would keep the window from being deleted when the vault locks.
        super().__init__()
        self.window, self.vault = window, vault
        self.backups = BackupService(vault, clock=services.clock)
        self.choose_folder: ChooseFolder = choose_folder
        self.last_message: QMessageBox | None = None
        self.status_label = plain.label("", window)
        # The status bar must not widen the window: on a narrow window the words are cut, not the window.
        self.status_label.setMinimumWidth(1)
        window.statusBar().addPermanentWidget(self.status_label)
        child(window, QAction, "actionBackUpNow").triggered.connect(self.back_up_now)
        child(window, QAction, "actionActivityLog").triggered.connect(self.show_activity_log)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        self.timer.start()
        self.show_status()

    def show_status(self, problem: str = "") -> None:
        status = self.backups.status()
        self.status_label.setText(problem or status.sentence)
        self.status_label.setProperty("warning", bool(problem) or status.warn)

    def back_up_now(self) -> None:
        """Back up to the chosen folder, asking for one first if none is set or it is missing."""
        status = self.backups.status()
        if status.folder is None or status.folder_missing:
            folder = self.choose_folder(self.window, "Choose a folder for backups (a USB stick or a network drive)")
            if folder is None:
                return
            self.backups.set_folder(folder)
        try:
            with wait_cursor():
                report = self.backups.back_up()
        except VaultError as error:
            self.show_status(error.message)
            self._tell(QMessageBox.Icon.Warning, "Backup not made", error.message)
            return
        self.show_status()
        self._tell(QMessageBox.Icon.Information, "Backup made",
                   f"The backup was written and checked: {report.path}.",
                   "It opens with your passphrase or recovery code as they are now.")

    def back_up_if_due(self) -> None:
        """The automatic backup: after a sign-off since the last backup, or weekly. Problems go to the status bar."""
        if not self.vault.is_open:
            return
        signed_off = audit.last_seq(self.vault.store, AuditAction.SIGN_OFF) > audit.last_seq(
            self.vault.store, AuditAction.BACKUP)
        try:
            self.backups.back_up_if_due(signed_off=signed_off)
        except VaultError as error:
            log.warning("The automatic backup failed: %s", type(error).__name__)
            self.show_status(error.message)
            return
        self.show_status()

    def show_activity_log(self) -> None:
        broken = audit.verify(self.vault.store)
        lines = [entry.line() for entry in audit.entries(self.vault.store)]
        verdict = broken.sentence if broken else "The log is whole: no entry has been deleted or changed."
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Activity log")
        layout = QVBoxLayout(dialog)
        layout.addWidget(plain.label(verdict, dialog))
        text = QPlainTextEdit(dialog)
        text.setReadOnly(True)
        text.setPlainText("\n".join(lines))
        text.setAccessibleName("Activity log entries")
        text.setMinimumSize(560, 360)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addStretch()
        close = QPushButton("Close", dialog)
        close.clicked.connect(dialog.accept)
        row.addWidget(close)
        layout.addLayout(row)
        dialog.open()
        self.activity_dialog = dialog

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        box = plain.message_box(icon, title, text, self.window, details=details,
                                buttons=QMessageBox.StandardButton.Ok)
        self.last_message = box
        box.open()


def restore_from_backup(parent: QWidget, services: AppServices, *, choose: ChooseBackup = choose_backup,
                        secret: AskSecret = ask_secret) -> tuple[OpenVault | None, str]:
    """First-run setup's "Restore from a backup…": the restored vault, or ``None`` and why (one sentence)."""
    path = choose(parent)
    if path is None:
        return None, ""
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            return None, "That file is larger than any backup this app makes."
        data = path.read_bytes()
    except OSError as error:
        return None, f"The file could not be read ({(error.strerror or 'error').lower()})."
    passphrase = secret(parent)
    if passphrase is None:
        return None, ""
    try:
        with wait_cursor():
            restored = restore_backup(services.vault_service, data, passphrase, slot=PASSPHRASE_SLOT)
    except VaultError as error:
        return None, error.message
    return restored.vault, ""
