"""Reviewing the agreement together: "Is our supervision working?" (toolkit section 5), on either side.

Each person answers privately here; "Send my answers…" seals them for the
other person, whose answers arrive through File → Import (or "Import their
answers…" here). Once both sets are here, the differences are listed, widest
first, so the two can talk them through before the agreement is changed (a new
version, which both sign). All text from files is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import AgreementReviewContent, Frame
from supervision_app.domain.model import Person, PersonRole
from supervision_app.domain.review import AgreementReview, Difference, ReviewAnswer
from supervision_app.errors import VaultError
from supervision_app.exchange.agreement import export_review, review_service
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.service import ExchangeService
from supervision_app.formatting import format_datetime
from supervision_app.gui.accessibility import error_label, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.exchange.files import ExchangeFiles, read_exchange_file, write_exchange_file
from supervision_app.gui.messages import StatusMessages
from supervision_app.gui.notes.files import FileRefused, ascii_slug
from supervision_app.gui.plain import label
from supervision_app.gui.screens import fit_to_screen
from supervision_app.gui.session.more import MoreFromToolkit, short_citation
from supervision_app.services.review import ReviewError, ReviewService

NOT_ANSWERED = "Not answered"


def guidance_blocks(frame: Frame) -> list[str]:
    """Section 5's guidance as paragraphs: each heading, its text and its list."""
    blocks: list[str] = []
    for section in frame.guidance:
        blocks.append(section.heading)
        blocks.append(section.text)
        blocks.extend(f"• {item}" for item in section.items)
    return blocks


def difference_lines(differences: list[Difference], content: AgreementReviewContent, them: str) -> list[str]:
    """Each difference in one plain sentence, with what each person wrote."""
    lines = []
    for difference in differences:
        quality = content.question(difference.question_id).quality
        mine = content.rating_text(difference.mine.rating) if difference.mine else "not answered"
        theirs = content.rating_text(difference.theirs.rating) if difference.theirs else "not answered"
        line = f"{quality}: you said “{mine}”, {them} said “{theirs}”."
        for who, answer in (("You", difference.mine), (them, difference.theirs)):
            if answer is not None and answer.comment:
                line += f" {who} wrote: “{answer.comment}”"
        lines.append(line)
    return lines


def review_file_name(day: date, name: str, *, to_supervisor: bool) -> str:
    slug = ascii_slug(name)
    suffix = ".svagenda" if to_supervisor else ".svrecord"  # as the other files going that way
    return f"agreement-review-{day.isoformat()}{'-' + slug if slug else ''}{suffix}"


