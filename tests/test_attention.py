"""The home page's rules on hand-built histories: what needs attention, in words, and in what order."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import count

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.attention import (
    DRAFT_DAYS,
    Attention,
    Kind,
    Level,
    Reason,
    Row,
    attention,
    due_date,
)
from supervision_app.domain.attention_facts import NoteState, SessionDigest, supervisee_facts
from supervision_app.domain.model import Person, PersonRole, SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    ActionReview,
    Flag,
    FlagLevel,
    PreparedAgenda,
    ReviewOutcome,
)

TODAY = date(2026, 12, 1)  # a Tuesday
NOW = datetime.combine(TODAY, time(9))
MONTHLY = 4
FORTNIGHTLY = 2
_IDS = count(1)


class History:
    """One supervisee's sessions, written as a supervisor would remember them."""

    def __init__(self, name: str, weeks: int | None = MONTHLY, review: date | None = date(2027, 6, 1)) -> None:
        self.person = Person(name, PersonRole.SUPERVISEE, id=next(_IDS))
        self.agreement = None if weeks is None else Agreement(self.person.id, frequency_weeks=weeks,
                                                               review_date=review)
        self.digests: list[SessionDigest] = []
        self.notes: dict[int, NoteState] = {}

    def session(self, day: date, status: SessionStatus = SessionStatus.SIGNED_OFF, *,
                actions: list[Action] | None = None, reviews: list[ActionReview] | None = None,
                flags: list[Flag] | None = None, prepared: PreparedAgenda | None = None) -> int:
        session_id = len(self.digests) + 1
        session = SupervisionSession(self.person.id, datetime.combine(day, time(10)), status=status, id=session_id)
        self.digests.append(SessionDigest(session, actions or [], reviews or [], flags or [], prepared))
        return session_id

    def held(self, days_ago: int, **kwargs: object) -> int:
        return self.session(TODAY - timedelta(days=days_ago), **kwargs)  # type: ignore[arg-type]

    def row(self, today: date = TODAY) -> Row:
        return judge([self], today).rows[0]


def judge(histories: list[History], today: date = TODAY, backup: datetime | None = None) -> Attention:
    facts = [supervisee_facts(h.person, h.digests, h.agreement, h.notes, today) for h in histories]
    return attention(facts, datetime.combine(today, time(9)), backup)


def of_kind(row: Row, kind: Kind) -> list[Reason]:
    return [reason for reason in row.reasons if reason.kind is kind]


def texts(row: Row) -> list[str]:
    return [reason.text for reason in row.reasons]


# --- supervision against the agreed cadence ------------------------------------------------------------


def test_monthly_supervision_41_days_ago_is_overdue_in_words() -> None:
    history = History("Daniel Atić-Lee")
    history.held(41)
    row = history.row()
    assert row.level is Level.OVERDUE and row.last_held == TODAY - timedelta(days=41)
    assert texts(row) == ["Supervision overdue: 41 days since the last session (agreed: monthly); none booked."]


def test_monthly_boundaries_between_booked_due_soon_and_overdue() -> None:
    history = History("Siobhán O'Connell")
    last = date(2026, 11, 3)  # a Tuesday: due four weeks on, Tuesday 1 December
    history.session(last)
    assert due_date(last, MONTHLY) == TODAY
    assert texts(history.row(TODAY)) == ["Supervision due today (agreed: monthly); none booked."]
    assert of_kind(history.row(TODAY), Kind.SUPERVISION)[0].level is Level.DUE_SOON
    assert texts(history.row(TODAY - timedelta(days=7))) == [
        "Supervision due in 7 days, on 1 December (agreed: monthly); none booked."]
    eight_before = history.row(TODAY - timedelta(days=8))
    assert eight_before.level is Level.WAITING
    assert texts(eight_before) == ["No next session booked; due on 1 December (agreed: monthly)."]
    day_after = history.row(TODAY + timedelta(days=1))
    assert day_after.level is Level.OVERDUE and day_after.reasons[0].text.startswith(
        "Supervision overdue: 29 days since the last session")
    # Booked in time: nothing to say; booked after the due date: due soon.
    history.session(TODAY, SessionStatus.SCHEDULED)
    assert history.row(TODAY - timedelta(days=3)).reasons == ()
    late = History("Zoë Whitfield")
    late.session(last)
    late.session(date(2026, 12, 8), SessionStatus.SCHEDULED)
    assert texts(late.row(TODAY - timedelta(days=3))) == [
        "Next session booked for 8 December, after it is due on 1 December (agreed: monthly)."]


