"""The managers' checklist as a periodic self-review: the due rule, and reviews kept in a real vault."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from supervision_app.content import load_content
from supervision_app.domain.attention import Kind, Level
from supervision_app.domain.manager_review import (
    Answer,
    ManagerReview,
    QuestionKey,
    ReviewAnswer,
    add_months,
    check_review,
    is_due,
    next_due,
    reminder,
)
from supervision_app.paths import resources_dir
from supervision_app.services import manager_review
from supervision_app.services.manager_review import ManagerReviewService
from supervision_app.services.people import InvalidEntry
from supervision_app.vault.service import OpenVault

CONTENT = load_content(resources_dir())
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 9, 1), 3, date(2026, 12, 1)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2027, 11, 30), 3, date(2028, 2, 29)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 10, 15), 12, date(2027, 10, 15)),
])
def test_months_are_added_on_the_same_day_or_the_months_last(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_a_review_is_due_on_the_day_the_period_has_passed() -> None:
    assert not is_due(date(2026, 9, 2), TODAY, 3)  # due tomorrow
    assert is_due(date(2026, 9, 1), TODAY, 3)  # due today
    assert is_due(date(2026, 3, 1), TODAY, 3)
    assert is_due(None, TODAY, 3)  # never done
    assert not is_due(date(2020, 1, 1), TODAY, 0)  # reminders off
    assert next_due(date(2026, 9, 2), 3) == date(2026, 12, 2)
    assert next_due(None, 3) is None and next_due(date(2026, 9, 2), 0) is None


def test_the_reminder_says_when_it_was_last_done_in_words() -> None:
    assert reminder(date(2026, 9, 2), TODAY, 3) is None
    due = reminder(date(2026, 8, 1), TODAY, 3)
    assert due is not None and due.kind is Kind.MANAGERS_CHECKLIST and due.level is Level.DUE_SOON
    assert due.text == "Managers' checklist: last self-review on 1 August 2026, 122 days ago; due every 3 months."
    never = reminder(None, TODAY, 6)
    assert never is not None and never.level is Level.WAITING and "every 6 months" in never.text
    assert reminder(None, TODAY, 0) is None


def test_a_review_needs_one_answer_and_known_questions() -> None:
    key = QuestionKey("demands", 0)
    assert [p.field for p in check_review(ManagerReview(TODAY, [ReviewAnswer(key)]), TODAY, [key])] == ["answers"]
    assert check_review(ManagerReview(TODAY, [ReviewAnswer(key, Answer.PARTLY, "More cover")]), TODAY, [key]) == []
    assert [p.field for p in check_review(ManagerReview(date(2026, 12, 2), [ReviewAnswer(key, Answer.YES)]),
                                          TODAY, [key])] == ["done_on"]
    unknown = ManagerReview(TODAY, [ReviewAnswer(QuestionKey("demands", 99), Answer.YES)])
    assert [p.field for p in check_review(unknown, TODAY, [key])] == ["answers"]


def test_the_questions_are_the_toolkits_checklist_for_managers() -> None:
    questions = manager_review.questions(CONTENT)
    quoted = [q for s in CONTENT.hse_standards.standards for q in s.manager_questions]
    assert [q.text for q in questions] == quoted and len(quoted) > 7


def service(vault: OpenVault, today: date = TODAY) -> ManagerReviewService:
    return ManagerReviewService(vault.store, CONTENT, lambda: datetime.combine(today, datetime.min.time()))


def test_reviews_are_kept_with_their_date_newest_first(open_vault: OpenVault) -> None:
    first = service(open_vault, date(2026, 8, 1))
    keys = [q.key for q in first.questions()]
    first.save(ManagerReview(date(2026, 8, 1), [ReviewAnswer(keys[0], Answer.NO, "Caseloads too high"),
                                                ReviewAnswer(keys[1])]))
    later = service(open_vault)
    later.save(ManagerReview(TODAY, [ReviewAnswer(keys[0], Answer.PARTLY, "  Better since the new post  ")]))
    reviews = later.reviews()
    assert [r.done_on for r in reviews] == [TODAY, date(2026, 8, 1)]
    assert reviews[0].answer_for(keys[0]) == ReviewAnswer(keys[0], Answer.PARTLY, "Better since the new post")
    assert reviews[1].answer_for(keys[0]) == ReviewAnswer(keys[0], Answer.NO, "Caseloads too high")
    assert reviews[1].answer_for(keys[1]) == ReviewAnswer(keys[1], None, "")


def test_a_refused_review_saves_nothing(open_vault: OpenVault) -> None:
    reviews = service(open_vault)
    key = reviews.questions()[0].key
    for review in (ManagerReview(TODAY, [ReviewAnswer(key)]),
                   ManagerReview(TODAY, [ReviewAnswer(key, Answer.YES, "hidden\u202e")])):
        with pytest.raises(InvalidEntry):
            reviews.save(review)
    with pytest.raises(InvalidEntry):
        reviews.set_period_months(5)
    assert reviews.reviews() == [] and open_vault.store.get_meta(manager_review.PERIOD_KEY) is None


def test_no_reminder_until_a_first_review_or_a_chosen_period(open_vault: OpenVault) -> None:
    reviews = service(open_vault)
    assert reviews.reminder() is None  # not every supervisor manages staff
    reviews.set_period_months(3)
    assert reviews.reminder() is not None and reviews.period_months() == 3
    reviews.save(ManagerReview(TODAY, [ReviewAnswer(reviews.questions()[0].key, Answer.YES)]))
    assert reviews.reminder() is None and reviews.next_due() == date(2027, 3, 1)
    assert service(open_vault, date(2027, 3, 1)).reminder() is not None
    reviews.set_period_months(0)
    assert service(open_vault, date(2030, 1, 1)).reminder() is None
