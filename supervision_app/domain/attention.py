"""What needs the supervisor's attention: the rules of the home page, on plain facts.

Given per-supervisee facts (the agreement's cadence, sessions held and booked,
drafts, notes waiting for a countersignature, actions, flags, the agreement's
review date) and the last good backup, :func:`attention` returns one row per
supervisee, ordered by what needs attention first, each with its reasons in
words, so nothing depends on colour. The service builds the facts from the vault
(``services/attention.py``); the thresholds are the constants below.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from supervision_app.domain.agreement import MONTHLY_WEEKS, Agreement
from supervision_app.domain.names import folded

DRAFT_DAYS = 7  # a draft not signed off after this many days needs attention
DUE_SOON_DAYS = 7  # supervision due within this many days is "due soon"
REVIEW_SOON_DAYS = 30  # an agreement to review within this many days is "due soon"
URGENT_FLAG_DAYS = 90  # urgent flags are looked for in the sessions of this many days
BACKUP_WARN_DAYS = 14  # as the status bar (domain/backups.WARN_AFTER)

# The domain may not import ``formatting``; the same words, without the year.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _ago(days: int) -> str:
    return "today" if days <= 0 else f"{_days(days)} ago"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _yours(yours: int, total: int) -> str:
    if not yours:
        return ""
    if yours == total:
        return " (yours)" if total == 1 else " (all yours)"
    return f" ({yours} of them yours)"


# The rows' order by name, folded once per name rather than at every refresh (a team's names are few).
_sort_name = lru_cache(maxsize=1024)(folded)


def _weekday(day: date) -> bool:
    return day.weekday() < 5


WorkingDay = Callable[[date], bool]
"""Whether a day is a working day; the service passes the organisation's nation's (bank holidays too)."""


class Level(enum.IntEnum):
    """How much a reason needs attention; a row takes its highest."""

    INFO = 0  # worth knowing, nothing to do
    WAITING = 1  # waiting on someone, or not yet arranged
    DUE_SOON = 2
    OVERDUE = 3

    @property
    def label(self) -> str:
        return ("For information", "Waiting", "Due soon", "Overdue")[self]


class Kind(enum.StrEnum):
    SUPERVISION = "supervision"
    AGREEMENT = "agreement"
    DRAFT = "draft"
    UNRECORDED = "unrecorded"
    COUNTERSIGNATURE = "countersignature"
    AGENDA = "agenda"
    ACTIONS = "actions"
    URGENT_FLAG = "urgent_flag"
    BACKUP = "backup"
    MANAGERS_CHECKLIST = "managers_checklist"  # the managers' self-review is due (domain/manager_review.py)


@dataclass(frozen=True)
class Reason:
    level: Level
    kind: Kind
    text: str
    session_id: int | None = None  # the session it is about, to open at that place
    days: int = 0  # how late (or how long waiting): orders rows of the same level


@dataclass(frozen=True)
class SessionFact:
    session_id: int
    day: date


@dataclass(frozen=True)
class ActionFact:
    session_id: int  # where it was agreed
    due: date | None
    supervisors: bool  # the supervisor's own action


@dataclass(frozen=True)
class ActionTally:
    """A person's open actions counted on a day: what the rules need of them."""

    open: int = 0
    yours: int = 0  # the supervisor's own
    overdue: int = 0
    overdue_yours: int = 0
    oldest_overdue: date | None = None  # the earliest due date passed

    @classmethod
    def of(cls, actions: Iterable[ActionFact], today: date) -> ActionTally:
        actions = list(actions)
        late = [a for a in actions if a.due is not None and a.due < today]
        return cls(len(actions), sum(a.supervisors for a in actions), len(late), sum(a.supervisors for a in late),
                   min((a.due for a in late if a.due is not None), default=None))


@dataclass(frozen=True)
class WaitingNotes:
    """Notes signed by the supervisor that wait for the supervisee's countersignature."""

    count: int
    oldest: SessionFact  # the earliest session whose note waits
    signed: date  # when the supervisor signed that note

    @classmethod
    def of(cls, waiting: Iterable[tuple[SessionFact, date]]) -> WaitingNotes | None:
        """From each waiting note's session and the day it was signed, oldest session first; ``None`` when none."""
        notes = list(waiting)
        return cls(len(notes), *notes[0]) if notes else None


@dataclass(frozen=True)
class SuperviseeFacts:
    person_id: int
    name: str
    agreement: Agreement | None
    last_held: SessionFact | None  # the latest session held (signed off or in progress), not cancelled
    next_booked: datetime | None = None
    next_session_id: int | None = None
    agenda_received: date | None = None  # a prepared agenda imported into the next session, when
    drafts: tuple[SessionFact, ...] = ()  # sessions in progress, not signed off
    unrecorded: tuple[SessionFact, ...] = ()  # booked for a day now past, never opened
    awaiting_countersignature: tuple[tuple[SessionFact, date], ...] = ()  # detail, from the full history only
    open_actions: tuple[ActionFact, ...] = ()  # detail, from the full history only
    urgent_flags_without_action: tuple[SessionFact, ...] = ()  # in sessions of the last URGENT_FLAG_DAYS
    # What the rules read (the vault keeps these small: storage/summaries.py):
    actions: ActionTally = ActionTally()
    waiting: WaitingNotes | None = None


