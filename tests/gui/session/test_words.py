"""Words that match what happens, in the supervisor's session editor (a real vault, real widgets)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from supervision_app.domain.record import ActionOwner, Confirmation, Signatory
from supervision_app.gui.session.setting import elapsed_text
from tests.gui.leaving import leave

from .conftest import World, click

PRIVATE_HERE = "kept on this computer only"


def test_private_says_what_it_means_on_the_supervisors_computer(make_editor) -> None:
    editor = make_editor()
    flags_help = editor.flags_page.find_child(QLabel, "visibilityHelpLabel").text()
    checkin_help = editor.checkin_page.find_child(QLabel, "privateHelpLabel").text()
    for text in (flags_help, checkin_help):
        assert "only the supervisee" not in text.lower()
        assert PRIVATE_HERE in text.lower()
        assert "never on the record" in text.lower() and "never sent" in text.lower()


def test_the_next_button_names_the_step_without_saying_next_twice(make_editor) -> None:
    editor = make_editor()
    editor.go_to(editor.page_index(editor.actions_page))
    assert editor.next_button.text() == "Next session →"
    assert editor.previous_button.text() == "← Learning and CPD"
    for index in range(len(editor.pages) - 1):
        editor.go_to(index)
        assert not editor.next_button.text().startswith("Next: ")


@pytest.mark.parametrize(("end", "shown"), [
    (None, "12:05"),
    (datetime(2026, 11, 24, 11, 30), "Lasted 1 hour 30 minutes"),
    (datetime(2026, 11, 24, 10, 45), "Lasted 45 minutes"),
    (datetime(2026, 11, 24, 12, 0), "Lasted 2 hours"),
])
def test_session_time_reads_as_a_length(end: datetime | None, shown: str, world: World) -> None:
    start = datetime(2026, 11, 24, 10, 0)
    assert elapsed_text(start, end, datetime(2026, 11, 24, 10, 12, 5)) == shown
    assert elapsed_text(start, None, datetime(2026, 11, 24, 11, 40, 0)) == "1:40:00"


def test_a_rows_problem_waits_until_the_row_is_left_or_sign_off_is_tried(qtbot: QtBot, make_editor) -> None:
    editor = make_editor()
    page = editor.actions_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.add_button)
    row = page.rows[0]
    qtbot.keyClicks(row.text_edit, "Send the chronology")
    row.owner_combo.setCurrentIndex(row.owner_combo.findData(ActionOwner.OTHER.value))
    assert row.problem_label.isHidden()  # about to type the name: not a mistake yet
    leave(row.owner_combo)  # (the focus left the row)
    assert row.problem_label.text() == "Name the person who owns this action."
    qtbot.keyClicks(row.owner_name_edit, "Team administrator")
    assert row.problem_label.isHidden()  # gone as soon as it is put right
    click(qtbot, page.add_button)
    fresh = page.rows[1]
    assert fresh.problem_label.isHidden()
    editor.confirm(Signatory.SUPERVISOR, Confirmation.AGREED)  # trying to sign off shows every problem
    assert page.rows[1].problem_label.text() == "Say what the action is, or remove it."