def test_fortnightly_supervision_is_due_after_two_weeks() -> None:
    history = History("Zoë Whitfield", weeks=FORTNIGHTLY)
    history.held(14)
    assert texts(history.row()) == ["Supervision due today (agreed: fortnightly); none booked."]
    history.session(TODAY, SessionStatus.SCHEDULED)
    assert history.row().reasons == ()
    overdue = History("Zoë Whitfield", weeks=FORTNIGHTLY)
    overdue.held(15)
    overdue.session(TODAY + timedelta(days=2), SessionStatus.SCHEDULED)
    assert texts(overdue.row()) == [
        "Supervision overdue: 15 days since the last session (agreed: fortnightly); next booked for 3 December."]
    # The same 15 days on a monthly agreement is nothing to worry about.
    monthly = History("Daniel Atić-Lee")
    monthly.held(15)
    monthly.session(TODAY + timedelta(days=13), SessionStatus.SCHEDULED)
    assert monthly.row().reasons == ()


def test_a_due_date_on_a_bank_holiday_moves_to_the_next_working_day() -> None:
    history = History("Daniel Atić-Lee")
    history.session(date(2026, 11, 27))  # four weeks on is Christmas Day
    history.session(date(2026, 12, 29), SessionStatus.SCHEDULED)  # where the app suggested it
    christmas = {date(2026, 12, 25), date(2026, 12, 28)}  # and Boxing Day, observed

    def working(day: date) -> bool:
        return day.weekday() < 5 and day not in christmas

    facts = [supervisee_facts(history.person, history.digests, history.agreement, {}, TODAY)]
    assert attention(facts, NOW, is_working_day=working).rows[0].reasons == ()
    assert texts(attention(facts, NOW).rows[0]) == [  # on weekdays alone it would look late
        "Next session booked for 29 December, after it is due on 25 December (agreed: monthly)."]


def test_a_cancelled_session_is_not_supervision_held() -> None:
    history = History("Siobhán O'Connell")
    history.held(35)
    cancelled = history.held(6, status=SessionStatus.CANCELLED)
    history.session(TODAY + timedelta(days=2), SessionStatus.SCHEDULED)  # rebooked
    row = history.row()
    assert row.last_held == TODAY - timedelta(days=35)
    assert texts(row) == [
        "Supervision overdue: 35 days since the last session (agreed: monthly); next booked for 3 December."]
    assert all(reason.session_id != cancelled for reason in row.reasons)


def test_no_agreement_and_no_sessions() -> None:
    newcomer = History("Amara Okafor", weeks=None)
    row = newcomer.row()
    assert row.level is Level.DUE_SOON
    assert texts(row) == ["No supervision agreement yet.", "No session held or booked yet."]
    newcomer.session(TODAY + timedelta(days=3), SessionStatus.SCHEDULED)
    assert texts(newcomer.row()) == ["No supervision agreement yet."]


# --- records: drafts, countersignatures, prepared agendas ------------------------------------------------


def test_a_draft_left_open_needs_attention_after_seven_days() -> None:
    history = History("Zoë Whitfield")
    draft = history.session(date(2026, 11, 3), SessionStatus.DRAFT)
    history.session(date(2026, 12, 1), SessionStatus.SCHEDULED)
    row = history.row(date(2026, 12, 1))
    assert row.level is Level.OVERDUE
    assert of_kind(row, Kind.DRAFT) == [Reason(Level.OVERDUE, Kind.DRAFT,
                                               "Draft from 3 November not signed off (28 days).", draft, 21)]
    # A draft counts as supervision held.
    assert row.last_held == date(2026, 11, 3) and not of_kind(row, Kind.SUPERVISION)
    # The boundary: six days is still in progress, seven is not signed off.
    six = of_kind(history.row(date(2026, 11, 9)), Kind.DRAFT)
    assert [(r.level, r.text) for r in six] == [(Level.INFO, "Draft from 3 November in progress.")]
    seven = of_kind(history.row(date(2026, 11, 3) + timedelta(days=DRAFT_DAYS)), Kind.DRAFT)
    assert [(r.level, r.text) for r in seven] == [(Level.OVERDUE, "Draft from 3 November not signed off (7 days).")]


