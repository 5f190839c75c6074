"""Drafts save continuously; reopening resumes where things were."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from supervision_app.domain.model import SessionStatus

from .conftest import World, click


def test_typing_is_saved_after_a_moment_and_shows_when(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    assert not editor.dirty  # the next session's default was saved already
    editor.go_to(editor.page_index(editor.learning_page))
    qtbot.keyClicks(editor.learning_page.learning_edit, "Ask for help early")
    assert editor.dirty and editor.save_state_label.text() == "Unsaved changes"
    qtbot.waitUntil(lambda: not editor.dirty, timeout=3000)
    assert editor.save_state_label.text() == "Saved at 10:00:00"
    assert world.service.store.load_record(world.session.id).learning == "Ask for help early"

    reopened = make_editor()
    assert reopened.learning_page.learning_edit.toPlainText() == "Ask for help early"
    # It resumes at the first step that is not done yet.
    assert reopened.step_list.currentRow() == 0


def test_flush_saves_at_once_and_a_save_is_one_timer_not_one_per_key(
        qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor(autosave_ms=60_000)
    saves: list[None] = []
    editor.saved.connect(lambda: saves.append(None))
    editor.go_to(editor.page_index(editor.agenda_page))
    click(qtbot, editor.agenda_page.add_button)
    qtbot.keyClicks(editor.agenda_page.rows[0].title_edit, "Caseload")
    store = world.service.store
    assert store.load_record(world.session.id).agenda == []
    assert editor.flush()
    assert [item.title for item in store.load_record(world.session.id).agenda] == ["Caseload"]
    assert len(saves) == 1
    assert editor.flush() and len(saves) == 1  # nothing new to save


def test_closing_the_editor_saves_the_draft(qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor(autosave_ms=60_000)
    editor.go_to(editor.page_index(editor.setting_page))
    qtbot.keyClicks(editor.setting_page.present_edit, "Both of us")
    editor.close()
    record = world.service.store.load_record(world.session.id)
    assert record.setting.present == "Both of us"
    assert world.service.store.get_session(world.session.id).status is SessionStatus.DRAFT
