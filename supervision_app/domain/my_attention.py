"""The supervisee's side of "what needs attention": their last supervision against the usual cadence.

A supervisee's install holds the records their supervisor sent (each with the
date of the session and of the next one booked, and since issue 14 the
agreement's cadence): the last supervision is measured against the agreed
cadence when the newest record carries it ("Your agreement says monthly"),
otherwise against the one the toolkit recommends for them (fortnightly while
newly qualified, otherwise monthly), and the text says it is the usual one.
The due date follows the same rule as the supervisor's home page
(``attention.due_date``).
"""

from __future__ import annotations

from datetime import date, datetime

from supervision_app.domain.agreement import MONTHLY_WEEKS, NEWLY_QUALIFIED_WEEKS, Agreement
from supervision_app.domain.attention import DUE_SOON_DAYS, Kind, Level, Reason, WorkingDay, due_date
from supervision_app.domain.attention import day_text as _day
from supervision_app.domain.attention import days_text as _days


def _weekday(day: date) -> bool:
    return day.weekday() < 5


def _cadence(weeks: int) -> str:
    return Agreement(supervisee_id=0, frequency_weeks=weeks).cadence_label  # (the agreement's own words)


def usual_weeks(newly_qualified: bool) -> int:
    return NEWLY_QUALIFIED_WEEKS if newly_qualified else MONTHLY_WEEKS


def my_last_supervision(last_held: date | None, next_booked: datetime | None, today: date, *,
                        newly_qualified: bool = False, is_working_day: WorkingDay = _weekday,
                        agreed_weeks: int | None = None) -> Reason:
    """One sentence on how long since the last supervision received, with its level in words.

    ``agreed_weeks``: the agreement's cadence, as the newest record received says (``None``: not said).
    """
    weeks = agreed_weeks or usual_weeks(newly_qualified)
    usual = "fortnightly while you are newly qualified" if newly_qualified else "monthly"
    booked = f" The next is booked for {_day(next_booked.date())}." if next_booked else ""
    if last_held is None:
        return Reason(Level.INFO, Kind.SUPERVISION, "No record of a supervision session has come from your "
                      "supervisor yet." + booked)
    since = (today - last_held).days
    ago = "today" if since == 0 else f"{_days(since)} ago"
    due = due_date(last_held, weeks, is_working_day)
    said = f"Your last supervision was on {_day(last_held)}, {ago}. " + (
        f"Your agreement says {_cadence(agreed_weeks)}" if agreed_weeks else f"Supervision is usually {usual}")
    if next_booked is not None and next_booked.date() <= due:
        return Reason(Level.INFO, Kind.SUPERVISION, f"{said}, and the next is booked in time, for "
                      f"{_day(next_booked.date())}.")
    if today > due:
        return Reason(Level.OVERDUE, Kind.SUPERVISION, f"{said}, so the next was due on {_day(due)}: "
                      f"{_days((today - due).days)} overdue.{booked or ' None is booked: ask your supervisor.'}",
                      days=(today - due).days)
    if next_booked is not None:
        return Reason(Level.DUE_SOON, Kind.SUPERVISION, f"{said}, so the next is due by {_day(due)}, "
                      f"before the one booked.{booked}")
    if (due - today).days <= DUE_SOON_DAYS:
        return Reason(Level.DUE_SOON, Kind.SUPERVISION, f"{said}, so the next is due by {_day(due)}. "
                      "None is booked yet.")
    return Reason(Level.INFO, Kind.SUPERVISION, f"{said}, so the next is due by {_day(due)}.")


__all__ = ["my_last_supervision", "usual_weeks"]
