"""Where a supervisee's records came from, or went: the handovers a vault keeps, in words.

Light on purpose (no signing or exchange code), so ``show`` and the people screen can say it cheaply.
"""

from __future__ import annotations

from supervision_app.domain.handover import Handover
from supervision_app.formatting import format_date
from supervision_app.storage.records import SqlRecordStore


def provenance(handover: Handover) -> str:
    """``Handed over by Aisha Rahman on 24 Dec 2026`` (received), or ``Handed over to …`` (sent)."""
    when = format_date(handover.handed_over_at)
    if handover.direction == "in":
        return f"Handed over by {handover.peer_name} on {when}"
    return f"Handed over to {handover.peer_name} on {when}"


def provenance_lines(store: SqlRecordStore, supervisee_id: int) -> list[str]:
    """One line for each handover of this supervisee, oldest first."""
    return [provenance(h) for h in store.handovers(supervisee_id)]


def session_provenance(store: SqlRecordStore, session_id: int) -> str | None:
    """Where a session's record came from, if it arrived in a handover (and went, if it was handed on)."""
    session = store.get_session(session_id)
    lines = [provenance(h) for h in store.handovers(session.supervisee_id) if session_id in h.session_ids]
    return "; ".join(lines) + "." if lines else None


def held_by(store: SqlRecordStore, session_id: int) -> str | None:
    """The supervisor who held a session that was handed over to this vault (as their notes name them)."""
    session = store.get_session(session_id)
    for handover in store.handovers(session.supervisee_id):
        if handover.direction == "in" and session_id in handover.session_ids:
            return next((s.name for s in handover.signers if s.role == "supervisor"), handover.peer_name)
    return None
