"""One supervisee's history and trends, as plain values (issue 14, item 4).

A timeline of sessions (held, in progress, booked, cancelled and rebooked; time
protected or interrupted), what became of actions at each session, the wellbeing
flag categories over time and the seven HSE ratings across sessions.

Only what the visibility rules allow on that side is here. On the supervisor's
install every session's check-in and flags pass through the rules of
:func:`~supervision_app.domain.visibility.on_the_record` first, as the note's do:
ratings only from a check-in *on the record*, a check-in *discussed* as that fact
alone, nothing of a *private* one; flags on the record with their level, discussed
ones by category alone, private ones not at all. On the
supervisee's install (:func:`received_history`) the records received carry no
ratings or flags (those are in the signed note), so none are drawn; they say
whether the time was protected, and which sessions were cancelled and rebooked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from supervision_app.domain.exchange import ReceivedRecord, cancelled_sessions
from supervision_app.domain.model import SessionStatus, SupervisionSession
from supervision_app.domain.record import FlagLevel, ReviewOutcome, SessionRecord, TimeProtection, Visibility
from supervision_app.domain.visibility import checkin_on_record, flags_on_record


class TimelineStatus(StrEnum):
    HELD = "held"  # signed off
    IN_PROGRESS = "in_progress"  # opened, not yet signed off
    BOOKED = "booked"  # booked for today or later
    NOT_RECORDED = "not_recorded"  # booked for a day now past and never opened
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"held": "Held", "in_progress": "In progress", "booked": "Booked",
                "not_recorded": "Not recorded", "cancelled": "Cancelled"}[self.value]


class CheckinShown(StrEnum):
    """What this side may show of a session's wellbeing check-in."""

    NONE = "none"  # none held, private, or not held on this side
    DISCUSSED = "discussed"  # a check-in took place; its detail is not on the record
    ON_RECORD = "on_record"  # its ratings are on the record


@dataclass(frozen=True)
class ActionOutcomes:
    """At one session: actions agreed, and the outcome given to each earlier action reviewed."""

    agreed: int = 0
    done: int = 0
    in_progress: int = 0
    carried_forward: int = 0
    dropped: int = 0

    @property
    def carried(self) -> int:
        """Still open after the review: in progress or carried forward."""
        return self.in_progress + self.carried_forward


@dataclass(frozen=True)
class FlagMention:
    category_id: str
    level: FlagLevel | None = None  # None: recorded only as discussed


@dataclass(frozen=True)
class HistoryEntry:
    session_id: int | None  # None on the supervisee's side (the sender's session ids are not ours)
    start: datetime
    status: TimelineStatus
    protection: TimeProtection = TimeProtection.NOT_RECORDED
    cancellation_reason: str = ""
    rebooked_as: datetime | None = None  # a cancelled session: when the one booked in its place is
    rebooked_from: datetime | None = None  # a replacement: when the cancelled one was
    outcomes: ActionOutcomes = ActionOutcomes()
    flags: tuple[FlagMention, ...] = ()
    checkin: CheckinShown = CheckinShown.NONE
    ratings: Mapping[str, int] = field(default_factory=dict)  # HSE standard id → 1 to 5, on the record only


@dataclass(frozen=True)
class History:
    entries: tuple[HistoryEntry, ...]  # oldest first
    ratings_held: bool = True  # False where this side holds no ratings at all (the supervisee's)

    def count(self, status: TimelineStatus) -> int:
        return sum(1 for entry in self.entries if entry.status is status)

    def count_protection(self, protection: TimeProtection) -> int:
        return sum(1 for entry in self.entries if entry.protection is protection
                   and entry.status in (TimelineStatus.HELD, TimelineStatus.IN_PROGRESS))

    def total(self) -> ActionOutcomes:
        """The outcomes summed over every session."""
        return ActionOutcomes(*(sum(getattr(e.outcomes, name) for e in self.entries)
                                for name in ("agreed", "done", "in_progress", "carried_forward", "dropped")))

    @property
    def rated(self) -> tuple[HistoryEntry, ...]:
        """The sessions whose ratings are on the record, oldest first: the chart's points."""
        return tuple(entry for entry in self.entries if entry.ratings)

    def series(self, standard_id: str) -> list[tuple[date, int]]:
        """One standard's ratings over time, oldest first."""
        return [(entry.start.date(), entry.ratings[standard_id]) for entry in self.entries
                if standard_id in entry.ratings]

    def flag_categories(self) -> dict[str, list[tuple[date, FlagLevel | None]]]:
        """Each flag category shown, with the day and level (None: discussed) of each time it was raised."""
        found: dict[str, list[tuple[date, FlagLevel | None]]] = {}
        for entry in self.entries:
            for flag in entry.flags:
                found.setdefault(flag.category_id, []).append((entry.start.date(), flag.level))
        return found


@dataclass(frozen=True)
class SessionParts:
    """What the supervisor's history shows of one session's record, the visibility rules applied.

    Made by :func:`session_parts` when a record is saved, and kept beside it
    (``storage/history_parts.py``), so the history reads these and never a record.
    """

    protection: TimeProtection = TimeProtection.NOT_RECORDED
    checkin: CheckinShown = CheckinShown.NONE
    ratings: Mapping[str, int] = field(default_factory=dict)  # HSE standard id → 1 to 5, on the record only
    flags: tuple[FlagMention, ...] = ()
    outcomes: ActionOutcomes = ActionOutcomes()


