"""History and trends (issue 14, item 4), from real vaults: what each side may show, and nothing more."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import text

from supervision_app.domain.history import CheckinShown, FlagMention, TimelineStatus, session_parts
from supervision_app.domain.model import NewPerson, PersonRole
from supervision_app.domain.record import (
    Action,
    Confirmation,
    Flag,
    FlagLevel,
    HseRating,
    ReviewOutcome,
    SessionRecord,
    Signatory,
    TimeProtection,
    Visibility,
)
from supervision_app.services.demo import fill_demo
from supervision_app.services.history import my_history, supervisee_history
from supervision_app.services.people import add_supervisee
from supervision_app.services.sessions import SessionService
from supervision_app.storage import history_parts
from supervision_app.storage.erasure import erase_rows
from supervision_app.storage.history import session_traces
from supervision_app.storage.migrations import MIGRATIONS, latest_version
from supervision_app.vault.service import VaultService
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.exchange.installs import Clock, two_installs
from tests.test_attention_service import count_statements

TODAY = date(2026, 12, 1)
FIRST = datetime(2026, 6, 2, 10)


class Team:
    """One supervisee whose sessions are written here through the app's session service."""

    def __init__(self, vault) -> None:  # type: ignore[no-untyped-def]
        self.store = vault.store
        self.clock = Clock(FIRST)
        self.sessions = SessionService(self.store, self.clock)
        self.person = add_supervisee(self.store, NewPerson("Zoë Whitfield", PersonRole.SUPERVISEE))

    def hold(self, start: datetime, fill, *, sign: bool = True) -> int:  # type: ignore[no-untyped-def]
        session = self.sessions.book(self.person.id, start)
        self.clock.now = start
        session, record = self.sessions.open_session(session.id)
        fill(record)
        self.clock.now = start + timedelta(minutes=95)
        if sign:
            self.sessions.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
            self.sessions.confirm(session.id, record, Signatory.SUPERVISEE, Confirmation.AGREED)
        else:
            self.sessions.save_draft(session.id, record)
        return session.id


def checkin(visibility: Visibility, ratings: dict[str, int], protection: TimeProtection = TimeProtection.PROTECTED,
            flags: tuple[Flag, ...] = (), actions: int = 0):  # type: ignore[no-untyped-def]
    def fill(record: SessionRecord) -> None:
        record.setting.time_protection = protection
        record.checkin.hse = {key: HseRating(value, "a note") for key, value in ratings.items()}
        record.checkin.visibility = visibility
        record.flags = list(flags)
        record.actions = [Action(f"Action {n}") for n in range(actions)]
    return fill


def test_the_chart_draws_exactly_the_ratings_on_the_record(open_vault) -> None:  # type: ignore[no-untyped-def]
    team = Team(open_vault)
    team.hold(FIRST, checkin(Visibility.ON_RECORD, {"demands": 2, "control": 4}))
    team.hold(FIRST + timedelta(weeks=4), checkin(Visibility.DISCUSSED, {"demands": 1, "role": 1}))
    team.hold(FIRST + timedelta(weeks=8), checkin(Visibility.PRIVATE, {"demands": 5, "peer_support": 1}))
    team.hold(FIRST + timedelta(weeks=12), checkin(Visibility.ON_RECORD, {"demands": 3, "peer_support": 5}))
    team.hold(FIRST + timedelta(weeks=16), checkin(Visibility.ON_RECORD, {"role": 4}), sign=False)

    history = supervisee_history(team.store, team.person.id, TODAY)

    days = [(FIRST + timedelta(weeks=w)).date() for w in (0, 4, 8, 12, 16)]
    assert history.series("demands") == [(days[0], 2), (days[3], 3)]
    assert history.series("control") == [(days[0], 4)]
    assert history.series("peer_support") == [(days[3], 5)]
    assert history.series("role") == [(days[4], 4)]  # a draft's on-the-record ratings, as the editor holds them
    assert history.series("relationships") == []
    assert [e.checkin for e in history.entries] == [CheckinShown.ON_RECORD, CheckinShown.DISCUSSED,
                                                    CheckinShown.NONE, CheckinShown.ON_RECORD, CheckinShown.ON_RECORD]
    # Every rating shown is one recorded on the record, and no other.
    recorded = {(h.session.scheduled_start.date(), key, rating.rating)
                for h in team.store.history(team.person.id) if h.record.checkin.visibility is Visibility.ON_RECORD
                for key, rating in h.record.checkin.hse.items()}
    shown = {(e.start.date(), key, value) for e in history.entries for key, value in e.ratings.items()}
    assert shown == recorded


