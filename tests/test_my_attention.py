"""The supervisee's side: their last supervision received, against the usual cadence, in words."""

from __future__ import annotations

from datetime import date, datetime, time

from supervision_app.domain.attention import Level
from supervision_app.domain.my_attention import my_last_supervision

TODAY = date(2026, 12, 1)  # a Tuesday


def said(last: date | None, booked: date | None = None, today: date = TODAY, **options: object) -> tuple[Level, str]:
    reason = my_last_supervision(last, datetime.combine(booked, time(10)) if booked else None, today,
                                 **options)  # type: ignore[arg-type]
    return reason.level, reason.text


def test_nothing_received_yet() -> None:
    assert said(None) == (Level.INFO, "No record of a supervision session has come from your supervisor yet.")
    assert said(None, date(2026, 12, 8)) == (
        Level.INFO, "No record of a supervision session has come from your supervisor yet. The next is booked "
        "for 8 December.")


def test_monthly_in_time_due_soon_and_overdue() -> None:
    assert said(date(2026, 11, 10), date(2026, 12, 8)) == (
        Level.INFO, "Your last supervision was on 10 November, 21 days ago. Supervision is usually monthly, and the "
        "next is booked in time, for 8 December.")
    assert said(date(2026, 11, 10)) == (
        Level.DUE_SOON, "Your last supervision was on 10 November, 21 days ago. Supervision is usually monthly, "
        "so the next is due by 8 December. None is booked yet.")
    assert said(date(2026, 11, 10), date(2026, 12, 15)) == (
        Level.DUE_SOON, "Your last supervision was on 10 November, 21 days ago. Supervision is usually monthly, "
        "so the next is due by 8 December, before the one booked. The next is booked for 15 December.")
    assert said(date(2026, 10, 20)) == (
        Level.OVERDUE, "Your last supervision was on 20 October, 42 days ago. Supervision is usually monthly, "
        "so the next was due on 17 November: 14 days overdue. None is booked: ask your supervisor.")
    assert said(date(2026, 11, 24)) == (
        Level.INFO, "Your last supervision was on 24 November, 7 days ago. Supervision is usually monthly, "
        "so the next is due by 22 December.")


def test_fortnightly_while_newly_qualified() -> None:
    assert said(date(2026, 11, 13), newly_qualified=True) == (
        Level.OVERDUE, "Your last supervision was on 13 November, 18 days ago. Supervision is usually fortnightly "
        "while you are newly qualified, so the next was due on 27 November: 4 days overdue. None is booked: ask "
        "your supervisor.")
    assert said(date(2026, 11, 13))[0] is Level.INFO  # the same 18 days, monthly: nothing to worry about


def test_a_due_date_on_a_bank_holiday_moves_on() -> None:
    christmas = {date(2026, 12, 25), date(2026, 12, 28)}

    def working(day: date) -> bool:
        return day.weekday() < 5 and day not in christmas

    assert said(date(2026, 11, 27), today=date(2026, 12, 28), is_working_day=working) == (
        Level.DUE_SOON, "Your last supervision was on 27 November, 31 days ago. Supervision is usually monthly, "
        "so the next is due by 29 December. None is booked yet.")
    assert said(date(2026, 12, 1), today=date(2026, 12, 1))[1].startswith(
        "Your last supervision was on 1 December, today.")
