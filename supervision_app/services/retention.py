"""The retention rule and review: when supervision ended, who is past retention, and reasons to keep.

The organisation's rule is the data file ``resources/retention.toml`` (see the
comments in it for where the default of six years comes from); the arithmetic
is :mod:`supervision_app.domain.retention`. No Qt here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from supervision_app.domain.audit import AuditAction, supervisee_subject
from supervision_app.domain.model import Person, PersonRole
from supervision_app.domain.retention import (
    KeepReason,
    PersonRetention,
    RetentionRule,
    ReviewEntry,
    RuleProblem,
    check_keep_reason,
    kept_until,
    review_list,
    rule_from_data,
)
from supervision_app.errors import RetentionRuleBroken
from supervision_app.paths import resources_dir
from supervision_app.services.people import FieldProblem, InvalidEntry, one_year_after
from supervision_app.storage import audit
from supervision_app.storage import retention as stored
from supervision_app.storage.records import SqlRecordStore

RULE_FILE = "retention.toml"


def rule_path() -> Path:
    return resources_dir() / RULE_FILE


def load_retention_rule(path: Path | None = None) -> RetentionRule:
    """The organisation's rule; :class:`RetentionRuleBroken` (one sentence naming the file) if it cannot be used."""
    path = path or rule_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RetentionRuleBroken(f"The organisation's retention rule is missing ({path}); "
                                  "put the file back or reinstall the app.") from None
    except (OSError, UnicodeDecodeError):
        raise RetentionRuleBroken(f"The organisation's retention rule ({path}) could not be read.") from None
    except tomllib.TOMLDecodeError:
        raise RetentionRuleBroken(f"The organisation's retention rule ({path}) is not written correctly; "
                                  "check it against the comments at its top.") from None
    try:
        return rule_from_data(data)
    except RuleProblem as problem:
        raise RetentionRuleBroken(f"The organisation's retention rule ({path}) cannot be used: {problem}.") from None


def check_end_date(start_date: date | None, end_date: date | None, today: date) -> list[FieldProblem]:
    """Problems with the day supervision ended, given the day it started."""
    if end_date is None:
        return []
    if start_date is not None and end_date < start_date:
        return [FieldProblem("end_date", "Supervision cannot end before it started.")]
    if end_date > one_year_after(today):
        return [FieldProblem("end_date", "The end date can be no more than a year from today.")]
    return []


def set_end_date(store: SqlRecordStore, person: Person, end_date: date | None, today: date) -> None:
    """Record when supervision with ``person`` ended (``None``: it has not); :class:`InvalidEntry` if impossible."""
    _require_supervisee(person)
    problems = check_end_date(person.start_date, end_date, today)
    if problems:
        raise InvalidEntry(problems[0])
    stored.set_end_date(store, person.id, end_date)


def end_date_of(store: SqlRecordStore, person: Person) -> date | None:
    return stored.retention_of(store, person.id).end_date


class RetentionService:
    def __init__(self, store: SqlRecordStore, rule: RetentionRule,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self.rule = rule
        self._clock = clock

    def today(self) -> date:
        return self._clock().date()

    def review(self) -> list[ReviewEntry]:
        """Who is past retention today, since when, and any recorded reason to keep."""
        return review_list(self.store.list_people(), stored.all_retention(self.store), self.rule, self.today())

    def of(self, person: Person) -> PersonRetention:
        return stored.retention_of(self.store, person.id)

    def kept_until(self, person: Person) -> date | None:
        """The last day ``person``'s records are kept under the rule, once supervision has ended."""
        ended = self.of(person).end_date
        return kept_until(ended, self.rule) if ended is not None else None

    def set_end_date(self, person: Person, end_date: date | None) -> None:
        """Record when supervision with ``person`` ended (``None``: it has not)."""
        set_end_date(self.store, person, end_date, self.today())

    def keep_longer(self, person: Person, reason: str) -> KeepReason:
        """Record why ``person``'s records are kept past retention. The log notes that a reason was recorded."""
        _require_supervisee(person)
        problem = check_keep_reason(reason)
        if problem:
            raise InvalidEntry(FieldProblem("keep_reason", problem))
        keep = KeepReason(" ".join(reason.split()), self.today())
        with self.store.transaction():
            stored.set_keep_reason(self.store, person.id, keep)
            audit.record(self.store, AuditAction.KEPT_PAST_RETENTION, subject=supervisee_subject(person.id))
        return keep

    def stop_keeping(self, person: Person) -> None:
        stored.set_keep_reason(self.store, person.id, None)


def _require_supervisee(person: Person) -> None:
    if person.role is not PersonRole.SUPERVISEE or person.is_self:
        raise InvalidEntry(FieldProblem("", "Retention applies to the records of people you supervise."))
