"""The managers' checklist as a periodic self-review (the toolkit's "A checklist for managers", section 7).

A supervisor who manages answers each of the checklist's questions (yes, partly,
no or not applicable, with a note) every few months, not per session; each
review is kept with its date (migration 17) and the previous one shown beside it.
:func:`reminder` is the home page's line when a review is due. Plain values and
rules: no Qt, no SQL. The questions themselves are the toolkit's, quoted from
``resources/content/hse_standards.toml`` (``manager_questions``).
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from supervision_app.domain.attention import Kind, Level, Reason, day_text

DEFAULT_PERIOD_MONTHS = 3  # a review is due this many months after the last; 0: no reminder
PERIOD_CHOICES = (1, 2, 3, 4, 6, 12, 0)
LONGEST_NOTE = 2000


class Answer(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {"yes": "Yes", "partly": "Partly", "no": "No", "not_applicable": "Not applicable"}[self.value]


@dataclass(frozen=True)
class QuestionKey:
    """A question by its standard's id and its place in that standard's ``manager_questions``."""

    standard_id: str
    index: int


@dataclass
class ReviewAnswer:
    key: QuestionKey
    answer: Answer | None = None  # None: not answered
    note: str = ""


@dataclass
class ManagerReview:
    done_on: date
    answers: list[ReviewAnswer] = field(default_factory=list)
    id: int | None = None

    def answer_for(self, key: QuestionKey) -> ReviewAnswer | None:
        return next((answer for answer in self.answers if answer.key == key), None)

    @property
    def answered(self) -> int:
        return sum(answer.answer is not None for answer in self.answers)


@dataclass(frozen=True)
class ReviewProblem:
    field: str
    message: str


def check_review(review: ManagerReview, today: date, questions: Iterable[QuestionKey]) -> list[ReviewProblem]:
    """What stops ``review`` being saved (an empty list: it can be saved)."""
    known = set(questions)
    problems = []
    if review.done_on > today:
        problems.append(ReviewProblem("done_on", "The date cannot be after today."))
    if not review.answered:
        problems.append(ReviewProblem("answers", "Answer at least one question before saving the review."))
    for answer in review.answers:
        if answer.key not in known:
            problems.append(ReviewProblem("answers", "The review answers a question the checklist does not have."))
            break
    for answer in review.answers:
        if len(answer.note) > LONGEST_NOTE:
            problems.append(ReviewProblem("note", f"Keep each note to {LONGEST_NOTE} characters."))
            break
    return problems


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter: 30 November + 3 = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(last_done: date | None, period_months: int) -> date | None:
    """When the next review is due; ``None`` when reminders are off (a period of 0) or none was ever done."""
    if period_months <= 0 or last_done is None:
        return None
    return add_months(last_done, period_months)


def is_due(last_done: date | None, today: date, period_months: int = DEFAULT_PERIOD_MONTHS) -> bool:
    """Due on the day the period has passed since the last review, or at once if there has been none."""
    if period_months <= 0:
        return False
    due = next_due(last_done, period_months)
    return due is None or today >= due


def reminder(last_done: date | None, today: date, period_months: int = DEFAULT_PERIOD_MONTHS) -> Reason | None:
    """The home page's line when a review is due, else ``None``."""
    if not is_due(last_done, today, period_months):
        return None
    every = "every month" if period_months == 1 else f"every {period_months} months"
    if last_done is None:
        return Reason(Level.WAITING, Kind.MANAGERS_CHECKLIST,
                      f"Managers' checklist: no self-review yet (you asked to be reminded {every}).")
    late = (today - last_done).days
    return Reason(Level.DUE_SOON, Kind.MANAGERS_CHECKLIST,
                  f"Managers' checklist: last self-review on {day_text(last_done)} {last_done.year}, "
                  f"{late} days ago; due {every}.", days=late)


def period_text(period_months: int) -> str:
    if period_months <= 0:
        return "Never (no reminder)"
    return "Every month" if period_months == 1 else f"Every {period_months} months"


__all__ = ["DEFAULT_PERIOD_MONTHS", "PERIOD_CHOICES", "Answer", "ManagerReview", "QuestionKey", "ReviewAnswer",
           "ReviewProblem", "add_months", "check_review", "is_due", "next_due", "period_text", "reminder"]
