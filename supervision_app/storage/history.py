"""One supervisee's sessions with only what their history needs, in one query.

SQLite's JSON functions take the record apart inside the database: the time
protection, the check-in and the flags come back as small JSON texts, the reviews
as a count per outcome and the actions as a count, so a long record (dozens of
reviews carried for years, agenda notes, addenda) is never decoded in Python.
"""

from __future__ import annotations

import json

from sqlalchemy import text

from supervision_app.domain.codec import from_data
from supervision_app.domain.history import SessionTrace
from supervision_app.domain.record import Flag, ReviewOutcome, SessionRecord, Setting, TimeProtection, WellbeingCheckIn
from supervision_app.storage.records import SqlRecordStore, _session

_TRACES = text("""
    SELECT id, supervisee_id, scheduled_start, duration_minutes, mode, location, status, notes,
           cancellation_reason, rebooked_from_id,
           CASE WHEN status = 'cancelled' OR record = '' THEN NULL ELSE json_extract(record,
               '$.setting.time_protection', '$.checkin', '$.flags') END AS parts,
           CASE WHEN status = 'cancelled' OR record = '' THEN 0 ELSE json_array_length(record, '$.actions')
               END AS agreed,
           CASE WHEN status = 'cancelled' OR record = '' THEN NULL ELSE (
               SELECT json_group_object(outcome, number) FROM (
                   SELECT json_extract(value, '$.outcome') AS outcome, count(*) AS number
                   FROM json_each(sessions.record, '$.reviews') GROUP BY 1)) END AS outcomes
    FROM sessions WHERE supervisee_id = :person ORDER BY scheduled_start, id
""")


def session_traces(store: SqlRecordStore, supervisee_id: int) -> list[SessionTrace]:
    """Every session of ``supervisee_id``, oldest first, each with the parts of its record the history needs."""
    with store.transaction() as connection:
        rows = connection.execute(_TRACES, {"person": supervisee_id}).mappings().all()
    traces = []
    for row in rows:
        session = _session(row)
        if row["parts"] is None:
            traces.append(SessionTrace(session, SessionRecord()))
            continue
        protection, checkin, flags = json.loads(row["parts"])
        record = SessionRecord(
            setting=Setting(time_protection=TimeProtection(protection or TimeProtection.NOT_RECORDED)),
            checkin=from_data(WellbeingCheckIn, checkin) if checkin else WellbeingCheckIn(),
            flags=from_data(list[Flag], flags or []),
        )
        outcomes = {ReviewOutcome(key): number for key, number in json.loads(row["outcomes"] or "{}").items()}
        traces.append(SessionTrace(session, record, outcomes, row["agreed"] or 0))
    return traces


__all__ = ["session_traces"]
