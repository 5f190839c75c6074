"""Calendar export: a valid .ics that carries the booking and nothing from the record."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar

from supervision_app.domain.model import Person, PersonRole, SessionMode, SupervisionSession
from supervision_app.services.calendar import session_ics


def test_ics_round_trips_and_holds_only_the_booking() -> None:
    session = SupervisionSession(supervisee_id=2, scheduled_start=datetime(2026, 12, 9, 14, 0),
                                 duration_minutes=90, mode=SessionMode.VIDEO, location="Teams",
                                 notes="SECRET-NOTE", id=22)
    supervisee = Person("Daniel Atić-Lee", PersonRole.SUPERVISEE, id=2)
    supervisor = Person("Aisha Rahman", PersonRole.SUPERVISOR, is_self=True, id=1)
    raw = session_ics(session, supervisee, supervisor, datetime(2026, 11, 24, 9, 0))
    assert b"SECRET-NOTE" not in raw
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 12, 9, 14, 0)
    assert event.decoded("dtend") == datetime(2026, 12, 9, 15, 30)
    assert str(event["summary"]) == "Reflective supervision: Aisha Rahman and Daniel Atić-Lee"
    assert str(event["location"]) == "Video call: Teams"
    again = session_ics(session, supervisee, supervisor, datetime(2026, 11, 25, 9, 0))
    assert Calendar.from_ical(again).walk("VEVENT")[0]["uid"] == event["uid"]
