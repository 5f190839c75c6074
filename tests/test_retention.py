"""The retention rule: read from resources/retention.toml, and who is past it, to the day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from supervision_app.clock import SettableClock
from supervision_app.domain.audit import AuditAction
from supervision_app.domain.model import NewPerson, Person, PersonRole
from supervision_app.domain.retention import (
    KeepReason,
    PersonRetention,
    RetentionRule,
    past_retention_since,
    review_list,
)
from supervision_app.errors import RetentionRuleBroken
from supervision_app.services.people import InvalidEntry, add_supervisee, save_profile
from supervision_app.services.retention import RetentionService, load_retention_rule, rule_path
from supervision_app.storage import audit

SIX = RetentionRule(6)


def supervisee(person_id: int, name: str = "Zoë Whitfield") -> Person:
    return Person(name, PersonRole.SUPERVISEE, id=person_id)


@pytest.mark.parametrize(("ended", "today", "past"), [
    (date(2020, 3, 31), date(2026, 3, 30), False),  # the day before six years
    (date(2020, 3, 31), date(2026, 3, 31), False),  # six years to the day: still kept
    (date(2020, 3, 31), date(2026, 4, 1), True),  # the day after
    (date(2024, 2, 29), date(2030, 2, 28), False),  # a leap day: kept to 28 February
    (date(2024, 2, 29), date(2030, 3, 1), True),
    (date(2022, 2, 28), date(2028, 2, 28), False),  # ending on 28 February, into a leap year
    (date(2022, 2, 28), date(2028, 2, 29), True),
    (date(2023, 3, 1), date(2029, 3, 1), False),
    (date(2023, 3, 1), date(2029, 3, 2), True),
])
def test_past_retention_from_the_day_after_the_anniversary(ended: date, today: date, past: bool) -> None:
    listed = review_list([supervisee(1)], {1: PersonRetention(ended)}, SIX, today)
    assert bool(listed) is past
    if past:
        assert listed[0].past_since == past_retention_since(ended, SIX) <= today


def test_the_review_list_leaves_out_the_owner_the_current_and_supervisors() -> None:
    long_ago = PersonRetention(date(2010, 1, 1))
    people = [Person("Me", PersonRole.SUPERVISOR, is_self=True, id=1), supervisee(2, "Still supervised"),
              Person("My supervisor", PersonRole.SUPERVISOR, id=3), supervisee(4, "Ben Carter"),
              supervisee(5, "Amy Ode")]
    kept = KeepReason("Legal hold: tribunal claim", date(2026, 1, 5))
    facts = {1: long_ago, 3: long_ago, 4: PersonRetention(date(2012, 6, 1), kept), 5: long_ago}
    listed = review_list(people, facts, SIX, date(2026, 11, 24))
    assert [(e.person.id, e.past_since, e.keep) for e in listed] == [
        (5, date(2016, 1, 2), None), (4, date(2018, 6, 2), kept)]


def test_the_shipped_rule_is_six_years_with_its_basis() -> None:
    rule = load_retention_rule()
    assert rule.years == 6 and "Limitation Act 1980" in rule.basis
    assert "CIPD" in rule_path().read_text(encoding="utf-8")


def test_an_edited_rule_is_read(tmp_path: Path) -> None:
    path = tmp_path / "retention.toml"
    path.write_text('years_after_supervision_ends = 7\nbasis = "Our schedule"\n', encoding="utf-8")
    assert load_retention_rule(path) == RetentionRule(7, "Our schedule")


@pytest.mark.parametrize(("content", "says"), [
    (None, "is missing"),
    ("years_after_supervision_ends = ", "is not written correctly"),
    ('years_after_supervision_ends = "six"', "must be a whole number from 1 to 100"),
    ("years_after_supervision_ends = 0", "must be a whole number from 1 to 100"),
    ("years_after_supervision_ends = true", "must be a whole number from 1 to 100"),
    ('basis = "x"', "does not say years_after_supervision_ends"),
    ("years_after_supervision_ends = 6\nyears = 5", "a key the app does not know (years)"),
    ("years_after_supervision_ends = 6\nbasis = 4", "basis must be text"),
])
def test_a_broken_rule_is_one_plain_sentence(tmp_path: Path, content: str | None, says: str) -> None:
    path = tmp_path / "retention.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(RetentionRuleBroken) as refused:
        load_retention_rule(path)
    message = str(refused.value)
    assert says in message and str(path) in message
    assert message.endswith(".") and "\n" not in message and refused.value.exit_code == 21


# --- on a real vault ---------------------------------------------------------------------


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime(2026, 11, 24, 9, 0))


@pytest.fixture
def retention(open_vault, clock: SettableClock) -> RetentionService:  # type: ignore[no-untyped-def]
    save_profile(open_vault.store, "Aisha Rahman")
    return RetentionService(open_vault.store, SIX, clock=clock)


def add(retention: RetentionService, name: str, start: date | None = None) -> Person:
    return add_supervisee(retention.store, NewPerson(name, PersonRole.SUPERVISEE, start_date=start),
                          today=retention.today())


def test_end_dates_and_reasons_make_the_review_list(retention: RetentionService, clock: SettableClock) -> None:
    zoe, ben = add(retention, "Zoë Whitfield"), add(retention, "Ben Carter")
    retention.set_end_date(zoe, date(2020, 11, 24))
    retention.set_end_date(ben, date(2020, 11, 25))
    assert retention.review() == []  # six years to the day: kept
    clock.now += timedelta(days=1)
    assert [e.person.name for e in retention.review()] == ["Zoë Whitfield"]
    clock.now += timedelta(days=1)
    kept = retention.keep_longer(zoe, "  Legal hold:\n tribunal claim ")
    assert kept == KeepReason("Legal hold: tribunal claim", date(2026, 11, 26))
    assert [(e.person.name, e.past_since, e.keep) for e in retention.review()] == [
        ("Zoë Whitfield", date(2026, 11, 25), kept), ("Ben Carter", date(2026, 11, 26), None)]
    entry = audit.entries(retention.store)[-1]
    assert (entry.action, entry.subject, entry.detail) == (AuditAction.KEPT_PAST_RETENTION.value,
                                                            f"supervisee {zoe.id}", "")
    retention.stop_keeping(zoe)
    assert retention.of(zoe) == PersonRetention(date(2020, 11, 24))
    retention.set_end_date(zoe, None)
    assert [e.person.name for e in retention.review()] == ["Ben Carter"]
    assert retention.kept_until(ben) == date(2026, 11, 25) and retention.kept_until(zoe) is None


@pytest.mark.parametrize(("end", "message"), [
    (date(2024, 12, 31), "Supervision cannot end before it started."),
    (date(2027, 11, 25), "The end date can be no more than a year from today."),
])
def test_an_impossible_end_date_is_refused(retention: RetentionService, end: date, message: str) -> None:
    zoe = add(retention, "Zoë Whitfield", start=date(2025, 1, 6))
    with pytest.raises(InvalidEntry) as refused:
        retention.set_end_date(zoe, end)
    assert str(refused.value) == message and refused.value.field == "end_date"
    assert retention.of(zoe) == PersonRetention()


def test_a_reason_is_needed_to_keep_longer(retention: RetentionService) -> None:
    zoe = add(retention, "Zoë Whitfield")
    with pytest.raises(InvalidEntry, match="Say why the records are kept longer"):
        retention.keep_longer(zoe, "   ")
    with pytest.raises(InvalidEntry, match="to 500 characters or fewer"):
        retention.keep_longer(zoe, "x" * 501)
    assert retention.of(zoe).keep is None
