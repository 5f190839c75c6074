"""Access requests in the vault, and the facts about a person's keys that an export of their data lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select, update

from supervision_app.domain.access import AccessRequest
from supervision_app.domain.identity import certificate_fingerprint
from supervision_app.storage import tables
from supervision_app.storage.records import PackLogEntry, RecordNotFound, SqlRecordStore


@dataclass(frozen=True)
class KeyFact:
    """A signing key this vault holds (or held, if retired) in the person's name: never the private key."""

    fingerprint: str
    created_at: str
    retired_at: str | None


def add_request(store: SqlRecordStore, person_id: int, received: date) -> AccessRequest:
    with store.transaction() as connection:
        result = connection.execute(insert(tables.access_requests).values(
            person_id=person_id, received=received.isoformat(), exported_at=None))
        assert result.inserted_primary_key is not None
        return AccessRequest(int(result.inserted_primary_key[0]), person_id, received)


def requests_for(store: SqlRecordStore, person_id: int) -> list[AccessRequest]:
    """The person's requests, the latest received first."""
    table = tables.access_requests
    with store.transaction() as connection:
        rows = connection.execute(select(table).where(table.c.person_id == person_id)
                                  .order_by(table.c.received.desc(), table.c.id.desc())).mappings().all()
    return [AccessRequest(row["id"], row["person_id"], date.fromisoformat(row["received"]),
                          datetime.fromisoformat(row["exported_at"]) if row["exported_at"] else None)
            for row in rows]


def mark_exported(store: SqlRecordStore, request_id: int, at: datetime) -> None:
    table = tables.access_requests
    with store.transaction() as connection:
        done = connection.execute(update(table).where(table.c.id == request_id).values(
            exported_at=at.isoformat(timespec="seconds")))
        if done.rowcount != 1:
            raise RecordNotFound(f"access request {request_id}")


def key_facts(store: SqlRecordStore, person_id: int) -> list[KeyFact]:
    ids = tables.signing_identities
    with store.transaction() as connection:
        rows = connection.execute(select(ids.c.certificate, ids.c.created_at, ids.c.retired_at)
                                  .where(ids.c.person_id == person_id)).mappings().all()
    return [KeyFact(certificate_fingerprint(bytes(row["certificate"])), row["created_at"], row["retired_at"])
            for row in rows]


def packs_with(store: SqlRecordStore, fingerprint: str) -> list[PackLogEntry]:
    """Every exchange file sent to or received from the key with this fingerprint, oldest first."""
    log = tables.pack_log
    with store.transaction() as connection:
        rows = connection.execute(select(log).where(log.c.peer == fingerprint)
                                  .order_by(log.c.logged_at, log.c.sequence)).mappings().all()
    return [PackLogEntry(row["pack_id"], row["direction"], row["kind"], row["peer"], row["subject"],
                         row["sequence"], datetime.fromisoformat(row["created_at"])) for row in rows]
