"""What a pack says about its signed note must match the note; a countersignature is never lost."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from supervision_app.domain.model import Person, SupervisionSession
from supervision_app.domain.record import Action, ActionOwner, Confirmation, Signatory
from supervision_app.exchange.envelope import seal
from supervision_app.exchange.schemas import CountersignedPayloadV1, RecordPayloadV1, encode_payload
from supervision_app.logging_setup import quieten_libraries
from supervision_app.services.notes import NoteOptions
from tests.exchange.installs import Install, pair_both_ways, refused_without_change, two_installs

NOW = datetime(2026, 11, 20, 17, 30)
SESSION_AT = datetime(2026, 11, 24, 10, 0)


@dataclass
class Held:
    """Aisha and Zoë paired, a session held and signed off, and its record sent to Zoë."""

    aisha: Install
    zoe_app: Install
    session: SupervisionSession
    supervisor: Person
    record_pack: bytes
    sequence: Iterator[int]

    def sealed(self, payload: RecordPayloadV1 | CountersignedPayloadV1, *, by: Install, to: Install) -> bytes:
        """A payload of the test's choosing, sealed and signed with the sender's real key."""
        return seal(encode_payload(payload), kind=payload.schema_, sender=by.exchange.identity(),
                    recipient_key=to.exchange.identity().public_key_der, sequence=next(self.sequence),
                    created_at=NOW)


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Held]:
    quieten_libraries()
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        session = aisha.sessions.book(zoe.id, SESSION_AT)
        clock.now = SESSION_AT
        _opened, record = aisha.sessions.open_session(session.id)
        record.actions = [Action("Draft the court statement", ActionOwner.SUPERVISEE, due=date(2026, 12, 12))]
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
        aisha.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        aisha.notes.sign_as_supervisor(session.id, NoteOptions())
        yield Held(aisha, zoe_app, session, supervisor, aisha.exchange.export_record(session.id),
                   itertools.count(10**11))


def test_a_record_must_name_the_fingerprint_printed_on_its_note(held: Held) -> None:
    _opened, payload = held.zoe_app.exchange.read_pack(held.record_pack)
    assert isinstance(payload, RecordPayloadV1)
    other = "AAAA-AAAA-AAAA" if payload.note_fingerprint != "AAAA-AAAA-AAAA" else "BBBB-BBBB-BBBB"
    forged = held.sealed(payload.model_copy(update={"note_fingerprint": other}), by=held.aisha, to=held.zoe_app)
    refused_without_change(held.zoe_app, forged, "do not match the signed note")
    assert held.zoe_app.exchange.import_pack(held.record_pack).kind == "record"


def test_a_countersigned_pack_must_say_what_the_signature_says(held: Held) -> None:
    uid = held.zoe_app.exchange.import_pack(held.record_pack).received
    genuine = held.zoe_app.exchange.countersign(uid, Confirmation.SEEN_NOT_AGREED, "The flag understates it.")
    _opened, payload = held.aisha.exchange.read_pack(genuine)
    assert isinstance(payload, CountersignedPayloadV1)
    for change in ({"confirmation": "agreed"}, {"comment": "All fine."}, {"comment": ""}):
        forged = held.sealed(payload.model_copy(update=change), by=held.zoe_app, to=held.aisha)
        refused_without_change(held.aisha, forged, "do not match the signed note")
    assert held.aisha.exchange.import_pack(genuine).kind == "countersigned"
    assert held.aisha.notes.signed_note(held.session.id).signatures == 2


def test_a_countersignature_survives_a_vault_restored_from_before_the_record(held: Held) -> None:
    uid = held.zoe_app.exchange.import_pack(held.record_pack).received
    held.aisha.exchange.import_pack(held.zoe_app.exchange.countersign(uid, Confirmation.AGREED, "Thank you."))
    # Zoë's vault goes back to a backup from before the record arrived; Aisha sends the final record again.
    with held.zoe_app.store.transaction() as connection:
        connection.execute(text("DELETE FROM received_records"))
    again = held.aisha.exchange.export_record(held.session.id)
    outcome = held.zoe_app.exchange.import_pack(again)
    received, pdf, signatures = held.zoe_app.mine.received_note(outcome.received)
    assert signatures == 2 and pdf == held.aisha.notes.signed_note(held.session.id).pdf
    assert received.confirmation is Confirmation.AGREED and received.comment == "Thank you."
    # Read from the signature, whose time is the computer's own (not the tests' clock), as local time.
    assert received.countersigned_at is not None and received.countersigned_at.tzinfo is None
    assert abs(received.countersigned_at - datetime.now()) < timedelta(minutes=5)
    # Sending the signed copy again still works; Aisha already keeps it, and says so.
    resent = held.zoe_app.exchange.resend_countersigned(uid)
    refused_without_change(held.aisha, resent, "already kept")
