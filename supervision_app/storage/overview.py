"""The whole team at a glance, in a few queries that read narrow rows whatever the vault's size.

Nothing here reads a record's JSON or a note's PDF: the sessions come from the
index ``sessions_listed``, the notes' signature counts from ``signed_notes_states``,
and what the records say from their summaries (``storage/summaries.py``). Each
query returns a row per supervisee, or per session still open (drafts and
bookings), not per session held.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import select, text

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.attention import (
    URGENT_FLAG_DAYS,
    ActionTally,
    SessionFact,
    SuperviseeFacts,
    WaitingNotes,
)
from supervision_app.domain.codec import from_json
from supervision_app.domain.model import SessionStatus, SupervisionSession
from supervision_app.storage import tables
from supervision_app.storage.records import BOOKING_COLUMNS, SqlRecordStore, _session

# Each supervisee, with their latest signed-off session and the notes waiting for their countersignature.
_PEOPLE = text("""
    SELECT p.id, p.name, w.last_signed_off, w.last_signed_off_start, w.waiting_notes, w.oldest_waiting,
           w.oldest_waiting_day, w.oldest_waiting_signed
        FROM people p LEFT JOIN supervisee_summaries w ON w.supervisee_id = p.id
        WHERE p.role = 'supervisee' AND p.is_self = 0""")  # ordered in Python: SQLite's sorter costs ~5 µs a row here

# Drafts and bookings, each with when a prepared agenda came in, each person's in the order they are booked (the
# order of the partial index sessions_open, so SQLite sorts nothing).
_OPEN = text("""
    SELECT s.supervisee_id, s.id, s.scheduled_start, s.status, m.agenda_received
        FROM sessions s INDEXED BY sessions_open CROSS JOIN session_summaries m ON m.session_id = s.id
        WHERE s.status IN ('draft', 'scheduled') ORDER BY s.supervisee_id, s.scheduled_start, s.id""")

# Each person's open actions (their due dates are day numbers), counted in Python: SQLite's aggregates cost
# more here than the few rows they count (a handful open per person).
_ACTIONS = text("SELECT supervisee_id, due, supervisors FROM open_actions")

# Held sessions (signed off, or in progress on or before today) of the last URGENT_FLAG_DAYS with an urgent
# flag and no action for it.
_URGENT = text("""
    SELECT s.supervisee_id, s.id, s.scheduled_start, m.urgent_unfollowed
        FROM sessions s INDEXED BY sessions_by_day CROSS JOIN session_summaries m ON m.session_id = s.id
        WHERE s.scheduled_start >= :since AND m.urgent_unfollowed > 0
          AND (s.status = 'signed_off' OR (s.status = 'draft' AND s.scheduled_start < :tomorrow))""")


def agreements(store: SqlRecordStore) -> dict[int, Agreement]:
    """Every supervisee's agreement, by supervisee id."""
    with store.transaction() as connection:
        rows = connection.execute(select(tables.agreements.c.supervisee_id, tables.agreements.c.data)).all()
    # Validated in one call for the team, not one per person.
    return dict(zip((row[0] for row in rows), from_json(list[Agreement], f"[{','.join(row[1] for row in rows)}]"),
                    strict=True))


