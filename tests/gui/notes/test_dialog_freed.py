"""A note dialog goes as soon as nothing holds it, not later when Python's collector happens to run.

A window made without a Qt parent belongs to Python. Kept only by a reference cycle (its page
preview held its redraw method, which holds the dialog), it was freed by the collector at
whatever moment that ran: once, while Qt was painting one of its labels, which crashed.
"""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from supervision_app.gui.notes import NoteDialog

from .conftest import Answers, FakeNotePrinter, NotesWorld


def test_a_shown_note_dialog_nothing_holds_is_freed_at_once(qtbot: QtBot, world: NotesWorld,
                                                            printer: FakeNotePrinter, answers: Answers) -> None:
    gc.collect()
    gc.disable()  # only reference counting may free it here
    try:
        dialog = NoteDialog(world.notes, world.signed_off.id, printer=printer,
                            choose_save_path=answers.choose_save_path, confirm=answers.ask)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.preview.timer.start()  # a redraw waiting for its pause
        dialog.preview.flush()
        gone = weakref.ref(dialog)
        del dialog
        assert gone() is None
    finally:
        gc.enable()
