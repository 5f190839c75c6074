"""Which automatic backups are kept, and when one is due: pure rules, no files."""

from __future__ import annotations

from datetime import datetime, timedelta

from supervision_app.domain.backups import backup_due, needs_warning, to_delete, to_keep

NOW = datetime(2026, 11, 24, 12, 0)


def test_the_last_ten_are_kept() -> None:
    made = [NOW - timedelta(hours=hours) for hours in range(15)]
    assert to_keep(made, NOW) >= set(made[:10])
    # The five oldest go, except the first of November, which is kept as that month's.
    assert set(to_delete(made, NOW)) == set(made[10:14])


def test_the_first_of_each_month_is_kept_for_a_year() -> None:
    daily = [NOW - timedelta(days=days) for days in range(500)]
    kept = to_keep(daily, NOW)
    monthly = sorted(kept - set(daily[:10]))
    # Twelve firsts of the month, and the oldest backup still within the year (23 November 2025).
    assert [when.day for when in monthly] == [23] + [1] * 12
    assert monthly[0] == datetime(2025, 11, 23, 12) and monthly[-1] == datetime(2026, 11, 1, 12)
    assert len(to_delete(daily, NOW)) == 500 - len(kept)


def test_within_a_month_the_earliest_backup_is_that_months() -> None:
    made = [datetime(2026, 6, 3, 9), datetime(2026, 6, 3, 8), datetime(2026, 6, 20)]
    assert datetime(2026, 6, 3, 8) in to_keep(made, NOW, keep_last=0)
    assert to_keep(made, NOW, keep_last=0) == {datetime(2026, 6, 3, 8)}


def test_due_weekly_and_warned_after_fourteen_days() -> None:
    assert backup_due(None, NOW) and needs_warning(None, NOW)
    assert not backup_due(NOW - timedelta(days=6), NOW)
    assert backup_due(NOW - timedelta(days=7), NOW)
    assert not needs_warning(NOW - timedelta(days=13), NOW)
    assert needs_warning(NOW - timedelta(days=14), NOW)
