"""Working days in the UK: not a weekend, not a bank holiday where the team works.

Bank holidays differ between England and Wales, Scotland and Northern Ireland
(St Andrew's Day, the Battle of the Boyne), so each question names the nation.
The dates come from the ``holidays`` package, which includes the one-off days
(a coronation, a jubilee) and the days "observed" when a holiday falls at a weekend.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from functools import cache

import holidays


class Nation(enum.Enum):
    """Where the team works; the value is the ``holidays`` subdivision code."""

    ENGLAND_AND_WALES = "ENG"
    SCOTLAND = "SCT"
    NORTHERN_IRELAND = "NIR"


DEFAULT_NATION = Nation.ENGLAND_AND_WALES


@cache
def _bank_holidays(nation: Nation) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=nation.value)


def bank_holiday(day: date, nation: Nation = DEFAULT_NATION) -> str | None:
    """The bank holiday's name, or None if ``day`` is not one."""
    name = _bank_holidays(nation).get(day)
    return str(name) if name else None


def is_working_day(day: date, nation: Nation = DEFAULT_NATION) -> bool:
    return day.weekday() < 5 and bank_holiday(day, nation) is None


def next_working_day(day: date, nation: Nation = DEFAULT_NATION) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, nation):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date, nation: Nation = DEFAULT_NATION) -> date:
    """``day`` itself if it is a working day, else the last working day before it."""
    while not is_working_day(day, nation):
        day -= timedelta(days=1)
    return day


def on_working_day(moment: datetime, nation: Nation = DEFAULT_NATION) -> datetime:
    """The same time of day, moved on to the next working day if it falls on a weekend or bank holiday."""
    return datetime.combine(next_working_day(moment.date(), nation), moment.timetz())


__all__ = ["DEFAULT_NATION", "Nation", "bank_holiday", "is_working_day", "next_working_day", "on_working_day",
           "previous_working_day"]
