"""The main window reaches the signed note and the verifier for the chosen session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import SessionStatus
from supervision_app.gui.notes import NoteDialog, VerifyDialog
from supervision_app.gui.services import AppServices
from tests.conftest import PASSPHRASE
from tests.gui.notes.conftest import FakeNotePrinter


def test_note_and_verify_from_the_main_window(qtbot: QtBot, make_controller, gui_services: AppServices,
                                              demo_vault: str) -> None:
    printer = FakeNotePrinter()
    gui_services.note_printer = printer
    controller = make_controller(gui_services)
    controller.start(passphrase=PASSPHRASE)
    main = controller.main_window
    zoe = next(p for p in main.store.list_people() if p.name == "Zoë Whitfield")
    main.select_person(zoe.id)
    model = main.supervising.sessions_model
    draft_row = next(r for r in range(model.rowCount()) if model.session_at(r).status is SessionStatus.DRAFT)
    main.supervising.sessions_table.setCurrentIndex(model.index(draft_row, 0))
    assert main.supervising.note_button.isEnabled()  # a draft can be previewed, not signed
    signed_row = next(r for r in range(model.rowCount()) if model.session_at(r).status is SessionStatus.SIGNED_OFF)
    main.supervising.sessions_table.setCurrentIndex(model.index(signed_row, 0))
    qtbot.mouseClick(main.supervising.note_button, Qt.MouseButton.LeftButton)
    dialog = main.window.findChild(NoteDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()

    main.action("actionVerifyNote").trigger()
    verifier = main.window.findChild(VerifyDialog)
    assert verifier is not None and verifier.isVisible()

    # Locking takes every dialog with it: they hold the open vault.
    controller.lock()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, (NoteDialog, VerifyDialog))
                and w.isVisible()]
