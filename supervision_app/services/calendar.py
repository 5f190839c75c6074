"""Calendar files (.ics) for booked sessions, so they land in Outlook or any calendar.

A calendar entry leaves the vault in plaintext and is often synchronised to
servers, so it carries only what a meeting invitation would: the two names,
the time and the place. Nothing from the record goes in it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from supervision_app import __version__
from supervision_app.domain.model import Person, SessionMode, SupervisionSession


def session_ics(session: SupervisionSession, supervisee: Person, supervisor: Person | None,
                now: datetime) -> bytes:
    from icalendar import Calendar, Event  # here: only calendar files need it, not the session editor

    calendar = Calendar()
    calendar.add("prodid", f"-//supervision-app//{__version__}//EN")
    calendar.add("version", "2.0")
    event = Event()
    # Stable per session, so importing again updates the entry instead of duplicating it.
    event.add("uid", f"session-{session.id}-{session.supervisee_id}@supervision-app")
    event.add("dtstamp", now)
    event.add("dtstart", session.scheduled_start)
    event.add("dtend", session.scheduled_start + timedelta(minutes=session.duration_minutes))
    with_whom = f"{supervisor.name} and {supervisee.name}" if supervisor else supervisee.name
    event.add("summary", f"Reflective supervision: {with_whom}")
    location = session.location or session.mode.label
    if session.mode is not SessionMode.IN_PERSON and session.location:
        location = f"{session.mode.label}: {session.location}"
    event.add("location", location)
    event.add("description", "Protected time for reflective supervision. Please keep it free of interruptions.")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return calendar.to_ical()
