"""The activity log in the vault: appended in the caller's transaction, never updated or deleted.

The head of the chain (the last entry's number and hash) is kept in the vault's
metadata too, and each new entry follows the head, not whatever row is last: so
removing the last entries is detected as well, even after more are added.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, insert, select

from supervision_app.domain.audit import AuditAction, AuditEntry, ChainBreak, first_break, next_entry
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore

HEAD_KEY = "audit_head"


def record(store: SqlRecordStore, action: AuditAction, subject: str = "", detail: str = "") -> AuditEntry:
    """Append one entry, in the store's open transaction if there is one (so it lands with the change)."""
    with store.transaction() as connection:
        previous = _parse_head(store.get_meta(HEAD_KEY)) or _last(connection)
        entry = next_entry(previous, datetime.now().isoformat(timespec="seconds"),
                           action.value, subject, detail)
        connection.execute(insert(tables.audit_log).values(
            seq=entry.seq, at=entry.at, action=entry.action, subject=entry.subject, detail=entry.detail,
            prev_hash=entry.prev_hash, hash=entry.hash))
        store.set_meta(HEAD_KEY, f"{entry.seq}:{entry.hash}")
    return entry


def entries(store: SqlRecordStore) -> list[AuditEntry]:
    with store.transaction() as connection:
        rows = connection.execute(select(tables.audit_log).order_by(tables.audit_log.c.seq)).mappings().all()
    return [_entry(row) for row in rows]


def verify(store: SqlRecordStore) -> ChainBreak | None:
    """The first place the chain is broken, or ``None`` if it is whole."""
    with store.transaction():
        found = entries(store)
        head = store.get_meta(HEAD_KEY)
    return first_break(found, _parse_head(head))


def _parse_head(value: str | None) -> tuple[int, str] | None:
    if value is None:
        return None
    seq, _, digest = value.partition(":")
    return (int(seq), digest) if seq.isdigit() else (0, digest)


def _last(connection: Connection) -> AuditEntry | None:
    row = connection.execute(select(tables.audit_log).order_by(tables.audit_log.c.seq.desc()).limit(1)
                             ).mappings().one_or_none()
    return _entry(row) if row is not None else None


def _entry(row: object) -> AuditEntry:
    values = dict(row)  # type: ignore[call-overload]
    return AuditEntry(int(values["seq"]), values["at"], values["action"], values["subject"], values["detail"],
                      values["prev_hash"], values["hash"])


def last_seq(store: SqlRecordStore, action: AuditAction) -> int:
    """The number of the latest entry for ``action`` (0 if there is none)."""
    log = tables.audit_log
    with store.transaction() as connection:
        found = connection.execute(select(func.max(log.c.seq)).where(log.c.action == action.value)).scalar()
    return int(found or 0)
