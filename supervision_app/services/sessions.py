"""Running a supervision session: opening, saving drafts, sign-off, addenda and booking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.audit import AuditAction, session_subject
from supervision_app.domain.model import NewSession, Person, SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    Addendum,
    Confirmation,
    SessionRecord,
    Signatory,
)
from supervision_app.domain.rules import (
    OpenAction,
    Problem,
    SessionLocked,
    add_addendum,
    bring_forward,
    check_record,
    confirm,
    confirm_addendum,
    next_session_default,
    open_actions,
)
from supervision_app.errors import UsageError
from supervision_app.services import people
from supervision_app.services.working_days import (
    Nation,
    is_working_day,
    next_working_day,
    non_working_reason,
    on_working_day,
    organisation_nation,
    working_days_after,
)
from supervision_app.storage import audit, overview
from supervision_app.storage.records import RecordNotFound, SqlRecordStore

MOVE_WITHIN_WORKING_DAYS = 5
"""A cancelled session is offered a new date no more than this many working days on."""


@dataclass(frozen=True)
class SessionSummary:
    session: SupervisionSession
    supervisee: Person
    open_actions: int


def find_session(store: SqlRecordStore, session_id: int) -> SupervisionSession:
    """The session with this id, or a usage error that says where to find ids."""
    try:
        return store.get_session(session_id)
    except RecordNotFound:
        raise UsageError(f"There is no session with id {session_id}; 'sessions' lists them.") from None


class SessionService:
    """The session use cases, on a record store and a clock (so tests can set the time).

    Working days are those of ``nation``; without one, of the nation kept in the
    vault (read at each question, so a change in "About you" applies at once).
    """

    def __init__(self, store: SqlRecordStore, clock: Callable[[], datetime] = datetime.now,
                 nation: Nation | None = None) -> None:
        self.store = store
        self._clock = clock
        self._nation = nation

    @property
    def nation(self) -> Nation:
        return self._nation or organisation_nation(self.store)

    def now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    # --- opening and saving ----------------------------------------------

    def open_session(self, session_id: int) -> tuple[SupervisionSession, SessionRecord]:
        """Load a session for the screen. A booked session becomes a draft with its carried-forward items."""
        session = self.store.get_session(session_id)
        record = self.store.load_record(session_id)
        if session.status in (SessionStatus.SCHEDULED, SessionStatus.DRAFT):
            history = self.store.history(session.supervisee_id)
            changed = bring_forward(record, history, session)
            if changed or session.status is SessionStatus.SCHEDULED:
                session = replace(session, status=SessionStatus.DRAFT)
                self.store.save_record(session_id, record, status=SessionStatus.DRAFT)
        return session, record

    def save_draft(self, session_id: int, record: SessionRecord) -> None:
        self.store.save_record(session_id, record, status=SessionStatus.DRAFT)

    def problems(self, record: SessionRecord) -> list[Problem]:
        return check_record(record, self.today())

    # --- sign-off and addenda ----------------------------------------------

    def confirm(self, session_id: int, record: SessionRecord, signatory: Signatory,
                confirmation: Confirmation) -> SupervisionSession | None:
        """Record a confirmation. When both have confirmed, lock the record and book the next session.

        Returns the next session booked, if one was. Raises ``ValueError`` with
        the first blocking problem if the record cannot be signed off yet.
        """
        blocking = [p for p in self.problems(record) if p.blocks_sign_off]
        if blocking:
            raise ValueError(blocking[0].message)
        before = list(record.confirmations)
        confirm(record, signatory, confirmation, self.now())
        try:
            if not record.signed_off:
                self.save_draft(session_id, record)
                return None
            with self.store.transaction():
                self.store.save_record(session_id, record, status=SessionStatus.SIGNED_OFF)
                audit.record(self.store, AuditAction.SIGN_OFF, session_subject(session_id))
        except BaseException:
            # Not stored, so not confirmed: the screen must not say otherwise.
            record.confirmations = before
            raise
        return self._book_next(session_id, record)

    def _book_next(self, session_id: int, record: SessionRecord) -> SupervisionSession | None:
        if record.next_session is None:
            return None
        session = self.store.get_session(session_id)
        later = [s for s in self.store.list_sessions(session.supervisee_id)
                 if s.scheduled_start > session.scheduled_start and s.status is not SessionStatus.CANCELLED]
        if later:
            return None  # already booked
        return self.store.add_session(NewSession(
            supervisee_id=session.supervisee_id, scheduled_start=record.next_session,
            duration_minutes=session.duration_minutes, mode=session.mode, location=session.location,
        ))

    def add_addendum(self, session_id: int, text: str, author: Signatory) -> Addendum:
        record = self.store.load_record(session_id)
        addendum = add_addendum(record, text, author, self.now())
        self.store.save_addendum(session_id, addendum)
        return addendum

    def confirm_addendum(self, session_id: int, addendum: Addendum, signatory: Signatory,
                         confirmation: Confirmation) -> None:
        confirm_addendum(addendum, signatory, confirmation, self.now())
        self.store.save_addendum(session_id, addendum)

    # --- booking --------------------------------------------------------------

    def suggested_next(self, session: SupervisionSession) -> datetime:
        """One agreed interval on, moved to a working day (no weekend or bank holiday)."""
        nation = self.nation
        return next_session_default(session, self.store.get_agreement(session.supervisee_id),
                                    lambda day: is_working_day(day, nation))

    def suggested_move(self, session: SupervisionSession) -> datetime:
        """Where a cancelled session might move to, at the same time of day, within five working days.

        Counted from the session's day, or from today if that has passed: a week on
        (moved to a working day), unless that is more than five working days away;
        then the fifth working day.
        """
        nation = self.nation
        start = max(session.scheduled_start.date(), self.today())
        latest = working_days_after(start, MOVE_WITHIN_WORKING_DAYS, nation)
        day = min(next_working_day(start + timedelta(weeks=1), nation), latest)
        return datetime.combine(day, session.scheduled_start.timetz())

    def working_day_from(self, day: date) -> date:
        """``day`` if it is a working day, else the next one (for due dates)."""
        return next_working_day(day, self.nation)

    def not_a_working_day(self, day: date) -> str | None:
        """Why ``day`` is not a working day ("Christmas Day, a bank holiday in England and Wales"), or None."""
        return non_working_reason(day, self.nation)

    def suggested_booking(self, supervisee_id: int) -> datetime:
        """One agreed interval after the latest session, or tomorrow at 10:00 if there is none."""
        held = [s for s in self.store.list_sessions(supervisee_id) if s.status is not SessionStatus.CANCELLED]
        if held:
            suggestion = self.suggested_next(max(held, key=lambda s: s.scheduled_start))
            if suggestion > self.now():
                return suggestion
        return on_working_day(datetime.combine(self.today() + timedelta(days=1), time(10, 0)), self.nation)

    def book(self, supervisee_id: int, start: datetime) -> SupervisionSession:
        agreement = self.store.get_agreement(supervisee_id)
        return self.store.add_session(NewSession(
            supervisee_id=supervisee_id, scheduled_start=start,
            duration_minutes=agreement.length_minutes if agreement else 90,
            mode=agreement.mode if agreement else NewSession.mode,
            location=agreement.place if agreement else "",
        ))

    def cancel(self, session_id: int, reason: str, rebook_at: datetime | None) -> SupervisionSession | None:
        if not reason.strip():
            raise ValueError("Say why the session was cancelled or moved.")
        return self.store.cancel_and_rebook(session_id, reason.strip(), rebook_at)

    # --- overviews ------------------------------------------------------------

    def open_actions(self, supervisee_id: int) -> list[OpenAction]:
        return open_actions(self.store.history(supervisee_id))

    def summaries(self, supervisee: Person | None = None) -> list[SessionSummary]:
        """Sessions, oldest first, with the actions open once each is over: from the vault's summaries,
        one query, no record read (``storage/overview.listed_sessions``)."""
        people = {p.id: p for p in ([supervisee] if supervisee else self.store.list_people()) if not p.is_self
                  or p is supervisee}
        listed = overview.listed_sessions(self.store, supervisee.id if supervisee else None)
        return [SessionSummary(session, people[session.supervisee_id], count)
                for session, count in listed if session.supervisee_id in people]

    def agreement_for(self, person: Person) -> Agreement:
        return people.agreement_for(self.store, person, self.today())


__all__ = ["SessionLocked", "SessionService", "SessionSummary"]