def test_flags_show_on_record_with_their_level_discussed_by_category_and_private_never(open_vault) -> None:  # type: ignore[no-untyped-def]
    team = Team(open_vault)
    team.hold(FIRST, checkin(Visibility.ON_RECORD, {}, flags=(
        Flag("workload_caseload", FlagLevel.URGENT, Visibility.ON_RECORD, "Caseload of 24."),
        Flag("moral_distress", FlagLevel.NOTED, Visibility.DISCUSSED, "Detail not for the record."),
        Flag("thinking_of_leaving", FlagLevel.SUPPORT_AGREED, Visibility.PRIVATE, "Private."),
    )))
    team.hold(FIRST + timedelta(weeks=4), checkin(Visibility.ON_RECORD, {}, flags=(
        Flag("workload_caseload", FlagLevel.NOTED, Visibility.DISCUSSED),)))

    history = supervisee_history(team.store, team.person.id, TODAY)

    assert [e.flags for e in history.entries] == [
        (FlagMention("workload_caseload", FlagLevel.URGENT), FlagMention("moral_distress")),
        (FlagMention("workload_caseload"),),
    ]
    categories = history.flag_categories()
    assert categories == {"workload_caseload": [(FIRST.date(), FlagLevel.URGENT),
                                                ((FIRST + timedelta(weeks=4)).date(), None)],
                          "moral_distress": [(FIRST.date(), None)]}


def test_the_timeline_says_held_interrupted_cancelled_and_rebooked(open_vault) -> None:  # type: ignore[no-untyped-def]
    team = Team(open_vault)
    team.hold(FIRST, checkin(Visibility.DISCUSSED, {}))
    team.hold(FIRST + timedelta(weeks=4), checkin(Visibility.DISCUSSED, {}, TimeProtection.INTERRUPTED))
    cancelled = team.sessions.book(team.person.id, FIRST + timedelta(weeks=8))
    team.clock.now = cancelled.scheduled_start - timedelta(days=1)
    rebooked_at = FIRST + timedelta(weeks=8, days=2)
    replacement = team.sessions.cancel(cancelled.id, "Called to court.", rebooked_at)
    assert replacement is not None
    team.sessions.book(team.person.id, datetime.combine(TODAY - timedelta(days=3), time(10)))  # never opened
    team.sessions.book(team.person.id, datetime.combine(TODAY + timedelta(days=14), time(10)))

    entries = supervisee_history(team.store, team.person.id, TODAY).entries

    assert [(e.status, e.protection) for e in entries] == [
        (TimelineStatus.HELD, TimeProtection.PROTECTED),
        (TimelineStatus.HELD, TimeProtection.INTERRUPTED),
        (TimelineStatus.CANCELLED, TimeProtection.NOT_RECORDED),
        (TimelineStatus.NOT_RECORDED, TimeProtection.NOT_RECORDED),  # the replacement: its day passed, never opened
        (TimelineStatus.NOT_RECORDED, TimeProtection.NOT_RECORDED),
        (TimelineStatus.BOOKED, TimeProtection.NOT_RECORDED),
    ]
    by_start = {e.start: e for e in entries}
    gone = by_start[cancelled.scheduled_start]
    assert gone.status is TimelineStatus.CANCELLED
    assert gone.cancellation_reason == "Called to court." and gone.rebooked_as == rebooked_at
    assert by_start[rebooked_at].rebooked_from == cancelled.scheduled_start
    assert [e.start for e in entries] == sorted(e.start for e in entries)


def test_action_outcomes_count_each_sessions_reviews(open_vault) -> None:  # type: ignore[no-untyped-def]
    team = Team(open_vault)
    team.hold(FIRST, checkin(Visibility.DISCUSSED, {}, actions=4))
    outcomes = iter([ReviewOutcome.DONE, ReviewOutcome.DROPPED, ReviewOutcome.CARRIED_FORWARD,
                     ReviewOutcome.IN_PROGRESS])

    def review(record: SessionRecord) -> None:
        checkin(Visibility.DISCUSSED, {}, actions=1)(record)
        for item in record.reviews:
            item.outcome = next(outcomes)
            item.note = "No longer needed." if item.outcome is ReviewOutcome.DROPPED else ""
    team.hold(FIRST + timedelta(weeks=4), review)

    def third(record: SessionRecord) -> None:
        record.reviews[0].outcome = ReviewOutcome.DONE
    team.hold(FIRST + timedelta(weeks=8), third, sign=False)

    history = supervisee_history(team.store, team.person.id, TODAY)

    first, second, last = (e.outcomes for e in history.entries)
    assert (first.agreed, first.done, first.carried, first.dropped) == (4, 0, 0, 0)
    assert (second.agreed, second.done, second.in_progress, second.carried_forward, second.dropped) == (1, 1, 1, 1, 1)
    assert second.carried == 2
    assert (last.agreed, last.done) == (0, 1)
    total = history.total()
    assert (total.agreed, total.done, total.dropped) == (5, 2, 1)


def test_the_demo_is_read_in_one_statement_whatever_its_length(open_vault) -> None:  # type: ignore[no-untyped-def]
    fill_demo(open_vault.store, TODAY)
    daniel = next(p for p in open_vault.store.list_people() if p.name == "Daniel Atić-Lee")
    statements = count_statements(open_vault)
    history = supervisee_history(open_vault.store, daniel.id, TODAY)
    assert len([s for s in statements if "FROM sessions" in s]) == 1
    statuses = [e.status for e in history.entries]
    # Five one-to-one sessions held, and the demo's group session (his record of it).
    assert statuses.count(TimelineStatus.CANCELLED) == 1 and statuses.count(TimelineStatus.HELD) == 6


