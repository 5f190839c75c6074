"""A whole session driven through the editor's widgets, then sign-off, addenda and the next session."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import (
    ActionOwner,
    AgendaSource,
    Confirmation,
    ReviewOutcome,
    Signatory,
    TimeProtection,
    Visibility,
)
from supervision_app.gui.session import SessionEditor
from supervision_app.services.note import note_for_session, render_text
from tests.gui.leaving import leave

from .conftest import SUPERVISEE, Answers, World, click

PRIVATE_DETAIL = "Worried about my mum's operation"
DISCUSSED_DETAIL = "Working late twice a week"
ON_RECORD_DETAIL = "Verbal aggression at a home visit; co-working agreed"


def fill_setting(qtbot: QtBot, editor: SessionEditor, world: World) -> None:
    page = editor.setting_page
    editor.go_to(editor.page_index(page))
    qtbot.keyClicks(page.present_edit, "Both of us")  # (QTest types ASCII only)
    click(qtbot, page.private_check)
    world.clock.now = datetime(2026, 11, 24, 10, 2, 30)
    click(qtbot, page.start_button)
    assert page.start_edit.time().toString("HH:mm") == "10:02"
    world.clock.now = datetime(2026, 11, 24, 10, 47, 30)
    page._tick()
    assert page.timer_label.text() == "45:00"
    world.clock.now = datetime(2026, 11, 24, 11, 32, 0)
    click(qtbot, page.end_button)
    assert page.timer_label.text() == "Lasted 1 hour 29 minutes"
    click(qtbot, page.protection_radios[TimeProtection.PROTECTED])


def fill_agenda(qtbot: QtBot, editor: SessionEditor) -> None:
    page = editor.agenda_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.rows[0].title_edit, "Caseload")
    qtbot.keyClicks(page.rows[0].wanted_edit, "Agree a manageable number")
    click(qtbot, page.rows[0].reached_check)
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.rows[1].title_edit, "Court skills")
    qtbot.keyClicks(page.rows[1].wanted_edit, "A plan for a first statement")
    assert [row.title_edit.text() for row in page.rows] == ["Caseload", "Court skills"]
    # Reordering keeps the items and what was typed.
    click(qtbot, page.rows[1].up_button)
    assert [row.title_edit.text() for row in page.rows] == ["Court skills", "Caseload"]
    click(qtbot, page.rows[0].down_button)
    assert [row.title_edit.text() for row in page.rows] == ["Caseload", "Court skills"]
    assert page.rows[0].reached_check.isChecked() and not page.rows[1].reached_check.isChecked()


def fill_discussion(qtbot: QtBot, editor: SessionEditor) -> None:
    page = editor.discussion_page
    editor.go_to(editor.page_index(page))
    assert page.item_combo.count() == 2
    page.item_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.case_edit, "AB-1042")
    qtbot.keyClicks(page.text_edits["notes"], "Caseload is 14; agreed to cap it.")
    qtbot.keyClicks(page.text_edits["went_well"], "Honest about the pressure.")
    click(qtbot, page.cpd_check)
    click(qtbot, page.add_decision_button)
    qtbot.keyClicks(page.decision_rows[0].decision_edit, "Cap the caseload at 15")
    qtbot.keyClicks(page.decision_rows[0].rationale_edit, "Protected caseload in the first year")


def fill_checkin(qtbot: QtBot, editor: SessionEditor) -> None:
    page = editor.checkin_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.visibility_radios[Visibility.ON_RECORD])
    qtbot.keyClicks(page.opening_edit, "The team has been kind this month.")
    demands = page.hse_rows[0]
    assert demands.standard.id == "demands"
    demands.rating_combo.setCurrentIndex(2)  # 2: quite difficult
    qtbot.keyClicks(demands.note_edit, "Two vacancies")
    page.hse_rows[3].rating_combo.setCurrentIndex(5)  # peer support: very good
    click(qtbot, page.checklist_boxes["lunch_break"])
    moving, money = page.stressor_rows[0], page.stressor_rows[1]
    click(qtbot, moving.applies_check)
    moving.impact_combo.setCurrentIndex(3)
    click(qtbot, moving.bring_check)
    click(qtbot, money.applies_check)  # ticked but not brought to supervision
    qtbot.keyClicks(page.notes_edit, "Sleeping better.")


def fill_flags(qtbot: QtBot, editor: SessionEditor) -> None:
    page = editor.flags_page
    editor.go_to(editor.page_index(page))
    for visibility, detail in ((Visibility.PRIVATE, PRIVATE_DETAIL), (Visibility.DISCUSSED, DISCUSSED_DETAIL),
                               (Visibility.ON_RECORD, ON_RECORD_DETAIL)):
        click(qtbot, page.add_button)
        row = page.rows[-1]
        row.visibility_combo.setCurrentIndex(row.visibility_combo.findData(visibility.value))
        qtbot.keyClicks(row.detail_edit, detail)
    private_row = page.rows[0]
    assert not private_row.private_label.isHidden()
    assert private_row.private_label.text() == "Private: kept on this computer only, never on the record or sent"
    assert page.rows[2].private_label.isHidden()
    on_record = page.rows[2]
    on_record.category_combo.setCurrentIndex(on_record.category_combo.findData("violence_aggression"))
    on_record.level_combo.setCurrentIndex(on_record.level_combo.findData("support_agreed"))
    on_record.signpost_combo.setCurrentIndex(on_record.signpost_combo.findData("employee_assistance_programme"))
    assert "Confidential counselling" in on_record.signpost_help.text()


def fill_learning(qtbot: QtBot, editor: SessionEditor) -> None:
    page = editor.learning_page
    editor.go_to(editor.page_index(page))
    assert page.cpd_items_label.text() == "Also tagged as CPD evidence on the Discussion step: Caseload."
    qtbot.keyClicks(page.learning_edit, "Say no sooner.")
    click(qtbot, page.cpd_check)


def fill_actions(qtbot: QtBot, editor: SessionEditor) -> None:
    page = editor.actions_page
    editor.go_to(editor.page_index(page))
    click(qtbot, page.add_button)
    row = page.rows[0]
    qtbot.keyClicks(row.text_edit, "Book the court skills course")
    row.owner_combo.setCurrentIndex(row.owner_combo.findData(ActionOwner.SUPERVISEE.value))
    click(qtbot, row.due_check)
    row.due_edit.setDate(QDate(2026, 12, 10))
    row.source_combo.setCurrentIndex(row.source_combo.findText("Agenda item 2: Court skills"))
    click(qtbot, page.add_button)
    other = page.rows[1]
    qtbot.keyClicks(other.text_edit, "Update the team rota")
    other.owner_combo.setCurrentIndex(other.owner_combo.findData(ActionOwner.OTHER.value))
    assert not other.owner_name_edit.isHidden()
    qtbot.keyClicks(other.owner_name_edit, "Team administrator")


def link_flag_to_action(editor: SessionEditor) -> None:
    editor.go_to(editor.page_index(editor.flags_page))
    flag_row = editor.flags_page.rows[2]
    flag_row.action_combo.setCurrentIndex(1)
    assert flag_row.action_combo.currentText() == "Action 1: Book the court skills course"


def sign_off(qtbot: QtBot, editor: SessionEditor) -> None:
    page = editor.sign_off_page
    editor.go_to(editor.page_index(page))
    qtbot.keyClicks(page.comment_edit, "I do not agree with the caseload cap.")
    click(qtbot, page.confirm_buttons[Signatory.SUPERVISOR])
    assert page.status_labels[Signatory.SUPERVISOR].text().startswith("Agreed record, Tue 24 Nov 2026")
    assert not editor.read_only
    click(qtbot, page.seen_radios[Signatory.SUPERVISEE])
    with qtbot.waitSignal(editor.signedOff, timeout=2000) as signal:
        click(qtbot, page.confirm_buttons[Signatory.SUPERVISEE])
    assert signal.args == [editor.session_id]


def add_and_sign_addendum(qtbot: QtBot, editor: SessionEditor) -> None:
    area = editor.sign_off_page.addenda
    assert not area.group.isHidden()
    qtbot.keyClicks(area.text_edit, "Correction: the cap is 15 cases, not 14.")
    area.author_combo.setCurrentIndex(area.author_combo.findData(Signatory.SUPERVISOR.value))
    click(qtbot, area.add_button)
    assert len(area.rows) == 1
    click(qtbot, area.rows[0].buttons[Signatory.SUPERVISOR])
    click(qtbot, area.rows[0].buttons[Signatory.SUPERVISEE])
    assert "Signed off by both." in area.rows[0].status_label.text()


def test_a_whole_session_through_the_widgets(qtbot: QtBot, make_editor, world: World, answers: Answers,
                                             tmp_path) -> None:
    editor = make_editor()
    assert editor.ctx.session.status is SessionStatus.DRAFT
    fill_setting(qtbot, editor, world)
    fill_agenda(qtbot, editor)
    fill_discussion(qtbot, editor)
    fill_checkin(qtbot, editor)
    fill_flags(qtbot, editor)
    fill_learning(qtbot, editor)
    fill_actions(qtbot, editor)
    link_flag_to_action(editor)
    next_page = editor.next_session_page
    editor.go_to(editor.page_index(next_page))
    suggested = world.service.suggested_next(world.session)
    assert suggested == datetime(2026, 12, 22, 10, 0)
    assert next_page.when_edit.dateTime().toPython() == suggested
    steps = [editor.step_list.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(len(editor.pages))]
    assert steps[:-1] == [f"{page.title} — done" for page in editor.pages[:-1]]
    assert steps[-1] == "Sign-off — not started"

    editor.go_to(editor.page_index(editor.sign_off_page))
    summary = editor.sign_off_page.summary_browser.toPlainText()
    assert ON_RECORD_DETAIL in summary and "Cap the caseload at 15" in summary
    assert PRIVATE_DETAIL not in summary and DISCUSSED_DETAIL not in summary
    assert editor.sign_off_page.blocking_label.isHidden() and editor.sign_off_page.warnings_label.isHidden()

    sign_off(qtbot, editor)
    # No warnings, so nobody was asked to sign off anyway; the second confirmation asked once before locking.
    assert answers.asked == ["Confirm and lock the record?\nEvery step is done.\n\n"
                             "Once you have both confirmed, the record is locked: later changes are dated addenda."]
    assert editor.read_only
    assert editor.banner_label.text() == "Signed off on Tue 24 Nov 2026, 11:32; changes only through an addendum."
    assert editor.setting_page.present_edit.isReadOnly() and editor.agenda_page.add_button.isHidden()
    add_and_sign_addendum(qtbot, editor)

    # The calendar file for the session booked by sign-off.
    answers.ics_path = tmp_path / "next-session"
    editor.go_to(editor.page_index(next_page))
    assert next_page.calendar_button.isEnabled()
    click(qtbot, next_page.calendar_button)
    ics = (tmp_path / "next-session.ics").read_text()
    assert "BEGIN:VEVENT" in ics and "DTSTART:20261222T100000" in ics
    assert "court" not in ics.lower()  # nothing from the record

    store = world.service.store
    session = store.get_session(editor.session_id)
    assert session.status is SessionStatus.SIGNED_OFF
    record = store.load_record(editor.session_id)
    setting = record.setting
    assert setting.present == "Both of us"
    assert setting.private_space_confirmed
    assert setting.started_at == datetime(2026, 11, 24, 10, 2, 30)
    assert setting.ended_at == datetime(2026, 11, 24, 11, 32)
    assert setting.time_protection is TimeProtection.PROTECTED
    assert [(i.title, i.reached, i.source) for i in record.agenda] == [
        ("Caseload", True, AgendaSource.ADDED), ("Court skills", False, AgendaSource.ADDED)]
    caseload = record.agenda[0]
    assert caseload.case_reference == "AB-1042" and caseload.cpd
    assert caseload.notes == "Caseload is 14; agreed to cap it."
    assert [(d.text, d.rationale) for d in caseload.decisions] == [
        ("Cap the caseload at 15", "Protected caseload in the first year")]
    checkin = record.checkin
    assert checkin.visibility is Visibility.ON_RECORD
    assert checkin.opening == "The team has been kind this month."
    assert checkin.hse["demands"].rating == 2 and checkin.hse["demands"].note == "Two vacancies"
    assert checkin.hse["peer_support"].rating == 5
    assert checkin.checklist == {"lunch_break"}
    moving_id, money_id = (row.item.id for row in editor.checkin_page.stressor_rows[:2])
    assert checkin.stressors[moving_id].impact == 4 and checkin.stressors[moving_id].bring_to_supervision
    assert not checkin.stressors[money_id].bring_to_supervision
    assert [(f.visibility, f.detail) for f in record.flags] == [
        (Visibility.PRIVATE, PRIVATE_DETAIL), (Visibility.DISCUSSED, DISCUSSED_DETAIL),
        (Visibility.ON_RECORD, ON_RECORD_DETAIL)]
    on_record = record.flags[2]
    assert on_record.category_id == "violence_aggression" and on_record.signpost_id == "employee_assistance_programme"
    assert on_record.action_id == record.actions[0].id
    first, second = record.actions
    assert (first.text, first.owner, first.due, first.source_id) == (
        "Book the court skills course", ActionOwner.SUPERVISEE, date(2026, 12, 10), record.agenda[1].id)
    assert (second.owner, second.owner_name, second.due) == (ActionOwner.OTHER, "Team administrator", None)
    assert record.learning == "Say no sooner." and record.learning_cpd
    assert record.next_session == datetime(2026, 12, 22, 10, 0)
    assert record.supervisee_comment == "I do not agree with the caseload cap."
    assert [(c.signatory, c.confirmation) for c in record.confirmations] == [
        (Signatory.SUPERVISOR, Confirmation.AGREED), (Signatory.SUPERVISEE, Confirmation.SEEN_NOT_AGREED)]
    [addendum] = record.addenda
    assert addendum.signed_off and addendum.author is Signatory.SUPERVISOR

    text = render_text(note_for_session(store, editor.session_id))
    assert ON_RECORD_DETAIL in text
    assert PRIVATE_DETAIL not in text and DISCUSSED_DETAIL not in text
    assert "Correction: the cap is 15 cases, not 14." in text
    assert "Seen, not agreed" in text


def test_the_next_session_brings_forward_open_actions_and_unreached_items(
        qtbot: QtBot, make_editor, world: World) -> None:
    editor = make_editor()
    fill_agenda(qtbot, editor)
    fill_actions(qtbot, editor)
    sign_off(qtbot, editor)
    booked = editor.booked_next
    assert booked is not None and booked.scheduled_start == datetime(2026, 12, 22, 10, 0)

    world.clock.now = datetime(2026, 12, 22, 10, 0)
    later = make_editor(booked.id)
    assert later.ctx.session.status is SessionStatus.DRAFT
    review = later.review_page
    later.go_to(later.page_index(review))
    assert [row.action_label.text() for row in review.rows] == [
        "1. Book the court skills course", "2. Update the team rota"]
    court = review.rows[0]
    assert not court.overdue_label.isHidden() and court.overdue_label.text() == "Overdue"
    assert "Due 10 Dec 2026" in court.details_label.text() and SUPERVISEE in court.details_label.text()
    assert review.rows[1].overdue_label.isHidden()  # no due date
    assert review.problem_label.text() == "Warning: 2 earlier actions have not been reviewed yet."
    step = later.step_list.item(1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert step == "Previous actions — not started"

    # Dropping needs a reason, asked for beside the row.
    court.outcome_combo.setCurrentIndex(court.outcome_combo.findData(ReviewOutcome.DROPPED.value))
    assert not court.reason_edit.isHidden()
    assert court.problem_label.isHidden()  # not before they have had the chance to give one
    leave(court.outcome_combo)
    assert court.problem_label.text() == "Give a reason for dropping this action."
    qtbot.keyClicks(court.reason_edit, "The course was cancelled")
    assert court.problem_label.isHidden()

    later.go_to(later.page_index(later.agenda_page))
    [carried] = later.agenda_page.rows
    assert carried.title_edit.text() == "Court skills"
    assert carried.source_label.text() == "Carried forward from last time"
