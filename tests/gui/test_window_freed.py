"""The main window goes when the vault locks, whatever was built inside it while it was open.

PySide6 makes a window without a Qt parent the Python-side child of any widget whose
method returns it (``widget.window()``); a widget inside that window then keeps it
alive in a cycle the collector cannot break, with every record it shows.
"""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import SessionStatus
from supervision_app.gui.main_window import MainWindow
from supervision_app.gui.services import AppServices
from tests.conftest import PASSPHRASE

from .conftest import flush_deletes


def test_rows_added_in_the_window_do_not_keep_it_after_locking(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start(PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    session = next(s for s in main.store.list_sessions() if s.status is SessionStatus.DRAFT)
    main.select_person(session.supervisee_id)
    main.supervising.open_session(session)
    editor = main.editor
    assert editor is not None
    agenda = editor.agenda_page
    editor.go_to(editor.page_index(agenda))
    agenda.add_button.click()  # a row made inside the shown window, put in the Tab order
    del main, editor, agenda
    with qtbot.waitSignal(controller.vault_locked):
        controller.lock()
    flush_deletes()
    gc.collect()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]


def test_a_message_shown_in_the_window_does_not_keep_it_after_locking(
        qtbot: QtBot, make_controller, gui_services: AppServices, demo_vault: str) -> None:
    controller = make_controller(gui_services)
    controller.start(PASSPHRASE)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.waitExposed(main.window)
    session = next(s for s in main.store.list_sessions() if s.status is SessionStatus.SIGNED_OFF)
    main.select_person(session.supervisee_id)
    main.supervising.open_session(session)
    editor = main.editor
    assert editor is not None
    area = editor.sign_off_page.addenda
    area.add_button.click()  # no text: the message makes room for itself in its window
    assert area.error_label.text() == "An addendum needs some text."
    del main, editor, area
    with qtbot.waitSignal(controller.vault_locked):
        controller.lock()
    flush_deletes()
    gc.collect()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
