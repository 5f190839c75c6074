"""The Learning and CPD step starts an entry in the user's own CPD log from what it records."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from supervision_app.domain.cpd import CpdType
from supervision_app.gui.cpd.entry import CpdEntryDialog
from supervision_app.services.cpd import CpdService
from tests.gui.session.conftest import World
from tests.gui.session.test_locked import sign_off_in_the_service


def test_the_learning_step_starts_an_entry_from_the_session(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.learning_page))
    page = editor.learning_page
    qtbot.keyClicks(page.learning_edit, "Plan the hard visits")
    dialog = page.add_to_cpd()
    assert isinstance(dialog, CpdEntryDialog)
    qtbot.waitExposed(dialog)
    shown = dialog.entry()
    assert shown.cpd_type is CpdType.SUPERVISION and shown.learnt == "Plan the hard visits"
    assert shown.session is not None and shown.session.key == f"session:{editor.ctx.session_id}"
    assert dialog.session_combo.currentText().startswith("Supervision, ")
    assert dialog.evidence_label.text() == "The session's note is not signed yet; once it is, it is the evidence."
    qtbot.keyClicks(dialog.texts["peer_reflection"], "Talked it through")
    dialog.save()
    assert dialog.saved is not None
    service = CpdService(editor.ctx.service.store, editor.ctx.service.now)
    assert [e.learnt for e in service.entries(service.this_year())] == ["Plan the hard visits"]


def test_a_signed_off_session_can_still_start_an_entry(qtbot: QtBot, make_editor, world: World) -> None:
    sign_off_in_the_service(world)
    editor = make_editor()
    assert editor.read_only and editor.learning_page.learning_edit.isReadOnly()
    button = editor.learning_page.find_child(QPushButton, "addToCpdButton")
    assert button.isEnabled()
    dialog = editor.learning_page.add_to_cpd()
    assert isinstance(dialog, CpdEntryDialog)
    assert dialog.entry().learnt == "Ask earlier"
