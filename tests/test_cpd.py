"""The CPD log: the registration year, counts and peer reflection, sessions as evidence, exports, erasure, demo."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from supervision_app.clock import SettableClock
from supervision_app.domain.cpd import (
    CpdEntry,
    CpdType,
    SessionLink,
    check_entry,
    progress,
    progress_in_words,
    year_bounds,
    year_ending,
)
from supervision_app.services.backups import BackupService
from supervision_app.services.cpd import CpdService, load_prompts
from supervision_app.services.demo import fill_demo, fill_demo_supervisee
from supervision_app.services.erasure import erase_person
from supervision_app.services.people import InvalidEntry
from supervision_app.storage.migrations import MIGRATIONS, latest_version
from supervision_app.vault.service import OpenVault
from tests.lifecycle_world import SESSION_AT, World, lifecycle_world

NOV_1 = datetime(2026, 11, 1, 9, 0)


def entry(day: date, title: str = "Reading", peer: str = "") -> CpdEntry:
    return CpdEntry(CpdType.READING, title, day, learnt="Something new", peer_reflection=peer)


def test_30_november_ends_a_registration_year_and_1_december_starts_the_next() -> None:
    assert year_ending(date(2026, 11, 30)) == 2026
    assert year_ending(date(2026, 12, 1)) == 2027
    assert year_ending(date(2026, 1, 1)) == 2026
    assert year_bounds(2027) == (date(2026, 12, 1), date(2027, 11, 30))
    entries = [entry(date(2026, 11, 30), "last day"), entry(date(2026, 12, 1), "first day")]
    assert progress(entries, 2026, date(2026, 11, 30)).pieces == 1
    assert progress(entries, 2027, date(2026, 11, 30)).pieces == 1
    assert progress(entries, 2026, date(2026, 11, 30)).days_left == 0
    assert progress(entries, 2027, date(2026, 12, 1)).days_left == 364


def test_counts_peer_reflection_and_what_is_still_needed() -> None:
    today = NOV_1.date()
    nothing = progress([], 2026, today)
    assert (nothing.pieces, nothing.with_peer_reflection, nothing.days_left) == (0, 0, 29)
    assert progress_in_words(nothing) == (
        "No pieces of CPD recorded for the registration year ending 30 November 2026; 29 days left to 30 November. "
        "Still needed: two pieces, one of them with peer reflection.")
    one_peer = progress([entry(date(2026, 10, 8), peer="Talked it through")], 2026, today)
    assert progress_in_words(one_peer) == (
        "1 piece of CPD recorded for the registration year ending 30 November 2026, one with peer reflection; "
        "29 days left to 30 November. Still needed: one more piece.")
    no_peer = progress([entry(date(2026, 3, 1)), entry(date(2026, 5, 1), peer="  ")], 2026, today)
    assert (no_peer.pieces, no_peer.with_peer_reflection, no_peer.complete) == (2, 0, False)
    assert progress_in_words(no_peer).endswith(
        "Still needed: peer reflection on one of them (or one more piece with peer reflection).")
    done = progress([entry(date(2026, 3, 1)), entry(date(2026, 5, 1), peer="yes")], 2026, today)
    assert done.complete and progress_in_words(done).endswith("meets Social Work England's requirement for the year.")
    ended = progress([entry(date(2025, 3, 1))], 2025, today)
    assert ended.days_left is None and progress_in_words(ended).endswith(
        "The year ended short of: one more piece, and peer reflection on one of the two.")


def test_an_entry_needs_a_description_what_was_learnt_and_no_future_date() -> None:
    today = NOV_1.date()
    blank = CpdEntry(CpdType.COURSE, " ", date(2026, 11, 2),
                     session=SessionLink("session:1", date(2026, 10, 1)))
    assert [p.field for p in check_entry(blank, today)] == ["title", "done_on", "learnt", "peer_reflection"]
    assert check_entry(entry(today), today) == []


def test_the_prompts_name_every_type_and_field() -> None:
    prompts = load_prompts()
    assert set(prompts.types) == set(CpdType)
    assert prompts.labels["peer_reflection"] == "Peer reflection"


def test_the_migration_is_the_latest_and_entries_are_stored(open_vault: OpenVault) -> None:
    cpd_log = [m for m in MIGRATIONS if m.description == "the vault owner's own CPD log for Social Work England"]
    assert len(cpd_log) == 1 and open_vault.schema_version() == latest_version() >= cpd_log[0].version
    service = CpdService(open_vault.store, SettableClock(NOV_1))
    with pytest.raises(InvalidEntry, match=r"^Say what you learnt\.$"):
        service.save(CpdEntry(CpdType.COURSE, "A course", date(2026, 10, 1)))
    assert service.entries(2026) == []
    saved = service.save(entry(date(2026, 10, 1), "Court skills"))
    assert saved.id is not None and service.entries(2026) == [saved]
    saved.title = "Court skills, day two"
    service.save(saved)
    assert [e.title for e in service.entries(2026)] == ["Court skills, day two"]
    assert service.years() == [2026]
    service.remove(saved.id)
    assert service.entries(2026) == []


@pytest.fixture
def world(tmp_path: Path) -> Any:
    with lifecycle_world(tmp_path) as made:
        yield made


def test_a_supervision_session_is_the_evidence_once_its_note_is_signed(world: World) -> None:
    # Zoë's own install holds the record her supervisor sent, countersigned by her.
    service = CpdService(world.zoe_app.store, world.zoe_app.exchange.now)
    [choice] = service.sessions()
    assert choice.label == "Supervision with Aisha Rahman, 24 November 2026"
    reflected = service.save(CpdEntry(CpdType.SUPERVISION, "Reflective supervision", choice.link.held_on,
                                      learnt="Plan the week", peer_reflection="Aisha helped me see it",
                                      session=choice.link))
    assert service.evidence(reflected) == "Evidenced by the signed supervision note of 24 November 2026."
    text = service.as_text(2026)
    assert "Evidence:\nEvidenced by the signed supervision note of 24 November 2026.\n" in text
    # On the supervisor's side, a session of theirs, started from its Learning and CPD step.
    aisha = CpdService(world.aisha.store, world.aisha.exchange.now)
    session = world.aisha.store.get_session(world.zoe_session)
    started = aisha.from_session(session, world.aisha.store.load_record(world.zoe_session))
    assert started.learnt.startswith("Learning ") and started.done_on == SESSION_AT.date()
    assert started.session == SessionLink(f"session:{world.zoe_session}", SESSION_AT.date())
    assert aisha.evidence(started) == "Evidenced by the signed supervision note of 24 November 2026."
    booked = world.aisha.sessions.book(world.ben.id, SESSION_AT.replace(day=27))
    unsigned = CpdEntry(CpdType.SUPERVISION, "x", SESSION_AT.date(), session=SessionLink(f"session:{booked.id}",
                                                                                           SESSION_AT.date()))
    assert aisha.evidence(unsigned) == ""


def test_erasing_a_supervisee_keeps_the_owners_entry_and_drops_only_its_link(world: World) -> None:
    aisha = CpdService(world.aisha.store, world.aisha.exchange.now)
    session = world.aisha.store.get_session(world.zoe_session)
    started = aisha.from_session(session, world.aisha.store.load_record(world.zoe_session))
    started.peer_reflection = "Reflecting with a colleague"
    saved = aisha.save(started)
    erase_person(world.aisha.vault, world.zoe.id, BackupService(world.aisha.vault))
    [kept] = aisha.entries(2026)
    assert kept.id == saved.id and kept.session is None and kept.peer_reflection == "Reflecting with a colleague"


def test_the_pdf_has_one_section_per_entry_field_by_field(open_vault: OpenVault) -> None:
    service = CpdService(open_vault.store, SettableClock(NOV_1))
    service.save(CpdEntry(CpdType.COURSE, "Court skills", date(2026, 2, 3), relevance="First statement due",
                          learnt="How to structure evidence", impact_practice="Clearer statements",
                          impact_people="Families understand what I say", peer_reflection=""))
    service.save(entry(date(2026, 10, 8), "Reflecting on a visit", peer="Discussed with my supervisor"))
    service.save(entry(date(2025, 11, 30), "Last year's"))
    pdf = PdfReader(BytesIO(service.as_pdf(2026)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "CPD for Social Work England: 1 December 2025 to 30 November 2026" in text
    assert "Entry 1 of 2: Court skills" in text and "Entry 2 of 2: Reflecting on a visit" in text
    for label, value in [("Type of CPD", "Course, training or conference"), ("Why it is relevant", "First "
                         "statement due"), ("Date", "3 February 2026"), ("What I learnt", "How to structure evidence"),
                         ("Impact on my practice", "Clearer statements"), ("Peer reflection",
                                                                           "Discussed with my supervisor")]:
        assert f"{label} {value}" in text, label
    assert "Last year's" not in text
    assert "2 pieces of CPD recorded" in text


def test_the_text_lays_out_each_field_to_paste(open_vault: OpenVault) -> None:
    service = CpdService(open_vault.store, SettableClock(NOV_1))
    service.save(CpdEntry(CpdType.PODCAST, "A podcast on CPD", date(2026, 9, 1), relevance="Feedback",
                          learnt="Ask families", impact_practice="One question after meetings",
                          impact_people="Heard", peer_reflection="Talked with Siobhán"))
    assert service.as_text(2026) == (
        "CPD for Social Work England: 1 December 2025 to 30 November 2026\n"
        "1 piece of CPD recorded for the registration year ending 30 November 2026, one with peer reflection; "
        "29 days left to 30 November. Still needed: one more piece.\n\n"
        "Entry 1 of 1\n============\n\n"
        "Type of CPD:\nPodcast, video or webinar\n\n"
        "Short description:\nA podcast on CPD\n\n"
        "Why it is relevant:\nFeedback\n\n"
        "Date:\n1 September 2026\n\n"
        "What I learnt:\nAsk families\n\n"
        "Impact on my practice:\nOne question after meetings\n\n"
        "Impact on the people I work with:\nHeard\n\n"
        "Peer reflection:\nTalked with Siobhán\n")


def test_the_demo_worker_on_1_november_has_one_piece_with_peer_reflection_and_needs_one_more(
        open_vault: OpenVault) -> None:
    fill_demo_supervisee(open_vault.store, NOV_1.date())
    service = CpdService(open_vault.store, SettableClock(NOV_1))
    state = service.progress(service.this_year())
    assert (state.ending, state.pieces, state.with_peer_reflection, state.days_left) == (2026, 1, 1, 29)
    assert service.progress_in_words(2026).endswith("Still needed: one more piece.")
    [piece] = service.entries(2026)
    assert piece.cpd_type is CpdType.SUPERVISION and "Aisha Rahman" in piece.peer_reflection
    assert open_vault.store.own_profile() is not None
    assert open_vault.store.own_profile().name == "Zoë Whitfield"  # type: ignore[union-attr]
    assert "Peer reflection:\nTalking it through in supervision" in service.as_text(2026)


def test_the_supervisors_demo_has_entries_across_the_year(open_vault: OpenVault) -> None:
    fill_demo(open_vault.store, NOV_1.date())
    service = CpdService(open_vault.store, SettableClock(NOV_1))
    days = [e.done_on for e in service.entries(2026)]
    assert len(days) == 3 and len({day.month for day in days}) == 3
    assert service.progress(2026).complete
    assert service.years() == [2026, 2025]
