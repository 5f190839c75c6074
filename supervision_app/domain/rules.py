"""The rules of a supervision history: what carries forward, what needs checking, sign-off.

Everything here works on plain values and is tested without Qt or a database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    ActionReview,
    Addendum,
    AgendaItem,
    AgendaSource,
    Confirmation,
    ReviewOutcome,
    SessionRecord,
    Signatory,
    SignatureConfirmation,
)


class SessionLocked(Exception):
    """A signed-off record changes only through addenda."""


@dataclass(frozen=True)
class HeldSession:
    """A session with its record, as the rules need them."""

    session: SupervisionSession
    record: SessionRecord

    @property
    def held(self) -> bool:
        return self.session.status is not SessionStatus.CANCELLED


@dataclass(frozen=True)
class OpenAction:
    action: Action
    from_session: SupervisionSession
    latest_outcome: ReviewOutcome  # NOT_REVIEWED, IN_PROGRESS or CARRIED_FORWARD

    def overdue(self, today: date) -> bool:
        return self.action.due is not None and self.action.due < today


def _chronological(history: Iterable[HeldSession]) -> list[HeldSession]:
    return sorted(history, key=lambda h: (h.session.scheduled_start, h.session.id))


def _before(history: Iterable[HeldSession], session: SupervisionSession) -> list[HeldSession]:
    key = (session.scheduled_start, session.id)
    return [h for h in _chronological(history)
            if h.held and (h.session.scheduled_start, h.session.id) < key]


def open_actions(history: Iterable[HeldSession], *, before: SupervisionSession | None = None,
                 up_to: SupervisionSession | None = None) -> list[OpenAction]:
    """Actions not yet done or dropped.

    ``before=S``: as they stand when S begins (what S must review).
    ``up_to=S``: as they stand once S is over. Neither: as they stand now.
    """
    ordered = [h for h in _chronological(history) if h.held]
    if before is not None:
        ordered = _before(ordered, before)
    elif up_to is not None:
        limit = (up_to.scheduled_start, up_to.id)
        ordered = [h for h in ordered if (h.session.scheduled_start, h.session.id) <= limit]
    final: dict[str, OpenAction] = {}
    for _held, state in _replay(ordered):
        final = state
    return list(final.values())


def open_action_counts(history: Iterable[HeldSession]) -> dict[int, int]:
    """How many actions are open once each held session is over, by session id.

    The same as ``len(open_actions(history, up_to=S))`` for every S, from one
    pass over the history instead of one per session.
    """
    return {held.session.id: len(state)
            for held, state in _replay([h for h in _chronological(history) if h.held])}


def _replay(ordered: Iterable[HeldSession]) -> Iterator[tuple[HeldSession, dict[str, OpenAction]]]:
    """Apply each held session's reviews, then its new actions; yield the open actions after each."""
    state: dict[str, OpenAction] = {}
    for held in ordered:
        for review in held.record.reviews:
            current = state.get(review.action_id)
            if current is None or review.outcome is ReviewOutcome.NOT_REVIEWED:
                continue
            if review.outcome.closes:
                del state[review.action_id]
            else:
                state[review.action_id] = OpenAction(current.action, current.from_session, review.outcome)
        for action in held.record.actions:
            state[action.id] = OpenAction(action, held.session, ReviewOutcome.NOT_REVIEWED)
        yield held, state


def carried_agenda(history: Iterable[HeldSession], session: SupervisionSession) -> list[AgendaItem]:
    """Items the last held session before ``session`` did not reach."""
    earlier = _before(history, session)
    if not earlier:
        return []
    previous = earlier[-1].record
    return [
        AgendaItem(title=item.title, wanted_outcome=item.wanted_outcome, source=AgendaSource.CARRIED,
                   carried_from=item.id, case_reference=item.case_reference, visibility=item.visibility)
        for item in previous.agenda if not item.reached
    ]


def bring_forward(record: SessionRecord, history: Iterable[HeldSession], session: SupervisionSession) -> bool:
    """Add to ``record`` a review for each open action and each unreached item; return whether it changed.

    Safe to call each time a session is opened: nothing already there is added twice.
    """
    history = list(history)
    changed = False
    reviewed = {review.action_id for review in record.reviews}
    for open_action in open_actions(history, before=session):
        if open_action.action.id not in reviewed:
            record.reviews.append(ActionReview(open_action.action.id))
            changed = True
    present = {item.carried_from for item in record.agenda if item.carried_from}
    carried = [item for item in carried_agenda(history, session) if item.carried_from not in present]
    if carried:
        record.agenda[:0] = carried
        changed = True
    return changed


# --- Checks -----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something to show the user, next to the field it is about."""

    where: str  # "setting.ended_at", "action:<id>", "reviews", "flag:<id>" …
    message: str
    blocks_sign_off: bool = False


LONGEST_SESSION = timedelta(hours=4)  # longer than this is taken for a mistake in the times


def times_problem(started: datetime | None, ended: datetime | None) -> Problem | None:
    """What is wrong with a session's start and end, if anything: an end before the start blocks sign-off,
    a session longer than :data:`LONGEST_SESSION` is asked about."""
    if started is None or ended is None:
        return None
    if ended < started:
        return Problem("setting.ended_at", "The end time is before the start time.", True)
    if ended - started > LONGEST_SESSION:
        hours = LONGEST_SESSION // timedelta(hours=1)
        return Problem("setting.ended_at", f"The session lasted more than {hours} hours: check the start and "
                                           "end times.")
    return None


