"""The note reads like a formal record: one date style, UK times, each marking once, names, sources, metadata."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from supervision_app.content import load_content
from supervision_app.domain.model import SessionStatus
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services.demo import fill_demo
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.signing import _stamp_pdf, new_signing_identity

SHORT_DATE = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
LONG_DATE = re.compile(r"(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} (January|February|March|April|May|June|"
                       r"July|August|September|October|November|December) \d{4}")


def text_of(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(BytesIO(pdf)).pages]


@pytest.fixture
def notes(open_vault) -> NoteService:  # type: ignore[no-untyped-def]
    quieten_libraries()
    fill_demo(open_vault.store, date(2026, 11, 24))
    return NoteService(open_vault.store, load_content(resources_dir()), resources_dir() / "fonts",
                       clock=lambda: datetime(2026, 7, 1, 9, 0, tzinfo=UTC))


def signed_off(notes: NoteService, name: str) -> list[int]:
    person = next(p for p in notes.store.list_people() if p.name == name)
    held = [s for s in notes.store.list_sessions(person.id) if s.status is SessionStatus.SIGNED_OFF]
    return [s.id for s in sorted(held, key=lambda s: s.scheduled_start)]


def test_every_date_is_written_in_full(notes: NoteService) -> None:
    for session_id in signed_off(notes, "Siobhán O'Connell"):
        whole = " ".join(text_of(notes.render(session_id, NoteOptions(hidden_sections=frozenset())).pdf))
        assert not SHORT_DATE.search(whole), SHORT_DATE.search(whole)
        assert len(LONG_DATE.findall(whole)) >= 4  # the date, the sign-off, the next session, the due dates


def test_each_marking_once_and_protected_time_once(notes: NoteService) -> None:
    session_id = signed_off(notes, "Zoë Whitfield")[0]
    pages = text_of(notes.render(session_id, NoteOptions(hidden_sections=frozenset())).pdf)
    assert len(pages) >= 2
    for page in pages:
        assert page.count("CONFIDENTIAL") == 1, page
    assert " ".join(pages).count("Protected time kept") == 1


def test_the_line_manager_is_named(notes: NoteService) -> None:
    mine = " ".join(text_of(notes.render(signed_off(notes, "Zoë Whitfield")[0], NoteOptions()).pdf))
    assert "Line manager Aisha Rahman" in mine and "The supervisor" not in mine
    theirs = " ".join(text_of(notes.render(signed_off(notes, "Siobhán O'Connell")[0], NoteOptions()).pdf))
    assert "Line manager Marcus Obi, Service Manager" in theirs


def test_an_action_says_which_flag_or_item_it_came_from(notes: NoteService) -> None:
    siobhan = signed_off(notes, "Siobhán O'Connell")
    from_item = notes.document(siobhan[0], NoteOptions(hidden_sections=frozenset()))
    [actions] = [s for s in from_item.sections if s.key == "actions"]
    assert actions.table is not None
    assert actions.table.rows[0][-1] == "Agenda item 1: Practice educator role"
    from_flag = notes.document(siobhan[2], NoteOptions(hidden_sections=frozenset()))
    [actions] = [s for s in from_flag.sections if s.key == "actions"]
    assert actions.table is not None
    assert actions.table.rows[0][-1] == "Wellbeing flag: Workload or caseload"
    # With wellbeing left out of a copy, the flag's category is not printed either.
    default = notes.document(siobhan[2], NoteOptions())
    [actions] = [s for s in default.sections if s.key == "actions"]
    assert actions.table is not None
    assert actions.table.rows[0][-1] == "Wellbeing flag (left out of this copy)"
    assert "caseload" not in " ".join(text_of(notes.render(siobhan[2], NoteOptions()).pdf)).lower().replace(
        "caseload is", "")


def test_no_personal_name_in_the_metadata_and_the_fingerprint_is_kept(notes: NoteService) -> None:
    session_id = signed_off(notes, "Zoë Whitfield")[0]
    signed = notes.sign_as_supervisor(session_id, NoteOptions())
    metadata = PdfReader(BytesIO(signed)).metadata
    assert metadata is not None and metadata.title is not None
    assert "Zoë" not in metadata.title and "Whitfield" not in metadata.title
    assert LONG_DATE.search(metadata.title)
    assert notes.verify(signed).ok


@pytest.mark.parametrize(("when", "shown"), [
    (datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "Wednesday 1 July 2026, 10:00 (BST)"),
    (datetime(2026, 12, 1, 9, 0, tzinfo=UTC), "Tuesday 1 December 2026, 09:00 (GMT)"),
])
def test_the_signature_stamp_shows_uk_time(when: datetime, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # the computer's own zone does not matter
    time.tzset()
    try:
        identity = new_signing_identity("Aisha Rahman", "Team Manager")
        stamp = _stamp_pdf(identity, when, 240, 80, resources_dir() / "fonts")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert shown in text_of(stamp)[0]
