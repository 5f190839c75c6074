"""The managers' checklist as a periodic self-review: its questions quoted from the toolkit, the reviews kept,
and the home page's reminder. The rules are :mod:`supervision_app.domain.manager_review`. No Qt here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from supervision_app.content import HseStandard, ToolkitContent
from supervision_app.domain import manager_review as rules
from supervision_app.domain.attention import Reason
from supervision_app.domain.manager_review import ManagerReview, QuestionKey
from supervision_app.services.people import FieldProblem, InvalidEntry
from supervision_app.storage import manager_review as stored
from supervision_app.storage.records import SqlRecordStore
from supervision_app.untrusted import is_plain

PERIOD_KEY = "managers_checklist_months"  # vault metadata: how often to be reminded (0: never)


@dataclass(frozen=True)
class Question:
    key: QuestionKey
    standard: HseStandard
    text: str  # quoted from the toolkit


def questions(content: ToolkitContent) -> list[Question]:
    """The toolkit's checklist for managers, standard by standard, in the file's order."""
    return [Question(QuestionKey(standard.id, index), standard, text)
            for standard in content.hse_standards.standards
            for index, text in enumerate(standard.manager_questions)]


def period_months(store: SqlRecordStore) -> int:
    value = store.get_meta(PERIOD_KEY)
    return int(value) if value is not None and value.isdigit() else rules.DEFAULT_PERIOD_MONTHS


def last_done(store: SqlRecordStore) -> date | None:
    done = stored.reviews(store)
    return done[0].done_on if done else None


def reminder(store: SqlRecordStore, today: date) -> Reason | None:
    """The home page's line when a self-review is due (the home page adds it: ``gui/home/window_ui.HomeUi``).

    Not every supervisor manages staff: until a first review is saved or a period chosen, no reminder.
    """
    last = last_done(store)
    if last is None and store.get_meta(PERIOD_KEY) is None:
        return None
    return rules.reminder(last, today, period_months(store))


class ManagerReviewService:
    def __init__(self, store: SqlRecordStore, content: ToolkitContent,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self.content = content
        self.clock = clock

    def today(self) -> date:
        return self.clock().date()

    def questions(self) -> list[Question]:
        return questions(self.content)

    def reviews(self) -> list[ManagerReview]:
        """Every review, newest first."""
        return stored.reviews(self.store)

    def latest(self) -> ManagerReview | None:
        done = self.reviews()
        return done[0] if done else None

    def save(self, review: ManagerReview) -> ManagerReview:
        """Keep a new review; :class:`InvalidEntry` (nothing saved) for the first problem."""
        for answer in review.answers:
            answer.note = answer.note.strip()
        problems = [FieldProblem("note", "Remove the hidden or control characters from the notes.")
                    for answer in review.answers if not is_plain(answer.note, allow_newlines=True)][:1]
        problems += [FieldProblem(p.field, p.message)
                     for p in rules.check_review(review, self.today(), (q.key for q in self.questions()))]
        if problems:
            raise InvalidEntry(problems[0])
        return stored.add(self.store, review)

    def period_months(self) -> int:
        return period_months(self.store)

    def set_period_months(self, months: int) -> None:
        if months not in rules.PERIOD_CHOICES:
            raise InvalidEntry(FieldProblem("period", "Choose how often to be reminded from the list."))
        self.store.set_meta(PERIOD_KEY, str(months))

    def next_due(self) -> date | None:
        return rules.next_due(last_done(self.store), self.period_months())

    def reminder(self) -> Reason | None:
        return reminder(self.store, self.today())
