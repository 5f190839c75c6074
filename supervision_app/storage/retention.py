"""Each person's retention facts in the vault: when supervision ended, and any reason to keep records longer."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from supervision_app.domain.retention import KeepReason, PersonRetention
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore


def all_retention(store: SqlRecordStore) -> dict[int, PersonRetention]:
    """Every person's retention facts that have been recorded, by person id."""
    with store.transaction() as connection:
        rows = connection.execute(select(tables.retention)).mappings().all()
    return {row["person_id"]: _facts(row) for row in rows}


def retention_of(store: SqlRecordStore, person_id: int) -> PersonRetention:
    return all_retention(store).get(person_id, PersonRetention())


def set_end_date(store: SqlRecordStore, person_id: int, end_date: date | None) -> None:
    _upsert(store, person_id, end_date=end_date.isoformat() if end_date else None)


def set_keep_reason(store: SqlRecordStore, person_id: int, keep: KeepReason | None) -> None:
    """Record why the person's records are kept past retention; ``None`` clears it."""
    _upsert(store, person_id, keep_reason=keep.reason if keep else "",
            keep_recorded_on=keep.recorded_on.isoformat() if keep else None)


def _upsert(store: SqlRecordStore, person_id: int, **values: Any) -> None:
    statement = sqlite_insert(tables.retention).values(person_id=person_id, **values)
    statement = statement.on_conflict_do_update(index_elements=["person_id"], set_=values)
    with store.transaction() as connection:
        connection.execute(statement)


def _facts(row: Any) -> PersonRetention:
    keep = (KeepReason(row["keep_reason"], date.fromisoformat(row["keep_recorded_on"]))
            if row["keep_reason"] and row["keep_recorded_on"] else None)
    return PersonRetention(date.fromisoformat(row["end_date"]) if row["end_date"] else None, keep)
