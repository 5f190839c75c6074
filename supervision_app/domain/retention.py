"""How long a supervisee's records are kept after supervision ends, and who is past that.

Pure rules on dates. The organisation's rule is data (``resources/retention.toml``,
read by :mod:`supervision_app.services.retention` and checked here by
:func:`rule_from_data`); each supervisee's end date and any recorded reason to
keep their records longer come from the vault.

The retention period ends on the anniversary of the end date ``years`` later
(28 February when supervision ended on 29 February and that year has none), and
the records are past retention from the day after. Ended on 29 February 2024
with a six-year rule: kept to 28 February 2030, past retention from 1 March 2030.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from supervision_app.domain.model import Person, PersonRole

MIN_YEARS = 1
MAX_YEARS = 100
MAX_REASON_LENGTH = 500
RULE_KEYS = frozenset({"years_after_supervision_ends", "basis"})


class RuleProblem(ValueError):
    """The rule's data is not usable; ``str(error)`` says what is wrong, in words for the organisation."""


@dataclass(frozen=True)
class RetentionRule:
    years: int
    basis: str = ""  # where the rule comes from, shown beside the review list


@dataclass(frozen=True)
class KeepReason:
    """Why one person's records are kept past retention (a legal hold, say), and when that was recorded."""

    reason: str
    recorded_on: date


@dataclass(frozen=True)
class PersonRetention:
    """What the vault holds about one person's retention: when supervision ended, and any reason to keep."""

    end_date: date | None = None
    keep: KeepReason | None = None


@dataclass(frozen=True)
class ReviewEntry:
    """One person whose records are past retention: the person erases them or records why they are kept."""

    person: Person
    ended: date
    past_since: date
    keep: KeepReason | None


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a year without one)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def kept_until(ended: date, rule: RetentionRule) -> date:
    """The last day the records are kept under the rule."""
    return years_after(ended, rule.years)


def past_retention_since(ended: date, rule: RetentionRule) -> date:
    """The first day the records are past retention."""
    return kept_until(ended, rule) + timedelta(days=1)


def is_past_retention(ended: date, rule: RetentionRule, today: date) -> bool:
    return today >= past_retention_since(ended, rule)


def review_list(people: Iterable[Person], retention: Mapping[int, PersonRetention], rule: RetentionRule,
                today: date) -> list[ReviewEntry]:
    """Supervisees whose records are past retention on ``today``, longest past first.

    The user's own profile and anyone without an end date are never listed. A
    person with a recorded reason to keep stays on the list, with that reason.
    """
    entries = []
    for person in people:
        facts = retention.get(person.id, PersonRetention())
        ended = facts.end_date
        if (person.role is PersonRole.SUPERVISEE and not person.is_self and ended is not None
                and is_past_retention(ended, rule, today)):
            entries.append(ReviewEntry(person, ended, past_retention_since(ended, rule), facts.keep))
    return sorted(entries, key=lambda entry: (entry.past_since, entry.person.name, entry.person.id))


def check_keep_reason(reason: str) -> str | None:
    """The sentence saying what is wrong with a reason to keep records longer, or ``None``."""
    if not reason.strip():
        return "Say why the records are kept longer (for example, a legal hold)."
    if len(reason.strip()) > MAX_REASON_LENGTH:
        return f"Shorten the reason to {MAX_REASON_LENGTH} characters or fewer."
    return None


def rule_from_data(data: Mapping[str, Any]) -> RetentionRule:
    """The rule in a parsed ``retention.toml``; :class:`RuleProblem` naming the key at fault otherwise."""
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        raise RuleProblem(f"it has a key the app does not know ({unknown[0]})")
    years = data.get("years_after_supervision_ends")
    if years is None:
        raise RuleProblem("it does not say years_after_supervision_ends")
    if isinstance(years, bool) or not isinstance(years, int) or not MIN_YEARS <= years <= MAX_YEARS:
        raise RuleProblem(f"years_after_supervision_ends must be a whole number from {MIN_YEARS} to {MAX_YEARS}")
    basis = data.get("basis", "")
    if not isinstance(basis, str):
        raise RuleProblem("basis must be text in quotes")
    return RetentionRule(years, " ".join(basis.split()))