class ReviewDialog(QDialog, StatusMessages):
    """The review of the current agreement with ``person`` (a supervisee, or the user's supervisor).

    ``change_requested`` asks the caller to open the agreement to change it (the supervisor's side).
    """

    change_requested = Signal()

    def __init__(self, exchange: ExchangeService, person: Person, *, files: ExchangeFiles,
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = files
        self.clock = clock
        self.exchange = exchange
        self.person = person
        self.reviews: ReviewService = review_service(exchange)
        self.content = self.reviews.content
        self.i_supervise = person.role is PersonRole.SUPERVISEE
        name = person.name
        title = f"Is our supervision working? Reviewing the agreement with {name}"
        self.setWindowTitle(f"{title} – Supervision")
        self.setAccessibleName(title)

        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        heading = label(title, body)
        heading.setProperty("role", "title")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        intro = self.content.intro
        self.intro_label = label(intro.text, body)
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        citation = label(short_citation(self.content.source, intro.cite), body)
        citation.setProperty("role", "citation")
        citation.setToolTip(self.content.source.citation)
        layout.addWidget(citation)
        frame = exchange.content.frame
        self.guidance = MoreFromToolkit("what good supervision is (section 5)", guidance_blocks(frame),
                                        frame.source, "Section 5, Practice supervision", body)
        layout.addWidget(self.guidance)
        self.state_label = label("", body)
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)

        self.ratings: dict[str, QComboBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        questions = QGroupBox("Your answers (kept on this computer until you send them)", body)
        questions_layout = QVBoxLayout(questions)
        for question in self.content.questions:
            # The quality as a wrapped heading, not the box's title: a title never wraps, and the longest
            # quality made the dialog wider than a screen at 200% scaling.
            row = QGroupBox(questions)
            row.setAccessibleName(question.quality)
            row_layout = QVBoxLayout(row)
            quality = label(question.quality, row)
            quality.setWordWrap(True)
            quality.setProperty("role", "subheading")
            row_layout.addWidget(quality)
            asked = label(question.question, row)
            asked.setWordWrap(True)
            row_layout.addWidget(asked)
            line = QHBoxLayout()
            combo = QComboBox(row)
            combo.addItem(NOT_ANSWERED, "")
            for rating in self.content.ratings:
                combo.addItem(rating.text, rating.id)
            combo.setAccessibleName(f"{question.quality}: your answer")
            combo.setAccessibleDescription(question.question)
            comment = QLineEdit(row)
            comment.setPlaceholderText("A comment, if you want to add one")
            comment.setAccessibleName(f"{question.quality}: your comment")
            comment.setMaxLength(2000)
            line.addWidget(combo)
            line.addWidget(comment, 1)
            row_layout.addLayout(line)
            questions_layout.addWidget(row)
            self.ratings[question.id], self.comments[question.id] = combo, comment
        layout.addWidget(questions)

        self.differences_box = QGroupBox("Where your answers differ", body)
        differences_layout = QVBoxLayout(self.differences_box)
        self.differences_label = label("", self.differences_box)
        self.differences_label.setWordWrap(True)
        self.differences_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                       | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.differences_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        differences_layout.addWidget(self.differences_label)
        layout.addWidget(self.differences_box)
        closing = self.content.closing
        closing_label = label(closing.text, body)
        closing_label.setWordWrap(True)
        layout.addWidget(closing_label)
        closing_citation = label(short_citation(self.content.source, closing.cite), body)
        closing_citation.setProperty("role", "citation")
        layout.addWidget(closing_citation)
        layout.addStretch(1)

        self.error_label = error_label(self)
        self.status_label = label("", self)
        self.status_label.setWordWrap(True)
        outer.addWidget(self.error_label)
        outer.addWidget(self.status_label)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save my answers", self)
        self.send_button = QPushButton(f"Save and send &to {name.replace('&', '&&')}…", self)
        self.send_button.setAccessibleName(f"Save and send to {name}")
        self.import_button = QPushButton(f"&Import {name.replace('&', '&&')}'s answers…", self)
        self.import_button.setAccessibleName(f"Import {name}'s answers")
        self.change_button = QPushButton("C&hange the agreement…", self)
        self.change_button.setVisible(self.i_supervise)
        self.close_button = QPushButton("Close", self)
        for button in (self.save_button, self.send_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        last_row = QHBoxLayout()  # a row of their own: with the names, one row did not fit 200% scaling
        last_row.addWidget(self.change_button)
        last_row.addStretch(1)
        last_row.addWidget(self.close_button)
        outer.addLayout(last_row)

        self.save_button.clicked.connect(self.save)
        self.send_button.clicked.connect(self.send)
        self.import_button.clicked.connect(self.import_answers)
        self.change_button.clicked.connect(self.change_requested)
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(False)
        self.save_button.setDefault(True)

        self.version = self.reviews.current_version(person)
        self._fill(self.reviews.review(person))
        fit_to_screen(self, 900, 860)
        first = self.ratings[self.content.questions[0].id] if self.content.questions else self.save_button
        first.setFocus()

    # --- showing ---------------------------------------------------------------------------

    def _fill(self, kept: AgreementReview | None) -> None:
        mine = kept.mine.answers if kept is not None and kept.mine is not None else {}
        for question_id, combo in self.ratings.items():
            answer = mine.get(question_id)
            combo.setCurrentIndex(max(combo.findData(answer.rating if answer else ""), 0))
            self.comments[question_id].setText(answer.comment if answer else "")
        self._show_state(kept)

    def _show_state(self, kept: AgreementReview | None) -> None:
        name = self.person.name
        answerable = self.version is not None
        for widget in (*self.ratings.values(), *self.comments.values(), self.save_button, self.send_button):
            widget.setEnabled(answerable)
        if not answerable:
            whose = "Sign and send" if self.i_supervise else "Import and sign"
            self.state_label.setText(f"There is no signed agreement with {name} to review yet. {whose} the "
                                     "agreement first.")
        else:
            parts = [f"Reviewing version {self.version} of the agreement."]
            if kept is not None and kept.sent_at is not None:
                parts.append(f"Your answers were sent on {format_datetime(kept.sent_at)}.")
            if kept is not None and kept.theirs is not None:
                parts.append(f"{name}'s answers arrived on {format_datetime(kept.received_at)}."
                             if kept.received_at else f"{name}'s answers are here.")
            else:
                parts.append(f"{name}'s answers have not arrived yet.")
            self.state_label.setText(" ".join(parts))
        self.state_label.setAccessibleDescription(self.state_label.text())
        differences = self.reviews.differences(self.person)
        if kept is None or not kept.both_answered:
            text = (f"Once you have both answered and {name}'s answers are here, what you see differently is "
                    "listed here, so you can talk it through before you change the agreement.")
        elif not differences:
            text = f"You and {name} gave the same answers to every question."
        else:
            text = "\n\n".join(difference_lines(differences, self.content, name))
        self.differences_label.setText(text)
        self.differences_label.setAccessibleDescription(text)

    def answers(self) -> dict[str, ReviewAnswer]:
        return {question_id: ReviewAnswer(str(combo.currentData()), self.comments[question_id].text())
                for question_id, combo in self.ratings.items() if combo.currentData()}

    # --- actions ---------------------------------------------------------------------------

    def save(self) -> bool:
        self._begin()
        try:
            kept = self.reviews.save_answers(self.person, self.answers())
        except (ReviewError, VaultError) as error:
            show_error(self.error_label, str(error), self.save_button)
            return False
        self._show_state(kept)
        self._set_status("Your answers are saved on this computer; nobody else sees them until you send them.")
        return True

    def send(self) -> None:
        if not self.save():
            return
        name = self.person.name
        try:
            with wait_cursor():
                pack = export_review(self.exchange, self.person.id)
        except (ExchangeError, VaultError) as error:
            show_error(self.error_label, str(error), self.send_button)
            return
        kind = "record" if self.i_supervise else "agenda"
        path = self.files.choose_save(
            self, kind, f"Save your answers for {name}",
            review_file_name(self.clock().date(), name, to_supervisor=not self.i_supervise))
        if path is None:
            self._set_status("No file was saved; send your answers again when you are ready.")
            return
        try:
            write_exchange_file(path, pack)
        except FileRefused as error:
            show_error(self.error_label, str(error), self.send_button)
            return
        self._show_state(self.reviews.review(self.person))
        self._set_status(f"Saved {path}. Give this file to {name}; they import it to compare your answers.")

    def import_answers(self) -> None:
        self._begin()
        path = self.files.choose_open(self, f"Choose {self.person.name}'s answers")
        if path is None:
            return
        self.import_path(path)

    def import_path(self, path: Path) -> None:
        try:
            data = read_exchange_file(path)
            with wait_cursor():
                outcome = self.exchange.import_pack(data)
        except (ExchangeError, FileRefused, VaultError) as error:
            show_error(self.error_label, str(error), self.import_button)
            return
        self.version = self.reviews.current_version(self.person)
        self._show_state(self.reviews.review(self.person))
        self._set_status(outcome.message)
        self.differences_label.setFocus()
