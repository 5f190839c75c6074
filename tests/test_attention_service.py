"""The home page's facts read from a real vault (the demo team) agree with the app's own records."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import event

from supervision_app.content import load_content
from supervision_app.domain.attention import ActionFact, ActionTally, Kind, Level
from supervision_app.domain.model import NewPerson, PersonRole, SessionStatus
from supervision_app.formatting import MONTHS_LONG
from supervision_app.paths import resources_dir
from supervision_app.services.attention import home_attention, team_facts
from supervision_app.services.backups import LAST_GOOD_KEY
from supervision_app.services.demo import fill_demo
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.sessions import SessionService

TODAY = date(2026, 12, 1)
NOW = datetime.combine(TODAY, time(9))


def count_statements(vault) -> list[str]:  # type: ignore[no-untyped-def]
    statements: list[str] = []
    event.listen(vault._engine, "before_cursor_execute",  # the test watches the real engine
                 lambda _conn, _cursor, sql, *_: statements.append(sql))
    return statements


def test_the_demo_teams_home_page_from_a_real_vault(open_vault) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    fill_demo(store, TODAY)
    sessions = SessionService(store, lambda: NOW)
    people = {p.id: p for p in store.list_people() if not p.is_self}

    facts = {f.person_id: f for f in team_facts(store, TODAY)}
    assert set(facts) == set(people)
    for person_id, fact in facts.items():
        listed = store.list_sessions(person_id)
        held = [s for s in listed if s.status is SessionStatus.SIGNED_OFF
                or (s.status is SessionStatus.DRAFT and s.scheduled_start.date() <= TODAY)]
        assert fact.last_held is not None
        assert fact.last_held.day == max(s.scheduled_start for s in held).date()
        booked = [s.scheduled_start for s in listed if s.status is SessionStatus.SCHEDULED]
        assert fact.next_booked == min(booked)
        # The same open actions as the session editor shows, read without loading whole records.
        expected = sessions.open_actions(person_id)
        assert fact.actions == ActionTally.of((ActionFact(o.from_session.id, o.action.due, o.action.owner.value ==
                                                          "supervisor") for o in expected), TODAY)

    result = home_attention(store, NOW)
    assert [row.name for row in result.rows] == ["Daniel Atić-Lee", "Siobhán O'Connell", "Zoë Whitfield"]
    assert all(row.level is Level.OVERDUE for row in result.rows)
    drafts = {row.name: [r.text for r in row.reasons if r.kind is Kind.DRAFT] for row in result.rows}
    assert drafts["Zoë Whitfield"] == ["Draft from 24 November not signed off (7 days)."]
    assert [r.text for r in result.general if r.kind is Kind.BACKUP] == ["No backup has been made yet."]

    # The supervisor signs a note: it waits for the supervisee's countersignature.
    zoe = next(p for p in people.values() if p.name == "Zoë Whitfield")
    signed_off = max((s for s in store.list_sessions(zoe.id) if s.status is SessionStatus.SIGNED_OFF),
                     key=lambda s: s.scheduled_start)
    NoteService(store, load_content(resources_dir()), resources_dir() / "fonts").sign_as_supervisor(
        signed_off.id, NoteOptions())
    store.set_meta(LAST_GOOD_KEY, (NOW - timedelta(days=2)).isoformat())
    result = home_attention(store, NOW)
    row = next(r for r in result.rows if r.person_id == zoe.id)
    waiting = [r for r in row.reasons if r.kind is Kind.COUNTERSIGNATURE]
    day = signed_off.scheduled_start.date()
    assert [(r.level, r.session_id) for r in waiting] == [(Level.WAITING, signed_off.id)]
    assert waiting[0].text.startswith(f"Note of {day.day} {MONTHS_LONG[day.month - 1]} waiting for the "
                                      "supervisee's countersignature")
    assert [r.text for r in result.general if r.kind is Kind.BACKUP] == [
        "Last good backup on 29 November (2 days ago)."]


def test_the_home_page_reads_a_few_queries_however_long_the_history(open_vault) -> None:  # type: ignore[no-untyped-def]
    store = open_vault.store
    fill_demo(store, TODAY)
    statements = count_statements(open_vault)
    home_attention(store, NOW)
    few = len(statements)
    assert few <= 9 and sum(s.strip().startswith("SELECT") for s in statements) == 7, statements
    # Ten more supervisees and a year of sessions each: still the same queries.
    sessions = SessionService(store, lambda: NOW)
    for number in range(10):
        person = store.add_person(NewPerson(f"Supervisee {number}", PersonRole.SUPERVISEE))
        for week in range(0, 52, 4):
            sessions.book(person.id, datetime.combine(TODAY - timedelta(weeks=52 - week), time(10)))
    statements.clear()
    result = home_attention(store, NOW)
    assert len(result.rows) == 13 and len(statements) == few


def test_the_home_pages_queries_neither_sort_nor_group(open_vault) -> None:  # type: ignore[no-untyped-def]
    # SQLite's sorter and GROUP BY cost more here than the few rows they would order or count (about 60 µs a
    # sort and 5 µs a row in this SQLCipher build): the people are ordered in Python, the drafts and bookings
    # come in their index's order, the open actions are counted in Python.
    store = open_vault.store
    fill_demo(store, TODAY)
    store.add_person(NewPerson("Aaron Abbott", PersonRole.SUPERVISEE))  # added last, named first
    selects: list[tuple[str, object]] = []
    event.listen(open_vault._engine, "before_cursor_execute",
                 lambda _conn, _cursor, sql, parameters, *_: selects.append((sql, parameters))
                 if sql.strip().startswith("SELECT") else None)
    facts = team_facts(store, TODAY)
    assert [f.name for f in facts] == sorted(f.name for f in facts) and facts[0].name == "Aaron Abbott"
    with store.transaction() as connection:
        driver = connection.connection.driver_connection
        for sql, parameters in selects:
            plan = " ".join(str(step[-1]) for step in driver.execute(f"EXPLAIN QUERY PLAN {sql}", parameters))
            assert "TEMP B-TREE" not in plan, (sql, plan)
