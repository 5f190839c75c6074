"""Reviewing the agreement with the other person against section 5 of the toolkit ("Is our supervision working?").

The questions come from ``resources/content/agreement_review.toml`` (``ToolkitContent.agreement_review``). Each
person answers privately here; the answers travel sealed (exchange/agreement.py)
and the differences are shown to both before the agreement is changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime

from supervision_app.content import AgreementReviewContent
from supervision_app.domain.model import Person, PersonRole
from supervision_app.domain.review import (
    AgreementReview,
    Difference,
    ReviewAnswer,
    ReviewAnswers,
    check_answers,
    differences,
)
from supervision_app.storage import agreements
from supervision_app.storage.records import SqlRecordStore


class ReviewError(ValueError):
    """Why a review cannot go ahead, in one sentence."""


class ReviewService:
    """One user's side of reviewing the agreement with ``person`` (their supervisee, or their supervisor)."""

    def __init__(self, store: SqlRecordStore, content: AgreementReviewContent,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self.content = content
        self._clock = clock

    def current_version(self, person: Person) -> int | None:
        """The agreement version being reviewed: the latest signed here, or the latest received."""
        if person.role is PersonRole.SUPERVISEE:
            latest = agreements.latest(self.store, person.id)
            return latest.version if latest is not None else None
        received = agreements.latest_received(self.store, person.id)
        return received[0].version if received is not None else None

    def review(self, person: Person, version: int | None = None) -> AgreementReview | None:
        version = version if version is not None else self.current_version(person)
        return agreements.review(self.store, person.id, version) if version is not None else None

    def save_answers(self, person: Person, answers: Mapping[str, ReviewAnswer]) -> AgreementReview:
        """Keep my own answers (private until sent); refused in one sentence, changing nothing."""
        version = self.current_version(person)
        if version is None:
            raise ReviewError(f"There is no signed agreement with {person.name} to review yet.")
        cleaned = {q: ReviewAnswer(a.rating, a.comment.strip()) for q, a in answers.items()}
        problem = check_answers(cleaned, self.content.question_ids, self.content.rating_ids)
        if problem:
            raise ReviewError(problem)
        kept = self.review(person, version) or AgreementReview(version)
        updated = replace(kept, mine=ReviewAnswers(cleaned, self._clock().replace(microsecond=0, tzinfo=None)))
        agreements.save_review(self.store, person.id, updated)
        return updated

    def receive_answers(self, person: Person, version: int, answers: ReviewAnswers) -> AgreementReview:
        """Keep the other person's answers to ``version`` (checked by the caller)."""
        kept = agreements.review(self.store, person.id, version) or AgreementReview(version)
        updated = replace(kept, theirs=answers, received_at=self._clock().replace(microsecond=0, tzinfo=None))
        agreements.save_review(self.store, person.id, updated)
        return updated

    def differences(self, person: Person) -> list[Difference]:
        kept = self.review(person)
        if kept is None or kept.mine is None or kept.theirs is None:
            return []
        return differences(kept.mine, kept.theirs, self.content.question_ids, self.content.rating_ids)
