"""No step of a session changes under a mouse wheel unless the field has focus; the page scrolls instead."""

from __future__ import annotations

import copy
from datetime import datetime

from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from supervision_app.gui.session import SessionEditor
from tests.gui.wheel_helpers import changed_by_wheel, wheel, wheel_sensitive

from .conftest import World, click
from .test_full_session import fill_actions, fill_agenda, fill_checkin, fill_discussion, fill_flags, sign_off


def walk_every_step(editor: SessionEditor) -> None:
    record = copy.deepcopy(editor.record)
    editor.flush()
    for page in editor.pages:
        editor.go_to(editor.page_index(page))
        assert changed_by_wheel(page) == [], page.title
        assert not editor.dirty, page.title
    assert editor.record == record
    assert not editor.dirty


def test_no_step_changes_under_the_wheel(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    click(qtbot, editor.setting_page.start_button)
    fill_agenda(qtbot, editor)
    fill_discussion(qtbot, editor)
    fill_checkin(qtbot, editor)
    fill_flags(qtbot, editor)
    fill_actions(qtbot, editor)
    assert len(wheel_sensitive(editor)) >= 25  # the times, ratings, impacts, flags' and actions' fields
    walk_every_step(editor)
    cancel_dialog = editor.open_cancel_dialog()
    assert changed_by_wheel(cancel_dialog) == []
    cancel_dialog.reject()

    sign_off(qtbot, editor)
    booked = editor.booked_next
    assert booked is not None
    world.clock.now = booked.scheduled_start
    later = make_editor(booked.id)
    assert len(later.review_page.rows) == 2  # the updates on earlier actions
    walk_every_step(later)


def test_started_at_stays_while_the_page_scrolls_and_nothing_is_saved(
        qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    page = editor.setting_page
    editor.resize(900, 300)  # short enough for the page to scroll
    world.clock.now = datetime(2026, 11, 24, 10, 0)
    click(qtbot, page.start_button)
    editor.flush()
    stored = world.service.store.load_record(world.session.id)
    scroll = page.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    page.start_edit.clearFocus()
    for _ in range(3):
        wheel(page.start_edit, -1)
    assert page.start_edit.time().toString("HH:mm") == "10:00"
    assert editor.record.setting.started_at == datetime(2026, 11, 24, 10, 0)
    assert scroll.verticalScrollBar().value() > 0
    qtbot.wait(120)  # longer than the autosave delay
    assert not editor.dirty
    assert world.service.store.load_record(world.session.id) == stored
