"""The whole team at a glance, in a few queries: what the home page's rules need and no more.

A record is stored as JSON; only its actions, reviews, flags and prepared agenda
are validated into domain values here, not the whole record.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.attention_facts import NoteState, SessionDigest
from supervision_app.domain.codec import from_data, from_json
from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import Action, ActionReview, Flag, PreparedAgenda
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore, _session


def session_digests(store: SqlRecordStore) -> list[SessionDigest]:
    """Every session of every supervisee, oldest first, in one query.

    Python's ``json`` reads a record several times faster than SQLite's ``json_extract``
    (measured at 1,500 sessions), so the record is read here and only its parts validated.
    """
    query = select(tables.sessions).order_by(tables.sessions.c.scheduled_start, tables.sessions.c.id)
    with store.transaction() as connection:
        rows = connection.execute(query).mappings().all()
    digests = []
    for row in rows:
        session = _session(row)
        data = json.loads(row["record"]) if row["record"] and session.status is not SessionStatus.CANCELLED else {}
        prepared = data.get("prepared")
        digests.append(SessionDigest(
            session,
            from_data(list[Action], data.get("actions", [])),
            from_data(list[ActionReview], data.get("reviews", [])),
            from_data(list[Flag], data.get("flags", [])),
            from_data(PreparedAgenda, prepared) if prepared else None,
        ))
    return digests


def agreements(store: SqlRecordStore) -> dict[int, Agreement]:
    """Every supervisee's agreement, by supervisee id."""
    with store.transaction() as connection:
        rows = connection.execute(select(tables.agreements.c.supervisee_id, tables.agreements.c.data)).all()
    return {row.supervisee_id: from_json(Agreement, row.data) for row in rows}


def signed_note_states(store: SqlRecordStore) -> dict[int, NoteState]:
    """For each session with a signed note (by id): how many signatures it carries, and when it was last saved."""
    notes = tables.signed_notes.c
    with store.transaction() as connection:
        rows = connection.execute(select(notes.session_id, notes.signatures, notes.updated_at)).all()
    return {row.session_id: NoteState(row.signatures, datetime.fromisoformat(row.updated_at)) for row in rows}


__all__ = ["agreements", "session_digests", "signed_note_states"]
