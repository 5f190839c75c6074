"""An uncaught exception is logged without its message and shown in the crash dialog."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from supervision_app.errors import VaultDamaged
from supervision_app.gui.crash import CrashDialog, ExceptionHook

from .conftest import visible_texts

CANARY = "Canary-Zoë-Whitfield-7731"


def test_uncaught_exception_is_logged_without_its_message(qtbot: QtBot, app_log: Path) -> None:
    previous = sys.excepthook
    hook = ExceptionHook(app_log)
    hook.install()
    assert sys.excepthook is hook

    def broken_slot() -> None:
        raise ValueError(f"could not save note for {CANARY}")

    try:
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(hook.dialogs), timeout=3000)
    finally:
        hook.uninstall()
    assert sys.excepthook is previous

    dialog = hook.dialogs[0]
    assert isinstance(dialog, CrashDialog)
    qtbot.waitExposed(dialog)
    logged = app_log.read_text(encoding="utf-8")
    assert "ValueError" in logged and "broken_slot" in logged
    assert CANARY not in logged
    details = dialog.details_edit.toPlainText()
    assert "builtins.ValueError" in details and "broken_slot" in details
    assert "Your records up to the last save are safe." in " ".join(visible_texts())
    assert str(app_log) in " ".join(visible_texts())
    assert not any(CANARY in text for text in visible_texts())

    copy = dialog.find(QPushButton, "copyButton")
    copy.click()
    assert QApplication.clipboard().text() == details
    dialog.find(QPushButton, "closeButton").click()
    qtbot.waitUntil(lambda: not hook.dialogs)


def test_hook_called_directly_and_keyboard_interrupt_passes_through(qtbot: QtBot, app_log: Path) -> None:
    seen: list[type[BaseException]] = []
    hook = ExceptionHook(None)
    original = sys.excepthook
    sys.excepthook = lambda kind, error, tb: seen.append(kind)
    try:
        hook.install()
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            sys.excepthook(*sys.exc_info())
        assert seen == [KeyboardInterrupt]
        assert not hook.dialogs
        try:
            raise OSError(f"disk full while writing {CANARY}")
        except OSError:
            sys.excepthook(*sys.exc_info())
        assert len(hook.dialogs) == 1
        assert "could not write its log" in " ".join(visible_texts())
        hook.dialogs[0].close()
    finally:
        hook.uninstall()
        sys.excepthook = original
    assert CANARY not in app_log.read_text(encoding="utf-8")


def test_a_vault_error_met_in_the_window_is_its_sentence_not_a_crash(qtbot: QtBot, app_log: Path) -> None:
    hook = ExceptionHook(app_log)
    hook.install()

    def reads_a_damaged_page() -> None:
        raise VaultDamaged()

    try:
        QTimer.singleShot(0, reads_a_damaged_page)
        qtbot.waitUntil(lambda: bool(hook.dialogs), timeout=3000)
    finally:
        hook.uninstall()
    (box,) = hook.dialogs
    assert isinstance(box, QMessageBox) and not isinstance(box, CrashDialog)
    qtbot.waitExposed(box)
    assert box.text() == VaultDamaged().message
    assert "VaultDamaged" in app_log.read_text(encoding="utf-8")
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not hook.dialogs)
