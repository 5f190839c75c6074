"""The app's flow: set up or unlock, the main window, locking, and quitting.

Only one thing is on screen at a time: the setup dialog, the unlock dialog,
the forced new-passphrase dialog, or the main window.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox

from supervision_app.errors import VaultError
from supervision_app.gui.file_open import BACKUP_NOT_NOW, FileKind, kind_of, problem_with
from supervision_app.gui.idle import IdleWatcher
from supervision_app.gui.integrity import CHECK_DELAY_MS, check_if_due
from supervision_app.gui.plain import message_box
from supervision_app.gui.remember import apply_remember_choice
from supervision_app.gui.services import AppServices
from supervision_app.gui.unlock import UnlockDialog
from supervision_app.gui.warm_up import WarmUp
from supervision_app.vault.keyfile import RECOVERY_SLOT

# The main window (and through it the session editor, the note, signing and the
# exchange) is imported only once the vault is unlocked, and the setup dialog
# only when it is shown, so the unlock dialog appears without waiting for them
# (tests/test_import_time.py).
if TYPE_CHECKING:
    from supervision_app.gui.main_window import MainWindow
    from supervision_app.gui.setup import SetupDialog
    from supervision_app.vault.service import OpenVault

log = logging.getLogger(__name__)

MINUTE_MS = 60_000
RECOVERY_MISSING = ("Your vault's key file no longer holds a recovery code, so if you forget your passphrase "
                    "nothing can open the vault. Make a new recovery code now?")
RECOVERY_NOT_NOW = "Your vault has no recovery code; you will be asked again when you next unlock it."


class AppController(QObject):
    """Owns the open vault and whichever window shows it.

    ``idle_timeout_ms`` overrides the auto-lock time from the settings (tests).
    ``warm_up`` names modules to import while the unlock dialog waits for the
    passphrase (the app gives :data:`~supervision_app.gui.warm_up.MAIN_WINDOW_MODULES`).

    Signals: ``main_window_opened(MainWindow)`` each time the vault is unlocked
    and the main window appears (later features attach to it here),
    ``vault_locked()``, and ``quit_requested()``, which the application
    connects to ``QApplication.quit``.
    """

    main_window_opened = Signal(object)
    vault_locked = Signal()
    quit_requested = Signal()

    def __init__(self, services: AppServices, *, idle_timeout_ms: int | None = None,
                 warm_up: Sequence[str] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.warm_up = WarmUp(warm_up, self)
        self._idle_override_ms = idle_timeout_ms
        self._vault: OpenVault | None = None
        self._main: MainWindow | None = None
        self._dialog: QDialog | None = None
        self._resume: tuple[int, int] | None = None  # the session and step open when the vault was locked
        self._files_to_open: list[Path] = []  # files given to the app while it was locked, opened once unlocked
        # Windows that were closed, kept until control is back in the event
        # loop; then dropping the last reference deletes them (see _let_go).
        self._retired: list[QObject] = []
        self._idle = IdleWatcher(self._idle_timeout_ms(), self)
        self._idle.timed_out.connect(self._idle_timed_out)

    # -- state ----------------------------------------------------------------

    @property
    def vault(self) -> OpenVault | None:
        return self._vault

    @property
    def main_window(self) -> MainWindow | None:
        return self._main

    @property
    def dialog(self) -> QDialog | None:
        """The setup, unlock, forced new-passphrase or new-recovery-code dialog on screen, if any."""
        return self._dialog

    @property
    def idle_watcher(self) -> IdleWatcher:
        return self._idle

    # -- the flow ---------------------------------------------------------------

    def start(self, passphrase: str | None = None) -> None:
        """Show the first window. With ``passphrase``, unlock with it (raises VaultError)."""
        service = self.services.vault_service
        if passphrase is not None:
            self._unlocked(service.unlock_with_passphrase(passphrase), remember=None)
            return
        if not service.exists() and not service.paths.database.exists():
            self._show_setup()
            return
        try:
            service.read_key_file()  # a missing or mismatched file is reported at once
        except VaultError as error:
            self._show_unlock(error=error.message)
            return
        if self.services.settings.load().remember_key and self.services.key_cache.status().usable:
            try:
                vault = service.unlock_with_cached_key(self.services.key_cache)
            except VaultError as error:
                self._show_unlock(error=error.message)
                return
            if vault is not None:
                log.info("Unlocked with the key remembered in the keyring")
                self._unlocked(vault, remember=None)
                return
        self._show_unlock()

    def lock(self, notice: str | None = None) -> None:
        """Hide every record, close the vault, and ask for the passphrase again."""
        if self._vault is None:
            return
        # Unlocking comes back to the session and step that were open (an auto-lock mid-session, say).
        self._resume = self._main.open_place() if self._main is not None else None
        self._close_vault()
        self.vault_locked.emit()
        self._show_unlock(notice=notice or "The vault is locked.")

    def quit(self) -> None:
        """Lock, then ask the application to end."""
        self.shutdown()
        self.quit_requested.emit()

    def shutdown(self) -> None:
        """Close every window and lock the vault; safe to call more than once."""
        self.warm_up.stop()
        self._close_vault()
        self._retire_dialog()

    def open_file(self, path: Path) -> None:
        """Open a file given to the app (on the command line, by a second launch, by the OS) in its dialog.

        The path is untrusted. While the vault is locked, the file waits until it is unlocked; a backup
        is offered for restoring only by first-run setup.
        """
        kind = kind_of(path)
        log.info("Asked to open a file: %s", kind.value)
        setup = self._setup_dialog()
        if kind is FileKind.BACKUP and setup is not None and setup.vault is None:
            setup.offer_restore(path)
            return
        if self._main is None:
            self._files_to_open.append(path)
            return
        self._open_in_main(path, kind)

    def raise_window(self) -> None:
        """Bring the app's window (the main window, or the dialog on screen) to the front."""
        window = self._main.window if self._main is not None else self._dialog
        if window is None:
            return
        log.info("Bringing the window to the front")
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def _open_in_main(self, path: Path, kind: FileKind) -> None:
        main = self._main
        assert main is not None
        problem = problem_with(path)
        if problem is not None:
            main.tell(QMessageBox.Icon.Warning, "The file was not opened", problem)
        elif kind is FileKind.BACKUP:
            main.tell(QMessageBox.Icon.Information, "Restoring a backup", BACKUP_NOT_NOW)
        elif kind is FileKind.PAIRING:
            main.pair_from_file(path)
        elif kind is FileKind.IMPORT:
            main.import_path(path)
        else:
            main.verify_path(path)
        log.info("Opened a file given to the app: %s%s", kind.value, " (refused)" if problem else "")

    # -- steps ------------------------------------------------------------------

    def _show_setup(self) -> None:
        from supervision_app.gui.setup import SetupDialog

        dialog = SetupDialog(self.services)
        dialog.completed.connect(self._setup_completed)
        dialog.rejected.connect(self.quit)
        self._present(dialog)

    def _setup_completed(self, vault: OpenVault, remember: bool | None) -> None:
        self._unlocked(vault, remember)

    def _show_unlock(self, *, error: str | None = None, notice: str | None = None) -> None:
        dialog = UnlockDialog(self.services, error=error, notice=notice, after_first_paint=self.warm_up.start,
                              before_unlock=self.warm_up.finish)
        dialog.unlocked.connect(self._unlocked)
        dialog.rejected.connect(self.quit)
        self._present(dialog)

    def _unlocked(self, vault: OpenVault, remember: bool | None) -> None:
        self._vault = vault
        problem = apply_remember_choice(self.services, vault, remember) if remember is not None else None
        self._idle.set_timeout_ms(self._idle_timeout_ms())
        self._idle.start()
        if vault.unlocked_with == RECOVERY_SLOT:
            self._force_new_passphrase()
            return
        if vault.recovery_slot_missing:
            self._offer_new_recovery_code()
            return
        self._show_main(problem)

    def _offer_new_recovery_code(self) -> None:
        box = message_box(QMessageBox.Icon.Warning, "Recovery code missing", RECOVERY_MISSING, None)
        make = box.addButton("Make a new recovery code", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(make)
        box.finished.connect(lambda _result: self._new_recovery_code() if box.clickedButton() is make
                             else self._show_main(RECOVERY_NOT_NOW))
        self._present(box)

    def _new_recovery_code(self) -> None:
        assert self._vault is not None
        try:
            code = self._vault.new_recovery_code()
        except VaultError as error:
            self._show_main(error.message)
            return
        from supervision_app.gui.setup import SetupDialog

        dialog = SetupDialog(self.services)
        dialog.show_new_recovery_code(self._vault, code)
        dialog.completed.connect(lambda _vault, _remember: self._show_main("Your new recovery code is saved."))
        self._present(dialog)

    def _force_new_passphrase(self) -> None:
        assert self._vault is not None
        from supervision_app.gui.change_passphrase import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self._vault, forced=True)
        dialog.accepted.connect(lambda: self._show_main("Your new passphrase is saved."))
        dialog.rejected.connect(lambda: self.lock(
            "A new passphrase is needed after using the recovery code, so the vault was locked again."))
        self._present(dialog)

    def _show_main(self, status: str | None = None) -> None:
        assert self._vault is not None
        self._retire_dialog()
        self.warm_up.finish()
        from supervision_app.gui.main_window import MainWindow

        main = MainWindow(self._vault, self.services)
        main.lock_requested.connect(self.lock)
        main.quit_requested.connect(self.quit)
        main.idle_minutes_changed.connect(lambda minutes: self._idle.set_timeout_ms(minutes * MINUTE_MS))
        self._main = main
        main.show()
        if status:
            main.status_message(status)
        main.ask_for_profile_if_missing()
        if self._resume is not None:
            main.return_to(self._resume)
            self._resume = None
        QTimer.singleShot(CHECK_DELAY_MS, self._check_if_due)  # the weekly full check, after the first paint
        self.main_window_opened.emit(main)
        waiting, self._files_to_open = self._files_to_open, []
        for path in waiting:
            self._open_in_main(path, kind_of(path))

    def _check_if_due(self) -> None:
        if self._main is not None and self._vault is not None:
            check_if_due(self._vault, self._main.window, self._main.status_message)

    def _idle_timed_out(self) -> None:
        log.info("Locking after a period without activity")
        if self._idle_override_ms is None:
            minutes = self.services.settings.load().idle_lock_minutes
            self.lock(f"The vault was locked after {minutes} minute{'' if minutes == 1 else 's'} "
                      "without activity.")
        else:
            self.lock("The vault was locked because the app was not used for a while.")

    # -- helpers ----------------------------------------------------------------

    def _idle_timeout_ms(self) -> int:
        if self._idle_override_ms is not None:
            return self._idle_override_ms
        return self.services.settings.load().idle_lock_minutes * MINUTE_MS

    def _present(self, dialog: QDialog) -> None:
        # Show the new window before the old one goes, so there is always one.
        old = self._dialog
        self._dialog = dialog
        dialog.show()
        dialog.activateWindow()
        if old is not None:
            self._retire(old)
        self._close_main_window()

    def _setup_dialog(self) -> SetupDialog | None:
        """The dialog on screen if it is the setup dialog (its module is loaded only to show it)."""
        if "supervision_app.gui.setup" not in sys.modules:
            return None
        from supervision_app.gui.setup import SetupDialog

        return self._dialog if isinstance(self._dialog, SetupDialog) else None

    def _retire_dialog(self) -> None:
        if self._dialog is not None:
            self._retire(self._dialog)
            self._dialog = None

    def _retire(self, dialog: QDialog) -> None:
        # hide(), not close(): closing a dialog rejects it, which would quit.
        dialog.blockSignals(True)
        dialog.hide()
        self._let_go(dialog)

    def _close_main_window(self) -> None:
        if self._main is not None:
            self._main.dispose()
            self._let_go(self._main)
            self._main = None

    def _let_go(self, window: QObject) -> None:
        # The windows are owned by Python, so dropping the last reference
        # deletes them. Not deleteLater(): deleting a Python-owned object
        # behind Python's back can crash later. And not at once: this often
        # runs inside one of the window's own signals.
        self._retired.append(window)
        QTimer.singleShot(0, self._release_retired)

    def _release_retired(self) -> None:
        self._retired.clear()

    def _close_vault(self) -> None:
        self._idle.stop()
        self._close_main_window()
        setup = self._setup_dialog()
        if setup is not None and setup.vault is not None:
            setup.vault.lock()
        vault, self._vault = self._vault, None
        if vault is not None and vault.is_open:
            vault.lock()
            log.info("Vault locked")