def check_record(record: SessionRecord, today: date) -> list[Problem]:
    problems: list[Problem] = []
    setting = record.setting
    times = times_problem(setting.started_at, setting.ended_at)
    if times is not None:
        problems.append(times)
    for action in record.actions:
        where = f"action:{action.id}"
        if not action.text.strip():
            problems.append(Problem(where, "Say what the action is, or remove it.", True))
        if action.due is not None and action.due < today:
            problems.append(Problem(where, "The due date is in the past.", False))
        if action.owner is ActionOwner.OTHER and not action.owner_name.strip():
            problems.append(Problem(where, "Name the person who owns this action.", True))
    unreviewed = [r for r in record.reviews if r.outcome is ReviewOutcome.NOT_REVIEWED]
    if unreviewed:
        count = len(unreviewed)
        problems.append(Problem(
            "reviews", f"{count} earlier action{'s have' if count > 1 else ' has'} not been reviewed yet.",
        ))
    for review in record.reviews:
        if review.outcome is ReviewOutcome.DROPPED and not review.note.strip():
            problems.append(Problem(f"review:{review.action_id}", "Give a reason for dropping this action.", True))
    return problems


# --- Full names in case discussion --------------------------------------------

_NOT_NAMES = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr mrs ms miss dr the a an i we he she they it this that
children adult adults services service social care court family team council police nhs gp hospital
school child protection plan conference local authority mash camhs ehcp ofsted basw swu hse
occupational health employee assistance programme duty assessment senior practitioner manager
""".split())  # noqa: SIM905 - a word list reads best as text

# A word: letters in any script, joined by apostrophes or hyphens ("O'Connell", "Kerry-Ann").
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")


def _name_like(word: str) -> bool:
    # Capitalised, at least two letters (so initials such as "J.B." never count), and not an
    # acronym in capitals ("CAMHS"). str.isupper() knows every script: "Łukasz", "Nguyễn".
    return len(word) >= 2 and word[0].isupper() and not word.isupper()


def possible_full_names(text: str, allowed: Sequence[str] = ()) -> list[str]:
    """Runs of capitalised words that look like a person's full name.

    Case discussion should use initials or a case reference. This is a
    prompt, not a filter: it errs towards asking. ``allowed`` holds names
    that may appear (the supervisor's and the supervisee's own).
    """
    allowed_lower = {name.lower() for name in allowed}
    found: list[str] = []

    def consider(run: list[re.Match[str]]) -> None:
        words = [match.group(0) for match in run]
        if len(words) >= 3 and _SENTENCE_START.search(text[:run[0].start()]):
            words = words[1:]  # "Visited Jordan Blake": the first word is capitalised as a sentence start
        segment: list[str] = []
        for word in [*words, ""]:
            if word and word.lower().strip("'’") not in _NOT_NAMES:
                segment.append(word)
                continue
            candidate = " ".join(segment)
            segment = []
            if len(candidate.split()) >= 2 and candidate.lower() not in allowed_lower and candidate not in found:
                found.append(candidate)

    run: list[re.Match[str]] = []
    for match in _WORD.finditer(text):
        joined = bool(run) and text[run[-1].end():match.start()].strip(" \t") == ""
        if _name_like(match.group(0)) and (joined or not run):
            run.append(match)
            continue
        if run:
            consider(run)
        run = [match] if _name_like(match.group(0)) else []
    if run:
        consider(run)
    return found


# --- Booking, sign-off and addenda ---------------------------------------------


def _weekday(day: date) -> bool:
    return day.weekday() < 5


def next_session_default(session: SupervisionSession, agreement: Agreement | None,
                         is_working_day: Callable[[date], bool] = _weekday) -> datetime:
    """The same time of day, one agreed interval on (monthly if there is no agreement).

    A date that is not a working day (a weekend, or a bank holiday when the
    caller knows them) moves on to the next one that is.
    """
    weeks = agreement.frequency_weeks if agreement else 4
    suggestion = session.scheduled_start + timedelta(weeks=weeks)
    while not is_working_day(suggestion.date()):
        suggestion += timedelta(days=1)
    return suggestion


def confirm(record: SessionRecord, signatory: Signatory, confirmation: Confirmation, now: datetime) -> None:
    """Record one person's confirmation. Once both have confirmed, the record is locked."""
    if record.signed_off:
        raise SessionLocked("This record is signed off; add an addendum instead.")
    record.confirmations = [c for c in record.confirmations if c.signatory is not signatory]
    record.confirmations.append(SignatureConfirmation(signatory, confirmation, now))
    record.checklist_on_note = record.signed_off


def withdraw_confirmation(record: SessionRecord, signatory: Signatory) -> None:
    """Undo one confirmation before both have confirmed (for example, to correct something)."""
    if record.signed_off:
        raise SessionLocked("This record is signed off; add an addendum instead.")
    record.confirmations = [c for c in record.confirmations if c.signatory is not signatory]


def add_addendum(record: SessionRecord, text: str, author: Signatory, now: datetime) -> Addendum:
    if not record.signed_off:
        raise ValueError("Addenda are for signed-off records; edit the draft instead.")
    if not text.strip():
        raise ValueError("An addendum needs some text.")
    addendum = Addendum(text=text.strip(), written_at=now, author=author)
    record.addenda.append(addendum)
    return addendum


def confirm_addendum(addendum: Addendum, signatory: Signatory, confirmation: Confirmation,
                     now: datetime) -> None:
    if addendum.signed_off:
        raise SessionLocked("This addendum is already signed off.")
    addendum.confirmations = [c for c in addendum.confirmations if c.signatory is not signatory]
    addendum.confirmations.append(SignatureConfirmation(signatory, confirmation, now))
