"""Dates, times and lengths in plain British English, the same on every computer.

``strftime`` follows the system locale (and pads the day with a zero), so a
computer set to another language would show other month names. These build
the text from fixed lists instead.
"""

from __future__ import annotations

from datetime import date, datetime, time

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_date(day: date) -> str:
    """``3 Nov 2026``: no leading zero on the day."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_long_date(day: date) -> str:
    """``3 November 2026``, for printed documents."""
    return f"{day.day} {MONTHS_LONG[day.month - 1]} {day.year}"


def format_long_day(day: date) -> str:
    """``Tuesday 3 November 2026``, for printed documents."""
    return f"{WEEKDAYS_LONG[day.weekday()]} {format_long_date(day)}"


def format_time(moment: time | datetime) -> str:
    """``10:00``: the 24-hour clock, as UK public services write it."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_datetime(moment: datetime) -> str:
    """``Tue 3 Nov 2026, 10:00``."""
    return f"{WEEKDAYS[moment.weekday()]} {format_date(moment)}, {format_time(moment)}"


def format_long_datetime(moment: datetime) -> str:
    """``Tuesday 3 November 2026, 10:00``, for printed documents."""
    return f"{format_long_day(moment)}, {format_time(moment)}"


def format_minutes(minutes: int) -> str:
    """``90 min``."""
    return f"{minutes} min"
