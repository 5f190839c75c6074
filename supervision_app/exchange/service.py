"""Pairing, and the packs that travel between installs.

* agenda (supervisee → supervisor): the prepared agenda, into the next booked session;
* record (supervisor → supervisee): the signed note with the open actions and the next session;
* countersigned (supervisee → supervisor): the note with both signatures, kept as the final record;
* handover (supervisor → another supervisor): a supervisee's whole record (``exchange/handover.py``).

Every import is checked whole before anything is written (envelope, payload
schema, replay and duplicate, who may send what, the note's signatures), and
then written in one transaction together with its entry in the pack log. So a
pack is imported completely or not at all.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic_core import ValidationError

from supervision_app.content import ToolkitContent
from supervision_app.domain.audit import AuditAction
from supervision_app.domain.exchange import (
    CancelledSession,
    Pairing,
    Preparation,
    ReceivedKey,
    ReceivedRecord,
    SharedAction,
    countersign_reason,
    read_countersign_reason,
    shared_preparation,
)
from supervision_app.domain.identity import SigningIdentity
from supervision_app.domain.model import NewPerson, Person, PersonRole, SessionMode, SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    ActionOwner,
    AgendaItem,
    AgendaSource,
    Confirmation,
    PreparedAgenda,
    ReviewOutcome,
    SessionRecord,
    StressorRating,
    TimeProtection,
)
from supervision_app.domain.rules import open_actions
from supervision_app.domain.signatures import FIELD_NAMES
from supervision_app.exchange.agreement import AGREEMENT_PAYLOADS, agreement_subject, import_agreement_pack
from supervision_app.exchange.envelope import ExchangeError, OpenedPack, PackRefused, open_pack, seal
from supervision_app.exchange.handover import import_handover
from supervision_app.exchange.pairing import PairingCard
from supervision_app.exchange.schemas import (
    HIDDEN_IN_EXPORT,
    MAX_CANCELLED,
    MAX_ITEMS,
    ActionV1,
    AgendaItemV1,
    AgendaPayloadV1,
    CancelledSessionV1,
    CountersignedPayloadV1,
    HandoverPayloadV1,
    Payload,
    RecordPayloadV1,
    ScheduleV1,
    StressorV1,
    decode_payload,
    encode_payload,
    has_hidden_characters,
)
from supervision_app.formatting import format_date, format_datetime
from supervision_app.services import people
from supervision_app.services.identities import SigningError
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.signers import known_signers
from supervision_app.storage import audit
from supervision_app.storage.records import PackLogEntry, RecordNotFound, SqlRecordStore
from supervision_app.untrusted import is_plain

if TYPE_CHECKING:  # signing and verifying (pyHanko) load when a note is signed or checked
    from supervision_app.services.verification import VerificationReport

EXCHANGE_ID_KEY = "exchange_id"
"""Vault metadata: a random id that makes this vault's session ids unique between installs."""

SENDABLE = (SessionStatus.SCHEDULED, SessionStatus.DRAFT)

FILE_SUFFIXES = {"pairing": ".svpair", "agenda": ".svagenda", "record": ".svrecord",
                 "countersigned": ".svsigned", "handover": ".svhandover",
                 # The agreement's packs travel as the files going the same way do (exchange/agreement.py).
                 "agreement": ".svrecord", "agreement_signed": ".svsigned", "review": ".svagenda"}


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, in words for the user, and where it landed."""

    kind: str
    message: str
    person_id: int
    session_id: int | None = None  # the supervisor's session (agenda, countersigned)
    session_uid: str | None = None  # the session as both installs name it

    @property
    def received(self) -> ReceivedKey:
        """The record a supervisee's import of a record filed (kept per sender: ``person_id``)."""
        if self.kind != "record" or self.session_uid is None:
            raise ValueError("only an imported record is filed as received")
        return ReceivedKey(self.person_id, self.session_uid)


