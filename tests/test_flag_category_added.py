"""A flag category added to the content (bullying and harassment) reaches the note and the history."""

from __future__ import annotations

from supervision_app.content import load_content
from supervision_app.domain.record import Flag, FlagLevel, Visibility
from supervision_app.gui.people.history import flags_table
from supervision_app.paths import resources_dir
from supervision_app.services.history import supervisee_history
from supervision_app.services.note import render_text
from supervision_app.services.notes import NoteOptions, NoteService
from tests.test_history import FIRST, TODAY, Team, checkin

BULLYING = "bullying_harassment"


def test_a_bullying_flag_is_stored_shown_in_the_note_and_counted_in_the_history(open_vault) -> None:  # type: ignore[no-untyped-def]
    content = load_content(resources_dir())
    team = Team(open_vault)
    session_id = team.hold(FIRST, checkin(Visibility.ON_RECORD, {}, flags=(
        Flag(BULLYING, FlagLevel.SUPPORT_AGREED, Visibility.ON_RECORD, "Raised with HR."),)))

    assert team.store.load_record(session_id).flags[0].category_id == BULLYING
    notes = NoteService(team.store, content, resources_dir() / "fonts")
    note = render_text(notes.document(session_id, NoteOptions(hidden_sections=frozenset())))
    assert "Wellbeing flag: Bullying and harassment; Level: Support agreed" in note
    table = flags_table(supervisee_history(team.store, team.person.id, TODAY), content)
    assert table.rows[0][:2] == ("Bullying and harassment", "1")
