"""Managers' checklist…: a supervisor who manages answers the toolkit's checklist for managers every few months.

Each question is quoted from the toolkit (``hse_standards.toml``, ``manager_questions``) with
its citation; the answer (yes, partly, no, not applicable) and a note are kept with the date,
and the previous review's answer is shown under each question for comparison. Built in
code; every label is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.manager_review import (
    PERIOD_CHOICES,
    Answer,
    ManagerReview,
    QuestionKey,
    ReviewAnswer,
    period_text,
)
from supervision_app.errors import VaultError
from supervision_app.formatting import format_long_date
from supervision_app.gui import plain
from supervision_app.gui.accessibility import clear_error, error_label, show_error
from supervision_app.services.manager_review import ManagerReviewService, Question
from supervision_app.services.people import InvalidEntry

INTRO = ("For supervisors who manage staff: a self-review against the toolkit's checklist for managers, every few "
         "months rather than every session. Only you see it; it stays in this vault.")


def previous_text(previous: ManagerReview | None, key: QuestionKey) -> str:
    if previous is None:
        return ""
    answer = previous.answer_for(key)
    said = answer.answer.label if answer is not None and answer.answer is not None else "Not answered"
    note = f": {answer.note}" if answer is not None and answer.note else ""
    return f"Last time ({format_long_date(previous.done_on)}): {said}{note}"


class QuestionRow:
    def __init__(self, question: Question, number: int, previous: ManagerReview | None, parent: QWidget) -> None:
        self.question = question
        self.text_label = plain.label(question.text, parent)
        self.text_label.setWordWrap(True)
        self.answer_combo = QComboBox(parent)
        self.answer_combo.addItem("Not answered", None)
        for answer in Answer:
            self.answer_combo.addItem(answer.label, answer.value)
        self.answer_combo.setAccessibleName(f"Question {number}: answer")
        self.note_edit = QLineEdit(parent)
        self.note_edit.setAccessibleName(f"Question {number}: note")
        self.note_edit.setPlaceholderText("Note (optional)")
        self.previous_label = plain.label(previous_text(previous, question.key), parent)
        self.previous_label.setWordWrap(True)
        self.previous_label.setProperty("role", "hint")
        self.previous_label.setVisible(previous is not None)

    def answer(self) -> ReviewAnswer:
        value = self.answer_combo.currentData()
        return ReviewAnswer(self.question.key, Answer(value) if value else None, self.note_edit.text())


class ManagerReviewDialog(QDialog):
    def __init__(self, service: ManagerReviewService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.saved: ManagerReview | None = None
        self.setWindowTitle("Managers' checklist – Supervision")
        self.setAccessibleName("Managers' checklist")
        hse = service.content.hse_standards
        previous = service.latest()
        layout = QVBoxLayout(self)
        intro = plain.label(INTRO, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.last_label = plain.label(self._last_text(previous), self)
        self.last_label.setWordWrap(True)
        layout.addWidget(self.last_label)
        period_row = QHBoxLayout()
        layout.addLayout(period_row)
        self.period_combo = QComboBox(self)
        for months in PERIOD_CHOICES:
            self.period_combo.addItem(period_text(months), months)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(service.period_months())))
        self._period_shown = self.period_combo.currentData()
        self.period_combo.setAccessibleName("Remind me on the home page")
        period_label = plain.label("Remind me on the home page:", self)
        period_label.setBuddy(self.period_combo)
        period_row.addWidget(period_label)
        period_row.addWidget(self.period_combo)
        period_row.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        body_layout = QVBoxLayout(body)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.rows: list[QuestionRow] = []
        groups: dict[str, QVBoxLayout] = {}
        for number, question in enumerate(service.questions(), start=1):
            group_layout = groups.get(question.standard.id)
            if group_layout is None:
                group = QGroupBox(question.standard.name.replace("&", "&&"), body)
                group_layout = groups[question.standard.id] = QVBoxLayout(group)
                body_layout.addWidget(group)
            row = QuestionRow(question, number, previous, body)
            answer_row = QHBoxLayout()
            answer_row.addWidget(row.answer_combo)
            answer_row.addWidget(row.note_edit, 1)
            group_layout.addWidget(row.text_label)
            group_layout.addLayout(answer_row)
            group_layout.addWidget(row.previous_label)
            self.rows.append(row)
        self.citation_label = plain.label(f"From {hse.source.citation}", body)
        self.citation_label.setWordWrap(True)
        self.citation_label.setProperty("role", "citation")
        body_layout.addWidget(self.citation_label)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        buttons.addStretch(1)
        self.save_button = QPushButton("&Save the review", self)
        self.close_button = QPushButton("Close", self)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self._close)

    def _last_text(self, previous: ManagerReview | None) -> str:
        if previous is None:
            return "No review yet."
        due = self.service.next_due()
        when = f" Next due on {format_long_date(due)}." if due is not None else ""
        return f"Last review: {format_long_date(previous.done_on)}.{when}"

    def _save_period(self) -> bool:
        """Keep the reminder period if the person changed it (choosing one turns the reminder on)."""
        if self.period_combo.currentData() == self._period_shown:
            return True
        try:
            self.service.set_period_months(int(self.period_combo.currentData()))
        except (InvalidEntry, VaultError) as error:
            show_error(self.error_label, error.message, self.period_combo)
            return False
        return True

    def _close(self) -> None:
        """Close keeps a reminder period the person changed (the answers are kept only by Save)."""
        if self._save_period():
            self.reject()

    def save(self) -> ManagerReview | None:
        clear_error(self.error_label)
        review = ManagerReview(self.service.today(), [row.answer() for row in self.rows])
        try:
            self.saved = self.service.save(review)
        except InvalidEntry as problem:
            field = self.rows[0].answer_combo if problem.field == "answers" else None
            show_error(self.error_label, problem.message, field)
            return None
        except VaultError as error:
            show_error(self.error_label, error.message)
            return None
        if not self._save_period():
            return None
        self.accept()
        return self.saved
