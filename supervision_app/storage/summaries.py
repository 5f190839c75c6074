"""Each session's summary, kept true in the transaction that changes the session.

A record is stored whole, as JSON. What the lists and the home page need from it is
kept beside it, small (migration 11): ``session_summaries`` holds, for each session,
the actions it agreed, the ids of those it closed (reviewed done or dropped), its
urgent flags with no action linked, when a prepared agenda came in, and how many
actions are open once it is over; ``open_actions`` holds each supervisee's actions
open now; ``supervisee_summaries`` holds, for each supervisee, their latest
signed-off session and how many of their notes wait for a countersignature (signed
by the supervisor only), with the earliest such session. :func:`record_saved` is
called from every save of a record (and the insert of a session),
:func:`sessions_changed` when a session is moved or cancelled, :func:`note_saved`
when a signed note is kept. The first two replay the person's summaries, never
their records, oldest first, by the rule of ``rules.open_actions``: a session's
closing reviews, then its new actions; cancelled sessions count for nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, delete, insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import ActionOwner, FlagLevel, SessionRecord
from supervision_app.storage import history_parts, tables

OpenAction = tuple[int, int | None, bool]
"""An action open now: the session it was agreed in, its due date (``date.toordinal``) and whether it is the
supervisor's."""


@dataclass(frozen=True)
class Summary:
    """What one session's record adds to the summaries."""

    added: tuple[tuple[str, int | None, bool], ...] = ()  # (action id, due date's day number, the supervisor's)
    closed: tuple[str, ...] = ()  # action ids reviewed done or dropped
    urgent_unfollowed: int = 0  # urgent flags with no action of this session linked
    agenda_received: date | None = None  # when a prepared agenda was imported into it


def summarise(record: SessionRecord) -> Summary:
    """The parts of ``record`` that the summaries keep."""
    ids = {action.id for action in record.actions}
    return Summary(
        tuple((a.id, a.due.toordinal() if a.due else None, a.owner is ActionOwner.SUPERVISOR)
              for a in record.actions),
        tuple(review.action_id for review in record.reviews if review.outcome.closes),
        sum(1 for flag in record.flags if flag.level is FlagLevel.URGENT and flag.action_id not in ids),
        record.prepared.imported_at.date() if record.prepared else None,
    )


def record_saved(connection: Connection, session_id: int, record: SessionRecord) -> None:
    """Keep the summaries true once ``record`` is saved as the record of ``session_id``."""
    store_summary(connection, session_id, summarise(record))
    history_parts.record_saved(connection, session_id, record)  # what the history shows of it (migration 19)
    sessions_changed(connection, _supervisee_of(connection, session_id))


def note_saved(connection: Connection, session_id: int) -> None:
    """Keep the count of notes waiting for a countersignature true once the note of ``session_id`` is kept."""
    _count_waiting(connection, _supervisee_of(connection, session_id))


def _supervisee_of(connection: Connection, session_id: int) -> int:
    return int(connection.execute(select(tables.sessions.c.supervisee_id).where(
        tables.sessions.c.id == session_id)).scalar_one())


def store_summary(connection: Connection, session_id: int, summary: Summary) -> None:
    values = {"added": json.dumps([list(a) for a in summary.added]), "closed": json.dumps(list(summary.closed)),
              "urgent_unfollowed": summary.urgent_unfollowed,
              "agenda_received": summary.agenda_received.isoformat() if summary.agenda_received else None}
    statement = sqlite_insert(tables.session_summaries).values(session_id=session_id, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=["session_id"], set_=values))


def sessions_changed(connection: Connection, supervisee_id: int) -> None:
    """Replay one supervisee's summaries: each session's open-action count, and their actions open now."""
    sessions, summaries = tables.sessions.c, tables.session_summaries.c
    rows = connection.execute(
        select(sessions.id, sessions.scheduled_start, sessions.status, summaries.added, summaries.closed,
               summaries.open_after)
        .join_from(tables.sessions, tables.session_summaries, summaries.session_id == sessions.id)
        .where(sessions.supervisee_id == supervisee_id)
        .order_by(sessions.scheduled_start, sessions.id)).all()
    state: dict[str, OpenAction] = {}
    last_signed_off: tuple[int, str] | None = None
    for session_id, start, status, added, closed, stored in rows:
        if status == SessionStatus.SIGNED_OFF.value:
            last_signed_off = (session_id, start)
        if status != SessionStatus.CANCELLED.value:
            for action_id in json.loads(closed):
                state.pop(action_id, None)
            for action_id, due, supervisors in json.loads(added):
                state[action_id] = (session_id, due, supervisors)
        count = len(state) if status != SessionStatus.CANCELLED.value else 0
        if count != stored:
            connection.execute(update(tables.session_summaries).where(summaries.session_id == session_id)
                               .values(open_after=count))
    connection.execute(delete(tables.open_actions).where(tables.open_actions.c.supervisee_id == supervisee_id))
    if state:
        connection.execute(insert(tables.open_actions), [
            {"supervisee_id": supervisee_id, "action_id": action_id, "session_id": session_id, "due": due,
             "supervisors": supervisors} for action_id, (session_id, due, supervisors) in state.items()])
    values = {"last_signed_off": last_signed_off[0] if last_signed_off else None,
              "last_signed_off_start": last_signed_off[1] if last_signed_off else None}
    statement = sqlite_insert(tables.supervisee_summaries).values(supervisee_id=supervisee_id, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=["supervisee_id"], set_=values))
    _count_waiting(connection, supervisee_id)


# A person's notes signed once, of signed-off sessions: how many, and the earliest session's (its day, and the
# day its note was signed). Read through the covering indexes, never a note's PDF.
_WAITING = """FROM sessions s INDEXED BY sessions_listed
    CROSS JOIN signed_notes n INDEXED BY signed_notes_states ON n.session_id = s.id
    WHERE s.supervisee_id = :person AND s.status = 'signed_off' AND n.signatures = 1"""
_COUNT_WAITING = text(f"""
    UPDATE supervisee_summaries SET waiting_notes = (SELECT count(*) {_WAITING}),
        (oldest_waiting, oldest_waiting_day, oldest_waiting_signed) = (
            SELECT s.id, substr(s.scheduled_start, 1, 10), substr(n.updated_at, 1, 10)
            {_WAITING} ORDER BY s.scheduled_start, s.id LIMIT 1)
    WHERE supervisee_id = :person""")


def _count_waiting(connection: Connection, supervisee_id: int) -> None:
    connection.execute(_COUNT_WAITING, {"person": supervisee_id})


__all__ = ["Summary", "note_saved", "record_saved", "sessions_changed", "store_summary", "summarise"]
