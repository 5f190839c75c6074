"""The record store on SQLCipher: turns rows into domain values and back."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.codec import from_json, record_from_json, record_to_json, to_json
from supervision_app.domain.exchange import Pairing, Preparation, ReceivedKey, ReceivedRecord
from supervision_app.domain.handover import HandedOverSigner, Handover
from supervision_app.domain.identity import SignedNote, SigningIdentity, certificate_public_key
from supervision_app.domain.model import (
    NewPerson,
    NewSession,
    Person,
    PersonRole,
    SessionMode,
    SessionStatus,
    SupervisionSession,
    VaultCounts,
)
from supervision_app.domain.record import Addendum, SessionRecord
from supervision_app.domain.rules import HeldSession, SessionLocked
from supervision_app.storage import my_search_index, search_index, summaries, tables
from supervision_app.storage.engine import raise_database_error

T = TypeVar("T")


@dataclass(frozen=True)
class PackLogEntry:
    pack_id: str
    direction: str  # "in" or "out"
    kind: str
    peer: str  # the other person's fingerprint
    subject: str  # the session's exchange id, or "" for an agenda
    sequence: int
    created_at: datetime


class RecordNotFound(LookupError):
    """No record with that id: a stale reference, which is a bug or a deleted record."""


class SqlRecordStore:
    """The vault's records on an open engine: the one interface the services use to reach them."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._active: Connection | None = None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: all of its writes land together, or none do.

        Calls made inside an open transaction join it, so a use case can make
        several of this store's calls atomic (an import: its changes and its
        log entry) by wrapping them in ``with store.transaction():``.
        """
        if self._active is not None:
            yield self._active
            return
        try:
            with self._engine.begin() as connection:
                self._active = connection
                try:
                    yield connection
                finally:
                    self._active = None
        except DBAPIError as error:
            raise_database_error(error)

    def _read(self, query: Callable[[Connection], T]) -> T:
        with self.transaction() as connection:
            return query(connection)

    # --- metadata ---------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        return self._read(lambda c: c.execute(
            select(tables.vault_meta.c.value).where(tables.vault_meta.c.key == key)
        ).scalar_one_or_none())

    def set_meta(self, key: str, value: str) -> None:
        statement = sqlite_insert(tables.vault_meta).values(key=key, value=value)
        statement = statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
        with self.transaction() as connection:
            connection.execute(statement)

    # --- people and agreements -------------------------------------------

    def add_person(self, person: NewPerson) -> Person:
        with self.transaction() as connection:
            result = connection.execute(insert(tables.people).values(
                **_person_row(person), **_fresh_id(connection, tables.people)))
            assert result.inserted_primary_key is not None
            new_id = int(result.inserted_primary_key[0])
        return Person(**vars(person), id=new_id)

    def update_person(self, person: Person) -> None:
        with self.transaction() as connection:
            done = connection.execute(
                update(tables.people).where(tables.people.c.id == person.id).values(**_person_row(person))
            )
            if done.rowcount != 1:
                raise RecordNotFound(f"person {person.id}")

    def get_person(self, person_id: int) -> Person:
        row = self._read(lambda c: c.execute(
            select(tables.people).where(tables.people.c.id == person_id)).mappings().one_or_none())
        if row is None:
            raise RecordNotFound(f"person {person_id}")
        return _person(row)

    def list_people(self) -> list[Person]:
        rows = self._read(lambda c: c.execute(
            select(tables.people).order_by(tables.people.c.is_self.desc(), tables.people.c.name)
        ).mappings().all())
        return [_person(row) for row in rows]

    def own_profile(self) -> Person | None:
        return next((person for person in self.list_people() if person.is_self), None)

    def get_agreement(self, supervisee_id: int) -> Agreement | None:
        data = self._read(lambda c: c.execute(
            select(tables.agreements.c.data).where(tables.agreements.c.supervisee_id == supervisee_id)
        ).scalar_one_or_none())
        return from_json(Agreement, data) if data else None

    def save_agreement(self, agreement: Agreement) -> None:
        data = to_json(agreement)
        statement = sqlite_insert(tables.agreements).values(supervisee_id=agreement.supervisee_id, data=data)
        statement = statement.on_conflict_do_update(index_elements=["supervisee_id"], set_={"data": data})
        with self.transaction() as connection:
            connection.execute(statement)

    # --- sessions ----------------------------------------------------------

    def add_session(self, session: NewSession) -> SupervisionSession:
        with self.transaction() as connection:
            return self._insert_session(connection, session)

    def _insert_session(self, connection: Connection, session: NewSession) -> SupervisionSession:
        result = connection.execute(insert(tables.sessions).values(
            **_session_row(session), record="", **_fresh_id(connection, tables.sessions)))
        assert result.inserted_primary_key is not None
        summaries.record_saved(connection, int(result.inserted_primary_key[0]), SessionRecord())
        return SupervisionSession(**vars(session), id=int(result.inserted_primary_key[0]))

    def add_held_session(self, session: NewSession, record: SessionRecord) -> SupervisionSession:
        """Add a session with its record as it stands (a handed-over one, already signed off, say).

        Addenda are saved apart (:meth:`save_addendum`)."""
        with self.transaction() as connection:
            result = connection.execute(insert(tables.sessions).values(
                **_session_row(session), record=record_to_json(replace(record, addenda=[])), updated_at=_now()))
            assert result.inserted_primary_key is not None
            summaries.record_saved(connection, int(result.inserted_primary_key[0]), record)
            search_index.index_session(connection, int(result.inserted_primary_key[0]), record)
            return SupervisionSession(**vars(session), id=int(result.inserted_primary_key[0]))

    def get_session(self, session_id: int) -> SupervisionSession:
        row = self._read(lambda c: c.execute(
            select(tables.sessions).where(tables.sessions.c.id == session_id)).mappings().one_or_none())
        if row is None:
            raise RecordNotFound(f"session {session_id}")
        return _session(row)

    def update_session(self, session: SupervisionSession) -> None:
        """Change a session's booking details (date, mode, place, status)."""
        with self.transaction() as connection:
            done = connection.execute(update(tables.sessions).where(tables.sessions.c.id == session.id)
                                      .values(**_session_row(session)))
            if done.rowcount != 1:
                raise RecordNotFound(f"session {session.id}")
            summaries.sessions_changed(connection, session.supervisee_id)

    def list_sessions(self, supervisee_id: int | None = None) -> list[SupervisionSession]:
        query = select(*BOOKING_COLUMNS).order_by(tables.sessions.c.scheduled_start.desc(), tables.sessions.c.id.desc())
        if supervisee_id is not None:
            query = query.where(tables.sessions.c.supervisee_id == supervisee_id)
        rows = self._read(lambda c: c.execute(query).mappings().all())
        return [_session(row) for row in rows]

    def cancel_and_rebook(self, session_id: int, reason: str, rebook_at: datetime | None) -> SupervisionSession | None:
        """Cancel a session with its reason; book its replacement in the same transaction."""
        with self.transaction() as connection:
            row = connection.execute(select(tables.sessions).where(tables.sessions.c.id == session_id)
                                     ).mappings().one_or_none()
            if row is None:
                raise RecordNotFound(f"session {session_id}")
            session = _session(row)
            if session.status is SessionStatus.SIGNED_OFF:
                raise SessionLocked("A signed-off session cannot be cancelled.")
            connection.execute(update(tables.sessions).where(tables.sessions.c.id == session_id).values(
                status=SessionStatus.CANCELLED.value, cancellation_reason=reason, updated_at=_now()))
            summaries.sessions_changed(connection, session.supervisee_id)
            if rebook_at is None:
                return None
            replacement = replace(session, scheduled_start=rebook_at, status=SessionStatus.SCHEDULED,
                                  cancellation_reason="", rebooked_from_id=session_id)
            fields = {k: v for k, v in vars(replacement).items() if k != "id"}
            return self._insert_session(connection, NewSession(**fields))

    # --- records -------------------------------------------------------------

    def load_record(self, session_id: int) -> SessionRecord:
        def load(connection: Connection) -> SessionRecord:
            text = connection.execute(select(tables.sessions.c.record).where(
                tables.sessions.c.id == session_id)).scalar_one_or_none()
            addenda = connection.execute(
                select(tables.addenda.c.data).where(tables.addenda.c.session_id == session_id)
                .order_by(tables.addenda.c.written_at, tables.addenda.c.id)).scalars()
            return _record(session_id, text, list(addenda))

        return self._read(load)

    def save_record(self, session_id: int, record: SessionRecord, *, status: SessionStatus) -> None:
        """Save a draft (or its final signed-off form) in one transaction. Addenda are saved apart."""
        stored = replace(record, addenda=[])
        with self.transaction() as connection:
            current = connection.execute(select(tables.sessions.c.status).where(
                tables.sessions.c.id == session_id)).scalar_one_or_none()
            if current is None:
                raise RecordNotFound(f"session {session_id}")
            if current == SessionStatus.SIGNED_OFF.value:
                raise SessionLocked("This record is signed off; add an addendum instead.")
            connection.execute(update(tables.sessions).where(tables.sessions.c.id == session_id).values(
                record=record_to_json(stored), status=status.value, updated_at=_now()))
            summaries.record_saved(connection, session_id, stored)
            search_index.index_session(connection, session_id, stored)

    def save_addendum(self, session_id: int, addendum: Addendum) -> None:
        data = to_json(addendum)
        values = {"id": addendum.id, "session_id": session_id,
                  "written_at": addendum.written_at.isoformat(), "data": data,
                  "signed_off": addendum.signed_off}
        statement = sqlite_insert(tables.addenda).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["id"], set_={"data": data, "signed_off": addendum.signed_off})
        with self.transaction() as connection:
            connection.execute(statement)
            search_index.index_addendum(connection, session_id, addendum)

    def addenda_held(self, addendum_ids: Iterable[str]) -> set[str]:
        """Which of these addendum ids this vault already holds (they are unique across the vault)."""
        wanted = list(addendum_ids)
        return set(self._read(lambda c: c.execute(select(tables.addenda.c.id).where(
            tables.addenda.c.id.in_(wanted))).scalars().all())) if wanted else set()

    def delete_addendum(self, addendum_id: str) -> None:
        """Remove an addendum that has not yet been signed off by both."""
        with self.transaction() as connection:
            connection.execute(delete(tables.addenda).where(tables.addenda.c.id == addendum_id))
            search_index.forget_item(connection, addendum_id)

    def history(self, supervisee_id: int) -> list[HeldSession]:
        """Every session of one supervisee with its record, oldest first: two queries, one transaction."""
        sessions, addenda = tables.sessions, tables.addenda

        def load(connection: Connection) -> list[HeldSession]:
            rows = connection.execute(select(sessions).where(sessions.c.supervisee_id == supervisee_id)
                                      ).mappings().all()
            written: dict[int, list[str]] = {}
            for session_id, data in connection.execute(
                    select(addenda.c.session_id, addenda.c.data)
                    .join(sessions, sessions.c.id == addenda.c.session_id)
                    .where(sessions.c.supervisee_id == supervisee_id)
                    .order_by(addenda.c.written_at, addenda.c.id)):
                written.setdefault(session_id, []).append(data)
            held = [HeldSession(_session(row), _record(row["id"], row["record"], written.get(row["id"], [])))
                    for row in rows]
            return sorted(held, key=lambda h: (h.session.scheduled_start, h.session.id))

        return self._read(load)

    # --- signing identities and signed notes ------------------------------------

    def get_signing_identity(self, person_id: int) -> SigningIdentity | None:
        """The person's signing identity with its private key; ``None`` if they have none or it is retired."""
        ids = tables.signing_identities
        row = self._read(lambda c: c.execute(select(ids).where(
            ids.c.person_id == person_id, ids.c.retired_at.is_(None))).mappings().one_or_none())
        return _identity(row) if row is not None else None

    def save_signing_identity(self, person_id: int, identity: SigningIdentity) -> None:
        """Store a new identity. One per person, never replaced: notes already signed name it."""
        with self.transaction() as connection:
            connection.execute(insert(tables.signing_identities).values(
                person_id=person_id, name=identity.name, role=identity.role,
                certificate=identity.certificate_der, private_key=identity.private_key_der,
                fingerprint=identity.fingerprint, created_at=_now()))

    def known_certificates(self) -> list[bytes]:
        """Every certificate this vault trusts: its own identities' (not retired ones), and those paired by file."""
        paired = [p.certificate_der for p in self.pairings() if p.certificate_der is not None]
        return self._identity_certificates(retired=False) + paired

    def known_keys(self) -> list[bytes]:
        """Every public key (SubjectPublicKeyInfo DER) whose signatures this vault recognises."""
        own = [certificate_public_key(der) for der in self._identity_certificates(retired=False)]
        return own + [pairing.public_key_der for pairing in self.pairings()]

    def retired_keys(self) -> list[bytes]:
        """The public keys (SubjectPublicKeyInfo DER) of retired identities: keys this vault once held in
        someone else's name. Their private keys are deleted; a signature made with one is not theirs."""
        return [certificate_public_key(der) for der in self._identity_certificates(retired=True)]

    def _identity_certificates(self, *, retired: bool) -> list[bytes]:
        ids = tables.signing_identities
        which = ids.c.retired_at.is_not(None) if retired else ids.c.retired_at.is_(None)
        rows = self._read(lambda c: c.execute(select(ids.c.certificate).where(which)).scalars().all())
        return [bytes(row) for row in rows]

    # --- pairings and the pack log -------------------------------------------------

    def save_pairing(self, pairing: Pairing) -> None:
        """Pin the other person's key (replacing an earlier pin for the same person)."""
        values = {"their_role": pairing.their_role.value, "public_key": pairing.public_key_der,
                  "fingerprint": pairing.fingerprint, "certificate": pairing.certificate_der,
                  "paired_at": (pairing.paired_at or datetime.now()).isoformat(timespec="seconds")}
        statement = sqlite_insert(tables.pairings).values(person_id=pairing.person_id, **values)
        statement = statement.on_conflict_do_update(index_elements=["person_id"], set_=values)
        with self.transaction() as connection:
            connection.execute(statement)

    def pairings(self) -> list[Pairing]:
        rows = self._read(lambda c: c.execute(select(tables.pairings)).mappings().all())
        return [_pairing(row) for row in rows]

    def pairing_for(self, person_id: int) -> Pairing | None:
        return next((p for p in self.pairings() if p.person_id == person_id), None)

    def pairing_by_fingerprint(self, fingerprint: str) -> Pairing | None:
        return next((p for p in self.pairings() if p.fingerprint == fingerprint), None)

    def log_pack(self, entry: PackLogEntry) -> None:
        with self.transaction() as connection:
            connection.execute(insert(tables.pack_log).values(
                pack_id=entry.pack_id, direction=entry.direction, kind=entry.kind, peer=entry.peer,
                subject=entry.subject, sequence=entry.sequence,
                created_at=entry.created_at.isoformat(timespec="seconds"), logged_at=_now()))

    def pack_seen(self, pack_id: str) -> bool:
        return self._read(lambda c: c.execute(select(tables.pack_log.c.pack_id).where(
            tables.pack_log.c.pack_id == pack_id)).first() is not None)

    def latest_sequence(self, *, direction: str, peer: str, kind: str | None = None,
                        subject: str | None = None) -> int:
        """The highest sequence number logged for these packs (0 if none)."""
        log = tables.pack_log
        query = select(func.max(log.c.sequence)).where(log.c.direction == direction, log.c.peer == peer)
        if kind is not None:
            query = query.where(log.c.kind == kind)
        if subject is not None:
            query = query.where(log.c.subject == subject)
        return int(self._read(lambda c: c.execute(query).scalar_one_or_none()) or 0)

    # --- handovers between supervisors ----------------------------------------------

    def save_handover(self, handover: Handover) -> None:
        signers = json.dumps([{"role": s.role, "name": s.name,
                               "key": base64.b64encode(s.public_key_der).decode("ascii")}
                              for s in handover.signers])
        with self.transaction() as connection:
            connection.execute(insert(tables.handovers).values(
                pack_id=handover.pack_id, direction=handover.direction, supervisee_id=handover.supervisee_id,
                peer_name=handover.peer_name, peer_fingerprint=handover.peer_fingerprint,
                handed_over_at=handover.handed_over_at.isoformat(timespec="seconds"), signers=signers,
                sessions=json.dumps(list(handover.session_ids)), logged_at=_now()))

    def handovers(self, supervisee_id: int | None = None) -> list[Handover]:
        """Handovers sent and received, oldest first (of one supervisee, if given)."""
        query = select(tables.handovers).order_by(tables.handovers.c.handed_over_at, tables.handovers.c.pack_id)
        if supervisee_id is not None:
            query = query.where(tables.handovers.c.supervisee_id == supervisee_id)
        rows = self._read(lambda c: c.execute(query).mappings().all())
        return [_handover(row) for row in rows]

    # --- the supervisee's side: preparations and records received ------------------

    def get_preparation(self, supervisor_id: int) -> Preparation | None:
        data = self._read(lambda c: c.execute(select(tables.preparations.c.data).where(
            tables.preparations.c.supervisor_id == supervisor_id)).scalar_one_or_none())
        return from_json(Preparation, data) if data else None

    def save_preparation(self, supervisor_id: int, preparation: Preparation) -> None:
        values = {"data": to_json(preparation), "updated_at": _now()}
        statement = sqlite_insert(tables.preparations).values(supervisor_id=supervisor_id, **values)
        statement = statement.on_conflict_do_update(index_elements=["supervisor_id"], set_=values)
        with self.transaction() as connection:
            connection.execute(statement)
            my_search_index.index_preparation(connection, supervisor_id, preparation)

    def save_received(self, record: ReceivedRecord, pdf: bytes, signatures: int) -> None:
        values = {"supervisor_id": record.supervisor_id, "data": to_json(record), "pdf": pdf,
                  "signatures": signatures, "updated_at": _now()}
        statement = sqlite_insert(tables.received_records).values(session_uid=record.session_uid, **values)
        statement = statement.on_conflict_do_update(index_elements=["supervisor_id", "session_uid"], set_=values)
        with self.transaction() as connection:
            connection.execute(statement)
            my_search_index.index_received(connection, record, pdf)

    def received_records(self, supervisor_id: int | None = None) -> list[ReceivedRecord]:
        """Records received, newest session first."""
        query = select(tables.received_records.c.data)
        if supervisor_id is not None:
            query = query.where(tables.received_records.c.supervisor_id == supervisor_id)
        rows = self._read(lambda c: c.execute(query).scalars().all())
        return sorted((from_json(ReceivedRecord, row) for row in rows), key=lambda r: r.session_start, reverse=True)

    def received_note(self, key: ReceivedKey) -> tuple[ReceivedRecord, bytes, int] | None:
        """The record ``key`` names, its note and how many signatures the note carries."""
        received = tables.received_records.c
        row = self._read(lambda c: c.execute(select(tables.received_records).where(
            received.supervisor_id == key.supervisor_id, received.session_uid == key.session_uid,
        )).mappings().one_or_none())
        if row is None:
            return None
        return from_json(ReceivedRecord, row["data"]), bytes(row["pdf"]), row["signatures"]

    def save_signed_note(self, note: SignedNote) -> None:
        values = {"pdf": note.pdf, "fingerprint": note.fingerprint, "signatures": note.signatures,
                  "page_size": note.page_size, "hidden_sections": json.dumps(sorted(note.hidden_sections)),
                  "updated_at": _now()}
        statement = sqlite_insert(tables.signed_notes).values(session_id=note.session_id, **values)
        statement = statement.on_conflict_do_update(index_elements=["session_id"], set_=values)
        with self.transaction() as connection:
            connection.execute(statement)
            summaries.note_saved(connection, note.session_id)

    def get_signed_note(self, session_id: int) -> SignedNote | None:
        row = self._read(lambda c: c.execute(select(tables.signed_notes).where(
            tables.signed_notes.c.session_id == session_id)).mappings().one_or_none())
        if row is None:
            return None
        return SignedNote(session_id, bytes(row["pdf"]), row["fingerprint"], row["signatures"],
                          row["page_size"], frozenset(json.loads(row["hidden_sections"])))

    def counts(self) -> VaultCounts:
        def count(connection: Connection) -> VaultCounts:
            people = connection.execute(select(func.count()).select_from(tables.people)).scalar_one()
            supervisees = connection.execute(
                select(func.count()).select_from(tables.people)
                .where(tables.people.c.role == PersonRole.SUPERVISEE.value)
            ).scalar_one()
            sessions = connection.execute(select(func.count()).select_from(tables.sessions)).scalar_one()
            return VaultCounts(people=people, supervisees=supervisees, sessions=sessions)

        return self._read(count)


