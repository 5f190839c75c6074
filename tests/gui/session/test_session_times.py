"""Seen: started Tue 24 Nov 10:00, "End now" a week later recorded an end on Tue 1 Dec 08:00, with no warning."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from .conftest import World, click


def test_start_and_end_now_belong_to_the_sessions_day_and_a_mistake_is_refused_at_the_field(
        qtbot: QtBot, make_editor, world: World) -> None:
    world.clock.now = datetime(2026, 11, 24, 10, 0)  # the session's day
    editor = make_editor()
    page = editor.setting_page
    click(qtbot, page.start_button)
    assert editor.record.setting.started_at == datetime(2026, 11, 24, 10, 0)
    editor.flush()

    world.clock.now = datetime(2026, 12, 1, 8, 0)  # recorded a week later
    click(qtbot, page.end_button)
    assert editor.record.setting.ended_at is None and not editor.dirty  # nothing changed
    assert not page.end_error_label.isHidden()
    assert page.end_error_label.text() == "Not recorded. The end time is before the start time."
    assert "Not recorded." in page.end_edit.accessibleDescription()

    world.clock.now = datetime(2026, 12, 1, 15, 0)
    click(qtbot, page.end_button)
    assert editor.record.setting.ended_at is None and not editor.dirty
    assert page.end_error_label.text() == (
        "Not recorded. The session lasted more than 4 hours: check the start and end times.")

    world.clock.now = datetime(2026, 12, 1, 11, 30)
    click(qtbot, page.end_button)
    assert editor.record.setting.ended_at == datetime(2026, 11, 24, 11, 30)  # on the session's day
    assert page.end_error_label.isHidden()
    assert page.timer_label.text() == "Lasted 1 hour 30 minutes"


def test_start_now_on_a_later_day_starts_on_the_sessions_day(qtbot: QtBot, make_editor, world: World) -> None:
    world.clock.now = datetime(2026, 12, 1, 9, 45)
    editor = make_editor()
    click(qtbot, editor.setting_page.start_button)
    assert editor.record.setting.started_at == datetime(2026, 11, 24, 9, 45)


def test_typed_times_over_four_hours_are_asked_about_at_the_field(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.setting_page
    page.start_edit.setTime(QTime(9, 0))
    page.end_edit.setTime(QTime(14, 0))
    assert page.end_error_label.text() == (
        "Warning: The session lasted more than 4 hours: check the start and end times.")
