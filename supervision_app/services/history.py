"""History and trends: one supervisee's history on the supervisor's install, or one's own on the supervisee's.

The sessions are read narrowly (``storage/history.py``) and the domain
(``domain/history.py``) decides what each side may show.
"""

from __future__ import annotations

from datetime import date

from supervision_app.domain.history import History, received_history, supervisor_history
from supervision_app.storage.history import session_traces
from supervision_app.storage.records import SqlRecordStore


def supervisee_history(store: SqlRecordStore, supervisee_id: int, today: date) -> History:
    """The history of a supervisee, as the supervisor's install may show it."""
    return supervisor_history(session_traces(store, supervisee_id), today)


def my_history(store: SqlRecordStore, supervisor_id: int) -> History:
    """The user's own supervision received from ``supervisor_id``, as the supervisee's install holds it."""
    return received_history(store.received_records(supervisor_id))


__all__ = ["my_history", "supervisee_history"]
