"""Step 2: an update on every action still open from earlier sessions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from supervision_app.domain.record import ActionReview, ReviewOutcome
from supervision_app.domain.rules import Problem
from supervision_app.formatting import format_date
from supervision_app.gui.forms import child
from supervision_app.gui.session import progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.messages import RevealOnLeave, problems_at, show_problems
from supervision_app.gui.session.page import Page, Rows, combo_value, select_data, set_text
from supervision_app.services.note import owner_label

OUTCOME_LABELS = {
    ReviewOutcome.NOT_REVIEWED: "Not reviewed yet",
    ReviewOutcome.DONE: "Done",
    ReviewOutcome.IN_PROGRESS: "In progress",
    ReviewOutcome.DROPPED: "Dropped",
    ReviewOutcome.CARRIED_FORWARD: "Carried forward",
}


class ReviewRow:
    def __init__(self, page: ReviewPage, form: QWidget, number: int, review: ActionReview) -> None:
        self.review = review
        ctx = page.ctx
        self.outcome_combo = child(form, QComboBox, "outcomeCombo")
        self.reason_label = child(form, QLabel, "reasonLabel")
        self.reason_edit = child(form, QLineEdit, "reasonEdit")
        self.problem_label = child(form, QLabel, "problemLabel")
        self.overdue_label = child(form, QLabel, "overdueLabel")
        self.reason_label.setBuddy(self.reason_edit)
        child(form, QLabel, "outcomeLabel").setBuddy(self.outcome_combo)
        open_action = ctx.earlier_actions.get(review.action_id)
        if open_action is None:
            text, details = "An earlier action that can no longer be found", ""
            self.overdue = False
        else:
            action = open_action.action
            text = action.text or "(no text)"
            parts = [f"Owner: {owner_label(action.owner, action.owner_name, ctx.supervisor, ctx.supervisee)}",
                     f"Due {format_date(action.due)}" if action.due else "No due date",
                     f"From the session on {format_date(open_action.from_session.scheduled_start.date())}"]
            details = " · ".join(parts)
            self.overdue = open_action.overdue(ctx.service.today())
        self.action_label = child(form, QLabel, "actionLabel")
        self.action_label.setText(f"{number}. {text}")
        self.details_label = child(form, QLabel, "detailsLabel")
        self.details_label.setText(details)
        for outcome, label in OUTCOME_LABELS.items():
            self.outcome_combo.addItem(label, outcome.value)
        self.outcome_combo.setAccessibleName(f"Update on: {text}")
        self.reason_edit.setAccessibleName(f"Reason for dropping: {text}")
        page.bind(self.outcome_combo.currentIndexChanged, self._outcome_changed)
        page.bind_text(self.reason_edit, lambda v: setattr(review, "note", v))
        RevealOnLeave(form, [self.outcome_combo, self.reason_edit], lambda: page.reveal(f"review:{review.action_id}"))
        self.load()

    def load(self) -> None:
        select_data(self.outcome_combo, self.review.outcome.value)
        set_text(self.reason_edit, self.review.note)
        self._show_state()

    def _outcome_changed(self, _index: int) -> None:
        self.review.outcome = ReviewOutcome(combo_value(self.outcome_combo))
        self._show_state()

    def _show_state(self) -> None:
        dropped = self.review.outcome is ReviewOutcome.DROPPED
        self.reason_label.setVisible(dropped)
        self.reason_edit.setVisible(dropped)
        self.overdue_label.setVisible(self.overdue and not self.review.outcome.closes)


class ReviewPage(Page):
    form_name = "session_review"
    title = "Previous actions"

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.problem_label = self.find_child(QLabel, "problemLabel")
        self.empty_label = self.find_child(QLabel, "emptyLabel")
        self.rows_host = self.find_child(QWidget, "rowsHost")
        self._rows = Rows(self.rows_host, "session_review_row")
        self.rows: list[ReviewRow] = []
        self._problems: Sequence[Problem] = ()
        with self.loading():
            for number, review in enumerate(ctx.record.reviews, start=1):
                self.rows.append(ReviewRow(self, self._rows.add(), number, review))
        self.empty_label.setVisible(not self.rows)

    def load(self) -> None:
        with self.loading():
            for row in self.rows:
                row.load()

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.review(ctx.record)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self._problems = problems
        show_problems(self.problem_label, problems_at(problems, "reviews"))
        for row in self.rows:
            where = f"review:{row.review.action_id}"
            shown = problems_at(problems, where) if where in self.ctx.revealed else []
            show_problems(row.problem_label, shown, row.reason_edit)

    def reveal(self, where: str) -> None:
        """The person has left this row: its problems may show now."""
        self.ctx.revealed.add(where)
        self.show_problems(self._problems)
