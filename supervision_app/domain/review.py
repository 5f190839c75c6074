"""Reviewing the agreement together (toolkit section 5, "Is our supervision working?").

Each person answers the same questions privately on their own install; the
two sets of answers are exchanged, and the differences are shown to both
before they agree what to change (a new version of the agreement).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

MAX_COMMENT = 2000


@dataclass(frozen=True)
class ReviewAnswer:
    rating: str  # a rating id from the content file (agreement_review.toml), lowest first there
    comment: str = ""


@dataclass(frozen=True)
class ReviewAnswers:
    """One person's answers: question id → answer. Unanswered questions are left out."""

    answers: dict[str, ReviewAnswer] = field(default_factory=dict)
    answered_at: datetime | None = None


@dataclass(frozen=True)
class AgreementReview:
    """A review of one version of the agreement with the other person: my answers and theirs."""

    version: int
    mine: ReviewAnswers | None = None
    theirs: ReviewAnswers | None = None
    sent_at: datetime | None = None  # when my answers were last sealed for the other person
    received_at: datetime | None = None

    @property
    def both_answered(self) -> bool:
        return self.mine is not None and self.theirs is not None


@dataclass(frozen=True)
class Difference:
    """A question the two people answered differently (or only one answered)."""

    question_id: str
    mine: ReviewAnswer | None
    theirs: ReviewAnswer | None
    gap: int  # how many points apart on the scale; the largest first


def differences(mine: ReviewAnswers, theirs: ReviewAnswers, questions: Sequence[str],
                ratings: Sequence[str]) -> list[Difference]:
    """Where the answers differ, the widest gaps first, then in the questions' order."""
    scale = {rating: index for index, rating in enumerate(ratings)}
    found = []
    for question in questions:
        a, b = mine.answers.get(question), theirs.answers.get(question)
        if a is None and b is None:
            continue
        if a is not None and b is not None and a.rating == b.rating:
            continue
        gap = abs(scale[a.rating] - scale[b.rating]) if a is not None and b is not None else 0
        found.append(Difference(question, a, b, gap))
    order = {question: index for index, question in enumerate(questions)}
    return sorted(found, key=lambda d: (-d.gap, order[d.question_id]))


def check_answers(answers: Mapping[str, ReviewAnswer], questions: Sequence[str], ratings: Sequence[str]) -> str:
    """Why these answers cannot be kept or sent, in one sentence; "" when they can."""
    if not answers:
        return "Answer at least one question first."
    if any(q not in questions for q in answers) or any(a.rating not in ratings for a in answers.values()):
        return "The answers name questions or ratings this app does not know."
    if any(len(a.comment) > MAX_COMMENT for a in answers.values()):
        return f"Shorten each comment to {MAX_COMMENT:,} characters or fewer."
    return ""
