"""Signed-off and cancelled sessions open read-only; cancelling asks for a reason and can rebook."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import Confirmation, Signatory

from .conftest import World, click


def sign_off_in_the_service(world: World) -> None:
    service = world.service
    session, record = service.open_session(world.session.id)
    record.setting.present = "Both of us"
    record.learning = "Ask earlier"
    service.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    service.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)


def test_a_signed_off_session_opens_read_only_with_its_addenda(qtbot: QtBot, make_editor, world: World) -> None:
    sign_off_in_the_service(world)
    world.service.add_addendum(world.session.id, "A later correction", Signatory.SUPERVISEE)
    editor = make_editor()
    assert editor.read_only
    assert editor.step_list.currentRow() == editor.page_index(editor.sign_off_page)
    assert not editor.banner_label.isHidden()
    assert editor.banner_label.text() == "Signed off on Tue 24 Nov 2026, 10:00; changes only through an addendum."
    assert editor.status_label.text() == "Status: Signed off"
    assert editor.learning_page.learning_edit.toPlainText() == "Ask earlier"
    assert editor.learning_page.learning_edit.isReadOnly()
    assert len(editor.pages) == 10  # every step built now (each is built when first needed), read-only too
    edits = [w for w in editor.findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit))]
    assert len(edits) > 20
    for edit in edits:
        assert edit.isReadOnly() or editor.sign_off_page.addenda.group.isAncestorOf(edit), edit.objectName()
    assert editor.agenda_page.add_button.isHidden() and editor.actions_page.add_button.isHidden()
    assert editor.sign_off_page.confirm_buttons[Signatory.SUPERVISOR].isHidden()
    area = editor.sign_off_page.addenda
    assert not area.group.isHidden()
    [row] = area.rows
    assert row.text_label.text() == "A later correction"
    assert row.status_label.text() == ("Aisha Rahman: not confirmed yet.\nZoë Whitfield: not confirmed yet.")
    # Nothing to save, and typing is impossible.
    qtbot.keyClicks(editor.learning_page.learning_edit, "more")
    assert not editor.dirty and editor.flush()
    assert world.service.store.load_record(world.session.id).learning == "Ask earlier"


def test_an_addendum_needs_text(qtbot: QtBot, make_editor, world: World) -> None:
    sign_off_in_the_service(world)
    editor = make_editor()
    area = editor.sign_off_page.addenda
    click(qtbot, area.add_button)
    assert area.error_label.text() == "An addendum needs some text."
    assert area.rows == []


def test_cancelling_asks_for_a_reason_and_can_rebook(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    qtbot.keyClicks(editor.setting_page.present_edit, "Both of us")
    dialog = editor.open_cancel_dialog()
    click(qtbot, dialog.confirm_button)
    assert dialog.isVisible()
    assert dialog.reason_error_label.text() == "Say why the session was cancelled or moved."
    qtbot.keyClicks(dialog.reason_edit, "Called to court")
    click(qtbot, dialog.rebook_check)
    dialog.rebook_edit.setDateTime(datetime(2026, 12, 1, 14, 0))
    with qtbot.waitSignal(editor.cancelled, timeout=2000):
        click(qtbot, dialog.confirm_button)
    assert not dialog.isVisible()
    assert editor.read_only
    assert editor.banner_label.text() == "This session was cancelled (Called to court), so it cannot be changed."
    store = world.service.store
    assert store.get_session(world.session.id).status is SessionStatus.CANCELLED
    assert store.load_record(world.session.id).setting.present == "Both of us"  # saved before cancelling
    assert editor.rebooked is not None and editor.rebooked.scheduled_start == datetime(2026, 12, 1, 14, 0)
    assert store.get_session(editor.rebooked.id).status is SessionStatus.SCHEDULED
