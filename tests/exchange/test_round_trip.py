"""Two installs complete the whole exchange: pair, agenda, session, record, countersignature."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from supervision_app.domain.exchange import Preparation, PreparedItem
from supervision_app.domain.model import PersonRole, SessionStatus
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    AgendaSource,
    Confirmation,
    Signatory,
    StressorRating,
)
from supervision_app.domain.rules import open_actions
from supervision_app.exchange.pairing import card_from_code, card_from_file, card_to_code, card_to_file
from supervision_app.logging_setup import quieten_libraries
from supervision_app.services.notes import NoteOptions
from tests.exchange.installs import pair_both_ways, two_installs

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)


def test_prepare_hold_sign_and_countersign_between_two_installs(tmp_path: Path) -> None:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        # 1. Pair: Zoë sends a file, Aisha reads her code out; both pin the same fingerprints.
        zoe_card = card_from_file(card_to_file(zoe_app.exchange.my_card(PersonRole.SUPERVISEE)))
        paired_person, pin_of_zoe = aisha.exchange.pair(zoe_card)
        assert paired_person.id == zoe.id
        aisha_code = card_to_code(aisha.exchange.my_card(PersonRole.SUPERVISOR))
        aisha_person, pin_of_aisha = zoe_app.exchange.pair(card_from_code(aisha_code), name="Aisha Rahman")
        assert pin_of_zoe.fingerprint == zoe_app.exchange.identity().fingerprint
        assert pin_of_aisha.fingerprint == aisha.exchange.identity().fingerprint

        # 2. Zoë prepares: two items, one stressor to bring, one kept private, and private notes.
        preparation = Preparation(
            items=[PreparedItem("Caseload after the restructure", "Agree what can move"),
                   PreparedItem("Court skills", "Feedback on my statement")],
            how_i_have_been="Tired but coping.", bring_how_i_have_been=True,
            stressors={"time_pressures": StressorRating(4, bring_to_supervision=True),
                       "death_of_close_relative_or_friend": StressorRating(5, bring_to_supervision=False)},
            checklist={"lunch_break"}, private_notes="PRIVATE-CANARY do not share")
        zoe_app.mine.save_preparation(aisha_person.id, preparation)
        agenda_pack = zoe_app.exchange.export_agenda(aisha_person.id)
        assert b"PRIVATE-CANARY" not in agenda_pack and b"Caseload" not in agenda_pack

        # 3. Aisha books, imports, holds the session and both sign off.
        session = aisha.sessions.book(zoe.id, SESSION_AT)
        outcome = aisha.exchange.import_pack(agenda_pack)
        assert outcome.kind == "agenda" and outcome.session_id == session.id
        assert "Zoë Whitfield" in outcome.message and "nothing was altered" in outcome.message
        clock.now = SESSION_AT
        _opened, record = aisha.sessions.open_session(session.id)
        prepared = [item for item in record.agenda if item.source is AgendaSource.PREPARED]
        assert [(i.title, i.wanted_outcome) for i in prepared] == [
            ("Caseload after the restructure", "Agree what can move"), ("Court skills", "Feedback on my statement")]
        assert record.prepared is not None and record.prepared.prepared_by == "Zoë Whitfield"
        assert record.prepared.fingerprint == pin_of_zoe.fingerprint
        assert record.checkin.stressors["time_pressures"].impact == 4
        assert "death_of_close_relative_or_friend" not in record.checkin.stressors
        assert "Tired but coping." in record.checkin.opening
        for item in record.agenda:
            item.reached = True
        record.actions = [Action("Ask for a caseload weighting review", ActionOwner.SUPERVISOR,
                                 due=date(2026, 12, 5)),
                          Action("Draft the court statement", ActionOwner.SUPERVISEE, due=date(2026, 12, 12))]
        record.next_session = SESSION_AT + timedelta(weeks=4)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        assert aisha.store.get_session(session.id).status is SessionStatus.SIGNED_OFF

        # 4. Aisha signs and sends the record; Zoë imports it.
        clock.now = SESSION_AT + timedelta(hours=2)
        aisha.notes.sign_as_supervisor(session.id, NoteOptions())
        record_pack = aisha.exchange.export_record(session.id)
        outcome = zoe_app.exchange.import_pack(record_pack)
        assert outcome.kind == "record" and "2 open actions, 1 of them yours" in outcome.message
        mine = zoe_app.mine.overview(aisha_person.id)
        assert [a.text for a in mine.open_actions] == ["Draft the court statement",
                                                        "Ask for a caseload weighting review"]
        assert mine.next_session == SESSION_AT + timedelta(weeks=4)
        received = outcome.received
        _received, pdf, signatures = zoe_app.mine.received_note(received)
        assert signatures == 1 and pdf == aisha.notes.signed_note(session.id).pdf

        # 5. Zoë countersigns with a comment; Aisha imports it and keeps it as final.
        clock.now = SESSION_AT + timedelta(days=1)
        countersigned = zoe_app.exchange.countersign(received, Confirmation.SEEN_NOT_AGREED,
                                                     "The workload flag understates it.")
        outcome = aisha.exchange.import_pack(countersigned)
        assert outcome.kind == "countersigned" and "understates" in outcome.message
        kept = aisha.notes.signed_note(session.id)
        assert kept.signatures == 2

        # Both hold the same doubly signed note and the same list of actions.
        _, zoe_pdf, zoe_signatures = zoe_app.mine.received_note(received)
        assert zoe_pdf == kept.pdf and zoe_signatures == 2
        for install in (aisha, zoe_app):
            report = install.notes.verify(kept.pdf)
            assert report.ok, report
            assert [s.field for s in report.signatures] == ["SupervisorSignature", "SuperviseeSignature"]
            assert [s.signer for s in report.signatures] == ["Aisha Rahman", "Zoë Whitfield"]
        assert "do not agree" in report.signatures[1].reason and "understates" in report.signatures[1].reason
        theirs = [(a.id, a.text, a.owner, a.due) for a in zoe_app.mine.overview(aisha_person.id).open_actions]
        ours = [(o.action.id, o.action.text, o.action.owner, o.action.due)
                for o in open_actions(aisha.store.history(zoe.id))]
        assert sorted(theirs) == sorted(ours)

        if shutil.which("pdfsig"):
            note_file = tmp_path / "note.pdf"
            note_file.write_bytes(kept.pdf)
            result = subprocess.run(["pdfsig", str(note_file)], capture_output=True, text=True, check=False)
            assert result.stdout.count("Signature is Valid.") == 2, result.stdout
            assert "Signature #2" in result.stdout and "Zoë Whitfield" in result.stdout


def test_private_preparation_never_reaches_the_supervisor(tmp_path: Path) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, _clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        zoe_app.mine.save_preparation(supervisor.id, Preparation(
            items=[PreparedItem("Supervision itself")],
            how_i_have_been="SECRET-FEELINGS", bring_how_i_have_been=False,
            checklist={"lunch_break"}, bring_checklist=set(),
            stressors={"time_pressures": StressorRating(5, bring_to_supervision=False)},
            private_notes="SECRET-NOTES"))
        session = aisha.sessions.book(zoe.id, SESSION_AT)
        aisha.exchange.import_pack(zoe_app.exchange.export_agenda(supervisor.id))
        record = aisha.store.load_record(session.id)
        dumped = repr(record)
        assert "SECRET" not in dumped and not record.checkin.stressors and not record.checkin.checklist
        assert [item.title for item in record.agenda] == ["Supervision itself"]


def test_a_newer_agenda_updates_the_prepared_items(tmp_path: Path) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        first_item, second_item = PreparedItem("Caseload"), PreparedItem("Leave")
        zoe_app.mine.save_preparation(supervisor.id, Preparation(items=[first_item, second_item]))
        session = aisha.sessions.book(zoe.id, SESSION_AT)
        aisha.exchange.import_pack(zoe_app.exchange.export_agenda(supervisor.id))
        clock.now = NOW + timedelta(minutes=5)
        renamed = replace(first_item, title="Caseload and duty")
        zoe_app.mine.save_preparation(supervisor.id, Preparation(
            items=[renamed, PreparedItem("Training budget")],
            bring_checklist={"lunch_break"}))
        aisha.exchange.import_pack(zoe_app.exchange.export_agenda(supervisor.id))
        titles = [item.title for item in aisha.store.load_record(session.id).agenda]
        assert titles[:2] == ["Caseload and duty", "Training budget"]
        assert titles[2].startswith("Wellbeing: ") and "Leave" not in titles


@pytest.mark.parametrize("status", [SessionStatus.SIGNED_OFF, SessionStatus.CANCELLED])
def test_an_agenda_needs_a_booked_session(tmp_path: Path, status: SessionStatus) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, _clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        zoe_app.mine.save_preparation(supervisor.id, Preparation(items=[PreparedItem("Caseload")]))
        pack = zoe_app.exchange.export_agenda(supervisor.id)
        from supervision_app.exchange.envelope import PackRefused

        with pytest.raises(PackRefused, match="Book the next session with Zoë Whitfield first"):
            aisha.exchange.import_pack(pack)
        aisha.sessions.book(zoe.id, SESSION_AT)
        assert aisha.exchange.import_pack(pack).kind == "agenda"  # refused before, so not logged