@dataclass(frozen=True)
class Row:
    person_id: int
    name: str
    reasons: tuple[Reason, ...]  # most pressing first
    last_held: date | None
    next_booked: datetime | None

    @property
    def level(self) -> Level:
        return self.reasons[0].level if self.reasons else Level.INFO


@dataclass(frozen=True)
class Attention:
    rows: list[Row]
    general: list[Reason] = field(default_factory=list)  # the supervisor's own actions, the backup


def due_date(last_held: date, weeks: int, is_working_day: WorkingDay = _weekday) -> date:
    """When the next supervision is due: one agreed interval on, moved to a working day as bookings are."""
    due = last_held + timedelta(weeks=weeks)
    while not is_working_day(due):
        due += timedelta(days=1)
    return due


def supervision_reasons(facts: SuperviseeFacts, today: date, is_working_day: WorkingDay = _weekday) -> list[Reason]:
    """Sessions held against the agreement's cadence, and the next one booked.

    Overdue the day after it is due; due soon within ``DUE_SOON_DAYS`` with nothing
    booked, or when the next booking is after the due date.
    """
    weeks = facts.agreement.frequency_weeks if facts.agreement else MONTHLY_WEEKS
    reasons = []
    if facts.agreement is None:
        reasons.append(Reason(Level.DUE_SOON, Kind.AGREEMENT, "No supervision agreement yet."))
    if facts.last_held is None:
        if facts.next_booked is None:
            reasons.append(Reason(Level.DUE_SOON, Kind.SUPERVISION, "No session held or booked yet."))
        return reasons
    since = (today - facts.last_held.day).days
    due = due_date(facts.last_held.day, weeks, is_working_day)
    if facts.next_booked is not None and today <= due and facts.next_booked.date() <= due:
        return reasons  # booked in time: nothing to say (the common case, so no words made)
    cadence = facts.agreement.cadence_label if facts.agreement else "monthly, with no agreement yet"
    booked = f"; next booked for {_day(facts.next_booked.date())}" if facts.next_booked else "; none booked"
    if today > due:
        reasons.append(Reason(Level.OVERDUE, Kind.SUPERVISION, f"Supervision overdue: {_days(since)} since the "
                              f"last session (agreed: {cadence}){booked}.", days=(today - due).days))
    elif facts.next_booked is not None and facts.next_booked.date() > due:
        reasons.append(Reason(Level.DUE_SOON, Kind.SUPERVISION, f"Next session booked for "
                              f"{_day(facts.next_booked.date())}, after it is due on {_day(due)} "
                              f"(agreed: {cadence})."))
    elif facts.next_booked is None and (due - today).days <= DUE_SOON_DAYS:
        when = "today" if due == today else f"in {_days((due - today).days)}, on {_day(due)}"
        reasons.append(Reason(Level.DUE_SOON, Kind.SUPERVISION, f"Supervision due {when} (agreed: {cadence}); "
                              "none booked."))
    elif facts.next_booked is None:
        reasons.append(Reason(Level.WAITING, Kind.SUPERVISION, f"No next session booked; due on {_day(due)} "
                              f"(agreed: {cadence})."))
    return reasons


def record_reasons(facts: SuperviseeFacts, today: date, draft_days: int = DRAFT_DAYS) -> list[Reason]:
    """Drafts left open, sessions never recorded, notes waiting for a countersignature, a prepared agenda."""
    reasons = []
    for draft in facts.drafts:
        age = (today - draft.day).days
        if age >= draft_days:
            reasons.append(Reason(Level.OVERDUE, Kind.DRAFT, f"Draft from {_day(draft.day)} not signed off "
                                  f"({_days(age)}).", draft.session_id, age - draft_days))
        elif age >= 0:
            reasons.append(Reason(Level.INFO, Kind.DRAFT, f"Draft from {_day(draft.day)} in progress.",
                                  draft.session_id))
    for booked in facts.unrecorded:
        reasons.append(Reason(Level.DUE_SOON, Kind.UNRECORDED, f"Session booked for {_day(booked.day)} was not "
                              "recorded: open it, or cancel it with a reason.", booked.session_id,
                              (today - booked.day).days))
    if facts.waiting is not None:
        note, waiting = facts.waiting.oldest, (today - facts.waiting.signed).days
        if facts.waiting.count == 1:
            text = (f"Note of {_day(note.day)} waiting for the supervisee's countersignature (you signed it "
                    f"{_ago(waiting)}).")
        else:
            text = (f"{facts.waiting.count} notes waiting for the supervisee's countersignature, the oldest of "
                    f"{_day(note.day)} (you signed it {_ago(waiting)}).")
        reasons.append(Reason(Level.WAITING, Kind.COUNTERSIGNATURE, text, note.session_id, waiting))
    if facts.agenda_received is not None:
        reasons.append(Reason(Level.INFO, Kind.AGENDA, f"Prepared agenda received on "
                              f"{_day(facts.agenda_received)} for the next session.", facts.next_session_id))
    return reasons


