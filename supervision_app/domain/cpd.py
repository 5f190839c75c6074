"""Continuing professional development (CPD) for Social Work England: entries, the registration year, progress.

Each install keeps its own person's CPD log. Social Work England asks every
registered social worker to record at least two pieces of CPD in each
registration year, which runs from 1 December to 30 November, and at least one
of them with peer reflection (a supervision session counts). No Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

PIECES_NEEDED = 2
PEER_REFLECTION_NEEDED = 1


class CpdType(StrEnum):
    """The kind of CPD; the words shown for each are in ``resources/cpd.toml``."""

    COURSE = "course"
    READING = "reading"
    PODCAST = "podcast"
    SUPERVISION = "supervision"
    PRACTICE = "practice"
    OTHER = "other"


@dataclass(frozen=True)
class SessionLink:
    """The supervision session an entry's peer reflection took place in, as this install names it.

    ``key`` is ``session:<id>`` (a session in this vault) or ``received:<supervisor id>:<session uid>``
    (a record received from one's supervisor); ``held_on`` is the session's day.
    """

    key: str
    held_on: date


@dataclass
class CpdEntry:
    cpd_type: CpdType
    title: str  # a short description of the activity
    done_on: date
    relevance: str = ""  # why it is relevant to one's practice
    learnt: str = ""
    impact_practice: str = ""  # the positive impact on one's practice
    impact_people: str = ""  # ... and on the people one works with
    peer_reflection: str = ""  # what was learnt from discussing it with a peer
    session: SessionLink | None = None
    id: int | None = field(default=None, compare=False)

    @property
    def has_peer_reflection(self) -> bool:
        return bool(self.peer_reflection.strip())


@dataclass(frozen=True)
class EntryProblem:
    field: str
    message: str


def check_entry(entry: CpdEntry, today: date) -> list[EntryProblem]:
    """What stops ``entry`` from being saved, each a plain sentence beside its field."""
    problems = []
    if not entry.title.strip():
        problems.append(EntryProblem("title", "Give a short description of what you did."))
    if entry.done_on > today:
        problems.append(EntryProblem("done_on", "The date cannot be after today: record CPD once you have done it."))
    if not entry.learnt.strip():
        problems.append(EntryProblem("learnt", "Say what you learnt."))
    if entry.session is not None and not entry.has_peer_reflection:
        problems.append(EntryProblem("peer_reflection",
                                     "Say what you learnt from discussing it in supervision, or unlink the session."))
    return problems


def year_ending(day: date) -> int:
    """The registration year ``day`` falls in, named by the year it ends (30 November) in."""
    return day.year + 1 if day.month == 12 else day.year


def year_bounds(ending: int) -> tuple[date, date]:
    """The first and last day (1 December, 30 November) of the registration year ending in ``ending``."""
    return date(ending - 1, 12, 1), date(ending, 11, 30)


def in_year(entries: list[CpdEntry], ending: int) -> list[CpdEntry]:
    """The entries of that registration year, oldest first."""
    return sorted((entry for entry in entries if year_ending(entry.done_on) == ending),
                  key=lambda entry: (entry.done_on, entry.id or 0))


@dataclass(frozen=True)
class CpdProgress:
    ending: int
    pieces: int
    with_peer_reflection: int
    days_left: int | None  # to 30 November, for the year today is in; None for another year
    ended: bool = False  # the year is over

    @property
    def pieces_still_needed(self) -> int:
        return max(0, PIECES_NEEDED - self.pieces)

    @property
    def peer_reflection_needed(self) -> bool:
        return self.with_peer_reflection < PEER_REFLECTION_NEEDED

    @property
    def complete(self) -> bool:
        return self.pieces_still_needed == 0 and not self.peer_reflection_needed


def progress(entries: list[CpdEntry], ending: int, today: date) -> CpdProgress:
    chosen = in_year(entries, ending)
    _first, last = year_bounds(ending)
    days_left = (last - today).days if year_ending(today) == ending else None
    return CpdProgress(ending, len(chosen), sum(entry.has_peer_reflection for entry in chosen), days_left,
                       ended=today > last)


def _pieces(count: int) -> str:
    return f"{count} piece{'' if count == 1 else 's'}"


def progress_in_words(state: CpdProgress) -> str:
    """One or two sentences: what is recorded for the year, the days left, and what is still needed."""
    year = f"the registration year ending 30 November {state.ending}"
    recorded = f"{_pieces(state.pieces) if state.pieces else 'No pieces'} of CPD recorded for {year}"
    if state.pieces:
        recorded += (", one with peer reflection" if state.with_peer_reflection == 1 else
                     f", {state.with_peer_reflection} with peer reflection" if state.with_peer_reflection else
                     ", none with peer reflection")
    if state.days_left is not None:
        recorded += f"; {state.days_left} day{'' if state.days_left == 1 else 's'} left to 30 November"
    recorded += "."
    if state.complete:
        return recorded + " That meets Social Work England's requirement for the year."
    if state.pieces == 0:
        needed = "two pieces, one of them with peer reflection"
    elif state.pieces_still_needed:
        needed = "one more piece" + (", and peer reflection on one of the two" if state.peer_reflection_needed else "")
    else:
        needed = "peer reflection on one of them (or one more piece with peer reflection)"
    return recorded + (f" The year ended short of: {needed}." if state.ended else f" Still needed: {needed}.")
