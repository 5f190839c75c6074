"""Access requests: a person asks for a copy of everything held about them (UK GDPR, Article 15).

The reply is due one calendar month after the request is received: the
corresponding date in the next month or, where that month has no such date,
its last day (31 January gives 28 February, or 29 in a leap year). When that
day is not a working day, the reply is due on the next working day (ICO
guidance on the time limit for a subject access request).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta


def one_month_after(received: date) -> date:
    """The corresponding date in the next calendar month, or that month's last day if it has none."""
    year, month = (received.year + 1, 1) if received.month == 12 else (received.year, received.month + 1)
    return date(year, month, min(received.day, calendar.monthrange(year, month)[1]))


def reply_by(received: date, is_working_day: Callable[[date], bool] | None = None) -> date:
    """The day a reply is due: one month on, moved to the next working day if it falls on a day off."""
    due = one_month_after(received)
    while is_working_day is not None and not is_working_day(due):
        due += timedelta(days=1)
    return due


@dataclass(frozen=True)
class AccessRequest:
    """One request, as the vault keeps it: when it was received and, once answered, when it was exported."""

    id: int
    person_id: int
    received: date
    exported_at: datetime | None = None


def request_problem(received: date, today: date) -> str | None:
    """Why ``received`` cannot be the date a request came in, or ``None``."""
    if received > today:
        return "A request cannot have been received after today."
    return None


def days_left_text(due: date, today: date) -> str:
    """``12 days left``, ``due today`` or ``3 days overdue``."""
    left = (due - today).days
    if left == 0:
        return "due today"
    if left > 0:
        return f"{left} day{'' if left == 1 else 's'} left"
    return f"{-left} day{'' if left == -1 else 's'} overdue"
