"""The domain rules, without Qt or a database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.model import SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    ActionReview,
    AgendaItem,
    AgendaSource,
    Confirmation,
    Flag,
    FlagLevel,
    ReviewOutcome,
    SessionRecord,
    Signatory,
    StressorRating,
    Visibility,
)
from supervision_app.domain.rules import (
    HeldSession,
    SessionLocked,
    add_addendum,
    bring_forward,
    carried_agenda,
    check_record,
    confirm,
    confirm_addendum,
    next_session_default,
    open_action_counts,
    open_actions,
    possible_full_names,
    times_problem,
)
from supervision_app.domain.visibility import on_the_record


def session(session_id: int, month: int, status: SessionStatus = SessionStatus.SIGNED_OFF) -> SupervisionSession:
    return SupervisionSession(supervisee_id=1, scheduled_start=datetime(2026, month, 5, 10), status=status,
                              id=session_id)


def held(session_id: int, month: int, record: SessionRecord,
         status: SessionStatus = SessionStatus.SIGNED_OFF) -> HeldSession:
    return HeldSession(session(session_id, month, status), record)


# --- carry-forward ------------------------------------------------------------


def test_actions_carry_forward_until_done_or_dropped() -> None:
    write_plan = Action("Write the transfer plan", due=date(2026, 2, 1))
    book_course = Action("Book the court skills course")
    ask_hr = Action("Ask HR about flexible hours", owner=ActionOwner.SUPERVISOR)
    january = SessionRecord(actions=[write_plan, book_course, ask_hr])
    february = SessionRecord(reviews=[
        ActionReview(write_plan.id, ReviewOutcome.DONE),
        ActionReview(book_course.id, ReviewOutcome.CARRIED_FORWARD),
        ActionReview(ask_hr.id, ReviewOutcome.DROPPED, "HR policy changed"),
    ])
    march = SessionRecord(reviews=[ActionReview(book_course.id, ReviewOutcome.IN_PROGRESS)])
    history = [held(1, 1, january), held(2, 2, february), held(3, 3, march)]

    assert {o.action.id for o in open_actions(history, before=history[1].session)} == {
        write_plan.id, book_course.id, ask_hr.id}
    assert [o.action.id for o in open_actions(history, before=history[2].session)] == [book_course.id]
    (still_open,) = open_actions(history)
    assert still_open.action.id == book_course.id
    assert still_open.latest_outcome is ReviewOutcome.IN_PROGRESS
    assert still_open.from_session.id == 1


def test_open_action_counts_are_open_actions_up_to_each_session_from_one_pass() -> None:
    plan, course = Action("Write the transfer plan"), Action("Book the court skills course")
    history = [
        held(1, 1, SessionRecord(actions=[plan, course])),
        held(2, 2, SessionRecord(reviews=[ActionReview(plan.id, ReviewOutcome.DONE)], actions=[Action("ghost")]),
             SessionStatus.CANCELLED),
        held(3, 3, SessionRecord(reviews=[ActionReview(plan.id, ReviewOutcome.DONE)])),
        held(4, 4, SessionRecord(actions=[Action("Read the guidance")])),
        held(5, 5, SessionRecord(reviews=[ActionReview(course.id, ReviewOutcome.DROPPED, "No places")])),
    ]
    expected = {h.session.id: len(open_actions(history, up_to=h.session)) for h in history if h.held}
    assert open_action_counts(reversed(history)) == expected == {1: 2, 3: 1, 4: 2, 5: 1}


def test_an_unreviewed_action_stays_open() -> None:
    action = Action("Read the new threshold guidance")
    history = [held(1, 1, SessionRecord(actions=[action])),
               held(2, 2, SessionRecord(reviews=[ActionReview(action.id)]))]
    assert [o.action.id for o in open_actions(history)] == [action.id]


def test_cancelled_sessions_neither_create_nor_close_actions() -> None:
    action = Action("Shadow a colleague at court")
    cancelled = held(2, 2, SessionRecord(reviews=[ActionReview(action.id, ReviewOutcome.DONE)],
                                         actions=[Action("ghost")]), SessionStatus.CANCELLED)
    history = [held(1, 1, SessionRecord(actions=[action])), cancelled]
    assert [o.action.id for o in open_actions(history)] == [action.id]


def test_overdue() -> None:
    action = Action("x", due=date(2026, 3, 1))
    (open_action,) = open_actions([held(1, 1, SessionRecord(actions=[action]))])
    assert open_action.overdue(date(2026, 3, 2))
    assert not open_action.overdue(date(2026, 3, 1))


def test_unreached_agenda_items_carry_to_the_next_held_session_only() -> None:
    reached = AgendaItem("Caseload", reached=True)
    not_reached = AgendaItem("Return to office plan", wanted_outcome="A date agreed", case_reference="J.B.")
    history = [held(1, 1, SessionRecord(agenda=[reached, not_reached])),
               held(2, 2, SessionRecord(), SessionStatus.CANCELLED)]
    third = session(3, 3, SessionStatus.SCHEDULED)
    (carried,) = carried_agenda(history, third)
    assert carried.title == "Return to office plan"
    assert carried.wanted_outcome == "A date agreed"
    assert carried.source is AgendaSource.CARRIED
    assert carried.carried_from == not_reached.id
    assert not carried.reached


def test_bring_forward_is_idempotent() -> None:
    action = Action("Complete the ASYE portfolio section")
    item = AgendaItem("Team dynamics")
    history = [held(1, 1, SessionRecord(actions=[action], agenda=[item]))]
    upcoming = session(2, 2, SessionStatus.SCHEDULED)
    record = SessionRecord(agenda=[AgendaItem("New item", source=AgendaSource.PREPARED)])
    assert bring_forward(record, history, upcoming)
    assert not bring_forward(record, history, upcoming)
    assert [r.action_id for r in record.reviews] == [action.id]
    assert [i.title for i in record.agenda] == ["Team dynamics", "New item"]


# --- checks -------------------------------------------------------------------


def test_checks_are_plain_and_say_what_blocks() -> None:
    record = SessionRecord(actions=[Action("   "), Action("Ring OH", due=date(2026, 1, 1)),
                                    Action("Cover duty", owner=ActionOwner.OTHER)],
                           reviews=[ActionReview("a"), ActionReview("b", ReviewOutcome.DROPPED)])
    record.setting.started_at = datetime(2026, 2, 5, 11)
    record.setting.ended_at = datetime(2026, 2, 5, 10)
    problems = check_record(record, date(2026, 2, 5))
    messages = {(p.message, p.blocks_sign_off) for p in problems}
    assert ("The end time is before the start time.", True) in messages
    assert ("Say what the action is, or remove it.", True) in messages
    assert ("The due date is in the past.", False) in messages
    assert ("Name the person who owns this action.", True) in messages
    assert ("1 earlier action has not been reviewed yet.", False) in messages
    assert ("Give a reason for dropping this action.", True) in messages
    assert check_record(SessionRecord(), date(2026, 2, 5)) == []


def test_a_session_longer_than_four_hours_is_asked_about() -> None:
    start = datetime(2026, 11, 24, 10)
    assert times_problem(start, start + timedelta(hours=4)) is None
    assert times_problem(start, None) is None
    long = times_problem(start, datetime(2026, 12, 1, 8))
    assert long is not None and not long.blocks_sign_off and long.where == "setting.ended_at"
    assert long.message == "The session lasted more than 4 hours: check the start and end times."
    before = times_problem(start, start - timedelta(minutes=1))
    assert before is not None and before.blocks_sign_off
    record = SessionRecord()
    record.setting.started_at, record.setting.ended_at = start, datetime(2026, 12, 1, 8)
    assert check_record(record, date(2026, 12, 1)) == [long]


# --- sign-off and addenda ---------------------------------------------------------


def test_sign_off_needs_both_and_then_locks() -> None:
    record = SessionRecord()
    confirm(record, Signatory.SUPERVISOR, Confirmation.AGREED, datetime(2026, 2, 5, 11, 30))
    assert not record.signed_off
    confirm(record, Signatory.SUPERVISEE, Confirmation.SEEN_NOT_AGREED, datetime(2026, 2, 5, 11, 31))
    assert record.signed_off
    assert record.confirmation_of(Signatory.SUPERVISEE).confirmation is Confirmation.SEEN_NOT_AGREED
    with pytest.raises(SessionLocked):
        confirm(record, Signatory.SUPERVISEE, Confirmation.AGREED, datetime(2026, 2, 6))


def test_addenda_only_after_sign_off_and_signed_in_turn() -> None:
    record = SessionRecord()
    with pytest.raises(ValueError):
        add_addendum(record, "Correction", Signatory.SUPERVISOR, datetime(2026, 2, 6))
    for who in Signatory:
        confirm(record, who, Confirmation.AGREED, datetime(2026, 2, 5, 12))
    addendum = add_addendum(record, "The OH referral was made on 6 Feb.", Signatory.SUPERVISOR,
                            datetime(2026, 2, 7, 9))
    assert not addendum.signed_off
    confirm_addendum(addendum, Signatory.SUPERVISOR, Confirmation.AGREED, datetime(2026, 2, 7, 9))
    confirm_addendum(addendum, Signatory.SUPERVISEE, Confirmation.AGREED, datetime(2026, 2, 8, 9))
    assert addendum.signed_off
    with pytest.raises(SessionLocked):
        confirm_addendum(addendum, Signatory.SUPERVISEE, Confirmation.AGREED, datetime(2026, 2, 9))


def test_next_session_follows_the_agreed_cadence() -> None:
    first = session(1, 1)
    assert next_session_default(first, None) == datetime(2026, 2, 2, 10)
    fortnightly = Agreement.default_for(1, newly_qualified=True, today=date(2026, 1, 1))
    assert fortnightly.cadence_label == "fortnightly"
    assert next_session_default(first, fortnightly) == datetime(2026, 1, 19, 10)


# --- names ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("Visited Jordan Blake at home with mum.", ["Jordan Blake"]),
    ("J.B. was seen at school on Monday.", []),
    ("Discussed with the Child Protection Conference chair.", []),
    ("Siobhán O'Connell covered duty; Kerry-Ann Mensah-Boateng was upset.", ["Kerry-Ann Mensah-Boateng"]),
    ("case ref 12345 and JB", []),
    ("Visited J.B. today", []),
    ("Met Ian McDonald there", ["Ian McDonald"]),
    ("Spoke to Nguyễn Văn An and Łukasz Nowak", ["Nguyễn Văn", "Łukasz Nowak"]),  # "An" reads as the article
    ("Saw Mehmet Yılmaz today", ["Mehmet Yılmaz"]),
    ("Referred to CAMHS Duty today", []),
])
def test_full_name_warning(text: str, found: list[str]) -> None:
    assert possible_full_names(text, allowed=["Siobhán O'Connell"]) == found


# --- visibility ---------------------------------------------------------------------------


def test_visibility_private_never_discussed_as_fact_on_record_in_full() -> None:
    private = Flag("health_affecting_work", FlagLevel.URGENT, Visibility.PRIVATE, detail="PRIVATE-DETAIL")
    discussed = Flag("moral_distress", FlagLevel.NOTED, Visibility.DISCUSSED, detail="DISCUSSED-DETAIL")
    on_record = Flag("workload_caseload", FlagLevel.SUPPORT_AGREED, Visibility.ON_RECORD, detail="Caseload 24")
    follow_up = Action("Refer to OH", source_id=private.id)
    record = SessionRecord(flags=[private, discussed, on_record], actions=[follow_up])
    record.checkin.visibility = Visibility.ON_RECORD
    record.checkin.notes = "Sleeping better"
    record.checkin.stressors = {"bereavement": StressorRating(4, False), "housing": StressorRating(3, True)}
    view = on_the_record(record)
    assert [f.detail for f in view.record.flags] == ["Caseload 24"]
    assert [d.category_id for d in view.discussed_flags] == ["moral_distress"]
    assert view.record.actions[0].text == "Refer to OH"
    assert view.record.actions[0].source_id is None
    assert list(view.record.checkin.stressors) == ["housing"]
    assert record.flags[0].detail == "PRIVATE-DETAIL"  # the original is untouched
    record.checkin.visibility = Visibility.DISCUSSED
    view = on_the_record(record)
    assert view.checkin_discussed_only and view.record.checkin.notes == ""
