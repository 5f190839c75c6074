"""The note service on a real vault: certify, countersign, keep, verify, options."""

from __future__ import annotations

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
from supervision_app.services.people import save_profile
from supervision_app.services.signing import SigningError
from tests.countersigned import countersign_on_their_own_install


@pytest.fixture
def notes(open_vault) -> NoteService:  # type: ignore[no-untyped-def]
    quieten_libraries()
    fill_demo(open_vault.store, date(2026, 11, 24))
    return NoteService(open_vault.store, load_content(resources_dir()), resources_dir() / "fonts",
                       clock=lambda: datetime(2026, 11, 24, 12, 0, tzinfo=UTC))


def first(notes: NoteService, status: SessionStatus) -> int:
    return next(s.id for s in notes.store.list_sessions() if s.status is status)


def test_supervisor_certifies_and_the_supervisee_countersigns_on_their_own_install(notes: NoteService) -> None:
    session_id = first(notes, SessionStatus.SIGNED_OFF)
    once = notes.sign_as_supervisor(session_id, NoteOptions())
    report = notes.verify(once)
    assert report.ok and len(report.signatures) == 1
    theirs = countersign_on_their_own_install(notes.store, session_id)
    kept = notes.signed_note(session_id)
    assert kept is not None and kept.signatures == 2
    report = notes.verify(kept.pdf)
    assert report.ok and [s.field for s in report.signatures] == ["SupervisorSignature", "SuperviseeSignature"]
    assert report.signatures[1].fingerprint == theirs.fingerprint
    supervisee = notes.store.get_person(notes.store.get_session(session_id).supervisee_id)
    assert notes.store.get_signing_identity(supervisee.id) is None  # their key never was in this vault


def test_only_signed_off_sessions_are_signed(notes: NoteService) -> None:
    draft = first(notes, SessionStatus.DRAFT)
    with pytest.raises(SigningError, match="Sign off the session first"):
        notes.sign_as_supervisor(draft, NoteOptions())
    assert notes.signed_note(draft) is None


def test_options_choose_paper_and_sections(notes: NoteService) -> None:
    session_id = first(notes, SessionStatus.SIGNED_OFF)
    a4 = PdfReader(BytesIO(notes.render(session_id, NoteOptions()).pdf))
    letter = PdfReader(BytesIO(notes.render(session_id, NoteOptions(page_size="Letter")).pdf))
    assert round(float(a4.pages[0].mediabox.height)) == 842
    assert round(float(letter.pages[0].mediabox.height)) == 792
    default_text = " ".join(" ".join(page.extract_text().split()) for page in a4.pages)
    # Wellbeing detail is off unless chosen, and the copy says what it leaves out.
    assert "Left out of this copy Wellbeing" in default_text
    assert "No wellbeing items are on the record" not in default_text and "Wellbeing flag" not in default_text
    everything = notes.render(session_id, NoteOptions(hidden_sections=frozenset()))
    full_text = " ".join(p.extract_text() for p in PdfReader(BytesIO(everything.pdf)).pages)
    assert "Left out of this copy" not in full_text
    assert "\nWellbeing\n" in full_text or "Wellbeing flag" in full_text
    for always_there in ("sign_off", "comments", "addenda"):  # disagreement and addenda cannot be left out
        with pytest.raises(ValueError):
            NoteOptions(hidden_sections=frozenset({always_there}))


def test_the_profile_gets_its_signing_certificate_at_setup(open_vault) -> None:  # type: ignore[no-untyped-def]
    profile = save_profile(open_vault.store, "Nguyễn Thị Minh", "Practice Supervisor")
    identity = open_vault.store.get_signing_identity(profile.id)
    assert identity is not None and identity.name == "Nguyễn Thị Minh"
    assert open_vault.store.known_certificates() == [identity.certificate_der]


def test_the_organisation_heads_every_note(notes: NoteService) -> None:
    save_profile(notes.store, "Aisha Rahman", "Team Manager", organisation="Northmoor County Council")
    session_id = first(notes, SessionStatus.SIGNED_OFF)
    header = dict(notes.document(session_id, NoteOptions()).header)
    assert header["Organisation"] == "Northmoor County Council"
    text = PdfReader(BytesIO(notes.render(session_id, NoteOptions()).pdf)).pages[0].extract_text()
    assert "Northmoor County Council" in text


def test_cancelled_and_rebooked_sessions_point_at_each_other(notes: NoteService) -> None:
    cancelled = first(notes, SessionStatus.CANCELLED)
    header = dict(notes.document(cancelled, NoteOptions()).header)
    replacement = next(s for s in notes.store.list_sessions() if s.rebooked_from_id == cancelled)
    assert header["Cancelled"].startswith("Daniel was called to give evidence")
    assert "Rebooked for" in header
    assert "Rebooked from" in dict(notes.document(replacement.id, NoteOptions()).header)


def test_no_check_in_is_claimed_for_a_session_that_had_none(notes: NoteService) -> None:
    from supervision_app.services.note import render_text

    booked = first(notes, SessionStatus.SCHEDULED)
    text = render_text(notes.document(booked, NoteOptions(hidden_sections=frozenset())))
    assert "check-in took place" not in text
    held = next(s.id for s in notes.store.list_sessions() if s.status is SessionStatus.SIGNED_OFF
                and notes.store.load_record(s.id).checkin.visibility.value == "discussed"
                and not notes.store.load_record(s.id).checkin.is_empty)
    assert "check-in took place" in render_text(notes.document(held, NoteOptions(hidden_sections=frozenset())))
