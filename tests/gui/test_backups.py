"""File → Back up now…, the backup status in the main window, automatic backups and File → Activity log."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock
from supervision_app.domain.audit import AuditAction
from supervision_app.gui.backups import restore_from_backup
from supervision_app.gui.services import AppServices
from supervision_app.gui.setup import SetupDialog
from supervision_app.paths import VaultPaths
from supervision_app.storage import audit
from supervision_app.vault.backup import unpack
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.gui.conftest import make_services


def test_back_up_now_asks_for_a_folder_then_writes_a_checked_backup_and_says_so(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    backups = controller.main_window.backups
    assert "No backup folder is set" in backups.status_label.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    backups.choose_folder = lambda _parent, _title: usb
    main = controller.main_window
    main.window.findChild(QAction, "actionBackUpNow").trigger()
    written = list(usb.glob("supervision-*.svbackup"))
    assert len(written) == 1 and unpack(written[0].read_bytes()).header["vault_id"] == main.vault.vault_id
    assert backups.last_message is not None and "written and checked" in backups.last_message.text()
    assert backups.status_label.text().startswith("Last good backup:")

    # The folder goes missing (the stick is unplugged): the window says so.
    for path in usb.iterdir():
        path.unlink()
    usb.rmdir()
    backups.show_status()
    assert "missing" in backups.status_label.text() and backups.status_label.property("warning") is True


def test_an_automatic_backup_follows_a_sign_off_or_a_week_and_old_ones_rotate(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str, tmp_path: Path) -> None:
    clock = SettableClock(datetime(2026, 12, 1, 10, 0))
    gui_services.clock = clock
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    backups = controller.main_window.backups
    usb = tmp_path / "usb"
    usb.mkdir()
    backups.backups.set_folder(usb)
    backups.back_up_if_due()  # never backed up: due
    assert len(list(usb.iterdir())) == 1
    audit.record(controller.main_window.store, AuditAction.SIGN_OFF, "session 1")
    clock.now += timedelta(minutes=1)
    backups.back_up_if_due()  # a sign-off since the last backup: due
    assert len(list(usb.iterdir())) == 2
    clock.now += timedelta(days=6)
    backups.back_up_if_due()  # nothing signed off since, and less than a week: not due
    assert len(list(usb.iterdir())) == 2
    clock.now += timedelta(days=9)
    backups.show_status()
    assert "more than 14 days" in backups.status_label.text()
    for day in range(12):  # old automatic backups, made daily in the past
        (usb / f"supervision-202611{day + 1:02d}-090000.svbackup").write_bytes(b"old")
    (usb / "my notes.txt").write_text("not a backup")
    backups.back_up_if_due()  # a week and more: due
    names = sorted(p.name for p in usb.iterdir())
    assert "my notes.txt" in names and "supervision-20261101-090000.svbackup" in names  # the month's first
    assert len([n for n in names if n.endswith(".svbackup")]) == 10 + 1


def test_the_activity_log_shows_entries_plainly_and_says_it_is_whole(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    main.backups.show_activity_log()
    dialog = main.backups.activity_dialog
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    text = dialog.findChild(QPlainTextEdit)
    assert text.isReadOnly() and "unlock" in text.toPlainText()
    assert any("whole" in label.text() for label in dialog.findChildren(QLabel))
    dialog.close()


def test_first_run_restore_from_a_backup(qtbot: QtBot, service: VaultService, demo_vault: str,
                                        tmp_path: Path) -> None:
    vault = service.unlock_with_passphrase(PASSPHRASE)
    vault.back_up(tmp_path / "b.svbackup")
    vault.lock()
    fresh = make_services(VaultService(VaultPaths(tmp_path / "new"), passphrase_kdf=lambda: FAST_KDF))
    restored, problem = restore_from_backup(None, fresh, choose=lambda _p: tmp_path / "b.svbackup",  # type: ignore[arg-type]
                                            secret=lambda _p: "not the passphrase")
    assert restored is None and "passphrase is not right" in problem
    assert not (tmp_path / "new" / "vault.key").exists()
    restored, problem = restore_from_backup(None, fresh, choose=lambda _p: tmp_path / "b.svbackup",  # type: ignore[arg-type]
                                            secret=lambda _p: PASSPHRASE)
    assert restored is not None and problem == ""
    assert len(restored.store.list_people()) > 1
    restored.lock()


def test_setup_offers_restore_and_the_app_opens_the_restored_vault(
        qtbot: QtBot, make_controller, service: VaultService, demo_vault: str, tmp_path: Path) -> None:
    vault = service.unlock_with_passphrase(PASSPHRASE)
    vault.back_up(tmp_path / "b.svbackup")
    vault.lock()
    fresh = make_services(VaultService(VaultPaths(tmp_path / "new"), passphrase_kdf=lambda: FAST_KDF))
    controller = make_controller(fresh)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, SetupDialog)
    dialog.choose_backup = lambda _parent: tmp_path / "b.svbackup"
    dialog.ask_backup_secret = lambda _parent: "not the passphrase"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "passphrase is not right" in dialog.restore_error_label.text()
    assert not (tmp_path / "new" / "vault.key").exists()
    dialog.ask_backup_secret = lambda _parent: PASSPHRASE
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert controller.main_window is not None
    assert "Zoë Whitfield" in [p.name for p in controller.main_window.store.list_people()]