def test_a_signed_note_waiting_for_the_supervisees_countersignature() -> None:
    history = History("Siobhán O'Connell")
    waiting = history.session(date(2026, 11, 24))
    history.notes[waiting] = NoteState(1, datetime(2026, 11, 25, 16, 0))
    countersigned = history.session(date(2026, 10, 27))
    history.notes[countersigned] = NoteState(2, datetime(2026, 10, 29, 9, 0))
    history.session(date(2026, 12, 22), SessionStatus.SCHEDULED)
    row = history.row()
    assert row.level is Level.WAITING
    assert row.reasons == (Reason(Level.WAITING, Kind.COUNTERSIGNATURE, "Note of 24 November waiting for the "
                                  "supervisee's countersignature (you signed it 6 days ago).", waiting, 6),)


def test_many_notes_waiting_are_one_reason_naming_the_oldest() -> None:
    """Years of notes never countersigned (the supervisee signs nothing in the app) make one line, not hundreds."""
    history = History("Siobhán O'Connell")
    first = history.session(date(2026, 9, 29))
    history.notes[first] = NoteState(1, datetime(2026, 10, 1, 9, 0))
    history.notes[history.session(date(2026, 10, 27))] = NoteState(1, datetime(2026, 10, 28, 9, 0))
    history.notes[history.session(date(2026, 11, 24))] = NoteState(1, datetime(2026, 11, 25, 16, 0))
    history.session(date(2026, 12, 22), SessionStatus.SCHEDULED)
    assert history.row().reasons == (Reason(Level.WAITING, Kind.COUNTERSIGNATURE, "3 notes waiting for the "
                                            "supervisee's countersignature, the oldest of 29 September (you signed "
                                            "it 61 days ago).", first, 61),)


def test_a_session_never_recorded_and_a_prepared_agenda() -> None:
    history = History("Daniel Atić-Lee")
    history.held(20)
    forgotten = history.held(2, status=SessionStatus.SCHEDULED)
    agenda = PreparedAgenda("Daniel Atić-Lee", "ab" * 32, datetime(2026, 11, 29, 20), datetime(2026, 11, 30, 8),
                            "pack-1")
    following = history.session(TODAY + timedelta(days=7), SessionStatus.SCHEDULED, prepared=agenda)
    row = history.row()
    assert [(r.level, r.kind, r.session_id) for r in row.reasons] == [
        (Level.DUE_SOON, Kind.UNRECORDED, forgotten), (Level.INFO, Kind.AGENDA, following)]
    assert texts(row) == ["Session booked for 29 November was not recorded: open it, or cancel it with a reason.",
                          "Prepared agenda received on 30 November for the next session."]


# --- actions, agreement reviews, urgent flags ----------------------------------------------------------