@dataclass(frozen=True)
class SessionTrace:
    """A session with what its record shows in the history (nothing for a session with no record yet)."""

    session: SupervisionSession
    parts: SessionParts = SessionParts()


def session_parts(record: SessionRecord) -> SessionParts:
    """What ``record`` shows in the history: the rules of ``on_the_record`` on its check-in and flags.

    Ratings only from a check-in on the record, a check-in discussed as that fact alone, nothing of a private
    one; flags on the record with their level, discussed ones by category alone, private ones not at all;
    the actions agreed counted, and the reviews counted by outcome.
    """
    in_full, discussed = flags_on_record(record.flags)
    flags = tuple(FlagMention(flag.category_id, flag.level) for flag in in_full)
    flags += tuple(FlagMention(flag.category_id) for flag in discussed)
    checkin, discussed_only = checkin_on_record(record.checkin)
    held = not record.checkin.is_empty
    shown, ratings = CheckinShown.NONE, dict[str, int]()
    if checkin.visibility is Visibility.ON_RECORD:
        ratings = {key: rating.rating for key, rating in checkin.hse.items() if rating.rating is not None}
        shown = CheckinShown.ON_RECORD if held else CheckinShown.NONE
    elif discussed_only and held:
        shown = CheckinShown.DISCUSSED
    count = Counter(review.outcome for review in record.reviews)
    outcomes = ActionOutcomes(len(record.actions), count[ReviewOutcome.DONE], count[ReviewOutcome.IN_PROGRESS],
                              count[ReviewOutcome.CARRIED_FORWARD], count[ReviewOutcome.DROPPED])
    return SessionParts(record.setting.time_protection, shown, ratings, flags, outcomes)


def _status(session: SupervisionSession, today: date) -> TimelineStatus:
    if session.status is SessionStatus.SIGNED_OFF:
        return TimelineStatus.HELD
    if session.status is SessionStatus.DRAFT:
        return TimelineStatus.IN_PROGRESS
    if session.status is SessionStatus.CANCELLED:
        return TimelineStatus.CANCELLED
    return TimelineStatus.NOT_RECORDED if session.scheduled_start.date() < today else TimelineStatus.BOOKED


_NOTHING = SessionParts()


def supervisor_history(traces: Iterable[SessionTrace], today: date) -> History:
    """The history on the supervisor's install, from one supervisee's sessions in any order."""
    ordered = sorted(traces, key=lambda t: (t.session.scheduled_start, t.session.id))
    starts = {t.session.id: t.session.scheduled_start for t in ordered}
    replaced_by = {t.session.rebooked_from_id: t.session.scheduled_start for t in ordered
                   if t.session.rebooked_from_id is not None}
    entries = []
    for trace in ordered:
        session = trace.session
        status = _status(session, today)
        shown = trace.parts if status is TimelineStatus.HELD or status is TimelineStatus.IN_PROGRESS else _NOTHING
        cancelled = status is TimelineStatus.CANCELLED
        entries.append(HistoryEntry(
            session.id, session.scheduled_start, status, shown.protection,
            session.cancellation_reason if cancelled else "", replaced_by.get(session.id) if cancelled else None,
            starts.get(session.rebooked_from_id) if session.rebooked_from_id is not None else None,
            shown.outcomes, shown.flags, shown.checkin, shown.ratings,
        ))
    return History(tuple(entries))


def received_history(records: Iterable[ReceivedRecord]) -> History:
    """The history on the supervisee's install: the records received from one supervisor.

    Each is a session held and signed off, with its time protected or interrupted when the record says;
    the sessions cancelled (and when each was rebooked for) are those the newest record lists, with any
    an older record listed. Its actions are those still open after it: the ones agreed that day are
    counted as agreed, earlier ones by their status. No ratings or flags: a received record carries
    them only inside its signed note.
    """
    ordered = sorted(records, key=lambda r: r.session_start)
    cancelled = cancelled_sessions(ordered)
    rebooked_from = {c.rebooked_to: c.scheduled_start for c in cancelled if c.rebooked_to is not None}
    entries = [HistoryEntry(None, c.scheduled_start, TimelineStatus.CANCELLED, rebooked_as=c.rebooked_to,
                            rebooked_from=rebooked_from.get(c.scheduled_start)) for c in cancelled]
    for record in ordered:
        day = record.session_start.date()
        agreed = sum(1 for a in record.open_actions if a.agreed_on == day)
        older = [a.status for a in record.open_actions if a.agreed_on != day]
        entries.append(HistoryEntry(
            None, record.session_start, TimelineStatus.HELD, record.time_protection or TimeProtection.NOT_RECORDED,
            rebooked_from=rebooked_from.get(record.session_start),
            outcomes=ActionOutcomes(agreed=agreed, in_progress=older.count(ReviewOutcome.IN_PROGRESS),
                                    carried_forward=older.count(ReviewOutcome.CARRIED_FORWARD)),
        ))
    return History(tuple(sorted(entries, key=lambda e: e.start)), ratings_held=False)


__all__ = ["ActionOutcomes", "CheckinShown", "FlagMention", "History", "HistoryEntry", "SessionParts", "SessionTrace",
           "TimelineStatus", "received_history", "session_parts", "supervisor_history"]
