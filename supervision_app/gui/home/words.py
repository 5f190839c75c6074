"""What the home page's rows say, on screen and to a screen reader (no Qt here).

A row's level is in words ("Overdue", "Due soon"), never colour alone, and its
spoken name carries everything the row and its reasons show.
"""

from __future__ import annotations

from supervision_app.domain.attention import Level, Reason, Row
from supervision_app.formatting import format_date, format_datetime


def summary(row: Row) -> str:
    """The row's "What" column: how many things need attention, or that nothing does."""
    needing = sum(reason.level > Level.INFO for reason in row.reasons)
    if needing:
        return "1 thing needs attention" if needing == 1 else f"{needing} things need attention"
    if row.reasons:
        return "Nothing needs attention; 1 thing to know" if len(row.reasons) == 1 else \
            f"Nothing needs attention; {len(row.reasons)} things to know"
    return "Nothing needs attention"


def level_text(row: Row) -> str:
    return row.level.label if row.reasons else "Up to date"


def last_held_text(row: Row) -> str:
    return format_date(row.last_held) if row.last_held else "None yet"


def next_booked_text(row: Row) -> str:
    return format_datetime(row.next_booked) if row.next_booked else "None booked"


def spoken_row(row: Row) -> str:
    """Everything the row shows, with each reason, for a screen reader."""
    reasons = " ".join(f"{reason.level.label}: {reason.text}" for reason in row.reasons)
    return (f"{row.name}. {level_text(row)}: {summary(row)}. Last session held: {last_held_text(row)}. "
            f"Next booked: {next_booked_text(row)}.{' ' + reasons if reasons else ''}")


def spoken_reason(row: Row, reason: Reason) -> str:
    return f"{row.name}, {reason.level.label.lower()}: {reason.text}"


def team_text(general: list[Reason]) -> str:
    """The team-wide lines above the rows: the supervisor's own actions and the last good backup."""
    return "\n".join(f"{reason.level.label}: {reason.text}" if reason.level > Level.INFO else reason.text
                     for reason in general)