def test_the_supervisees_side_shows_the_records_received_and_no_ratings(tmp_path: Path) -> None:
    from tests.gui.mysupervision.conftest import NOW, World

    with two_installs(tmp_path, NOW) as (aisha, zoe_app, zoe, clock):
        world = World(aisha, zoe_app, zoe, clock, None, None, tmp_path)  # type: ignore[arg-type]
        supervisor = world.pair()
        world.send_record()
        history = my_history(zoe_app.store, supervisor.id)
        on_aisha = supervisee_history(aisha.store, zoe.id, NOW.date())

    assert [e.status for e in history.entries] == [TimelineStatus.HELD]
    assert history.entries[0].start == on_aisha.entries[0].start
    assert history.entries[0].outcomes.agreed == 3
    assert not history.ratings_held and history.rated == () and history.flag_categories() == {}


def assert_parts_are_the_records(store) -> int:  # type: ignore[no-untyped-def]
    """Every session's stored parts equal what its record, read whole and decoded, shows: the count compared."""
    compared = 0
    for person in store.list_people():
        whole = {h.session.id: h.record for h in store.history(person.id)}
        for trace in session_traces(store, person.id):
            assert trace.parts == session_parts(whole.get(trace.session.id, SessionRecord())), trace.session
            compared += 1
    return compared


def test_the_parts_kept_are_what_each_record_shows(open_vault) -> None:  # type: ignore[no-untyped-def]
    """Every kind of record (the demo's drafts, signed-off, cancelled, rebooked and group sessions, and one
    with text that looks like the parts' keys), after an addendum, a cancellation and an erasure."""
    fill_demo(open_vault.store, TODAY)
    team = Team(open_vault)
    tricky = '"checkin":{"visibility":"on_record","hse":{"demands":{"rating":1}}},"flags":[], "outcome":"done"'

    def fill(record: SessionRecord) -> None:
        checkin(Visibility.DISCUSSED, {"demands": 4}, flags=(Flag("moral_distress", detail=tricky),), actions=2)(record)
        record.learning = tricky
        record.setting.interruption_note = tricky
        record.checkin.opening = tricky
    held = team.hold(FIRST, fill)
    team.hold(FIRST + timedelta(weeks=4), checkin(Visibility.ON_RECORD, {"demands": 2}, flags=(
        Flag("workload_caseload", FlagLevel.URGENT, Visibility.ON_RECORD),
        Flag("thinking_of_leaving", FlagLevel.NOTED, Visibility.PRIVATE))), sign=False)
    assert assert_parts_are_the_records(open_vault.store) > 20
    SessionService(open_vault.store, team.clock).add_addendum(held, "A correction.", Signatory.SUPERVISOR)
    booked = team.sessions.book(team.person.id, FIRST + timedelta(weeks=8))
    team.sessions.cancel(booked.id, "Off sick.", FIRST + timedelta(weeks=9))
    assert_parts_are_the_records(open_vault.store)
    zoe = next(p for p in open_vault.store.list_people() if p.name == "Zoë Whitfield")
    erase_rows(open_vault.store, zoe.id)
    with open_vault.store.transaction() as connection:
        assert connection.execute(text(
            "SELECT count(*) FROM session_history WHERE session_id NOT IN (SELECT id FROM sessions)")).scalar() == 0
    assert_parts_are_the_records(open_vault.store)


def test_a_vault_made_before_the_parts_were_kept_is_filled(vault_paths, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    version = next(m.version for m in MIGRATIONS if "history" in m.description)
    before = tuple(m for m in MIGRATIONS if m.version < version)
    with monkeypatch.context() as patched:  # the app as it was: nothing of the history kept
        patched.setattr(history_parts, "record_saved", lambda *_args: None)
        vault, _code = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF, migrations=before).create(PASSPHRASE)
        fill_demo(vault.store, TODAY)
        vault.lock()
    vault = VaultService(vault_paths, passphrase_kdf=lambda: FAST_KDF).unlock_with_passphrase(PASSPHRASE)
    try:
        assert vault.schema_version() == latest_version() >= version
        assert assert_parts_are_the_records(vault.store) > 20
        daniel = next(p for p in vault.store.list_people() if p.name == "Daniel Atić-Lee")
        assert supervisee_history(vault.store, daniel.id, TODAY).rated
    finally:
        vault.lock()


def test_the_history_reads_no_record(open_vault) -> None:  # type: ignore[no-untyped-def]
    """Sessions are read through their covering index, so SQLite never follows a row into its record."""
    fill_demo(open_vault.store, TODAY)
    statements = count_statements(open_vault)
    session_traces(open_vault.store, 1)
    (query,) = [s for s in statements if "FROM sessions" in s]
    assert "record" not in query.replace("session_history", "")
    with open_vault.store.transaction() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}", (1,))]
    assert any("sessions USING COVERING INDEX sessions_listed" in line for line in plan), plan