def action_reasons(facts: SuperviseeFacts, today: date) -> list[Reason]:
    tally = facts.actions
    if not tally.open:
        return []
    if tally.overdue and tally.oldest_overdue is not None:
        oldest = tally.oldest_overdue
        yours = _yours(tally.overdue_yours, tally.overdue)
        return [Reason(Level.OVERDUE, Kind.ACTIONS, f"{_count(tally.overdue, 'action')} overdue{yours}, the "
                       f"oldest due on {_day(oldest)}; {tally.open} open in all.",
                       days=(today - oldest).days)]
    yours = _yours(tally.yours, tally.open)
    return [Reason(Level.INFO, Kind.ACTIONS, f"{_count(tally.open, 'open action')}{yours}, none overdue.")]


def agreement_reasons(facts: SuperviseeFacts, today: date) -> list[Reason]:
    review = facts.agreement.review_date if facts.agreement else None
    if review is None:
        return []
    if review < today:
        return [Reason(Level.OVERDUE, Kind.AGREEMENT, f"Agreement review was due on {_day(review)} "
                       f"({_days((today - review).days)} ago).", days=(today - review).days)]
    if (review - today).days <= REVIEW_SOON_DAYS:
        return [Reason(Level.DUE_SOON, Kind.AGREEMENT, f"Agreement review due on {_day(review)}, in "
                       f"{_days((review - today).days)}.")]
    return []


def flag_reasons(facts: SuperviseeFacts, today: date) -> list[Reason]:
    return [Reason(Level.OVERDUE, Kind.URGENT_FLAG, f"Urgent flag from {_day(flag.day)} has no follow-up action.",
                   flag.session_id, (today - flag.day).days)
            for flag in facts.urgent_flags_without_action if (today - flag.day).days <= URGENT_FLAG_DAYS]


def row_for(facts: SuperviseeFacts, today: date, draft_days: int = DRAFT_DAYS,
            is_working_day: WorkingDay = _weekday) -> Row:
    reasons = [*supervision_reasons(facts, today, is_working_day), *flag_reasons(facts, today),
               *record_reasons(facts, today, draft_days), *action_reasons(facts, today),
               *agreement_reasons(facts, today)]
    reasons.sort(key=lambda r: (-r.level, -r.days))  # stable: the order above within a level and lateness
    return Row(facts.person_id, facts.name, tuple(reasons), facts.last_held.day if facts.last_held else None,
               facts.next_booked)


def general_reasons(people: list[SuperviseeFacts], last_good_backup: datetime | None, now: datetime) -> list[Reason]:
    """Across the team: the supervisor's own actions, and the last good backup."""
    reasons = []
    own = sum(facts.actions.yours for facts in people)
    late = sum(facts.actions.overdue_yours for facts in people)
    if late:
        reasons.append(Reason(Level.OVERDUE, Kind.ACTIONS, f"Your own actions: {late} overdue of {own} open."))
    elif own:
        reasons.append(Reason(Level.INFO, Kind.ACTIONS, f"Your own actions: {own} open, none overdue."))
    if last_good_backup is None:
        reasons.append(Reason(Level.WAITING, Kind.BACKUP, "No backup has been made yet."))
    else:
        age = (now - last_good_backup).days
        level = Level.OVERDUE if age >= BACKUP_WARN_DAYS else Level.INFO
        reasons.append(Reason(level, Kind.BACKUP, f"Last good backup on {_day(last_good_backup.date())} "
                              f"({_ago(age)}).", days=age))
    reasons.sort(key=lambda r: -r.level)
    return reasons


def attention(people: list[SuperviseeFacts], now: datetime, last_good_backup: datetime | None = None,
              draft_days: int = DRAFT_DAYS, is_working_day: WorkingDay = _weekday) -> Attention:
    """One row per supervisee, most in need of attention first; then by how late, then by name."""
    today = now.date()
    rows = [row_for(facts, today, draft_days, is_working_day) for facts in people]
    rows.sort(key=lambda row: (-row.level, -(row.reasons[0].days if row.reasons else 0), _sort_name(row.name)))
    return Attention(rows, general_reasons(people, last_good_backup, now))


day_text = _day  # "3 November": for the supervisee's side (my_attention.py)
days_text = _days  # "1 day", "2 days"

__all__ = ["DRAFT_DAYS", "DUE_SOON_DAYS", "REVIEW_SOON_DAYS", "URGENT_FLAG_DAYS", "ActionFact", "ActionTally",
           "Attention", "Kind", "Level", "Reason", "Row", "SessionFact", "SuperviseeFacts", "WaitingNotes",
           "WorkingDay", "attention", "day_text", "days_text", "due_date"]
