"""The vault owner's CPD log: one row per entry (migration 13)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update

from supervision_app.domain.cpd import CpdEntry, CpdType, SessionLink
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore


def entries(store: SqlRecordStore) -> list[CpdEntry]:
    """Every entry, oldest first."""
    with store.transaction() as connection:
        rows = connection.execute(select(tables.cpd_entries).order_by(
            tables.cpd_entries.c.done_on, tables.cpd_entries.c.id)).mappings().all()
    return [_entry(row) for row in rows]


def save(store: SqlRecordStore, entry: CpdEntry) -> CpdEntry:
    """Add ``entry`` (no id yet) or replace the one with its id; the entry as saved, with its id."""
    values = _row(entry)
    with store.transaction() as connection:
        if entry.id is None:
            new_id = connection.execute(tables.cpd_entries.insert().values(**values)).inserted_primary_key
            assert new_id is not None
            return _with_id(entry, int(new_id[0]))
        changed = connection.execute(update(tables.cpd_entries).where(
            tables.cpd_entries.c.id == entry.id).values(**values)).rowcount
    if changed != 1:
        raise KeyError(entry.id)
    return entry


def remove(store: SqlRecordStore, entry_id: int) -> None:
    with store.transaction() as connection:
        connection.execute(delete(tables.cpd_entries).where(tables.cpd_entries.c.id == entry_id))


def _with_id(entry: CpdEntry, entry_id: int) -> CpdEntry:
    entry.id = entry_id
    return entry


def _row(entry: CpdEntry) -> dict[str, Any]:
    return {
        "cpd_type": entry.cpd_type.value, "title": entry.title, "done_on": entry.done_on.isoformat(),
        "relevance": entry.relevance, "learnt": entry.learnt, "impact_practice": entry.impact_practice,
        "impact_people": entry.impact_people, "peer_reflection": entry.peer_reflection,
        "session_key": entry.session.key if entry.session else "",
        "session_on": entry.session.held_on.isoformat() if entry.session else None,
        "saved_at": datetime.now().isoformat(timespec="seconds"),
    }


def _entry(row: Any) -> CpdEntry:
    link = (SessionLink(row["session_key"], date.fromisoformat(row["session_on"]))
            if row["session_key"] and row["session_on"] else None)
    return CpdEntry(CpdType(row["cpd_type"]), row["title"], date.fromisoformat(row["done_on"]),
                    relevance=row["relevance"], learnt=row["learnt"], impact_practice=row["impact_practice"],
                    impact_people=row["impact_people"], peer_reflection=row["peer_reflection"],
                    session=link, id=row["id"])
