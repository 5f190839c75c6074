"""Which automatic backups to keep, and when a backup is due or overdue.

Pure rules on dates, so they are tested without files: the service lists the
backups in the folder, asks :func:`to_delete`, and deletes only those.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

KEEP_LAST_DEFAULT = 10
MONTHLY_FOR_DAYS = 366
DUE_AFTER = timedelta(days=7)
WARN_AFTER = timedelta(days=14)


def to_keep(made: Iterable[datetime], now: datetime, keep_last: int = KEEP_LAST_DEFAULT) -> set[datetime]:
    """The last ``keep_last`` backups, and the first of each calendar month within the last year."""
    ordered = sorted(set(made))
    kept = set(ordered[-keep_last:]) if keep_last > 0 else set()
    first_of_month: dict[tuple[int, int], datetime] = {}
    for when in ordered:
        if now - when <= timedelta(days=MONTHLY_FOR_DAYS):
            first_of_month.setdefault((when.year, when.month), when)
    return kept | set(first_of_month.values())


def to_delete(made: Iterable[datetime], now: datetime, keep_last: int = KEEP_LAST_DEFAULT) -> list[datetime]:
    made = sorted(set(made))
    kept = to_keep(made, now, keep_last)
    return [when for when in made if when not in kept]


def backup_due(last_good: datetime | None, now: datetime) -> bool:
    """An automatic backup is due at least weekly while the app is used."""
    return last_good is None or now - last_good >= DUE_AFTER


def needs_warning(last_good: datetime | None, now: datetime) -> bool:
    """No good backup for 14 days (or never): the main window warns."""
    return last_good is None or now - last_good >= WARN_AFTER