class ExchangeService:
    def __init__(self, store: SqlRecordStore, notes: NoteService, content: ToolkitContent,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self.notes = notes
        self.content = content
        self._clock = clock

    def now(self) -> datetime:
        """Local time without a zone, to the second, as the rest of the records use."""
        return self._clock().replace(microsecond=0, tzinfo=None)

    # --- who I am --------------------------------------------------------------

    def profile(self) -> Person:
        profile = self.store.own_profile()
        if profile is None:
            raise ExchangeError("Add your own details (People → About you) first.")
        return profile

    def identity(self) -> SigningIdentity:
        return self.notes.ensure_identity(self.profile())

    def exchange_id(self) -> str:
        existing = self.store.get_meta(EXCHANGE_ID_KEY)
        if existing:
            return existing
        created = uuid.uuid4().hex
        self.store.set_meta(EXCHANGE_ID_KEY, created)
        return created

    def session_uid(self, session_id: int) -> str:
        return f"{self.exchange_id()}-{session_id}"

    # --- pairing -----------------------------------------------------------------

    def my_card(self, as_role: PersonRole) -> PairingCard:
        """This user's pairing card, as ``as_role`` in the relationship (the other person learns which)."""
        identity = self.identity()
        return PairingCard(as_role, identity.public_key_der, self.profile().name, identity.certificate_der)

    def my_supervisors(self) -> list[Person]:
        """The people who supervise this user (each appears once paired, or added by name)."""
        return people.supervisors_of_user(self.store)

    def colleagues(self) -> list[Person]:
        """Other supervisors paired with this user to hand records over."""
        ids = people.colleague_ids(self.store)
        return [p for p in self.store.list_people() if p.id in ids]

    def pair(self, card: PairingCard, *, person_id: int | None = None, name: str = "",
             replace_key: bool = False) -> tuple[Person, Pairing]:
        """Pin the key on ``card`` for the person it belongs to; returns them and the pin.

        A card from a supervisee pairs with one of the user's supervisees (the
        one given, or the one with the card's name, added if there is none);
        a card from a supervisor pairs with the user's own supervisor.
        """
        if card.fingerprint == self.identity().fingerprint:
            raise ExchangeError("This is your own pairing card; use the other person's.")
        name = name.strip() or card.name
        existing = self.store.pairing_by_fingerprint(card.fingerprint)
        # One transaction: a refusal after adding someone new must not leave them behind.
        with self.store.transaction():
            person = self.person_for_card(card, person_id=person_id, name=name) or self._add_person(card, name)
            if existing is not None and existing.person_id != person.id:
                other = self.store.get_person(existing.person_id)
                raise ExchangeError(f"This key is already paired with {other.name}.")
            current = self.store.pairing_for(person.id)
            if current is not None and current.their_role is not card.role:
                raise ExchangeError(f"{person.name} is already paired with you as your "
                                    f"{_role_words(current.their_role)}.")
            if current is not None and current.fingerprint != card.fingerprint and not replace_key:
                raise ExchangeError(f"{person.name} is already paired with a different key. If they have a new "
                                    "computer, pair again and choose to replace the old key.")
            # A code carries no certificate: keep the one held, but only if it is for this same key.
            same_key = current is not None and current.public_key_der == card.public_key_der
            held = current.certificate_der if current is not None and same_key else None
            certificate = card.certificate_der or held
            pairing = Pairing(person.id, card.role, card.public_key_der, certificate, self.now())
            self.store.save_pairing(pairing)
        return person, pairing

    def person_for_card(self, card: PairingCard, *, person_id: int | None = None, name: str = "") -> Person | None:
        """Who pairing with ``card`` would pin the key for: ``None`` when they would be added as someone new."""
        if person_id is None:
            existing = self.store.pairing_by_fingerprint(card.fingerprint)
            person_id = existing.person_id if existing is not None else None
        name = name.strip() or card.name
        # Another supervisor (a colleague) is kept as a supervisor; their pairing says they are a colleague.
        stored_role = PersonRole.SUPERVISOR if card.role is PersonRole.COLLEAGUE else card.role
        if person_id is not None:
            person = self.store.get_person(person_id)
            if person.is_self or person.role is not stored_role:
                wanted = "a supervisee" if card.role is PersonRole.SUPERVISEE else "a supervisor"
                raise ExchangeError(f"This card is from {wanted}, but {person.name} is not one.")
            return person
        if not name:
            raise ExchangeError("Enter the name of the person you are pairing with.")
        colleagues = people.colleague_ids(self.store)
        matches = [p for p in self.store.list_people()
                   if not p.is_self and p.role is stored_role and people.same_name(p.name, name)
                   and (p.id in colleagues) == (card.role is PersonRole.COLLEAGUE)]
        if len(matches) > 1:
            raise ExchangeError(f"More than one person is called {name}; choose which one to pair with.")
        return matches[0] if matches else None

    def _add_person(self, card: PairingCard, name: str) -> Person:
        if card.role is PersonRole.SUPERVISEE:
            return people.add_supervisee(self.store, NewPerson(name=name, role=PersonRole.SUPERVISEE),
                                         today=self.now().date())
        return people.add_supervisor(self.store, name)

    def pairing_of(self, person_id: int) -> Pairing | None:
        return self.store.pairing_for(person_id)

    def _paired(self, person: Person, role: PersonRole) -> Pairing:
        pairing = self.store.pairing_for(person.id)
        if pairing is None or pairing.their_role is not role:
            raise ExchangeError(f"Pair with {person.name} first, so the file can be locked to them.")
        return pairing

    # --- sending ----------------------------------------------------------------

    def seal_pack(self, kind: str, payload: Payload, pairing: Pairing, subject: str) -> bytes:
        """Seal a payload for a paired person and log it as sent (for the pack kinds built on this service)."""
        return self._seal(kind, payload, pairing, subject)

    def _seal(self, kind: str, payload: Payload, pairing: Pairing, subject: str) -> bytes:
        """Seal, and log the pack as sent, so its sequence number is never used again."""
        now = self.now()
        # The clock's seconds, or one more than the last: a vault restored from
        # a backup still numbers its packs above those it sent before.
        sequence = max(self.store.latest_sequence(direction="out", peer=pairing.fingerprint) + 1,
                       int(now.timestamp()))
        pack = seal(encode_payload(payload), kind=kind, sender=self.identity(),
                    recipient_key=pairing.public_key_der, sequence=sequence, created_at=now)
        pack_id = json.loads(pack)["pack_id"]
        with self.store.transaction():
            self.store.log_pack(PackLogEntry(pack_id, "out", kind, pairing.fingerprint, subject, sequence, now))
            audit.record(self.store, AuditAction.PACK_EXPORTED, _peer_subject(pairing), kind)
        return pack

    def export_agenda(self, supervisor_id: int) -> bytes:
        """The supervisee's prepared agenda, sealed for their supervisor. Only what is marked to bring."""
        supervisor = self.store.get_person(supervisor_id)
        pairing = self._paired(supervisor, PersonRole.SUPERVISOR)
        preparation = self.store.get_preparation(supervisor_id) or Preparation()
        shared = shared_preparation(preparation)
        if shared.is_empty:
            raise ExchangeError("Add an item, or mark something to bring, before sending the agenda.")
        try:
            payload = AgendaPayloadV1(
                schema="agenda", version=1, prepared_by=self.profile().name, prepared_at=self.now(),
                items=[AgendaItemV1(id=i.id, title=i.title, wanted_outcome=i.wanted_outcome) for i in shared.items],
                how_i_have_been=shared.how_i_have_been, checklist=list(shared.checklist),
                stressors=[StressorV1(id=s.id, impact=s.impact) for s in shared.stressors])
        except ValidationError as error:
            if has_hidden_characters(error):
                raise ExchangeError(HIDDEN_IN_EXPORT.format(what="agenda")) from None
            raise ExchangeError(f"Shorten the agenda: at most {MAX_ITEMS} items, titles up to 200 characters "
                                "and other text up to 5,000.") from None
        with self.store.transaction():
            pack = self._seal("agenda", payload, pairing, "")
            preparation.sent_at = self.now()
            self.store.save_preparation(supervisor_id, preparation)
        return pack

    def export_record(self, session_id: int, options: NoteOptions | None = None) -> bytes:
        """A signed-off session's signed note, open actions and next session, sealed for the supervisee.

        If the note has not been signed yet, it is signed now with ``options``.
        """
        session = self.store.get_session(session_id)
        if session.status is not SessionStatus.SIGNED_OFF:
            raise ExchangeError("Sign off the session first: only the agreed record is sent.")
        supervisee = self.store.get_person(session.supervisee_id)
        pairing = self._paired(supervisee, PersonRole.SUPERVISEE)
        kept = self.notes.signed_note(session_id)
        if kept is None:
            try:
                self.notes.sign_as_supervisor(session_id, options or NoteOptions())
            except SigningError as error:
                raise ExchangeError(str(error)) from None
            kept = self.notes.signed_note(session_id)
            assert kept is not None
        history = self.store.history(session.supervisee_id)
        record = next(h.record for h in history if h.session.id == session_id)
        try:
            actions = [
                ActionV1(id=o.action.id, text=o.action.text, owner=o.action.owner.value,
                         owner_name=o.action.owner_name, due=o.action.due,
                         agreed_on=o.from_session.scheduled_start.date(),
                         # Never done or dropped, being open; the schema checks it again.
                         status=o.latest_outcome.value)  # type: ignore[arg-type]
                for o in open_actions(history, up_to=session)
            ]
            payload = RecordPayloadV1(
                schema="record", version=1, session_uid=self.session_uid(session_id),
                supervisor_name=self.profile().name, supervisee_name=supervisee.name,
                session_start=session.scheduled_start, duration_minutes=session.duration_minutes,
                mode=session.mode.value, location=session.location, note_fingerprint=kept.fingerprint,
                note_pdf=base64.b64encode(kept.pdf).decode("ascii"), open_actions=actions,
                next_session=record.next_session or self._booked_after(session_id),
                schedule=self._schedule(session, record))
        except ValidationError as error:
            if has_hidden_characters(error):
                raise ExchangeError(HIDDEN_IN_EXPORT.format(what="record")) from None
            raise ExchangeError("An action or the place in this record is longer than a file can carry "
                                "(5,000 and 200 characters); add an addendum with the detail instead.") from None
        with self.store.transaction():
            return self._seal("record", payload, pairing, payload.session_uid)

    def _schedule(self, session: SupervisionSession, record: SessionRecord) -> ScheduleV1:
        """The agreement's cadence, this session's time protection and every session cancelled (newest kept)."""
        agreement = self.store.get_agreement(session.supervisee_id)
        sessions = self.store.list_sessions(session.supervisee_id)
        replaced_by = {s.rebooked_from_id: s.scheduled_start for s in sessions if s.rebooked_from_id is not None}
        cancelled = sorted((s for s in sessions if s.status is SessionStatus.CANCELLED),
                           key=lambda s: s.scheduled_start)[-MAX_CANCELLED:]
        protection = record.setting.time_protection
        return ScheduleV1(
            cadence_weeks=agreement.frequency_weeks if agreement else None,
            time_protection=None if protection is TimeProtection.NOT_RECORDED
            else protection.value,  # type: ignore[arg-type]  # protected or interrupted; the schema checks it again
            cancelled=[CancelledSessionV1(session_uid=self.session_uid(s.id), scheduled_start=s.scheduled_start,
                                          rebooked_to=replaced_by.get(s.id)) for s in cancelled])

    def _booked_after(self, session_id: int) -> datetime | None:
        session = self.store.get_session(session_id)
        later = [s.scheduled_start for s in self.store.list_sessions(session.supervisee_id)
                 if s.scheduled_start > session.scheduled_start and s.status in SENDABLE]
        return min(later, default=None)

    def countersign(self, key: ReceivedKey, confirmation: Confirmation, comment: str = "") -> bytes:
        """Sign a received note in the supervisee's field, keep it, and seal it for the supervisor who sent it."""
        found = self.store.received_note(key)
        if found is None:
            raise ExchangeError("There is no record of that session here; import the supervisor's file first.")
        received, pdf, signatures = found
        if signatures >= 2:
            raise ExchangeError("You have already signed this note; send the signed copy again instead.")
        comment = comment.strip()
        if len(comment) > 2000:
            raise ExchangeError("Shorten the comment to 2,000 characters or fewer.")
        if not is_plain(comment, allow_newlines=True):
            raise ExchangeError(HIDDEN_IN_EXPORT.format(what="comment"))
        supervisor = self.store.get_person(received.supervisor_id)
        pairing = self._paired(supervisor, PersonRole.SUPERVISOR)
        self.check_to_countersign(pdf, pairing, unverified="This note was not signed, because it did not verify",
                                  someone_else="This note is for someone else to sign, so it was not signed.")
        now = self.now()
        from supervision_app.services.signing import sign_note

        try:
            signed = sign_note(pdf, self.identity(), "supervisee", fonts_dir=self.notes.fonts_dir,
                               when=now.astimezone(UTC), reason=countersign_reason(confirmation, comment),
                               timestamp_url=self.notes.timestamp_url())
        except SigningError as error:
            raise ExchangeError(str(error)) from None
        updated = replace(received, countersigned_at=now, confirmation=confirmation, comment=comment)
        payload = self._countersigned_payload(updated, signed)
        with self.store.transaction():
            self.store.save_received(updated, signed, 2)
            audit.record(self.store, AuditAction.NOTE_SIGNED, _peer_subject(pairing), "as supervisee")
            return self._seal("countersigned", payload, pairing, key.session_uid)

    def check_to_countersign(self, pdf: bytes, supervisor: Pairing, *, unverified: str, someone_else: str) -> None:
        """Refuse, before signing anything, a PDF (a note, an agreement) that does not verify or that names
        someone else to sign: ``unverified`` and ``someone_else`` are the two refusals in its own words."""
        report = self._verify(pdf)
        if report.problems or _signers(report) != {FIELD_NAMES["supervisor"]: supervisor.fingerprint}:
            reason = report.problems[0] if report.problems else "it does not carry your supervisor's signature."
            raise ExchangeError(f"{unverified}: {reason}")
        named = report.named
        if named is not None and named.supervisee_key and named.supervisee_key != self.identity().fingerprint:
            raise ExchangeError(someone_else)

    def resend_countersigned(self, key: ReceivedKey) -> bytes:
        """The countersigned note sealed again, for when the first file went astray."""
        found = self.store.received_note(key)
        if found is None or found[2] < 2:
            raise ExchangeError("Sign the note first.")
        received, pdf, _ = found
        pairing = self._paired(self.store.get_person(received.supervisor_id), PersonRole.SUPERVISOR)
        with self.store.transaction():
            return self._seal("countersigned", self._countersigned_payload(received, pdf), pairing,
                              key.session_uid)

    @staticmethod
    def _countersigned_payload(received: ReceivedRecord, pdf: bytes) -> CountersignedPayloadV1:
        if received.confirmation is None or received.countersigned_at is None:
            raise ExchangeError("This note has no signature of yours to send.")
        return CountersignedPayloadV1(
            schema="countersigned", version=1, session_uid=received.session_uid,
            note_pdf=base64.b64encode(pdf).decode("ascii"), confirmation=received.confirmation.value,
            comment=received.comment, signed_at=received.countersigned_at)

    # --- receiving ----------------------------------------------------------------

    def read_pack(self, data: bytes) -> tuple[OpenedPack, Payload]:
        """Open and check a pack (envelope, sender, payload schema) without importing it."""
        opened, _pairing, _sender, payload = self._open(data)
        return opened, payload

    def sender_of(self, opened: OpenedPack) -> Person:
        """The paired person who sent an opened pack."""
        pairing = self.store.pairing_by_fingerprint(opened.sender)
        if pairing is None:
            raise PackRefused("This file is from someone you are not paired with.")
        return self.store.get_person(pairing.person_id)

    def _open(self, data: bytes) -> tuple[OpenedPack, Pairing, Person, Payload]:
        pairings = {p.fingerprint: p for p in self.store.pairings()}

        def may_send(fingerprint: str, kind: str) -> None:
            pairing = pairings[fingerprint]
            expected = {"record": PersonRole.SUPERVISOR, "handover": PersonRole.COLLEAGUE,
                        "agreement": PersonRole.SUPERVISOR}.get(kind, PersonRole.SUPERVISEE)
            if kind == "review" and pairing.their_role is PersonRole.SUPERVISOR:
                return  # a review's answers come from either side of the supervision
            if pairing.their_role is not expected:
                name = self.store.get_person(pairing.person_id).name
                raise PackRefused(f"This kind of file comes from a {_role_words(expected)}, but you are paired "
                                  f"with {name} as your {_role_words(pairing.their_role)}.")

        opened = open_pack(data, me=self.identity(), may_send=may_send,
                           senders={fingerprint: p.public_key_der for fingerprint, p in pairings.items()})
        pairing = pairings[opened.sender]
        sender = self.store.get_person(pairing.person_id)
        return opened, pairing, sender, decode_payload(opened.kind, opened.payload)

    def import_pack(self, data: bytes) -> ImportOutcome:
        """Check a pack completely, then apply it and log it in one transaction; or refuse and change nothing."""
        opened, pairing, sender, payload = self._open(data)
        if isinstance(payload, AgendaPayloadV1):
            subject = ""
        elif isinstance(payload, HandoverPayloadV1):
            subject = payload.supervisee_uid
        elif isinstance(payload, AGREEMENT_PAYLOADS):
            subject = agreement_subject(payload)
        else:
            subject = payload.session_uid
        # The replay checks share the import's transaction, so nothing can slip in between.
        with self.store.transaction():
            if self.store.pack_seen(opened.pack_id):
                raise PackRefused("You have already imported this file.")
            newest = self.store.latest_sequence(direction="in", peer=opened.sender, kind=opened.kind,
                                                subject=subject)
            if opened.sequence <= newest:
                raise PackRefused(f"This file is older than one you have already imported from {sender.name}, "
                                  "so it was not imported.")
            if isinstance(payload, AgendaPayloadV1):
                outcome = self._import_agenda(payload, opened, sender)
            elif isinstance(payload, RecordPayloadV1):
                outcome = self._import_record(payload, pairing, sender)
            elif isinstance(payload, HandoverPayloadV1):
                outcome = import_handover(self, payload, opened, pairing, sender)
            elif isinstance(payload, AGREEMENT_PAYLOADS):
                outcome = import_agreement_pack(self, payload, pairing, sender)
            else:
                outcome = self._import_countersigned(payload, pairing, sender)
            self.store.log_pack(PackLogEntry(opened.pack_id, "in", opened.kind, opened.sender, subject,
                                             opened.sequence, opened.created_at))
            audit.record(self.store, AuditAction.PACK_IMPORTED, _peer_subject(pairing), opened.kind)
        return outcome

    def _import_agenda(self, payload: AgendaPayloadV1, opened: OpenedPack, supervisee: Person) -> ImportOutcome:
        checklist = {item.id: item for item in self.content.wellbeing_checklist.items}
        stressors = {item.id for item in self.content.personal_stressors.items}
        if any(i not in checklist for i in payload.checklist) or any(s.id not in stressors
                                                                      for s in payload.stressors):
            raise PackRefused("The file names wellbeing items this app does not know; "
                              "check that you both have the same version of the app.")
        session = self._upcoming_session(supervisee)
        record = self.store.load_record(session.id)
        wanted = [(item.id, item.title, item.wanted_outcome) for item in payload.items]
        wanted += [(f"checklist:{i}", f"Wellbeing: {checklist[i].text}", "") for i in payload.checklist]
        added = _merge_prepared_items(record, wanted)
        for stressor in payload.stressors:
            record.checkin.stressors[stressor.id] = StressorRating(stressor.impact, bring_to_supervision=True)
        if payload.how_i_have_been and payload.how_i_have_been not in record.checkin.opening:
            record.checkin.opening = "\n\n".join(t for t in (record.checkin.opening.strip(),
                                                             payload.how_i_have_been) if t)
        record.prepared = PreparedAgenda(prepared_by=payload.prepared_by, fingerprint=opened.sender,
                                         prepared_at=payload.prepared_at, imported_at=self.now(),
                                         pack_id=opened.pack_id)
        self.store.save_record(session.id, record, status=session.status)
        wellbeing = len(payload.stressors) + (1 if payload.how_i_have_been else 0)
        parts = [f"{added} new agenda item{'s' if added != 1 else ''}"]
        if wellbeing:
            parts.append(f"{wellbeing} wellbeing entr{'ies' if wellbeing != 1 else 'y'} for the check-in")
        return ImportOutcome(
            "agenda",
            f"Agenda from {supervisee.name}, prepared {format_datetime(payload.prepared_at)}: the signature is "
            f"theirs and nothing was altered. Added to the session on {format_date(session.scheduled_start)}: "
            f"{' and '.join(parts)}.",
            supervisee.id, session_id=session.id, session_uid=self.session_uid(session.id))

    def _upcoming_session(self, supervisee: Person) -> SupervisionSession:
        since = self.now() - timedelta(hours=12)
        upcoming = sorted((s for s in self.store.list_sessions(supervisee.id)
                           if s.status in SENDABLE and s.scheduled_start >= since),
                          key=lambda s: s.scheduled_start)
        if not upcoming:
            raise PackRefused(f"Book the next session with {supervisee.name} first, then import their agenda "
                              "again.")
        return upcoming[0]

    def _import_record(self, payload: RecordPayloadV1, pairing: Pairing, supervisor: Person) -> ImportOutcome:
        pdf = base64.b64decode(payload.note_pdf)
        report = self._verify(pdf)
        signed_by = _signers(report)
        if signed_by.get(FIELD_NAMES["supervisor"]) != pairing.fingerprint:
            raise PackRefused(f"The note in this file does not carry a valid signature from {supervisor.name}, "
                              "so nothing was imported.")
        from supervision_app.services.verification import fingerprint_as_signed

        if fingerprint_as_signed(pdf, FIELD_NAMES["supervisor"]) != payload.note_fingerprint:
            raise PackRefused("The file's details do not match the signed note in it, so nothing was imported.")
        named = report.named
        if named is not None and named.supervisee_key and named.supervisee_key != self.identity().fingerprint:
            raise PackRefused("The note in this file names someone else to sign it as supervisee, "
                              "so nothing was imported.")
        mine = signed_by.get(FIELD_NAMES["supervisee"])
        if mine is not None and mine != self.identity().fingerprint:
            raise PackRefused("The note in this file is signed by someone else as supervisee, "
                              "so nothing was imported.")
        # Kept per sender: another supervisor's record with the same session id is a different record.
        earlier = self.store.received_note(ReceivedKey(supervisor.id, payload.session_uid))
        if earlier is not None and earlier[2] >= 2 and mine is None:
            raise PackRefused("You have already signed this session's note; this file would replace it "
                              "with an unsigned copy, so it was not imported.")
        received = ReceivedRecord(
            session_uid=payload.session_uid, supervisor_id=supervisor.id, session_start=payload.session_start,
            duration_minutes=payload.duration_minutes, mode=SessionMode(payload.mode), location=payload.location,
            note_fingerprint=payload.note_fingerprint,
            open_actions=[SharedAction(a.id, a.text, ActionOwner(a.owner), a.owner_name, a.due, a.agreed_on,
                                       ReviewOutcome(a.status)) for a in payload.open_actions],
            next_session=payload.next_session, received_at=self.now(), **_scheduled(payload.schedule))
        if mine is not None:
            received = _with_countersignature(received, report, earlier[0] if earlier else None)
        self.store.save_received(received, pdf, 2 if mine else 1)
        yours = sum(1 for a in received.open_actions if a.owner is ActionOwner.SUPERVISEE)
        return ImportOutcome(
            "record",
            f"Record of the session on {format_date(payload.session_start)} from {supervisor.name}: the "
            f"signature is theirs and nothing was altered. {len(received.open_actions)} open "
            f"action{'s' if len(received.open_actions) != 1 else ''}, {yours} of them yours.",
            supervisor.id, session_uid=payload.session_uid)

    def _import_countersigned(self, payload: CountersignedPayloadV1, pairing: Pairing,
                              supervisee: Person) -> ImportOutcome:
        prefix, _, number = payload.session_uid.rpartition("-")
        if prefix != self.exchange_id():
            raise PackRefused("This note is not of a session kept in this vault, so nothing was imported.")
        try:
            session = self.store.get_session(int(number))
        except RecordNotFound:
            raise PackRefused("This note's session is not in this vault, so nothing was imported.") from None
        if session.supervisee_id != supervisee.id:
            raise PackRefused(f"This note is of a session with someone other than {supervisee.name}, "
                              "so nothing was imported.")
        kept = self.store.get_signed_note(session.id)
        if kept is None:
            raise PackRefused("This vault holds no signed note for that session, so nothing was imported.")
        pdf = base64.b64decode(payload.note_pdf)
        if kept.signatures >= 2:
            raise PackRefused("The countersigned note of this session is already kept.")
        if not pdf.startswith(kept.pdf) or len(pdf) == len(kept.pdf):
            raise PackRefused("The note in this file is not the one you signed, so nothing was imported.")
        report = self._verify(pdf)
        signed_by = _signers(report)
        if signed_by != {FIELD_NAMES["supervisor"]: self.identity().fingerprint,
                         FIELD_NAMES["supervisee"]: pairing.fingerprint}:
            raise PackRefused(f"The note in this file does not carry valid signatures from you and "
                              f"{supervisee.name}, so nothing was imported.")
        reason = next(s.reason for s in report.signatures if s.field == FIELD_NAMES["supervisee"])
        if reason != countersign_reason(Confirmation(payload.confirmation), payload.comment):
            raise PackRefused("The file's details do not match the signed note in it, so nothing was imported.")
        self.store.save_signed_note(replace(kept, pdf=pdf, signatures=2))
        said = reason.removeprefix("Supervisee: ")
        return ImportOutcome(
            "countersigned",
            f"{supervisee.name} signed the note of the session on {format_date(session.scheduled_start)} "
            f"(“{said}”). Both signatures are verified; it is kept as the final record.",
            supervisee.id, session_id=session.id, session_uid=payload.session_uid)

    def _verify(self, pdf: bytes) -> VerificationReport:
        from supervision_app.services.verification import verify_note

        return verify_note(pdf, known_signers(self.store), self.store.known_certificates())


def _with_countersignature(received: ReceivedRecord, report: VerificationReport,
                           earlier: ReceivedRecord | None) -> ReceivedRecord:
    """A record whose note already carries this user's signature keeps what that signature said."""
    if earlier is not None and earlier.confirmation is not None:
        return replace(received, countersigned_at=earlier.countersigned_at, confirmation=earlier.confirmation,
                       comment=earlier.comment)
    # Not held here before (a vault restored from a backup, say): read it from the signature itself.
    signature = next(s for s in report.signatures if s.field == FIELD_NAMES["supervisee"])
    said = read_countersign_reason(signature.reason)
    if said is None or signature.signed_at is None:
        raise PackRefused("The note in this file carries a signature of yours this app did not make, "
                          "so nothing was imported.")
    signed_at = signature.signed_at.astimezone().replace(tzinfo=None)
    return replace(received, countersigned_at=signed_at, confirmation=said[0], comment=said[1])


def _scheduled(schedule: ScheduleV1 | None) -> dict[str, Any]:
    """A received record's fields from a record pack's schedule (none in a pack from an older version)."""
    if schedule is None:
        return {}
    return {"cadence_weeks": schedule.cadence_weeks,
            "time_protection": TimeProtection(schedule.time_protection) if schedule.time_protection else None,
            "cancelled": [CancelledSession(c.session_uid, c.scheduled_start, c.rebooked_to)
                          for c in schedule.cancelled]}


def _signers(report: VerificationReport) -> dict[str, str]:
    """Field → fingerprint for each signature that verifies completely; nothing if any one fails."""
    if not report.ok:
        return {}
    return {signature.field: signature.fingerprint for signature in report.signatures}


def _merge_prepared_items(record: SessionRecord, wanted: list[tuple[str, str, str]]) -> int:
    """Add or update the prepared items; drop earlier prepared ones no longer wanted and not yet touched."""
    by_prepared_id = {item.prepared_id: item for item in record.agenda if item.prepared_id}
    added = 0
    for prepared_id, title, outcome in wanted:
        item = by_prepared_id.pop(prepared_id, None)
        if item is None:
            record.agenda.append(AgendaItem(title=title, wanted_outcome=outcome, source=AgendaSource.PREPARED,
                                            prepared_id=prepared_id))
            added += 1
        else:
            item.title, item.wanted_outcome = title, outcome
    for stale in by_prepared_id.values():
        untouched = not (stale.reached or stale.notes.strip() or stale.decisions or stale.went_well.strip()
                         or stale.difficult.strip() or stale.learned.strip())
        if untouched:
            record.agenda.remove(stale)
    return added


def _role_words(role: PersonRole) -> str:
    return "colleague (another supervisor)" if role is PersonRole.COLLEAGUE else role.value


def _peer_subject(pairing: Pairing) -> str:
    """The other person by role and id, never by name (the activity log holds no names)."""
    return f"{pairing.their_role.value} {pairing.person_id}"
