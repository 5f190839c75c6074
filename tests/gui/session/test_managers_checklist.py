"""Managers' checklist…: the toolkit's questions quoted with their citation, answered, kept with the date, and
the previous review shown beside each question (real vault, real widgets)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervision_app.content import ToolkitContent
from supervision_app.domain.manager_review import Answer, ManagerReview, ReviewAnswer
from supervision_app.gui.manager_review.dialog import ManagerReviewDialog
from supervision_app.services import manager_review
from supervision_app.services.manager_review import ManagerReviewService
from tests.gui.session.conftest import World
from tests.gui.test_keyboard import check_window


def open_checklist(qtbot: QtBot, world: World, content: ToolkitContent, today: date) -> ManagerReviewDialog:
    service = ManagerReviewService(world.vault.store, content, lambda: datetime.combine(today, datetime.min.time()))
    dialog = ManagerReviewDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_questions_are_quoted_with_the_toolkits_citation(qtbot: QtBot, world: World,
                                                             content: ToolkitContent) -> None:
    dialog = open_checklist(qtbot, world, content, date(2026, 12, 1))
    check_window(dialog, dialog.period_combo)
    quoted = [q for s in content.hse_standards.standards for q in s.manager_questions]
    assert [row.text_label.text() for row in dialog.rows] == quoted
    assert dialog.citation_label.text() == f"From {content.hse_standards.source.citation}"
    assert dialog.last_label.text() == "No review yet."
    assert not any(row.previous_label.isVisibleTo(dialog) for row in dialog.rows)


def test_a_review_is_saved_with_its_date_and_shown_next_time_for_comparison(
        qtbot: QtBot, world: World, content: ToolkitContent) -> None:
    dialog = open_checklist(qtbot, world, content, date(2026, 9, 1))
    first = dialog.rows[0]
    first.answer_combo.setCurrentIndex(first.answer_combo.findData(Answer.NO.value))
    qtbot.keyClicks(first.note_edit, "<b>Caseloads</b> too high")
    dialog.rows[1].answer_combo.setCurrentIndex(dialog.rows[1].answer_combo.findData(Answer.NOT_APPLICABLE.value))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = manager_review.stored.reviews(world.vault.store)
    assert len(saved) == 1 and saved[0].done_on == date(2026, 9, 1)
    assert saved[0].answer_for(first.question.key) == ReviewAnswer(first.question.key, Answer.NO,
                                                                   "<b>Caseloads</b> too high")
    later = open_checklist(qtbot, world, content, date(2026, 12, 1))
    assert later.last_label.text() == "Last review: 1 September 2026. Next due on 1 December 2026."
    assert later.rows[0].previous_label.text() == "Last time (1 September 2026): No: <b>Caseloads</b> too high"
    assert later.rows[0].previous_label.textFormat() is Qt.TextFormat.PlainText
    assert later.rows[1].previous_label.text() == "Last time (1 September 2026): Not applicable"
    assert later.rows[2].previous_label.text() == "Last time (1 September 2026): Not answered"


def test_saving_with_nothing_answered_is_refused_and_keeps_nothing(qtbot: QtBot, world: World,
                                                                   content: ToolkitContent) -> None:
    dialog = open_checklist(qtbot, world, content, date(2026, 12, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Answer at least one question before saving the review."
    assert manager_review.stored.reviews(world.vault.store) == []


def test_the_reminder_period_is_kept_only_when_changed(qtbot: QtBot, world: World, content: ToolkitContent) -> None:
    store = world.vault.store
    dialog = open_checklist(qtbot, world, content, date(2026, 12, 1))
    assert dialog.period_combo.currentData() == 3
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert store.get_meta(manager_review.PERIOD_KEY) is None  # opening and closing turns no reminder on
    dialog = open_checklist(qtbot, world, content, date(2026, 12, 1))
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData(6))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert store.get_meta(manager_review.PERIOD_KEY) == "6"
    service = ManagerReviewService(store, content, lambda: datetime(2026, 12, 1))
    reminder = service.reminder()
    assert reminder is not None and "every 6 months" in reminder.text
    service.save(ManagerReview(date(2026, 12, 1), [ReviewAnswer(service.questions()[0].key, Answer.YES)]))
    assert service.reminder() is None
