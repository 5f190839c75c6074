"""A fictional team, so a newcomer has something real-looking to open and explore.

Every name and detail here is invented. Dates are relative to ``today`` so the
demo always shows six months of history and a session coming up.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from supervision_app.domain.model import (
    NewPerson,
    NewSession,
    PersonRole,
    SessionMode,
    SessionStatus,
)
from supervision_app.domain.ports import RecordStore

DEMO_SUPERVISOR = NewPerson(
    name="Aisha Rahman",
    role=PersonRole.SUPERVISOR,
    job_title="Team Manager",
    team="Duty and Assessment, Children's Services",
    start_date=date(2016, 9, 5),
    is_self=True,
)

# Names chosen to exercise accents and hyphens everywhere they are shown.
DEMO_SUPERVISEES = (
    NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE, "Social Worker (ASYE)",
              "Duty and Assessment", date(2026, 3, 2), newly_qualified=True),
    NewPerson("Siobhán O'Connell", PersonRole.SUPERVISEE, "Senior Practitioner",
              "Duty and Assessment", date(2019, 1, 14)),
    NewPerson("Daniel Atić-Lee", PersonRole.SUPERVISEE, "Social Worker",
              "Duty and Assessment", date(2022, 6, 20)),
)

_PLACES = {
    SessionMode.IN_PERSON: "Small meeting room 2, Riverside House",
    SessionMode.VIDEO: "Video call (Teams); both in private rooms",
    SessionMode.TELEPHONE: "Telephone; supervisee at home in a private room",
}


def _month_start(day: date, months_back: int) -> date:
    year, month = day.year, day.month - months_back
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


def fill_demo(store: RecordStore, today: date) -> None:
    """Add the demo team and six months of monthly sessions (plus the next booking)."""
    store.add_person(DEMO_SUPERVISOR)
    for index, supervisee in enumerate(DEMO_SUPERVISEES):
        person = store.add_person(supervisee)
        for months_back in range(5, -2, -1):
            first = _month_start(today, months_back) if months_back >= 0 else _next_month(today)
            # Each supervisee has a regular slot: a different week and hour.
            day = first + timedelta(days=7 * index + 2)
            start = datetime.combine(day, time(10 + index * 2, 0))
            mode = (SessionMode.IN_PERSON, SessionMode.VIDEO, SessionMode.TELEPHONE)[(months_back + index) % 3]
            if start.date() > today:
                status = SessionStatus.SCHEDULED
            elif months_back == 0:
                status = SessionStatus.DRAFT
            else:
                status = SessionStatus.SIGNED_OFF
            if index == 2 and months_back == 3:
                # A session cancelled for a court hearing and rebooked a week later.
                store.add_session(NewSession(
                    person.id, start, mode=mode, location=_PLACES[mode],
                    status=SessionStatus.CANCELLED,
                    cancellation_reason="Supervisee called to give evidence at a care hearing.",
                ))
                start += timedelta(days=7)
            duration = 60 if supervisee.newly_qualified else 90
            store.add_session(NewSession(
                person.id, start, duration_minutes=duration, mode=mode,
                location=_PLACES[mode], status=status,
            ))
        if supervisee.newly_qualified:
            # Newly qualified workers meet fortnightly in their first year.
            mid = datetime.combine(_month_start(today, 1) + timedelta(days=16), time(14, 0))
            store.add_session(NewSession(
                person.id, mid, duration_minutes=60, mode=SessionMode.IN_PERSON,
                location=_PLACES[SessionMode.IN_PERSON], status=SessionStatus.SIGNED_OFF,
            ))


def _next_month(today: date) -> date:
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)
