"""The one-month deadline of an access request (UK GDPR Art. 12(3), ICO guidance on the time limit)."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.domain.access import days_left_text, one_month_after, reply_by, request_problem
from supervision_app.services.working_days import is_working_day


@pytest.mark.parametrize(("received", "due"), [
    (date(2027, 9, 3), date(2027, 10, 3)),  # the ICO's own example: 3 September gives 3 October
    (date(2027, 1, 31), date(2027, 2, 28)),  # no 31 February: the last day of February
    (date(2028, 1, 31), date(2028, 2, 29)),  # in a leap year, 29 February
    (date(2028, 1, 29), date(2028, 2, 29)),
    (date(2027, 1, 29), date(2027, 2, 28)),
    (date(2028, 2, 29), date(2028, 3, 29)),
    (date(2027, 3, 31), date(2027, 4, 30)),
    (date(2027, 8, 31), date(2027, 9, 30)),
    (date(2027, 12, 31), date(2028, 1, 31)),  # across the year
    (date(2027, 12, 15), date(2028, 1, 15)),
    (date(2100, 1, 31), date(2100, 2, 28)),  # 2100 is not a leap year
])
def test_one_calendar_month_is_the_corresponding_day_or_the_last_day(received: date, due: date) -> None:
    assert one_month_after(received) == due


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day() -> None:
    # 26 November 2027 is a Friday: due on Sunday 26 December, Boxing Day, whose bank holiday is
    # Tuesday 28 December (Christmas Day moves to Monday 27th): so Wednesday 29 December.
    assert one_month_after(date(2027, 11, 26)) == date(2027, 12, 26)
    assert reply_by(date(2027, 11, 26), is_working_day) == date(2027, 12, 29)
    # 3 January 2027 gives Wednesday 3 February, a working day: unchanged.
    assert reply_by(date(2027, 1, 3), is_working_day) == date(2027, 2, 3)
    # A Saturday deadline moves to Monday.
    assert reply_by(date(2027, 1, 6), is_working_day) == date(2027, 2, 8)
    assert reply_by(date(2027, 1, 6)) == date(2027, 2, 6)  # with no calendar of working days


def test_the_received_date_cannot_be_in_the_future_and_the_time_left_reads_plainly() -> None:
    today = date(2027, 1, 10)
    assert request_problem(today, today) is None
    assert request_problem(date(2026, 12, 1), today) is None
    assert request_problem(date(2027, 1, 11), today) == "A request cannot have been received after today."
    assert days_left_text(date(2027, 1, 11), today) == "1 day left"
    assert days_left_text(date(2027, 1, 22), today) == "12 days left"
    assert days_left_text(today, today) == "due today"
    assert days_left_text(date(2027, 1, 7), today) == "3 days overdue"