BOOKING_COLUMNS = [column for column in tables.sessions.c if column.name not in ("record", "updated_at")]
"""A session's columns but its record: the index ``sessions_listed`` holds them all (migration 11)."""

IDS_USED_KEY = "ids_used_to:{table}"
"""Vault metadata: the highest id a table had when a person was erased, so no id is used again
(the activity log names people and sessions by id)."""


def _fresh_id(connection: Connection, table: Table) -> dict[str, int]:
    """``{"id": n}`` above any id used before an erasure, or ``{}`` to let SQLite choose as usual."""
    used = connection.execute(select(tables.vault_meta.c.value).where(
        tables.vault_meta.c.key == IDS_USED_KEY.format(table=table.name))).scalar_one_or_none()
    if used is None:
        return {}
    highest = connection.execute(select(func.max(table.c.id))).scalar_one_or_none() or 0
    return {"id": max(int(used), int(highest)) + 1}


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _person_row(person: NewPerson) -> dict[str, Any]:
    return {
        "name": person.name,
        "role": person.role.value,
        "job_title": person.job_title,
        "team": person.team,
        "start_date": person.start_date.isoformat() if person.start_date else None,
        "newly_qualified": person.newly_qualified,
        "is_self": person.is_self,
    }


def _session_row(session: NewSession) -> dict[str, Any]:
    return {
        "supervisee_id": session.supervisee_id,
        "scheduled_start": session.scheduled_start.isoformat(timespec="minutes"),
        "duration_minutes": session.duration_minutes,
        "mode": session.mode.value,
        "location": session.location,
        "status": session.status.value,
        "notes": session.notes,
        "cancellation_reason": session.cancellation_reason,
        "rebooked_from_id": session.rebooked_from_id,
    }


