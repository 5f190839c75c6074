"""The PDF note: every section present, private items absent, nothing cut off, any name printable."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from supervision_app.content import load_content
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import (
    Action,
    AgendaItem,
    Confirmation,
    Decision,
    Flag,
    FlagLevel,
    Signatory,
    Visibility,
)
from supervision_app.paths import resources_dir
from supervision_app.services.demo import fill_demo
from supervision_app.services.note import note_for_session, render_text
from supervision_app.services.pdf_note import note_fingerprint, render_note_pdf
from supervision_app.services.sessions import SessionService


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def content():  # type: ignore[no-untyped-def]
    return load_content(resources_dir())


def test_demo_notes_carry_every_section_and_never_hidden_detail(open_vault, content) -> None:  # type: ignore[no-untyped-def]
    fill_demo(open_vault.store, date(2026, 11, 24))
    sessions = [s for s in open_vault.store.list_sessions() if s.status.value == "signed_off"]
    hidden = {flag.detail for s in sessions for flag in open_vault.store.load_record(s.id).flags
              if flag.visibility is not Visibility.ON_RECORD}
    assert hidden
    for session in sessions:
        note = note_for_session(open_vault.store, session.id, content)
        rendered = render_note_pdf(note, fonts_dir=resources_dir() / "fonts")
        pages = pdf_text(rendered.pdf)
        whole = squash(" ".join(pages))
        for section in note.sections:
            assert section.title in whole, section.title
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in page
            assert rendered.fingerprint in page
            assert "CONFIDENTIAL" in page
        for detail in hidden:
            assert squash(detail) not in whole
        supervisee = open_vault.store.get_person(session.supervisee_id).name
        assert supervisee in whole
        metadata = PdfReader(BytesIO(rendered.pdf)).metadata
        assert metadata.title.startswith("Reflective supervision record")
        assert set(rendered.signature_boxes) == {"supervisor", "supervisee"}


def test_extreme_lengths_flow_across_pages_and_nothing_is_cut_off(open_vault, content) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    store.add_person(NewPerson("Siobhán Atić-Lee", PersonRole.SUPERVISOR, is_self=True))
    person = store.add_person(NewPerson("Nguyễn Thị Minh Zoë", PersonRole.SUPERVISEE, job_title="Social Worker"))
    service = SessionService(store, lambda: datetime(2026, 3, 1, 12))
    session = service.book(person.id, datetime(2026, 3, 1, 10))
    _, record = service.open_session(session.id)
    words = " ".join(f"word{i}" for i in range(6000))
    record.agenda = [AgendaItem(f"Item {n}", wanted_outcome="x " * 200, notes=words if n == 0 else "short",
                                reached=True, decisions=[Decision("d" * 3000 + " END-DECISION", "because " * 400)])
                     for n in range(3)]
    record.actions = [Action(f"Action number {n} " + "detail " * 60, due=date(2026, 4, 1)) for n in range(80)]
    record.flags = [Flag("workload_caseload", FlagLevel.URGENT, Visibility.ON_RECORD, "caseload " * 900 + "END-FLAG")]
    record.supervisee_comment = "I disagree with part of item 2. " * 300 + "END-COMMENT"
    service.save_draft(session.id, record)
    service.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    service.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.SEEN_NOT_AGREED)
    note = note_for_session(store, session.id, content)
    rendered = render_note_pdf(replace(note, hidden_sections=frozenset()), fonts_dir=resources_dir() / "fonts")
    pages = pdf_text(rendered.pdf)
    whole = squash(" ".join(pages))
    assert len(pages) > 10
    assert "word0" in whole and "word5999" in whole
    for marker in ("END-DECISION", "END-FLAG", "END-COMMENT", "Action number 79"):
        assert marker in whole
    assert "Nguyễn Thị Minh Zoë" in whole
    assert "Siobhán Atić-Lee" in whole


def text_at(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """Each piece of text on a page with where it starts, in points from the bottom left."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            x, y = tm[4], tm[5]
            found.append((text.strip(), x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]))

    PdfReader(BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("confirmation", [Confirmation.AGREED, Confirmation.SEEN_NOT_AGREED])
def test_the_supervisees_confirmation_in_person_is_printed_as_witnessed_above_their_empty_signature_box(
        open_vault, content, confirmation: Confirmation) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    store.add_person(NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, is_self=True))
    person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE, job_title="Social Worker"))
    service = SessionService(store, lambda: datetime(2026, 9, 1, 10, 40))
    session = service.book(person.id, datetime(2026, 9, 1, 9, 0))
    _, record = service.open_session(session.id)
    service.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    service.confirm(session.id, record, Signatory.SUPERVISEE, confirmation)
    note = note_for_session(store, session.id, content)
    expected = (f"Confirmed in person at sign-off on Tuesday 1 September 2026, 10:40: {confirmation.label}. "
                "Witnessed by Aisha Rahman; this is not the supervisee's digital signature.")
    assert note.witnessed == expected
    rendered = render_note_pdf(note, fonts_dir=resources_dir() / "fonts")
    box = rendered.signature_boxes["supervisee"]
    assert expected in squash(pdf_text(rendered.pdf)[box.page])
    x1, _y1, x2, y2 = box.box
    lines = [(x, y) for text, x, y in text_at(rendered.pdf, box.page) if text.startswith("Confirmed in person")]
    assert len(lines) == 1
    x, y = lines[0]
    assert x1 <= x < x2 and y > y2  # over the supervisee's box, not in it: the box is for their signature
    # Printed from the sign-off and the supervisor's name, which are fingerprinted already; so a note
    # signed before this sentence was printed keeps its fingerprint.
    assert note_fingerprint(note) == note_fingerprint(replace(note, witnessed=""))
    assert render_text(note).endswith(f"Supervisee's confirmation\n{'-' * 25}\n{expected}\n")


def test_no_witnessed_confirmation_before_the_supervisee_confirms(open_vault, content) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    store.add_person(NewPerson("Aisha Rahman", PersonRole.SUPERVISOR, is_self=True))
    person = store.add_person(NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))
    session = SessionService(store, lambda: datetime(2026, 9, 1, 10, 40)).book(person.id, datetime(2026, 9, 1, 9))
    note = note_for_session(store, session.id, content)
    assert note.witnessed == ""
    rendered = render_note_pdf(note, fonts_dir=resources_dir() / "fonts")
    assert "Confirmed in person" not in " ".join(pdf_text(rendered.pdf))
