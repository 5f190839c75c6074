"""Handover: supervisor A hands a supervisee's whole record to supervisor B, through a pairing between them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from supervision_app.content import load_content
from supervision_app.domain.model import NewPerson, Person, PersonRole, SessionStatus
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    AgendaItem,
    Confirmation,
    Flag,
    HseRating,
    Signatory,
    Visibility,
    WellbeingCheckIn,
)
from supervision_app.domain.rules import open_actions
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.handover import export_handover
from supervision_app.exchange.pairing import card_from_code, card_from_file, card_to_code, card_to_file
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services.handovers import provenance_lines, session_provenance
from supervision_app.services.my_supervision import Use, app_uses
from supervision_app.services.note import note_for_session, render_text
from supervision_app.services.notes import NoteOptions
from supervision_app.services.people import add_supervisee
from supervision_app.services.signers import known_signers
from supervision_app.services.signing import SigningError
from supervision_app.services.verification import verify_note
from supervision_app.storage import audit
from supervision_app.storage.search_index import search as search_records
from tests.exchange.installs import (
    Clock,
    Install,
    open_install,
    pair_both_ways,
    refused_without_change,
    two_installs,
    vault_state,
)
from tests.test_summaries import assert_summaries_true

NOW = datetime(2026, 11, 20, 17, 30)
FIRST = datetime(2026, 11, 24, 10, 0)
SECOND = datetime(2026, 12, 22, 10, 0)


@dataclass
class Scene:
    aisha: Install
    zoe_app: Install
    ben: Install
    zoe: Person  # in Aisha's vault
    ben_at_aisha: Person
    aisha_at_ben: Person
    clock: Clock


def pair_colleagues(aisha: Install, ben: Install) -> tuple[Person, Person]:
    """Aisha sends a file, Ben reads his code out: each pins the other as another supervisor."""
    ben_at_aisha, _ = aisha.exchange.pair(card_from_code(card_to_code(ben.exchange.my_card(PersonRole.COLLEAGUE))),
                                          name="Ben Carter")
    aisha_at_ben, _ = ben.exchange.pair(card_from_file(card_to_file(aisha.exchange.my_card(PersonRole.COLLEAGUE))))
    return ben_at_aisha, aisha_at_ben


def hold_session(install: Install, supervisee_id: int, at: datetime, actions: list[Action], clock: Clock) -> int:
    clock.now = at - timedelta(days=3)
    session = install.sessions.book(supervisee_id, at)
    clock.now = at
    _opened, record = install.sessions.open_session(session.id)
    for review in record.reviews:
        review.outcome = review.outcome.IN_PROGRESS
    record.actions = actions
    record.flags = [Flag("workload", visibility=Visibility.ON_RECORD, detail="High caseload")]
    install.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    install.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
    clock.now = at + timedelta(hours=2)
    install.notes.sign_as_supervisor(session.id, NoteOptions())
    return session.id


@contextmanager
def scene(tmp_path: Path) -> Iterator[Scene]:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        ben = open_install(tmp_path / "ben", "Ben Carter", frozenset({Use.SUPERVISING}), clock,
                           load_content(resources_dir()))
        try:
            pair_both_ways(aisha, zoe_app)
            ben_at_aisha, aisha_at_ben = pair_colleagues(aisha, ben)
            yield Scene(aisha, zoe_app, ben, zoe, ben_at_aisha, aisha_at_ben, clock)
        finally:
            if ben.vault.is_open:
                ben.vault.lock()


def aishas_history(s: Scene) -> tuple[int, int]:
    """Two sessions: the first countersigned by Zoë, with an addendum; the second signed by Aisha only."""
    first = hold_session(s.aisha, s.zoe.id, FIRST, [
        Action("Draft the court statement", ActionOwner.SUPERVISEE, due=date(2026, 12, 12)),
        Action("Ask for a caseload weighting review", ActionOwner.SUPERVISOR)], s.clock)
    record = s.zoe_app.exchange.import_pack(s.aisha.exchange.export_record(first))
    s.clock.now = FIRST + timedelta(days=1)
    s.aisha.exchange.import_pack(s.zoe_app.exchange.countersign(record.received, Confirmation.AGREED, "Thanks."))
    s.aisha.sessions.add_addendum(first, "The review was asked for on 25 November.", Signatory.SUPERVISOR)
    second = hold_session(s.aisha, s.zoe.id, SECOND, [Action("Book the Signs of Safety course")], s.clock)
    return first, second


def test_a_supervisees_record_moves_to_another_supervisor_and_its_signed_notes_still_verify(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        aishas_history(s)
        s.clock.now = SECOND + timedelta(days=2)
        pack = export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)
        assert b"court statement" not in pack  # sealed

        outcome = s.ben.exchange.import_pack(pack)
        assert outcome.kind == "handover"
        assert "handed over by Aisha Rahman" in outcome.message and "nothing was altered" in outcome.message

        # Ben's history shows the sessions, their records and where they came from.
        zoe_at_ben = s.ben.store.get_person(outcome.person_id)
        assert zoe_at_ben.name == "Zoë Whitfield" and zoe_at_ben.role is PersonRole.SUPERVISEE
        held = s.ben.store.history(zoe_at_ben.id)
        assert [(h.session.scheduled_start, h.session.status) for h in held] == [
            (FIRST, SessionStatus.SIGNED_OFF), (SECOND, SessionStatus.SIGNED_OFF)]
        assert [f.detail for f in held[0].record.flags] == ["High caseload"]
        assert [a.text for a in held[0].record.addenda] == ["The review was asked for on 25 November."]
        assert provenance_lines(s.ben.store, zoe_at_ben.id) == ["Handed over by Aisha Rahman on 24 Dec 2026"]
        assert provenance_lines(s.aisha.store, s.zoe.id) == ["Handed over to Ben Carter on 24 Dec 2026"]
        assert session_provenance(s.ben.store, held[0].session.id) == "Handed over by Aisha Rahman on 24 Dec 2026."

        # The signed notes are the exact bytes Aisha kept, and they verify in Ben's vault.
        for mine, theirs in zip(s.aisha.store.history(s.zoe.id), held, strict=False):
            kept, arrived = s.aisha.store.get_signed_note(mine.session.id), s.ben.store.get_signed_note(
                theirs.session.id)
            assert kept is not None and arrived is not None and arrived.pdf == kept.pdf
            report = verify_note(arrived.pdf, known_signers(s.ben.store), s.ben.store.known_certificates())
            assert report.ok, report.problems
            assert all(sig.known_certificate and sig.matches_named for sig in report.signatures)
        countersigned = s.ben.store.get_signed_note(held[0].session.id)
        assert countersigned is not None and countersigned.signatures == 2
        assert_summaries_true(s.ben.store)  # the home page and lists read what the records say

        # Ben's next session carries Aisha's open actions.
        s.clock.now = SECOND + timedelta(days=20)
        booked = s.ben.sessions.book(zoe_at_ben.id, datetime(2027, 1, 19, 10, 0))
        _opened, record = s.ben.sessions.open_session(booked.id)
        carried = {a.action.id for a in open_actions(s.ben.store.history(zoe_at_ben.id), before=booked)}
        assert {r.action_id for r in record.reviews} == carried and len(carried) == 3
        assert_summaries_true(s.ben.store)

        # The activity log says so on both sides, by ids only.
        sent = [e for e in audit.entries(s.aisha.store) if e.action == "handed over"]
        received = [e for e in audit.entries(s.ben.store) if e.action == "handover received"]
        assert [(e.subject, e.detail) for e in sent] == [
            (f"supervisee {s.zoe.id}", f"to colleague {s.ben_at_aisha.id}")]
        assert [(e.subject, e.detail) for e in received] == [
            (f"supervisee {zoe_at_ben.id}", f"from colleague {s.aisha_at_ben.id}")]
        for entry in sent + received:
            assert "Zo" not in entry.line() and "Ben" not in entry.line() and "Aisha" not in entry.line()

        # A colleague is not the user's own supervisor.
        assert app_uses(s.ben.store) == frozenset({Use.SUPERVISING})
        assert s.ben.exchange.my_supervisors() == []
        assert session_provenance(s.ben.store, booked.id) is None


def test_replays_the_wrong_recipient_and_a_supervisee_with_sessions_are_refused(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        s.clock.now = FIRST + timedelta(days=1)
        older = export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)
        s.clock.now = FIRST + timedelta(days=2)
        pack = export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)

        # Made for Ben: Zoë's app (paired with Aisha) cannot open it.
        refused_without_change(s.zoe_app, pack, "made for someone else")
        s.ben.exchange.import_pack(pack)
        refused_without_change(s.ben, pack, "already imported")
        refused_without_change(s.ben, older, "older than one you have already imported")


def test_a_supervisee_already_with_sessions_here_is_refused(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        s.clock.now = FIRST + timedelta(days=1)
        pack = export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)
        zoe_at_ben = add_supervisee(s.ben.store, NewPerson("Zoe Whitfield", PersonRole.SUPERVISEE))
        booked = s.ben.sessions.book(zoe_at_ben.id, datetime(2027, 1, 19, 10, 0))
        message = refused_without_change(s.ben, pack, "already have sessions with")
        assert "Zoë Whitfield" in message
        s.ben.store.cancel_and_rebook(booked.id, "Booked by mistake", None)
        refused_without_change(s.ben, pack, "already have sessions with")  # a cancelled one is a session too


def test_an_existing_supervisee_without_sessions_receives_the_history(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        s.clock.now = FIRST + timedelta(days=1)
        pack = export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)
        zoe_at_ben = add_supervisee(s.ben.store, NewPerson("Zoe Whitfield", PersonRole.SUPERVISEE, team="East"))
        outcome = s.ben.exchange.import_pack(pack)
        assert outcome.person_id == zoe_at_ben.id
        assert s.ben.store.get_person(zoe_at_ben.id).team == "East"
        assert len(s.ben.store.list_sessions(zoe_at_ben.id)) == 1


def test_handing_over_needs_a_colleague_pairing_and_no_session_in_progress(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        with pytest.raises(ExchangeError, match="Pair with Zoë Whitfield as another supervisor first"):
            export_handover(s.aisha.exchange, s.zoe.id, s.zoe.id)
        booked = s.aisha.sessions.book(s.zoe.id, FIRST)
        s.aisha.sessions.open_session(booked.id)
        before = vault_state(s.aisha)
        with pytest.raises(ExchangeError, match="Sign off or cancel the session on 24 Nov 2026"):
            export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)
        assert vault_state(s.aisha) == before


def test_a_colleagues_key_cannot_sign_as_this_vaults_owner(tmp_path: Path) -> None:
    """A handed-over supervisor's key is known for the notes that name them, never for the user's own name."""
    with scene(tmp_path) as s:
        first = hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        s.clock.now = FIRST + timedelta(days=1)
        s.ben.exchange.import_pack(export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id))
        signers = known_signers(s.ben.store)
        aisha_key = s.aisha.exchange.identity().fingerprint
        assert signers[aisha_key].may_sign == frozenset({"supervisor"}) and not signers[aisha_key].own
        assert signers[aisha_key].name == "Aisha Rahman"
        # Aisha renames herself "Ben Carter" and signs another note: Ben's vault does not take it for his.
        from supervision_app.services.people import save_profile
        save_profile(s.aisha.store, "Ben Carter")
        kept = s.aisha.store.get_signed_note(first)
        assert kept is not None
        second = hold_session(s.aisha, s.zoe.id, SECOND, [], s.clock)
        forged = s.aisha.store.get_signed_note(second)
        assert forged is not None
        report = verify_note(forged.pdf, known_signers(s.ben.store), s.ben.store.known_certificates())
        assert not report.ok
        assert any("made by Aisha Rahman, but the note names Ben Carter" in p for p in report.problems)


def test_a_record_with_a_hidden_character_is_named_and_nothing_is_recorded(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        first = hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        s.aisha.sessions.add_addendum(first, "Pasted from a document\u200b with a zero-width space.",
                                      Signatory.SUPERVISOR)
        long_note = ("A long discussion. " * 1000).strip()  # 19,000 characters: a record's text has no short limit
        s.aisha.sessions.add_addendum(first, long_note, Signatory.SUPERVISOR)
        before = vault_state(s.aisha)
        with pytest.raises(ExchangeError, match="The record of the session on 24 Nov 2026 holds a hidden"):
            export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id)
        assert vault_state(s.aisha) == before
        held = s.aisha.store.load_record(first).addenda
        s.aisha.store.delete_addendum(next(a.id for a in held if "\u200b" in a.text))
        s.ben.exchange.import_pack(export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id))
        zoe_at_ben = next(p for p in s.ben.store.list_people() if p.name == "Zoë Whitfield")
        assert [a.text for a in s.ben.store.history(zoe_at_ben.id)[0].record.addenda] == [long_note]


def test_writing_the_file_fails_and_nothing_is_recorded(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        before = vault_state(s.aisha)

        def full_disk(_pack: bytes) -> None:
            raise ExchangeError("The disk is full.")

        with pytest.raises(ExchangeError, match="The disk is full"):
            export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id, write=full_disk)
        assert vault_state(s.aisha) == before


def test_a_handed_over_session_names_the_supervisor_who_held_it_and_is_not_signed_again(tmp_path: Path) -> None:
    with scene(tmp_path) as s:
        hold_session(s.aisha, s.zoe.id, FIRST, [Action("Draft the court statement")], s.clock)
        s.clock.now = FIRST + timedelta(days=1)
        unsigned = s.aisha.sessions.book(s.zoe.id, SECOND)
        s.clock.now = SECOND
        _opened, record = s.aisha.sessions.open_session(unsigned.id)
        s.aisha.sessions.confirm(unsigned.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        s.aisha.sessions.confirm(unsigned.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        s.clock.now = SECOND + timedelta(days=1)
        outcome = s.ben.exchange.import_pack(export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id))
        held = s.ben.store.history(outcome.person_id)
        note = render_text(note_for_session(s.ben.store, held[1].session.id))
        assert "Aisha Rahman" in note and "Ben Carter" not in note
        with pytest.raises(SigningError, match="held by Aisha Rahman and handed over to you"):
            s.ben.notes.sign_as_supervisor(held[1].session.id, NoteOptions())
        assert s.ben.store.get_signed_note(held[1].session.id) is None


def test_private_items_stay_in_the_vault_they_were_written_in(tmp_path: Path) -> None:
    """A handover carries what is on the record and what was discussed, never what was kept private: a
    private agenda item with its discussion, a private flag and a private check-in stay with the supervisor
    who wrote them. The signed note, which never showed them, arrives unchanged and still verifies."""
    with scene(tmp_path) as s:
        s.clock.now = FIRST - timedelta(days=3)
        session = s.aisha.sessions.book(s.zoe.id, FIRST)
        s.clock.now = FIRST
        _opened, record = s.aisha.sessions.open_session(session.id)
        private_flag = Flag("personal_stressor", visibility=Visibility.PRIVATE, detail="Her father is very ill")
        record.flags = [Flag("workload", visibility=Visibility.ON_RECORD, detail="High caseload"), private_flag]
        record.agenda = [AgendaItem("Court skills", notes="Practise giving evidence"),
                         AgendaItem("Returning to study", notes="Talked it through", visibility=Visibility.DISCUSSED),
                         AgendaItem("A private worry", notes="Money troubles at home", visibility=Visibility.PRIVATE)]
        record.checkin = WellbeingCheckIn(opening="Tired and low this month", hse={"demands": HseRating(2)},
                                          visibility=Visibility.PRIVATE)
        record.actions = [Action("Ask occupational health for a referral", ActionOwner.SUPERVISOR,
                                 source_id=private_flag.id),
                          Action("Book court skills training", source_id=record.agenda[0].id)]
        s.aisha.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        s.aisha.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        s.clock.now = FIRST + timedelta(hours=2)
        s.aisha.notes.sign_as_supervisor(session.id, NoteOptions())
        note_before = render_text(note_for_session(s.aisha.store, session.id))

        s.clock.now = FIRST + timedelta(days=2)
        outcome = s.ben.exchange.import_pack(export_handover(s.aisha.exchange, s.zoe.id, s.ben_at_aisha.id))

        [held] = s.ben.store.history(outcome.person_id)
        arrived = held.record
        assert [f.detail for f in arrived.flags] == ["High caseload"]
        assert [(a.title, a.notes) for a in arrived.agenda] == [
            ("Court skills", "Practise giving evidence"), ("Returning to study", "Talked it through")]
        assert arrived.checkin.is_empty and arrived.checkin.visibility is Visibility.PRIVATE
        assert [(a.text, a.source_id) for a in arrived.actions] == [
            ("Ask occupational health for a referral", None),  # agreed, so kept; its private source is not
            ("Book court skills training", record.agenda[0].id)]
        for words in ("father", "Money troubles", "private worry", "Tired and low"):
            assert words not in repr(arrived)
            assert search_records(s.ben.store, words) == []
        note_after = render_text(note_for_session(s.ben.store, held.session.id))
        assert "Court skills" in note_after and "Returning to study" in note_after
        assert "Ask occupational health for a referral" in note_after
        assert note_after.split("Court skills", 1)[1] == note_before.split("Court skills", 1)[1]
        kept = s.ben.store.get_signed_note(held.session.id)
        assert kept is not None
        assert verify_note(kept.pdf, known_signers(s.ben.store), s.ben.store.known_certificates()).ok
        # Aisha's own vault still has them all.
        assert len(s.aisha.store.load_record(session.id).agenda) == 3