def _person(row: Any) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        role=PersonRole(row["role"]),
        job_title=row["job_title"],
        team=row["team"],
        start_date=date.fromisoformat(row["start_date"]) if row["start_date"] else None,
        newly_qualified=bool(row["newly_qualified"]),
        is_self=bool(row["is_self"]),
    )


def _identity(row: Any) -> SigningIdentity:
    return SigningIdentity(row["name"], row["role"], bytes(row["certificate"]), bytes(row["private_key"]))


def _pairing(row: Any) -> Pairing:
    return Pairing(
        person_id=row["person_id"],
        their_role=PersonRole(row["their_role"]),
        public_key_der=bytes(row["public_key"]),
        certificate_der=bytes(row["certificate"]) if row["certificate"] is not None else None,
        paired_at=datetime.fromisoformat(row["paired_at"]),
    )


def _handover(row: Any) -> Handover:
    signers = tuple(HandedOverSigner(s["role"], s["name"], base64.b64decode(s["key"]))
                    for s in json.loads(row["signers"]))
    return Handover(row["pack_id"], row["direction"], row["supervisee_id"], row["peer_name"],
                    row["peer_fingerprint"], datetime.fromisoformat(row["handed_over_at"]), signers,
                    tuple(json.loads(row["sessions"])))


def _record(session_id: int, text: str | None, addenda: list[str]) -> SessionRecord:
    """A session's record from its stored JSON and its addenda's, validated."""
    if text is None:
        raise RecordNotFound(f"session {session_id}")
    record = record_from_json(text) if text else SessionRecord()
    record.addenda = [from_json(Addendum, data) for data in addenda]
    return record


def _session(row: Any) -> SupervisionSession:
    return SupervisionSession(
        id=row["id"],
        supervisee_id=row["supervisee_id"],
        scheduled_start=datetime.fromisoformat(row["scheduled_start"]),
        duration_minutes=row["duration_minutes"],
        mode=SessionMode(row["mode"]),
        location=row["location"],
        status=SessionStatus(row["status"]),
        notes=row["notes"],
        cancellation_reason=row["cancellation_reason"],
        rebooked_from_id=row["rebooked_from_id"],
    )
