"""What was said reaches the note: the check-in's ticks and stressors when it is on the record (and only then),
the open actions a booked or draft session has still to review, and signed-off notes exactly as they were."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from supervision_app.content import load_content
from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import Confirmation, ReviewOutcome, Signatory, StressorRating, Visibility
from supervision_app.domain.rules import confirm, open_action_counts
from supervision_app.paths import resources_dir
from supervision_app.services.demo import fill_demo
from supervision_app.services.groups import GroupService
from supervision_app.services.note import note_for_session, render_text
from supervision_app.storage.records import SqlRecordStore
from tests.test_cli import demo_vault, run  # noqa: F401  (the module's demo vault, made by the CLI)

GOLDEN = Path(__file__).parent / "golden" / "signed_off_demo_notes.json"
"""``render_text`` of every signed-off demo session, written by the code before ticks reached the note."""

TICKED = ("lunch_break", "reflective_supervision_this_month")


@pytest.fixture
def store(open_vault) -> SqlRecordStore:  # type: ignore[no-untyped-def]
    fill_demo(open_vault.store, date(2026, 11, 24))
    return open_vault.store  # type: ignore[no-any-return]


def first(store: SqlRecordStore, status: SessionStatus) -> int:
    return next(s.id for s in store.list_sessions() if s.status is status)


def texts(ids: tuple[str, ...], kind: str) -> list[str]:
    content = load_content(resources_dir())
    items = content.wellbeing_checklist.items if kind == "checklist" else content.personal_stressors.items
    return [item.text for item in items if item.id in ids]


def wellbeing_of(text: str) -> str:
    return text[text.index("\nWellbeing\n"):text.index("\nLearning and CPD\n")]


def checkin_note(store: SqlRecordStore, visibility: Visibility, *, signed_off: bool = False) -> str:
    session_id = first(store, SessionStatus.DRAFT)
    record = store.load_record(session_id)
    record.checkin.visibility = visibility
    record.checkin.checklist = set(TICKED)
    record.checkin.stressors = {"moving_house": StressorRating(3, True), "financial_difficulties": StressorRating(2)}
    status = SessionStatus.DRAFT
    if signed_off:
        for signatory in Signatory:
            confirm(record, signatory, Confirmation.AGREED, datetime(2026, 11, 24, 12, tzinfo=UTC))
        status = SessionStatus.SIGNED_OFF
    store.save_record(session_id, record, status=status)
    return wellbeing_of(render_text(note_for_session(store, session_id)))


@pytest.mark.parametrize("signed_off", [False, True])
def test_ticks_and_stressors_brought_reach_a_note_on_the_record(store: SqlRecordStore, signed_off: bool) -> None:
    wellbeing = checkin_note(store, Visibility.ON_RECORD, signed_off=signed_off)
    for text in texts(TICKED, "checklist") + texts(("moving_house",), "stressors"):
        assert text in wellbeing
    assert "Moving house: Impact 3 of 5" in wellbeing
    assert texts(("financial_difficulties",), "stressors")[0] not in wellbeing  # not brought to supervision
    assert not any(word in wellbeing for word in (*TICKED, "moving_house"))  # quoted by text, never by id


@pytest.mark.parametrize("visibility", [Visibility.DISCUSSED, Visibility.PRIVATE])
def test_ticks_and_stressors_stay_off_a_note_not_on_the_record(store: SqlRecordStore, visibility: Visibility) -> None:
    wellbeing = checkin_note(store, visibility)
    for text in texts(TICKED, "checklist") + texts(("moving_house", "financial_difficulties"), "stressors"):
        assert text not in wellbeing
    assert "Impact" not in wellbeing
    held = "A wellbeing check-in took place; its detail is not part of this record."
    assert (held in wellbeing) is (visibility is Visibility.DISCUSSED)


def test_signed_off_notes_are_exactly_as_they_were(store: SqlRecordStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records signed off before ticks reached the note keep their note; the demo's, signed off now, add only
    the ticks of a check-in on the record."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    groups = GroupService(store)  # the one-to-one notes: the demo's group session came after the golden file
    signed_off = [s.id for s in store.list_sessions()
                  if s.status is SessionStatus.SIGNED_OFF and groups.group_of_session(s.id) is None]
    assert sorted(golden) == sorted(str(i) for i in signed_off)
    ticks_line = "Ticked on the wellbeing checklist: " + "; ".join(texts(TICKED, "checklist"))
    with_ticks = 0
    for session_id in signed_off:
        before, now = golden[str(session_id)], render_text(note_for_session(store, session_id))
        record = store.load_record(session_id)
        if record.checkin.visibility is Visibility.ON_RECORD and record.checkin.checklist:
            with_ticks += 1
            assert now.count(ticks_line) == 1
            assert now.replace(ticks_line + "\n", "") == before
        else:
            assert now == before
    assert with_ticks  # the demo has check-ins on the record with ticks
    loaded = store.load_record
    monkeypatch.setattr(store, "load_record", lambda i: replace(loaded(i), checklist_on_note=False))
    for session_id in signed_off:
        assert render_text(note_for_session(store, session_id)) == golden[str(session_id)]


def previous_actions(text: str) -> list[str]:
    section = text[text.index("\nActions from earlier sessions\n"):text.index("\nAgenda and discussion\n")]
    return [line for line in section.splitlines() if line.startswith("* ")]


def test_a_draft_lists_its_reviews_and_the_open_actions_still_to_review(store: SqlRecordStore) -> None:
    session_id = first(store, SessionStatus.DRAFT)
    session = store.get_session(session_id)
    record = store.load_record(session_id)
    assert record.reviews
    reviewed = record.reviews[0]
    reviewed.outcome = ReviewOutcome.IN_PROGRESS
    record.reviews = [reviewed]
    store.save_record(session_id, record, status=SessionStatus.DRAFT)
    rows = previous_actions(render_text(note_for_session(store, session_id)))
    counts = open_action_counts(store.history(session.supervisee_id))
    assert len(rows) == counts[session_id]
    assert rows[0].endswith("Update: In progress")
    assert all(row.endswith("Update: Not yet reviewed") for row in rows[1:]) and rows[1:]


def test_show_and_sessions_agree_on_a_booked_sessions_open_actions(demo_vault: Path) -> None:  # noqa: F811
    listed = run("--data-dir", str(demo_vault), "sessions")
    assert listed.returncode == 0, listed.stderr
    booked = [re.split(r"\s{2,}", line) for line in listed.stdout.splitlines() if "  Booked  " in line]
    assert booked
    for row in booked:
        session_id, count = row[0], int(row[-1])
        shown = run("--data-dir", str(demo_vault), "show", session_id)
        assert shown.returncode == 0, shown.stderr
        assert "There were no open actions to review." not in shown.stdout
        rows = previous_actions(shown.stdout)
        assert count > 0 and len(rows) == count
        assert all(r.endswith("Update: Not yet reviewed") and "Owner: " in r and "Due: " in r for r in rows)
