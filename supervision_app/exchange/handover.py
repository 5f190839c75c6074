"""Handing a supervisee's whole record over to another supervisor, as one sealed, signed pack.

The pack (kind ``handover``) travels like every other: sealed to the receiving
supervisor's key and signed by the sender's, through a pairing between the two
supervisors (``PersonRole.COLLEAGUE``). It carries the supervisee's details,
the agreement, every signed-off and cancelled session with its record and
addenda, each signed note as its exact bytes, and the keys that signed those
notes (the supervisee's as the sender paired with them, and any earlier
supervisor's from an earlier handover), so the notes still verify where they
arrive.

Import is all or nothing and refuses, with one sentence, a supervisee who
already has sessions in the receiving vault: their records are never merged
with another supervisor's. Someone already there with no sessions (added or
paired by hand before the file arrived) receives the history, keeping their
own details and agreement.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_public_key
from pydantic_core import ValidationError

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.audit import AuditAction, supervisee_subject
from supervision_app.domain.codec import RecordFormatError, from_json, record_to_json, to_json
from supervision_app.domain.exchange import Pairing
from supervision_app.domain.handover import HandedOverSigner, Handover
from supervision_app.domain.identity import SignedNote
from supervision_app.domain.model import NewPerson, NewSession, Person, PersonRole, SessionMode, SessionStatus
from supervision_app.domain.record import Addendum, SessionRecord
from supervision_app.domain.rules import open_actions
from supervision_app.domain.signatures import FIELD_NAMES, KnownSigner
from supervision_app.domain.visibility import without_private
from supervision_app.exchange.envelope import MAX_PACK_BYTES, ExchangeError, OpenedPack, PackRefused
from supervision_app.exchange.schemas import (
    HIDDEN_IN_EXPORT,
    HandoverPayloadV1,
    HeldNoteV1,
    HeldSessionV1,
    PersonV1,
    SignerV1,
    encode_payload,
    has_hidden_characters,
)
from supervision_app.formatting import format_date
from supervision_app.services import people
from supervision_app.services.signers import known_signers
from supervision_app.storage import audit

if TYPE_CHECKING:
    from supervision_app.exchange.service import ExchangeService, ImportOutcome

HANDED_OVER = (SessionStatus.SIGNED_OFF, SessionStatus.CANCELLED)
"""The sessions a handover carries: the history. Booked ones stay behind (the new supervisor books their own)."""

_HEX_ID = frozenset("0123456789abcdef")
T = TypeVar("T")


# --- sending ------------------------------------------------------------------------


def export_handover(exchange: ExchangeService, supervisee_id: int, colleague_id: int,
                    write: Callable[[bytes], None] | None = None) -> bytes:
    """The supervisee's whole record, sealed for the colleague; the handover is recorded here too.

    ``write``, if given, saves the file inside the same transaction: if it fails, nothing is recorded.
    """
    store = exchange.store
    supervisee = store.get_person(supervisee_id)
    if supervisee.is_self or supervisee.role is not PersonRole.SUPERVISEE:
        raise ExchangeError("Only a supervisee's records can be handed over.")
    colleague = store.get_person(colleague_id)
    pairing = store.pairing_for(colleague_id)
    if pairing is None or pairing.their_role is not PersonRole.COLLEAGUE:
        raise ExchangeError(f"Pair with {colleague.name} as another supervisor first, so the file can be "
                            "locked to them.")
    sessions = sorted(store.list_sessions(supervisee_id), key=lambda s: (s.scheduled_start, s.id))
    unfinished = [s for s in sessions if s.status is SessionStatus.DRAFT]
    if unfinished:
        raise ExchangeError(f"Sign off or cancel the session on {format_date(unfinished[0].scheduled_start)} "
                            f"before handing {supervisee.name}'s records over.")
    # One transaction: a refusal, or a file that cannot be written, leaves nothing behind (not even the
    # vault's exchange id, made the first time anything is sent).
    with store.transaction():
        now = exchange.now()
        held = [s for s in sessions if s.status in HANDED_OVER]
        carried = [_held_session(exchange, s.id) for s in held]
        try:
            payload = HandoverPayloadV1(
                schema="handover", version=1, supervisee_uid=f"{exchange.exchange_id()}-{supervisee_id}",
                supervisor_name=exchange.profile().name, handed_over_at=now,
                supervisee=PersonV1(name=supervisee.name, job_title=supervisee.job_title, team=supervisee.team,
                                    start_date=supervisee.start_date, newly_qualified=supervisee.newly_qualified),
                agreement=_as_document(store.get_agreement(supervisee_id)),
                signers=_signers_to_send(exchange, supervisee),
                sessions=carried)
        except ValidationError as error:
            if has_hidden_characters(error):
                raise ExchangeError(HIDDEN_IN_EXPORT.format(what="record")) from None
            raise ExchangeError(f"{supervisee.name}'s records are larger than one handover file can carry.") from None
        if len(encode_payload(payload)) * 4 // 3 > MAX_PACK_BYTES - 64 * 1024:
            raise ExchangeError(f"{supervisee.name}'s records are larger than one handover file can carry.")
        pack = exchange.seal_pack("handover", payload, pairing, payload.supervisee_uid)
        store.save_handover(Handover(json.loads(pack)["pack_id"], "out", supervisee_id, colleague.name,
                                     pairing.fingerprint, now, session_ids=tuple(s.id for s in held)))
        audit.record(store, AuditAction.HANDED_OVER, supervisee_subject(supervisee_id), f"to colleague {colleague_id}")
        if write is not None:
            write(pack)
        return pack


def _as_document(value: Any) -> dict[str, Any] | None:
    return json.loads(to_json(value)) if value is not None else None


def _signers_to_send(exchange: ExchangeService, supervisee: Person) -> list[SignerV1]:
    """The keys, besides the sender's own, that signed this supervisee's notes as this vault knows them."""
    store = exchange.store
    signers: dict[str, SignerV1] = {}
    pairing = store.pairing_for(supervisee.id)
    if pairing is not None:
        signers[pairing.fingerprint] = SignerV1(role="supervisee", name=supervisee.name,
                                                public_key=base64.b64encode(pairing.public_key_der).decode("ascii"))
    for handover in store.handovers(supervisee.id):
        for signer in handover.signers:
            signers.setdefault(signer.fingerprint, SignerV1(
                role=signer.role, name=signer.name,  # type: ignore[arg-type]
                public_key=base64.b64encode(signer.public_key_der).decode("ascii")))
    signers.pop(exchange.identity().fingerprint, None)
    return list(signers.values())


def _held_session(exchange: ExchangeService, session_id: int) -> HeldSessionV1:
    session = exchange.store.get_session(session_id)
    try:
        return _carried_session(exchange, session_id)
    except ValidationError as error:
        what = f"record of the session on {format_date(session.scheduled_start)}"
        if has_hidden_characters(error):
            raise ExchangeError(f"The {what} holds a hidden or control character that a file may not carry; "
                                "retype that text and hand over again.") from None
        raise ExchangeError(f"The {what} is larger than a handover file can carry.") from None


def _carried_session(exchange: ExchangeService, session_id: int) -> HeldSessionV1:
    store = exchange.store
    session = store.get_session(session_id)
    record = store.load_record(session_id)
    carried = replace(without_private(record), addenda=[])  # what was kept private stays in this vault
    kept = store.get_signed_note(session_id)
    note = None if kept is None else HeldNoteV1(
        fingerprint=kept.fingerprint, pdf=base64.b64encode(kept.pdf).decode("ascii"),
        page_size=kept.page_size,  # type: ignore[arg-type]
        hidden_sections=sorted(kept.hidden_sections))
    return HeldSessionV1(
        id=session.id, scheduled_start=session.scheduled_start, duration_minutes=session.duration_minutes,
        mode=session.mode.value, location=session.location,
        status=session.status.value,  # type: ignore[arg-type]
        notes=session.notes, cancellation_reason=session.cancellation_reason,
        rebooked_from=session.rebooked_from_id, record=json.loads(record_to_json(carried)),
        addenda=[json.loads(to_json(a)) for a in record.addenda], note=note)


# --- receiving ----------------------------------------------------------------------


def import_handover(exchange: ExchangeService, payload: HandoverPayloadV1, opened: OpenedPack, pairing: Pairing,
                    sender: Person) -> ImportOutcome:
    """Check everything, then write the supervisee, their history and the handover (in the caller's transaction)."""
    from supervision_app.exchange.service import ImportOutcome

    store = exchange.store
    signers = _received_signers(exchange, payload, pairing)
    person = _supervisee_for(exchange, payload)
    held = [(s, _record(s), [_addendum(a) for a in s.addenda]) for s in payload.sessions]
    _check_ids(exchange, payload, held)
    known = known_signers(store)
    for signer in signers:
        known.setdefault(signer.fingerprint, _as_known(signer))
    notes = {s.id: _checked_note(s, known, store.known_certificates()) for s in payload.sessions if s.note}

    if person is None:
        try:
            person = people.add_supervisee(store, NewPerson(
                name=payload.supervisee.name, role=PersonRole.SUPERVISEE, job_title=payload.supervisee.job_title,
                team=payload.supervisee.team, start_date=payload.supervisee.start_date,
                newly_qualified=payload.supervisee.newly_qualified), today=exchange.now().date())
        except people.InvalidEntry:
            raise PackRefused("The supervisee's details in the file are not ones this app accepts, "
                              "so nothing was imported.") from None
    if payload.agreement is not None and store.get_agreement(person.id) is None:
        store.save_agreement(replace(_agreement(payload.agreement), supervisee_id=person.id))
    new_ids: dict[int, int] = {}
    for session, record, addenda in sorted(held, key=lambda h: (h[0].scheduled_start, h[0].id)):
        added = store.add_held_session(NewSession(
            supervisee_id=person.id, scheduled_start=session.scheduled_start,
            duration_minutes=session.duration_minutes, mode=SessionMode(session.mode), location=session.location,
            status=SessionStatus(session.status), notes=session.notes,
            cancellation_reason=session.cancellation_reason,
            rebooked_from_id=new_ids.get(session.rebooked_from) if session.rebooked_from else None), record)
        new_ids[session.id] = added.id
        for addendum in addenda:
            store.save_addendum(added.id, addendum)
        if session.id in notes:
            note, signatures = notes[session.id]
            store.save_signed_note(SignedNote(added.id, base64.b64decode(note.pdf), note.fingerprint, signatures,
                                              note.page_size, frozenset(note.hidden_sections)))
    store.save_handover(Handover(opened.pack_id, "in", person.id, sender.name, pairing.fingerprint,
                                 payload.handed_over_at, tuple(signers), tuple(new_ids.values())))
    audit.record(store, AuditAction.HANDOVER_RECEIVED, supervisee_subject(person.id),
                 f"from colleague {sender.id}")
    count = len(payload.sessions)
    open_count = _open_action_count(exchange, person.id)
    return ImportOutcome(
        "handover",
        f"{person.name}'s records, handed over by {sender.name} on {format_date(payload.handed_over_at)}: the "
        f"signature is theirs and nothing was altered. {count} session{'s' if count != 1 else ''} and "
        f"{len(notes)} signed note{'s' if len(notes) != 1 else ''} added; {open_count} open "
        f"action{'s' if open_count != 1 else ''} will be carried into your next session with them.",
        person.id)


def _received_signers(exchange: ExchangeService, payload: HandoverPayloadV1,
                      pairing: Pairing) -> list[HandedOverSigner]:
    me = exchange.profile()
    own = exchange.identity().fingerprint
    signers = [HandedOverSigner("supervisor", payload.supervisor_name, pairing.public_key_der)]
    for sent in payload.signers:
        der = base64.b64decode(sent.public_key)
        try:
            key = load_der_public_key(der)
        except ValueError:
            raise PackRefused("The file holds a key this app does not make, so nothing was imported.") from None
        if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
            raise PackRefused("The file holds a key this app does not make, so nothing was imported.")
        signers.append(HandedOverSigner(sent.role, sent.name, der))
    for signer in signers:
        if signer.fingerprint == own:
            raise PackRefused("The file names your own key as someone else's, so nothing was imported.")
        if people.same_name(signer.name, me.name):
            raise PackRefused("The file names you as someone who signed its notes, so nothing was imported.")
    return signers


def _supervisee_for(exchange: ExchangeService, payload: HandoverPayloadV1) -> Person | None:
    """Who receives the history: nobody yet (``None``), or one supervisee of that name with no sessions."""
    store = exchange.store
    name = payload.supervisee.name
    matches = [p for p in store.list_people()
               if p.role is PersonRole.SUPERVISEE and not p.is_self and people.same_name(p.name, name)]
    if len(matches) > 1:
        raise PackRefused(f"More than one of your supervisees is called {name}, so nothing was imported.")
    if matches and store.list_sessions(matches[0].id):
        raise PackRefused(f"You already have sessions with {name}, and a handover is never merged with "
                          "them, so nothing was imported.")
    return matches[0] if matches else None


def _refused_form() -> PackRefused:
    return PackRefused("The file's contents are not in the expected form, so nothing was imported.")


def _parsed(kind: type[T], document: dict[str, Any]) -> T:
    """``document`` read by the record's own schema, with no field that schema does not know, at any depth."""
    try:
        value = from_json(kind, json.dumps(document))
    except RecordFormatError:
        raise _refused_form() from None
    if not _known_fields(document, json.loads(to_json(value))):
        raise _refused_form()
    return value


def _known_fields(given: Any, understood: Any) -> bool:
    if isinstance(given, dict):
        return isinstance(understood, dict) and set(given) <= set(understood) and all(
            _known_fields(value, understood[key]) for key, value in given.items())
    if isinstance(given, list) and isinstance(understood, list) and len(given) == len(understood):
        return all(_known_fields(g, u) for g, u in zip(given, understood, strict=True))
    return True


def _record(session: HeldSessionV1) -> SessionRecord:
    record = _parsed(SessionRecord, session.record)
    if record.addenda:
        raise _refused_form()
    if (session.status == "signed_off") != record.signed_off:
        raise _refused_form()
    return record


def _addendum(document: dict[str, Any]) -> Addendum:
    return _parsed(Addendum, document)


def _agreement(document: dict[str, Any]) -> Agreement:
    return _parsed(Agreement, document)


def _check_ids(exchange: ExchangeService, payload: HandoverPayloadV1,
               held: list[tuple[HeldSessionV1, SessionRecord, list[Addendum]]]) -> None:
    ids = [s.id for s in payload.sessions]
    if len(set(ids)) != len(ids) or any(s.rebooked_from is not None and s.rebooked_from not in ids
                                        for s in payload.sessions):
        raise _refused_form()
    addendum_ids = [a.id for _s, _r, addenda in held for a in addenda]
    if len(set(addendum_ids)) != len(addendum_ids) or any(len(i) != 32 or not set(i) <= _HEX_ID
                                                          for i in addendum_ids):
        raise _refused_form()
    if exchange.store.addenda_held(addendum_ids):
        raise PackRefused("This vault already holds part of this record, so nothing was imported.")


def _as_known(signer: HandedOverSigner) -> KnownSigner:
    return KnownSigner(signer.name, frozenset({signer.role}))


def _checked_note(session: HeldSessionV1, known: dict[str, KnownSigner],
                  certificates: list[bytes]) -> tuple[HeldNoteV1, int]:
    """The note, if it verifies completely here with the handed-over signers, and how many signatures it has."""
    note = session.note
    assert note is not None
    when = format_date(session.scheduled_start)
    if session.status != "signed_off":
        raise _refused_form()
    from supervision_app.services.verification import fingerprint_as_signed, verify_note  # pyHanko: only here

    pdf = base64.b64decode(note.pdf)
    report = verify_note(pdf, known, certificates)
    if not report.ok:
        raise PackRefused(f"The signed note of the session on {when} in this file does not verify, "
                          "so nothing was imported.")
    if fingerprint_as_signed(pdf, FIELD_NAMES["supervisor"]) != note.fingerprint:
        raise PackRefused("The file's details do not match a signed note in it, so nothing was imported.")
    return note, len(report.signatures)


def _open_action_count(exchange: ExchangeService, supervisee_id: int) -> int:
    return len(open_actions(exchange.store.history(supervisee_id)))


