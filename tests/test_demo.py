"""The demo vault is believable: working days, the recommended cadence, linked actions, real corrections."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest

from supervision_app.domain.model import SessionStatus
from supervision_app.domain.visibility import on_the_record
from supervision_app.services.demo import fill_demo
from supervision_app.services.working_days import Nation, is_working_day, set_organisation_nation
from supervision_app.storage.records import SqlRecordStore

# Days whose six months back cross the late summer bank holiday, Christmas and New Year.
TODAYS = [date(2026, 11, 24), date(2027, 1, 12), date(2026, 12, 1)]


@pytest.fixture(params=TODAYS, ids=str)
def demo(request: pytest.FixtureRequest, open_vault) -> SqlRecordStore:  # type: ignore[no-untyped-def]
    fill_demo(open_vault.store, request.param)
    store: SqlRecordStore = open_vault.store
    return store


def test_no_session_on_a_weekend_or_bank_holiday(demo: SqlRecordStore) -> None:
    sessions = demo.list_sessions()
    assert len(sessions) > 15
    for session in sessions:
        assert is_working_day(session.scheduled_start.date()), session.scheduled_start
    for held in (s for s in sessions if s.status is SessionStatus.SIGNED_OFF):
        record = demo.load_record(held.id)
        if record.next_session:
            assert is_working_day(record.next_session.date()), record.next_session


def test_a_newly_qualified_worker_is_supervised_fortnightly(demo: SqlRecordStore) -> None:
    for person in (p for p in demo.list_people() if not p.is_self):
        agreement = demo.get_agreement(person.id)
        assert agreement is not None
        assert agreement.frequency_weeks == (2 if person.newly_qualified else 4), person.name
        held = sorted(s.scheduled_start for s in demo.list_sessions(person.id)
                      if s.status is SessionStatus.SIGNED_OFF)
        gaps = [(later - earlier).days for earlier, later in pairwise(held)]
        # The agreed interval, give or take a bank holiday (or a week, for a moved session).
        assert all(abs(gap - 7 * agreement.frequency_weeks) <= 7 for gap in gaps), (person.name, gaps)
        assert sum(abs(gap - 7 * agreement.frequency_weeks) <= 3 for gap in gaps) >= len(gaps) - 1


def test_every_action_says_which_flag_or_item_it_came_from(demo: SqlRecordStore) -> None:
    for session in (s for s in demo.list_sessions() if s.status is SessionStatus.SIGNED_OFF):
        record = demo.load_record(session.id)
        shown = on_the_record(record).record
        for action in shown.actions:
            sources = {item.id: item for item in shown.agenda} | {flag.id: flag for flag in shown.flags}
            assert action.source_id in sources, (action.text, session.scheduled_start)
            item = sources[action.source_id]
            if hasattr(item, "reached"):
                assert item.reached, action.text
        for flag in record.flags:
            if flag.action_id:
                assert any(a.id == flag.action_id and a.source_id == flag.id for a in record.actions)


def test_addenda_correct_something_the_record_says(demo: SqlRecordStore) -> None:
    corrections = 0
    for session in (s for s in demo.list_sessions() if s.status is SessionStatus.SIGNED_OFF):
        record = demo.load_record(session.id)
        shown = on_the_record(record).record
        text = repr(replace(shown, addenda=[]))
        for addendum in record.addenda:
            corrections += 1
            # 'Correction to "TITLE": ... "RIGHT", not "WRONG".' The wrong words are on the record.
            title, right, wrong = re.findall(r"“([^”]+)”", addendum.text)
            assert title in text and wrong in text, addendum.text
            assert right not in text, addendum.text
    assert corrections >= 2


@pytest.mark.parametrize("nation", [Nation.SCOTLAND, Nation.NORTHERN_IRELAND], ids=lambda n: n.command_name)
def test_the_demo_keeps_the_organisations_bank_holidays(open_vault, nation: Nation) -> None:  # type: ignore[no-untyped-def]
    store: SqlRecordStore = open_vault.store
    set_organisation_nation(store, nation)
    fill_demo(store, date(2026, 12, 1))  # its history crosses the summer, when the nations' holidays differ
    for session in store.list_sessions():
        assert is_working_day(session.scheduled_start.date(), nation), session.scheduled_start
        if session.status is not SessionStatus.CANCELLED:
            for action in store.load_record(session.id).actions:
                assert action.due is None or is_working_day(action.due, nation), (action.text, action.due)
