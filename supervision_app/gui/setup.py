"""First-run setup: welcome, choose a passphrase (the vault is made here), keep the recovery code.

The recovery page also shows a new recovery code made later for an open vault
(:meth:`SetupDialog.show_new_recovery_code`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QStackedWidget, QWidget

from supervision_app.errors import VaultError
from supervision_app.gui.accessibility import announce, clear_error, show_error
from supervision_app.gui.backups import AskSecret, ChooseBackup, ask_secret, choose_backup, restore_from_backup
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.forms import FormDialog, set_tab_order
from supervision_app.gui.passphrase_fields import NewPassphraseFields
from supervision_app.gui.printing import code_lines
from supervision_app.gui.services import AppServices
from supervision_app.gui.unlock import keyring_explanation
from supervision_app.vault.service import OpenVault

WELCOME_PAGE, PASSPHRASE_PAGE, RECOVERY_PAGE = range(3)


class SetupDialog(FormDialog):
    """Emits ``completed(vault, remember)`` once the recovery code is safe.

    ``remember`` is ``None`` when no trusted keyring offered the choice.
    """

    completed = Signal(object, object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__("setup", parent)
        self._services = services
        self._vault: OpenVault | None = None
        self._recovery_code = ""
        self._leave_refused = "Your vault is ready. Keep your recovery code safe, tick the box, then choose Finish."
        self.pages = self.find(QStackedWidget, "setupPages")
        self.fields = NewPassphraseFields(self.find(QWidget, "passphraseFieldsHost"))
        self.create_error_label = self.find(QLabel, "createErrorLabel")
        self.recovery_code_label = self.find(QLabel, "recoveryCodeLabel")
        self.copy_button = self.find(QPushButton, "copyButton")
        self.print_button = self.find(QPushButton, "printButton")
        self.copy_status_label = self.find(QLabel, "copyStatusLabel")
        self.saved_check = self.find(QCheckBox, "savedCheck")
        self.remember_check = self.find(QCheckBox, "rememberCheck")
        self.keyring_label = self.find(QLabel, "keyringLabel")
        self.finish_error_label = self.find(QLabel, "finishErrorLabel")
        self.step_label = self.find(QLabel, "stepLabel")
        self.back_button = self.find(QPushButton, "backButton")
        self.next_button = self.find(QPushButton, "nextButton")
        self.finish_button = self.find(QPushButton, "finishButton")
        self.cancel_button = self.find(QPushButton, "cancelButton")
        self.restore_button = self.find(QPushButton, "restoreButton")
        self.restore_error_label = self.find(QLabel, "restoreErrorLabel")
        # Asks for the backup file and the passphrase it opens with; tests answer for the user.
        self.choose_backup: ChooseBackup = choose_backup
        self.ask_backup_secret: AskSecret = ask_secret

        # A large fixed-width font, so the groups line up and each character
        # is clear. Set as a style sheet: the app's style sheet sets every
        # widget's font size, which would override setFont().
        code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        code_font.setPointSize(20)
        code_font.setBold(True)
        self.recovery_code_label.setFont(code_font)
        self.recovery_code_label.setStyleSheet(
            f'font-family: "{code_font.family()}"; font-size: 20pt; font-weight: bold;'
            "background-color: palette(base); border: 1px solid palette(dark); border-radius: 4px; padding: 10px;")
        # Room for both lines of the code, whatever the page's layout offers.
        self.recovery_code_label.setMinimumHeight(QFontMetrics(code_font).lineSpacing() * 2 + 28)

        status = services.key_cache.status()
        self.remember_check.setEnabled(status.usable)
        self.keyring_label.setText(keyring_explanation(status))
        self.remember_check.setAccessibleDescription(self.keyring_label.text())

        # The passphrase fields come from their own form, so place them in the
        # tab order here (a form's tab stops cannot name another form's widgets).
        set_tab_order([*self.fields.focus_chain, self.recovery_code_label, self.copy_button,
                       self.print_button, self.saved_check, self.remember_check, self.restore_button,
                       self.cancel_button,
                       self.back_button, self.next_button, self.finish_button])

        self.fields.acceptable_changed.connect(self._update_buttons)
        self.saved_check.toggled.connect(self._update_buttons)
        self.back_button.clicked.connect(lambda: self._go(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(self._next)
        self.finish_button.clicked.connect(self._finish)
        self.cancel_button.clicked.connect(self.reject)
        self.copy_button.clicked.connect(self._copy)
        self.print_button.clicked.connect(self._print)
        self.restore_button.clicked.connect(self._restore)
        self._go(WELCOME_PAGE)

    @property
    def vault(self) -> OpenVault | None:
        """The vault once it has been made (on leaving the passphrase page)."""
        return self._vault

    def show_new_recovery_code(self, vault: OpenVault, code: str) -> None:
        """Show ``code``, just made for the open ``vault``, on the recovery page alone."""
        self.setWindowTitle("New recovery code")
        self.find(QLabel, "recoveryTitleLabel").setText("Keep your new recovery code safe")
        self.find(QLabel, "recoveryIntroLabel").setText(
            "This new code replaces any earlier one, which no longer opens your vault. It is shown only "
            "now. Write it down or print it, and keep it somewhere safe away from this computer.")
        for widget in (self.remember_check, self.keyring_label, self.step_label):
            widget.setVisible(False)
        self.remember_check.setEnabled(False)
        self._leave_refused = "Keep your new recovery code safe, tick the box, then choose Finish."
        self._vault, self._recovery_code = vault, code
        self.recovery_code_label.setText("\n".join(code_lines(code)))
        self._go(RECOVERY_PAGE)

    @property
    def recovery_code(self) -> str:
        return self._recovery_code

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        # The welcome is not a step: "Setting up takes two steps" (the passphrase, the recovery code).
        self.step_label.setText("Welcome" if page == WELCOME_PAGE else f"Step {page} of 2")
        self.back_button.setVisible(page == PASSPHRASE_PAGE)
        self.next_button.setVisible(page != RECOVERY_PAGE)
        self.finish_button.setVisible(page == RECOVERY_PAGE)
        # Once the vault exists there is no going back or cancelling: the
        # recovery code would be lost.
        self.cancel_button.setVisible(page != RECOVERY_PAGE)
        self.next_button.setDefault(page != RECOVERY_PAGE)
        self.finish_button.setDefault(page == RECOVERY_PAGE)
        self._update_buttons()
        if page == PASSPHRASE_PAGE:
            self.fields.first_field.setFocus()
        elif page == RECOVERY_PAGE:
            self.recovery_code_label.setFocus()
        else:
            self.next_button.setFocus()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        self.next_button.setEnabled(page == WELCOME_PAGE or self.fields.is_acceptable())
        self.finish_button.setEnabled(self.saved_check.isChecked())
        if self.saved_check.isChecked():
            clear_error(self.finish_error_label)

    def _next(self) -> None:
        page = self.pages.currentIndex()
        if page == WELCOME_PAGE:
            self._go(PASSPHRASE_PAGE)
        elif page == PASSPHRASE_PAGE and self.fields.is_acceptable():
            self._create_vault()

    def _create_vault(self) -> None:
        clear_error(self.create_error_label)
        try:
            with wait_cursor():
                vault, code = self._services.vault_service.create(self.fields.passphrase())
        except VaultError as error:
            show_error(self.create_error_label, error.message, self.fields.first_field)
            return
        self._vault, self._recovery_code = vault, code
        self.fields.clear()
        self.recovery_code_label.setText("\n".join(code_lines(code)))
        self._go(RECOVERY_PAGE)

    def _restore(self) -> None:
        """Restore a vault from a backup instead of making a new one; the app then opens it."""
        self.restore_from(self.choose_backup)

    def offer_restore(self, path: Path) -> None:
        """A backup opened with the app at first run: ask for its passphrase and restore it."""
        self.restore_from(lambda _parent: path)

    def restore_from(self, choose: ChooseBackup) -> None:
        clear_error(self.restore_error_label)
        vault, problem = restore_from_backup(self, self._services, choose=choose, secret=self.ask_backup_secret)
        if vault is None:
            if problem:
                show_error(self.restore_error_label, problem, self.restore_button)
            return
        self.accept()
        self.completed.emit(vault, None)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._recovery_code)
        self.copy_status_label.setText("Copied. The clipboard is cleared when you finish.")
        announce(self.copy_status_label)

    def _print(self) -> None:
        if self._services.printer.print_recovery_code(self._recovery_code, self):
            self.copy_status_label.setText("Sent to the printer.")
        else:
            self.copy_status_label.setText("Nothing was printed.")
        announce(self.copy_status_label)

    def _finish(self) -> None:
        if self._vault is None:
            return
        if not self.saved_check.isChecked():
            show_error(self.finish_error_label, "Tick the box once your recovery code is somewhere safe.",
                       self.saved_check)
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self._recovery_code:
            clipboard.clear()
        remember = self.remember_check.isChecked() if self.remember_check.isEnabled() else None
        vault, self._vault = self._vault, None
        self.recovery_code_label.clear()
        self._recovery_code = ""
        self.accept()
        self.completed.emit(vault, remember)

    def reject(self) -> None:
        if self._vault is not None:
            # Escape or the window's close button on the last page: the vault is
            # made, and leaving now would lose the recovery code.
            show_error(self.finish_error_label, self._leave_refused, self.saved_check)
            return
        super().reject()
