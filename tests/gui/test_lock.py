"""Locking by hand (Ctrl+L) and after a while without activity."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import SessionStatus
from supervision_app.gui.change_passphrase import ChangePassphraseDialog
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.search.dialog import SearchDialog
from supervision_app.gui.services import AppServices
from supervision_app.gui.unlock import UnlockDialog
from supervision_app.settings import Settings
from tests.conftest import PASSPHRASE

from .conftest import DEMO_NAMES, flush_deletes, visible_texts


def open_main(qtbot: QtBot, controller) -> MainWindow:  # type: ignore[no-untyped-def]
    controller.start(PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    return main


def test_ctrl_l_locks_and_leaves_no_name_on_screen(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    main = open_main(qtbot, controller)
    vault = controller.vault
    assert vault is not None and vault.is_open
    # Show someone's sessions, so names are in the list, the heading and the table.
    main.supervising.people_list.setCurrentIndex(main.supervising.people_model.index(1))
    assert any(name in text for text in visible_texts() for name in DEMO_NAMES)

    window = main.window
    window.activateWindow()
    qtbot.waitUntil(lambda w=window: QApplication.activeWindow() is w)
    with qtbot.waitSignal(controller.vault_locked):
        qtbot.keyClick(main.supervising.people_list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert not vault.is_open
    assert controller.vault is None
    assert controller.main_window is None
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog) and dialog.isVisible()
    assert not window.isVisible()
    del main, window
    flush_deletes()
    # Closed and deleted, with its models.
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    texts = visible_texts()
    assert texts, "the unlock dialog should be on screen"
    leaked = [text for text in texts for name in DEMO_NAMES if name in text]
    assert leaked == []

    # And it opens again with the passphrase.
    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert controller.main_window is not None and controller.vault is not None


def test_lock_menu_item_has_the_shortcuts(qtbot: QtBot, make_controller, gui_services: AppServices,
                                          demo_vault: str) -> None:
    main = open_main(qtbot, make_controller(gui_services))
    assert main.action("actionLock").shortcut().toString() == "Ctrl+L"
    assert main.action("actionQuit").shortcut().toString() == "Ctrl+Q"


def test_idle_timeout_locks(qtbot: QtBot, make_controller, gui_services: AppServices,
                            demo_vault: str) -> None:
    controller = make_controller(gui_services, idle_timeout_ms=200)
    open_main(qtbot, controller)
    qtbot.waitUntil(lambda: controller.vault is None, timeout=3000)
    assert controller.main_window is None
    assert isinstance(controller.dialog, UnlockDialog)
    assert not controller.idle_watcher.active


def test_activity_postpones_the_idle_lock(qtbot: QtBot, make_controller, gui_services: AppServices,
                                          demo_vault: str) -> None:
    controller = make_controller(gui_services, idle_timeout_ms=600)
    main = open_main(qtbot, controller)
    for _ in range(12):  # 1.2 s of typing, twice the timeout
        qtbot.keyClick(main.supervising.people_list, Qt.Key.Key_Down)
        qtbot.wait(100)
    assert controller.vault is not None
    qtbot.waitUntil(lambda: controller.vault is None, timeout=3000)


def test_idle_time_comes_from_the_settings(qtbot: QtBot, make_controller, gui_services: AppServices,
                                           demo_vault: str) -> None:
    gui_services.settings.save(Settings(idle_lock_minutes=3))
    controller = make_controller(gui_services)
    main = open_main(qtbot, controller)
    assert controller.idle_watcher.timeout_ms == 3 * 60_000
    assert main.auto_lock_label.text() == "Auto-lock after 3 minutes without activity."

    # Changing it through File > Auto-lock… applies at once and is saved.
    main.vault_menu.choose_auto_lock()
    from supervision_app.gui.small_dialogs import AutoLockDialog

    dialog = main.window.findChild(AutoLockDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.minutes_spin.selectAll()
    qtbot.keyClicks(dialog.minutes_spin, "1")
    qtbot.keyClick(dialog.minutes_spin, Qt.Key.Key_Return)
    assert gui_services.settings.load().idle_lock_minutes == 1
    assert controller.idle_watcher.timeout_ms == 60_000
    assert main.auto_lock_label.text() == "Auto-lock after 1 minute without activity."


def test_quit_locks_first(qtbot: QtBot, make_controller, gui_services: AppServices,
                          demo_vault: str) -> None:
    controller = make_controller(gui_services)
    main = open_main(qtbot, controller)
    vault = controller.vault
    assert vault is not None
    with qtbot.waitSignal(controller.quit_requested):
        main.action("actionQuit").trigger()
    assert not vault.is_open
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())


def test_closing_the_main_window_quits_and_locks(qtbot: QtBot, make_controller,
                                                 gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    main = open_main(qtbot, controller)
    vault = controller.vault
    assert vault is not None
    with qtbot.waitSignal(controller.quit_requested):
        main.window.close()
    assert not vault.is_open


def test_locking_closes_the_main_windows_dialogs_too(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services, idle_timeout_ms=300)
    main = open_main(qtbot, controller)
    main.action("actionAbout").trigger()
    main.action("actionChangePassphrase").trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert len(dialogs) == 2
    change = next(d for d in dialogs if isinstance(d, ChangePassphraseDialog))
    qtbot.keyClicks(change.fields.new_edit, "half typed words")
    del main, dialogs, change
    qtbot.waitUntil(lambda: controller.vault is None, timeout=3000)  # the idle lock
    flush_deletes()
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [controller.dialog]
    assert not any("half typed words" in text for text in visible_texts())


def test_unlocking_after_an_auto_lock_returns_to_the_same_session_and_step(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services, idle_timeout_ms=60_000)
    main = open_main(qtbot, controller)
    session = next(s for s in main.store.list_sessions() if s.status is SessionStatus.DRAFT)
    main.select_person(session.supervisee_id)
    main.supervising.open_session(session)
    editor = main.editor
    assert editor is not None
    editor.go_to(editor.page_index(editor.learning_page))
    qtbot.keyClicks(editor.learning_page.learning_edit, "Typed just before the lock")
    with qtbot.waitSignal(controller.vault_locked):
        controller.idle_watcher.timed_out.emit()  # as the idle timer does
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    again = controller.main_window
    assert again is not None and again.editor is not None
    assert again.editor.session_id == session.id
    assert again.editor.step_list.currentRow() == again.editor.page_index(again.editor.learning_page)
    assert again.editor.learning_page.learning_edit.toPlainText() == "Typed just before the lock"


def test_locking_frees_the_main_window_at_once(qtbot: QtBot, make_controller, gui_services: AppServices,
                                               demo_vault: str) -> None:
    """No part of the main window (backups, handover, retention, access requests…) holds it in a cycle.

    Otherwise the cycle collector frees it later, at whatever moment it runs, which
    can be in the middle of another window's events: a crash far from its cause.
    """
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    freed = weakref.ref(main)
    del main
    gc.disable()
    try:
        controller.lock()
        qtbot.wait(50)
        assert freed() is None
    finally:
        gc.enable()


def test_a_window_that_searched_and_showed_a_history_is_freed_at_once(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    """Search (Ctrl+F) with a result opened, and History and trends… (Ctrl+H), leave nothing holding the window."""
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    main.action_search.trigger()
    dialog = main.window.findChild(SearchDialog)
    assert dialog is not None
    dialog.query_edit.setText("court")
    dialog.run_search()
    assert dialog.hits
    dialog.results.setCurrentItem(dialog.results.topLevelItem(0))
    dialog.open_button.click()
    assert main.editor is not None and main.editor.session_id == dialog.hits[0].session_id
    main.action_search.trigger()  # and a second search left open at the lock
    history = main.history.open_dialog()
    assert history is not None and history.isVisible()
    freed = weakref.ref(main)
    del main, dialog, history
    gc.disable()
    try:
        controller.lock()
        qtbot.wait(50)
        assert freed() is None
    finally:
        gc.enable()
