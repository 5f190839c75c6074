"""Working days in the UK: not a weekend, not a bank holiday where the team works.

Bank holidays differ between England and Wales, Scotland and Northern Ireland
(St Andrew's Day, the Battle of the Boyne), so each question names the nation.
The dates come from the ``holidays`` package, which includes the one-off days
(a coronation, a jubilee) and the days "observed" when a holiday falls at a weekend.

The organisation's nation is kept in the vault (metadata ``nation``), so every
install of the organisation's records books on the same days.
"""

from __future__ import annotations

import enum
import importlib.util
import logging
import sys
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import holidays

from supervision_app.storage.records import SqlRecordStore


class Nation(enum.Enum):
    """Where the team works; the value is the ``holidays`` subdivision code."""

    ENGLAND_AND_WALES = "ENG"
    SCOTLAND = "SCT"
    NORTHERN_IRELAND = "NIR"

    @property
    def label(self) -> str:
        return {"ENG": "England and Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}[self.value]

    @property
    def command_name(self) -> str:
        """How the command line names it: ``england-and-wales``."""
        return self.label.lower().replace(" ", "-")

    @classmethod
    def from_command_name(cls, name: str) -> Nation:
        for nation in cls:
            if nation.command_name == name.strip().lower():
                return nation
        choices = ", ".join(n.command_name for n in cls)
        raise ValueError(f"Choose the nation whose bank holidays apply: {choices}.")


DEFAULT_NATION = Nation.ENGLAND_AND_WALES

NATION_KEY = "nation"
"""Vault metadata: the ``Nation`` value (its ``holidays`` code) whose bank holidays the organisation keeps."""


def organisation_nation(store: SqlRecordStore) -> Nation:
    """The nation kept in the vault, or England and Wales if none was chosen."""
    stored = store.get_meta(NATION_KEY)
    if not stored:
        return DEFAULT_NATION
    try:
        return Nation(stored)
    except ValueError:
        raise ValueError(f"The vault names an unknown nation for bank holidays ({stored!r}).") from None


def set_organisation_nation(store: SqlRecordStore, nation: Nation) -> None:
    store.set_meta(NATION_KEY, nation.value)


log = logging.getLogger(__name__)
_UNITED_KINGDOM_MODULE = "supervision_app.services._holidays_united_kingdom"


@cache
def _united_kingdom() -> type[holidays.HolidayBase]:
    """The ``holidays`` package's United Kingdom class, read from its own file.

    ``holidays.country_holidays("GB")`` imports ``holidays.countries``, whose ``__init__`` imports every
    country's module (about 250: 10 MiB, once the home page asks for a working day). The file's imports
    are of ``holidays``' shared parts only, and the translations are found from ``holidays`` itself.
    """
    path = Path(holidays.__file__).with_name("countries") / "united_kingdom.py"
    spec = importlib.util.spec_from_file_location(_UNITED_KINGDOM_MODULE, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"The holidays package has no {path.name}.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[_UNITED_KINGDOM_MODULE] = module
    spec.loader.exec_module(module)
    united_kingdom: type[holidays.HolidayBase] = module.UnitedKingdom
    return united_kingdom


@cache
def _bank_holidays(nation: Nation) -> holidays.HolidayBase:
    try:
        return _united_kingdom()(subdiv=nation.value)
    except (ImportError, OSError) as error:  # e.g. a bundle, whose modules are not files: the library's own way
        log.info("Bank holidays through holidays.country_holidays (%s)", type(error).__name__)
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


def working_days_after(day: date, count: int, nation: Nation = DEFAULT_NATION) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
    found = 0
    while found < count:
        day += timedelta(days=1)
        found += is_working_day(day, nation)
    return day


def non_working_reason(day: date, nation: Nation = DEFAULT_NATION) -> str | None:
    """Why ``day`` is not a working day, in words ("at the weekend", "Christmas Day, a bank holiday in …"), or None."""
    holiday = bank_holiday(day, nation)
    if holiday:
        return f"{holiday}, a bank holiday in {nation.label}"
    if day.weekday() >= 5:
        return "at the weekend"
    return None


def on_working_day(moment: datetime, nation: Nation = DEFAULT_NATION) -> datetime:
    """The same time of day, moved on to the next working day if it falls on a weekend or bank holiday."""
    return datetime.combine(next_working_day(moment.date(), nation), moment.timetz())


__all__ = ["DEFAULT_NATION", "NATION_KEY", "Nation", "bank_holiday", "is_working_day", "next_working_day",
           "non_working_reason", "on_working_day", "organisation_nation", "previous_working_day",
           "set_organisation_nation", "working_days_after"]
