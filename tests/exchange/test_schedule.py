"""What a record tells the supervisee about the supervision as scheduled (issue 14, item 5), between two real
vaults: the sessions cancelled and rebooked, whether the time was protected, and the agreed cadence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from supervision_app.domain.agreement import Agreement
from supervision_app.domain.attention import Level
from supervision_app.domain.exchange import CancelledSession, ReceivedRecord, cancelled_sessions
from supervision_app.domain.history import TimelineStatus
from supervision_app.domain.model import Person, SessionMode, SupervisionSession
from supervision_app.domain.record import Confirmation, Signatory, TimeProtection
from supervision_app.exchange.envelope import seal
from supervision_app.services.history import my_history
from supervision_app.services.notes import NoteOptions
from supervision_app.services.people import save_agreement
from tests.exchange.installs import Clock, Install, pair_both_ways, two_installs

NOW = datetime(2026, 11, 2, 9, 0)  # a Monday
BOOKED = datetime(2026, 11, 5, 10, 0)  # cancelled the day before, and rebooked
REBOOKED = datetime(2026, 11, 9, 10, 0)


def hold_and_send(aisha: Install, zoe: Person, session_id: int, clock: Clock,
                  protection: TimeProtection) -> bytes:
    session = aisha.store.get_session(session_id)
    clock.now = session.scheduled_start
    _opened, record = aisha.sessions.open_session(session_id)
    record.setting.time_protection = protection
    aisha.sessions.confirm(session_id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    aisha.sessions.confirm(session_id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
    clock.now = session.scheduled_start + timedelta(hours=2)
    aisha.notes.sign_as_supervisor(session_id, NoteOptions())
    return aisha.exchange.export_record(session_id)


@contextmanager
def cancelled_then_held(tmp_path: Path) -> Iterator[tuple[Install, Install, Person, Clock, SupervisionSession]]:
    """Aisha (fortnightly agreement) cancels Zoë's session, rebooks it, holds it interrupted and sends the record."""
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        save_agreement(aisha.store, Agreement(zoe.id, frequency_weeks=2, review_date=date(2027, 11, 1)))
        booked = aisha.sessions.book(zoe.id, BOOKED)
        clock.now = BOOKED - timedelta(days=1)
        replacement = aisha.sessions.cancel(booked.id, "Called to court.", REBOOKED)
        assert replacement is not None
        zoe_app.exchange.import_pack(hold_and_send(aisha, zoe, replacement.id, clock, TimeProtection.INTERRUPTED))
        yield aisha, zoe_app, supervisor, clock, booked


def test_the_supervisee_learns_of_the_cancelled_session_its_rebooking_and_the_interruption(tmp_path: Path) -> None:
    with cancelled_then_held(tmp_path) as (aisha, zoe_app, supervisor, _clock, booked):
        overview = zoe_app.mine.overview(supervisor.id)
        history = my_history(zoe_app.store, supervisor.id)
        uid = aisha.exchange.session_uid(booked.id)

    assert [(c.scheduled_start, c.rebooked_to) for c in overview.cancelled] == [(BOOKED, REBOOKED)]
    assert overview.cancelled[0].session_uid == uid
    assert [(e.status, e.start, e.protection) for e in history.entries] == [
        (TimelineStatus.CANCELLED, BOOKED, TimeProtection.NOT_RECORDED),
        (TimelineStatus.HELD, REBOOKED, TimeProtection.INTERRUPTED)]
    cancelled, held = history.entries
    assert cancelled.rebooked_as == REBOOKED and held.rebooked_from == BOOKED
    assert cancelled.cancellation_reason == ""  # the reason stays with the supervisor
    assert history.count_protection(TimeProtection.INTERRUPTED) == 1


def test_the_last_supervision_is_measured_against_the_agreed_cadence_in_words(tmp_path: Path) -> None:
    with cancelled_then_held(tmp_path) as (_aisha, zoe_app, supervisor, clock, _booked):
        clock.now = datetime(2026, 11, 30, 9, 0)  # three weeks on: a fortnightly agreement is overdue
        reason = zoe_app.mine.last_supervision(zoe_app.mine.overview(supervisor.id))

    assert reason.level is Level.OVERDUE
    assert reason.text == ("Your last supervision was on 9 November, 21 days ago. Your agreement says fortnightly, "
                           "so the next was due on 23 November: 7 days overdue. None is booked: ask your supervisor.")


def test_a_record_from_an_older_version_without_the_schedule_still_imports(tmp_path: Path) -> None:
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        session = aisha.sessions.book(zoe.id, BOOKED)
        pack = hold_and_send(aisha, zoe, session.id, clock, TimeProtection.PROTECTED)
        _opened, payload = zoe_app.exchange.read_pack(pack)
        old = json.loads(payload.model_dump_json(by_alias=True))
        assert old.pop("schedule")["time_protection"] == "protected"
        older_pack = seal(json.dumps(old).encode(), kind="record", sender=aisha.exchange.identity(),
                          recipient_key=zoe_app.exchange.identity().public_key_der,
                          sequence=int(clock.now.timestamp()) + 10, created_at=clock.now)

        zoe_app.exchange.import_pack(older_pack)

        received = zoe_app.store.received_records(supervisor.id)
        assert [(r.session_start, r.time_protection, r.cadence_weeks, r.cancelled) for r in received] == [
            (BOOKED, None, None, [])]
        history = my_history(zoe_app.store, supervisor.id)
        assert [(e.status, e.protection) for e in history.entries] == [
            (TimelineStatus.HELD, TimeProtection.NOT_RECORDED)]
        clock.now = datetime(2026, 12, 1, 9, 0)
        said = zoe_app.mine.last_supervision(zoe_app.mine.overview(supervisor.id)).text
        assert "Supervision is usually monthly" in said


def test_a_record_stored_before_the_schedule_reads_as_before(tmp_path: Path) -> None:
    """A received record saved by an older version (its JSON without the new fields) is read with them empty."""
    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        supervisor = pair_both_ways(aisha, zoe_app)
        session = aisha.sessions.book(zoe.id, BOOKED)
        zoe_app.exchange.import_pack(hold_and_send(aisha, zoe, session.id, clock, TimeProtection.PROTECTED))
        with zoe_app.store.transaction() as connection:
            data = json.loads(connection.execute(text("SELECT data FROM received_records")).scalar_one())
            for name in ("time_protection", "cadence_weeks", "cancelled"):
                del data[name]
            connection.execute(text("UPDATE received_records SET data = :data"), {"data": json.dumps(data)})
        [record] = zoe_app.store.received_records(supervisor.id)
    assert (record.time_protection, record.cadence_weeks, record.cancelled) == (None, None, [])


def test_the_cancelled_sessions_each_record_lists_are_merged_newest_word_first() -> None:
    first = received("a-1", datetime(2026, 10, 1, 10), [CancelledSession("u-1", datetime(2026, 9, 17, 10))])
    second = received("a-2", datetime(2026, 10, 15, 10),
                      [CancelledSession("u-1", datetime(2026, 9, 17, 10), datetime(2026, 9, 20, 10))])
    assert cancelled_sessions([second, first]) == [
        CancelledSession("u-1", datetime(2026, 9, 17, 10), datetime(2026, 9, 20, 10))]
    assert cancelled_sessions([first])[0].rebooked_to is None


def received(uid: str, start: datetime, cancelled: list[CancelledSession]) -> ReceivedRecord:
    return ReceivedRecord(uid, 1, start, 90, SessionMode.IN_PERSON, "", "AAAA-AAAA-AAAA", [], None, start,
                          cancelled=cancelled)
