"""Agenda items (with their discussion and decisions) have a visibility, as flags and the check-in do:
on the record in full, discussed by title alone, private nowhere but the vault they were written in."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from supervision_app.content import load_content
from supervision_app.domain.codec import record_from_json, record_to_json
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import (
    Action,
    AgendaItem,
    Confirmation,
    Decision,
    SessionRecord,
    Signatory,
    Visibility,
)
from supervision_app.domain.rules import carried_agenda
from supervision_app.domain.search import record_items
from supervision_app.domain.visibility import on_the_record
from supervision_app.exchange.pairing import card_from_code, card_to_code
from supervision_app.paths import resources_dir
from supervision_app.services.access import JSON_FILE, PDF_FILE, AccessService
from supervision_app.services.note import DISCUSSED_ITEM, note_for_session, render_text
from supervision_app.services.notes import NoteOptions
from supervision_app.services.people import add_supervisee
from supervision_app.services.sessions import SessionService
from supervision_app.storage.search_index import search
from supervision_app.vault.service import OpenVault
from tests.exchange.installs import two_installs

AT = datetime(2026, 11, 24, 10, 0)
OPEN_WORDS = ("Caseload weighting", "Open notes quokka")
DISCUSSED_TITLE = "Team move in spring"
DISCUSSED_DETAIL = ("Discussed notes wombat", "Discussed decision numbat", "DISC-REF")
PRIVATE_WORDS = ("Private title platypus", "Private notes dingo", "Private decision bilby", "PRIV-REF")


def three_items() -> SessionRecord:
    """One agenda item of each visibility, each with a decision and an action from it."""
    on = AgendaItem(OPEN_WORDS[0], notes=OPEN_WORDS[1], reached=True, decisions=[Decision("Review in March")])
    discussed = AgendaItem(DISCUSSED_TITLE, notes=DISCUSSED_DETAIL[0], case_reference=DISCUSSED_DETAIL[2],
                           reached=True, cpd=True, decisions=[Decision(DISCUSSED_DETAIL[1])],
                           visibility=Visibility.DISCUSSED)
    private = AgendaItem(PRIVATE_WORDS[0], notes=PRIVATE_WORDS[1], case_reference=PRIVATE_WORDS[3], reached=False,
                         decisions=[Decision(PRIVATE_WORDS[2])], visibility=Visibility.PRIVATE)
    actions = [Action(f"Follow up {n}", source_id=item.id) for n, item in enumerate((on, discussed, private))]
    return SessionRecord(agenda=[on, discussed, private], actions=actions, next_session=AT + timedelta(weeks=4))


def test_the_view_keeps_items_on_the_record_whole_discussed_ones_by_title_and_private_ones_out() -> None:
    record = three_items()
    kept = json.loads(record_to_json(record))
    shown = on_the_record(record).record
    assert [item.title for item in shown.agenda] == [OPEN_WORDS[0], DISCUSSED_TITLE]
    assert shown.agenda[0] == record.agenda[0]
    discussed = shown.agenda[1]
    assert (discussed.visibility, discussed.notes, discussed.case_reference, discussed.decisions, discussed.cpd) == (
        Visibility.DISCUSSED, "", "", [], False)
    # Actions stay on the record (they were agreed); one from a private item no longer points at it.
    assert [a.source_id for a in shown.actions] == [record.agenda[0].id, record.agenda[1].id, None]
    assert json.loads(record_to_json(record)) == kept  # the record itself is unchanged


def test_a_record_stored_before_agenda_items_had_a_visibility_reads_them_as_on_the_record() -> None:
    data = json.loads(record_to_json(SessionRecord(agenda=[AgendaItem("Old item", notes="As it was")])))
    del data["agenda"][0]["visibility"]
    item = record_from_json(json.dumps(data)).agenda[0]
    assert item.visibility is Visibility.ON_RECORD
    assert on_the_record(record_from_json(json.dumps(data))).record.agenda == [item]


def test_an_item_not_reached_is_carried_forward_with_its_visibility() -> None:
    from supervision_app.domain.model import SessionStatus, SupervisionSession
    from supervision_app.domain.rules import HeldSession

    def session(n: int, status: SessionStatus) -> SupervisionSession:
        return SupervisionSession(1, AT + timedelta(weeks=4 * n), status=status, id=n)

    held = HeldSession(session(1, SessionStatus.SIGNED_OFF), three_items())
    carried = carried_agenda([held], session(2, SessionStatus.SCHEDULED))
    assert [(item.title, item.visibility) for item in carried] == [(PRIVATE_WORDS[0], Visibility.PRIVATE)]


def test_a_cpd_entry_started_from_the_session_takes_only_what_its_note_shows() -> None:
    from supervision_app.domain.model import SupervisionSession
    from supervision_app.services.cpd import CpdService

    record = three_items()
    for item in record.agenda:
        item.cpd, item.learned = True, f"Learned about {item.title}"
    entry = CpdService.from_session(SupervisionSession(1, AT, id=1), record)
    assert entry.learnt == f"{OPEN_WORDS[0]}: Learned about {OPEN_WORDS[0]}"


def test_search_finds_a_private_item_here_marked_private() -> None:
    items = record_items(three_items())
    assert {(item.kind.value, item.private) for item in items if PRIVATE_WORDS[0] in item.text} == {("agenda", True)}
    assert all(item.private for item in items if any(word in item.text for word in PRIVATE_WORDS))
    assert not any(item.private for item in items if not any(word in item.text for word in PRIVATE_WORDS))


def book_three_items(store, sessions: SessionService, person_id: int) -> int:  # type: ignore[no-untyped-def]
    session = sessions.book(person_id, AT)
    _session, record = sessions.open_session(session.id)
    record.agenda = three_items().agenda
    record.actions = []
    record.next_session = AT + timedelta(weeks=4)
    for signatory in Signatory:
        sessions.confirm(session.id, record, signatory, Confirmation.AGREED)
    return session.id


def test_the_note_search_and_access_export_respect_each_visibility(open_vault: OpenVault, tmp_path: Path) -> None:
    store = open_vault.store
    person = add_supervisee(store, NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE), today=AT.date())
    sessions = SessionService(store, clock=lambda: AT)
    session_id = book_three_items(store, sessions, person.id)

    note = render_text(note_for_session(store, session_id))
    agenda = note[note.index("Agenda and discussion"):note.index("\nDecisions\n")]
    assert f"1. {OPEN_WORDS[0]}" in agenda and OPEN_WORDS[1] in agenda
    assert f"2. {DISCUSSED_TITLE}" in agenda and DISCUSSED_ITEM in agenda
    for word in (*DISCUSSED_DETAIL, *PRIVATE_WORDS):
        assert word not in note

    hits = search(store, "platypus")
    assert [(hit.kind_label, hit.session_id) for hit in hits] == [("Agenda item (private)", session_id)]
    assert [hit.kind_label for hit in search(store, "dingo")] == ["Discussion (private)"]
    assert [hit.kind_label for hit in search(store, "wombat")] == ["Discussion"]

    content = load_content(resources_dir())
    access = AccessService(store, content, resources_dir() / "fonts", clock=lambda: AT + timedelta(days=1))
    out = tmp_path / "chosen"
    out.mkdir()
    result = access.export(person.id, date(2026, 11, 25), out)
    exported = json.loads((result.folder / JSON_FILE).read_text(encoding="utf-8"))
    agenda_json = exported["sessions"][0]["record"]["agenda"]
    assert [item["visibility"] for item in agenda_json] == ["on_record", "discussed", "private"]
    pdf = " ".join(" ".join(page.extract_text().split()) for page in
                   PdfReader(BytesIO((result.folder / PDF_FILE).read_bytes())).pages)
    for word in (*OPEN_WORDS, DISCUSSED_TITLE, *DISCUSSED_DETAIL, *PRIVATE_WORDS):
        assert word in pdf, word
    for visibility in (Visibility.DISCUSSED, Visibility.PRIVATE):
        assert f"Visibility {content.flags.visibility(visibility.value).label}" in pdf


def test_the_record_pack_carries_no_private_item_and_a_discussed_one_by_title(tmp_path: Path) -> None:
    with two_installs(tmp_path, AT - timedelta(days=3)) as (aisha, zoe_app, zoe, clock):
        aisha.exchange.pair(card_from_code(card_to_code(zoe_app.exchange.my_card(PersonRole.SUPERVISEE))),
                            person_id=zoe.id)
        zoe_app.exchange.pair(card_from_code(card_to_code(aisha.exchange.my_card(PersonRole.SUPERVISOR))),
                              name="Aisha Rahman")
        clock.now = AT
        session_id = book_three_items(aisha.store, aisha.sessions, zoe.id)
        aisha.notes.sign_as_supervisor(session_id, NoteOptions())
        pack = aisha.exchange.export_record(session_id)
        _opened, payload = zoe_app.exchange.read_pack(pack)
        payload_json = payload.model_dump_json()
        outcome = zoe_app.exchange.import_pack(pack)
        _received, pdf, _signatures = zoe_app.mine.received_note(outcome.received)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)
    assert OPEN_WORDS[1] in text and DISCUSSED_TITLE in text and DISCUSSED_ITEM.rstrip(".") in text
    for word in (*DISCUSSED_DETAIL, *PRIVATE_WORDS):
        assert word not in text and word not in payload_json
