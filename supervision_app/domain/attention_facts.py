"""From one supervisee's sessions to the facts the home page's rules judge (``domain/attention.py``).

Pure: the service reads the sessions (``storage/overview.py``: only the parts of
each record needed) and the signed notes' states, and passes them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.attention import (
    URGENT_FLAG_DAYS,
    ActionFact,
    ActionTally,
    SessionFact,
    SuperviseeFacts,
    WaitingNotes,
)
from supervision_app.domain.model import Person, SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    ActionReview,
    Flag,
    FlagLevel,
    PreparedAgenda,
    SessionRecord,
)
from supervision_app.domain.rules import HeldSession, open_actions


@dataclass(frozen=True)
class SessionDigest:
    """A session with the parts of its record the home page needs (all empty for a cancelled one)."""

    session: SupervisionSession
    actions: list[Action]
    reviews: list[ActionReview]
    flags: list[Flag]
    prepared: PreparedAgenda | None = None


@dataclass(frozen=True)
class NoteState:
    """A session's signed note: how many signatures it carries, and when it was last saved."""

    signatures: int
    saved_at: datetime


def supervisee_facts(person: Person, digests: list[SessionDigest], agreement: Agreement | None,
                     notes: Mapping[int, NoteState], today: date) -> SuperviseeFacts:
    """What the rules need about one supervisee, from their sessions in any order.

    Held: signed off, or in progress on or before today. A session booked for a
    day now past and never opened is *unrecorded*; cancelled ones count for nothing.
    Open actions follow ``rules.open_actions``, one pass over the person's sessions.
    This reads every record; the app reads the same facts from the vault's summaries
    (``storage/overview.team_overview``), and the tests hold the two equal.
    """
    digests = sorted(digests, key=lambda d: (d.session.scheduled_start, d.session.id))

    def fact(digest: SessionDigest) -> SessionFact:
        return SessionFact(digest.session.id, digest.session.scheduled_start.date())

    held, drafts, unrecorded, upcoming = [], [], [], []
    for digest in digests:
        status, day = digest.session.status, digest.session.scheduled_start.date()
        if status is SessionStatus.SIGNED_OFF or (status is SessionStatus.DRAFT and day <= today):
            held.append(digest)
            if status is SessionStatus.DRAFT:
                drafts.append(fact(digest))
        elif status is SessionStatus.SCHEDULED and day < today:
            unrecorded.append(fact(digest))
        elif status is not SessionStatus.CANCELLED:
            upcoming.append(digest)
    following = upcoming[0] if upcoming else None
    waiting = []
    for digest in held:
        note = notes.get(digest.session.id)
        if digest.session.status is SessionStatus.SIGNED_OFF and note is not None and note.signatures == 1:
            waiting.append((fact(digest), note.saved_at.date()))
    history = [HeldSession(d.session, SessionRecord(actions=d.actions, reviews=d.reviews)) for d in digests]
    actions = tuple(ActionFact(a.from_session.id, a.action.due, a.action.owner is ActionOwner.SUPERVISOR)
                    for a in open_actions(history))
    since = today - timedelta(days=URGENT_FLAG_DAYS)
    unfollowed = tuple(fact(d) for d in held if d.session.scheduled_start.date() >= since
                       for flag in d.flags if flag.level is FlagLevel.URGENT
                       and flag.action_id not in {action.id for action in d.actions})
    return SuperviseeFacts(
        person_id=person.id, name=person.name, agreement=agreement,
        last_held=fact(held[-1]) if held else None,
        next_booked=following.session.scheduled_start if following else None,
        next_session_id=following.session.id if following else None,
        agenda_received=following.prepared.imported_at.date() if following and following.prepared else None,
        drafts=tuple(drafts), unrecorded=tuple(unrecorded),
        awaiting_countersignature=tuple(waiting),
        open_actions=actions, urgent_flags_without_action=unfollowed,
        actions=ActionTally.of(actions, today), waiting=WaitingNotes.of(waiting),
    )


__all__ = ["NoteState", "SessionDigest", "supervisee_facts"]