def team_facts(store: SqlRecordStore, today: date) -> list[SuperviseeFacts]:
    """The facts the home page's rules judge, for every supervisee, in five queries.

    The same facts as ``attention_facts.supervisee_facts`` computes from whole histories,
    without their detail (``open_actions``, ``awaiting_countersignature``).
    """
    since, tomorrow = (today - timedelta(days=URGENT_FLAG_DAYS)).isoformat(), (today + timedelta(days=1)).isoformat()
    with store.transaction() as connection:
        agreed = agreements(store)
        people = connection.execute(_PEOPLE).all()
        open_sessions = connection.execute(_OPEN).all()
        tallies = _tallies(connection.execute(_ACTIONS).all(), today.toordinal())
        urgent_rows = connection.execute(_URGENT, {"since": since, "tomorrow": tomorrow}).all()
    # Times are compared as the text they are kept in (ISO, to the minute), and parsed only where kept.
    sessions: dict[int, list[Any]] = defaultdict(list)
    for row in open_sessions:  # each person's in the order they are booked
        sessions[row[0]].append(row)
    urgent: dict[int, list[SessionFact]] = defaultdict(list)
    for person, sid, start, flags in sorted(urgent_rows, key=lambda row: (row[2], row[1])):
        urgent[person] += [SessionFact(sid, date.fromisoformat(start[:10]))] * flags
    today_text, no_actions = today.isoformat(), ActionTally()
    facts = []
    for person, name, last_id, last_start, waiting, oldest, oldest_day, signed in sorted(people, key=itemgetter(1)):
        last = (last_start, last_id) if last_id else None
        drafts: list[SessionFact] = []
        unrecorded: list[SessionFact] = []
        following = None
        for _, sid, start, status, agenda in sessions.get(person, ()):
            if status == _DRAFT and start[:10] <= today_text:
                drafts.append(SessionFact(sid, date.fromisoformat(start[:10])))
                last = max(last, (start, sid)) if last else (start, sid)
            elif status == _SCHEDULED and start[:10] < today_text:
                unrecorded.append(SessionFact(sid, date.fromisoformat(start[:10])))
            elif following is None:
                following = (start, sid, agenda)
        facts.append(SuperviseeFacts(
            person_id=person, name=name, agreement=agreed.get(person),
            last_held=SessionFact(last[1], date.fromisoformat(last[0][:10])) if last else None,
            next_booked=datetime.fromisoformat(following[0]) if following else None,
            next_session_id=following[1] if following else None,
            agenda_received=date.fromisoformat(following[2]) if following and following[2] else None,
            drafts=tuple(drafts), unrecorded=tuple(unrecorded),
            urgent_flags_without_action=tuple(urgent.get(person, ())),
            actions=tallies.get(person, no_actions),
            waiting=WaitingNotes(waiting, SessionFact(oldest, date.fromisoformat(oldest_day)),
                                 date.fromisoformat(signed)) if waiting else None,
        ))
    return facts


def _tallies(rows: Sequence[Any], today: int) -> dict[int, ActionTally]:
    """Each person's open actions counted on ``today`` (a day number), from (person, due, supervisor's) rows."""
    counts: dict[int, list[int]] = {}
    oldest: dict[int, int] = {}
    for person, due, supervisors in rows:
        count = counts.get(person)
        if count is None:
            count = counts[person] = [0, 0, 0, 0]
        late = due is not None and due < today
        count[0] += 1
        count[1] += supervisors
        if late:
            count[2] += 1
            count[3] += supervisors
            oldest[person] = min(due, oldest.get(person, due))
    return {person: ActionTally(count[0], count[1], count[2], count[3],
                                date.fromordinal(oldest[person]) if person in oldest else None)
            for person, count in counts.items()}


_DRAFT, _SCHEDULED = SessionStatus.DRAFT.value, SessionStatus.SCHEDULED.value


def listed_sessions(store: SqlRecordStore, supervisee_id: int | None = None) -> list[tuple[SupervisionSession, int]]:
    """Sessions (of one supervisee, or everyone's), oldest first, each with how many actions are open once
    it is over (none for a cancelled one)."""
    sessions, summaries = tables.sessions, tables.session_summaries
    query = (select(*BOOKING_COLUMNS, summaries.c.open_after)
             .join_from(sessions, summaries, summaries.c.session_id == sessions.c.id)
             .with_hint(sessions, "INDEXED BY sessions_listed", "sqlite"))
    if supervisee_id is not None:
        query = query.where(sessions.c.supervisee_id == supervisee_id)
    with store.transaction() as connection:
        rows = connection.execute(query).mappings().all()
    listed = [(_session(row), row["open_after"]) for row in rows]
    listed.sort(key=lambda pair: (pair[0].scheduled_start, pair[0].id))
    return listed


__all__ = ["agreements", "listed_sessions", "team_facts"]