def test_open_and_overdue_actions_each_persons_and_the_supervisors_own() -> None:
    history = History("Zoë Whitfield")
    late = Action("Book the court skills course", due=date(2026, 11, 20))
    mine = Action("Arrange the second observation", owner=ActionOwner.SUPERVISOR, due=date(2026, 11, 25))
    done = Action("Read the ASYE handbook", due=date(2026, 11, 1))
    later = Action("Ask the EAP about support", due=date(2026, 12, 20))
    history.session(date(2026, 10, 20), actions=[late, mine, done])
    history.session(date(2026, 11, 17), actions=[later],
                    reviews=[ActionReview(late.id, ReviewOutcome.CARRIED_FORWARD),
                             ActionReview(mine.id, ReviewOutcome.IN_PROGRESS),
                             ActionReview(done.id, ReviewOutcome.DONE)])
    history.session(date(2026, 12, 15), SessionStatus.SCHEDULED)
    result = judge([history])
    assert texts(result.rows[0]) == [
        "2 actions overdue (1 of them yours), the oldest due on 20 November; 3 open in all."]
    assert result.rows[0].reasons[0].days == 11
    assert [(r.level, r.text) for r in result.general if r.kind is Kind.ACTIONS] == [
        (Level.OVERDUE, "Your own actions: 1 overdue of 1 open.")]
    calm = History("Daniel Atić-Lee")
    calm.session(date(2026, 11, 17), actions=[Action("Shadow a strategy meeting", due=date(2026, 12, 10))])
    calm.session(date(2026, 12, 15), SessionStatus.SCHEDULED)
    assert [(r.level, r.text) for r in calm.row().reasons] == [(Level.INFO, "1 open action, none overdue.")]


def test_agreement_reviews_due_soon_and_overdue() -> None:
    soon = History("Siobhán O'Connell", review=TODAY + timedelta(days=30))
    soon.held(7)
    soon.session(TODAY + timedelta(days=21), SessionStatus.SCHEDULED)
    assert [(r.level, r.text) for r in soon.row().reasons] == [
        (Level.DUE_SOON, "Agreement review due on 31 December, in 30 days.")]
    later = History("Siobhán O'Connell", review=TODAY + timedelta(days=31))
    later.held(7)
    later.session(TODAY + timedelta(days=21), SessionStatus.SCHEDULED)
    assert later.row().reasons == ()
    passed = History("Siobhán O'Connell", review=date(2026, 11, 1))
    passed.held(7)
    passed.session(TODAY + timedelta(days=21), SessionStatus.SCHEDULED)
    assert [(r.level, r.text) for r in passed.row().reasons] == [
        (Level.OVERDUE, "Agreement review was due on 1 November (30 days ago).")]


def test_an_urgent_flag_with_no_follow_up_action() -> None:
    history = History("Daniel Atić-Lee")
    followed = Flag("violence_aggression", FlagLevel.URGENT)
    action = Action("Risk assessment for lone visits", due=date(2026, 12, 20))
    followed.action_id = action.id
    alone = Flag("secondary_trauma_critical_incident", FlagLevel.URGENT)
    noted = Flag("long_hours", FlagLevel.NOTED)
    old = Flag("personal_stressor", FlagLevel.URGENT)
    history.session(date(2026, 6, 2), flags=[old])  # more than 90 days ago: no longer raised here
    flagged = history.session(date(2026, 11, 17), flags=[followed, alone, noted], actions=[action])
    history.session(date(2026, 12, 15), SessionStatus.SCHEDULED)
    row = history.row()
    assert [(r.level, r.kind, r.text, r.session_id) for r in row.reasons if r.kind is Kind.URGENT_FLAG] == [
        (Level.OVERDUE, Kind.URGENT_FLAG, "Urgent flag from 17 November has no follow-up action.", flagged)]


# --- the order of rows, and the team-wide reasons ---------------------------------------------------------


def test_rows_are_ordered_by_what_needs_attention_then_how_late_then_name() -> None:
    fine = History("Amara Okafor")
    fine.held(7)
    fine.session(TODAY + timedelta(days=21), SessionStatus.SCHEDULED)
    waiting = History("Bea Nolan")
    waiting.held(7)
    waiting.notes[1] = NoteState(1, datetime(2026, 11, 25, 12))
    waiting.session(TODAY + timedelta(days=21), SessionStatus.SCHEDULED)
    slightly_late = History("Zoë Whitfield")
    slightly_late.held(30)
    very_late = History("Daniel Atić-Lee")
    very_late.held(60)
    due_soon = History("Chris Doyle")
    due_soon.held(24)
    zoe_alike = History("Zoe Abbott")  # with Zoë: ties order by name, accents aside
    zoe_alike.held(30)
    result = judge([fine, waiting, slightly_late, very_late, due_soon, zoe_alike])
    assert [(row.name, row.level) for row in result.rows] == [
        ("Daniel Atić-Lee", Level.OVERDUE), ("Zoe Abbott", Level.OVERDUE), ("Zoë Whitfield", Level.OVERDUE),
        ("Chris Doyle", Level.DUE_SOON), ("Bea Nolan", Level.WAITING), ("Amara Okafor", Level.INFO)]
    assert [row.level.label for row in result.rows][-1] == "For information"


