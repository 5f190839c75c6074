"""What the history shows of each session's record, kept beside it in ``session_history`` (migration 19).

:func:`store_parts` is called with every save of a record (``summaries.record_saved``), in
its transaction, with :func:`~supervision_app.domain.history.session_parts` of the record:
the visibility rules are applied once, as it is saved, and nothing private is kept here.
The history then reads a narrow row per session (``storage/history.py``) and never a
record's JSON: at 127 sessions that was 3 to 5 ms of reading and decoding records.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from supervision_app.domain.history import ActionOutcomes, CheckinShown, FlagMention, SessionParts, session_parts
from supervision_app.domain.record import FlagLevel, SessionRecord, TimeProtection
from supervision_app.storage import tables

COLUMNS = ("protection", "checkin", "ratings", "flags", "agreed", "done", "in_progress", "carried_forward",
           "dropped")


def store_parts(connection: Connection, session_id: int, parts: SessionParts) -> None:
    """Keep ``parts`` as what the history shows of the record of ``session_id``."""
    outcomes = parts.outcomes
    values = {"protection": parts.protection.value, "checkin": parts.checkin.value,
              "ratings": json.dumps(dict(parts.ratings), separators=(",", ":")),
              "flags": json.dumps([[f.category_id, f.level.value if f.level else None] for f in parts.flags],
                                  separators=(",", ":")),
              "agreed": outcomes.agreed, "done": outcomes.done, "in_progress": outcomes.in_progress,
              "carried_forward": outcomes.carried_forward, "dropped": outcomes.dropped}
    statement = sqlite_insert(tables.session_history).values(session_id=session_id, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=["session_id"], set_=values))


def record_saved(connection: Connection, session_id: int, record: SessionRecord) -> None:
    """Keep what the history shows of ``record`` once it is saved as the record of ``session_id``."""
    store_parts(connection, session_id, session_parts(record))


def parts_from_row(row: Any) -> SessionParts:
    """The parts as stored in a row of ``session_history`` (its columns in the order of :data:`COLUMNS`)."""
    protection, checkin, ratings, flags, *counts = row
    try:  # (a dictionary's look-up, where calling an enum costs a microsecond or two a row)
        return SessionParts(_PROTECTION[protection], _CHECKIN[checkin], _ratings(ratings), _flags(flags),
                            ActionOutcomes(*counts))
    except KeyError as error:
        raise ValueError(f"invalid history parts: {error}") from None


_PROTECTION = {member.value: member for member in TimeProtection}
_CHECKIN = {member.value: member for member in CheckinShown}
_LEVEL = {member.value: member for member in FlagLevel}


def _ratings(text: str) -> dict[str, int]:
    if text == "{}":
        return {}
    ratings = json.loads(text)
    if not isinstance(ratings, dict) or not all(isinstance(v, int) for v in ratings.values()):
        raise ValueError("invalid history ratings")
    return ratings


def _flags(text: str) -> tuple[FlagMention, ...]:
    if text == "[]":
        return ()
    return tuple(FlagMention(str(category), _LEVEL[level] if level is not None else None)
                 for category, level in json.loads(text))


__all__ = ["COLUMNS", "parts_from_row", "record_saved", "store_parts"]