def test_the_last_good_backup() -> None:
    def backup_reasons(backup: datetime | None) -> list[tuple[Level, str]]:
        return [(r.level, r.text) for r in judge([], backup=backup).general if r.kind is Kind.BACKUP]

    assert backup_reasons(None) == [(Level.WAITING, "No backup has been made yet.")]
    assert backup_reasons(datetime(2026, 11, 29, 17)) == [(Level.INFO, "Last good backup on 29 November (1 day ago).")]
    assert backup_reasons(datetime(2026, 11, 17, 8)) == [
        (Level.OVERDUE, "Last good backup on 17 November (14 days ago).")]
    assert backup_reasons(datetime(2026, 11, 17, 10)) == [
        (Level.INFO, "Last good backup on 17 November (13 days ago).")]


def test_a_note_signed_today_is_waiting_since_today() -> None:
    history = History("Siobhán O'Connell")
    signed = history.held(1)
    history.notes[signed] = NoteState(1, NOW)
    history.session(TODAY + timedelta(days=20), SessionStatus.SCHEDULED)
    assert texts(history.row()) == [
        "Note of 30 November waiting for the supervisee's countersignature (you signed it today)."]


def test_a_team_of_mixed_histories_in_order_monthly_and_fortnightly() -> None:
    """One screen on a Monday morning: fortnightly and monthly cadences, a cancelled session, a draft left
    open and a note waiting, ranked as the home page shows them."""
    newly_qualified = History("Zoë Whitfield", weeks=FORTNIGHTLY)  # 16 days since
    newly_qualified.held(16)
    newly_qualified.session(TODAY + timedelta(days=1), SessionStatus.SCHEDULED)
    cancelled = History("Daniel Atić-Lee")  # held 27 days ago; the next one cancelled, none rebooked
    cancelled.held(27)
    cancelled.held(-3, status=SessionStatus.CANCELLED)
    drafted = History("Amara Okafor")  # the draft is supervision held, left open for 9 days
    draft = drafted.held(9, status=SessionStatus.DRAFT)
    drafted.session(TODAY + timedelta(days=19), SessionStatus.SCHEDULED)
    waiting = History("Siobhán O'Connell")
    note = waiting.held(10)
    waiting.notes[note] = NoteState(1, datetime(2026, 11, 23, 17))
    waiting.session(TODAY + timedelta(days=18), SessionStatus.SCHEDULED)
    calm = History("Bea Nolan", weeks=FORTNIGHTLY)
    calm.held(3)
    calm.session(TODAY + timedelta(days=10), SessionStatus.SCHEDULED)
    result = judge([calm, waiting, drafted, cancelled, newly_qualified])
    assert [(row.name, row.level, texts(row)) for row in result.rows] == [
        ("Amara Okafor", Level.OVERDUE, ["Draft from 22 November not signed off (9 days)."]),  # 2 days late
        ("Zoë Whitfield", Level.OVERDUE, [  # due on Monday 30 November (a Sunday moved on): 1 day late
            "Supervision overdue: 16 days since the last session (agreed: fortnightly); next booked for 2 December."]),
        ("Daniel Atić-Lee", Level.DUE_SOON, [
            "Supervision due in 1 day, on 2 December (agreed: monthly); none booked."]),
        ("Siobhán O'Connell", Level.WAITING, [
            "Note of 21 November waiting for the supervisee's countersignature (you signed it 8 days ago)."]),
        ("Bea Nolan", Level.INFO, []),
    ]
    assert result.rows[0].reasons[0].session_id == draft
    assert result.rows[3].reasons[0].session_id == note
