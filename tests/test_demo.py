"""The demo vault is believable: working days, the recommended cadence, linked actions, real corrections."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pytest

from supervision_app.clock import SettableClock
from supervision_app.content import load_content
from supervision_app.domain.attention import Kind, Level
from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import Visibility
from supervision_app.domain.visibility import on_the_record
from supervision_app.paths import resources_dir
from supervision_app.services.attention import home_attention
from supervision_app.services.contacts import ContactsService
from supervision_app.services.cpd import CpdService
from supervision_app.services.demo import fill_demo, fill_demo_supervisee
from supervision_app.services.groups import GroupService
from supervision_app.services.manager_review import ManagerReviewService
from supervision_app.services.working_days import Nation, is_working_day, set_organisation_nation
from supervision_app.storage import agreements
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
        groups = GroupService(demo)  # one-to-one sessions: a group session is not the agreed cadence
        held = sorted(s.scheduled_start for s in demo.list_sessions(person.id)
                      if s.status is SessionStatus.SIGNED_OFF and groups.group_of_session(s.id) is None)
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


def test_the_demo_shows_issue_15_contacts_checklist_private_items_and_an_agreement_to_review(
        demo: SqlRecordStore) -> None:
    content = load_content(resources_dir())
    contacts = ContactsService(demo, content)
    assert len(contacts.contacts()) == 4
    assert [c.name for c in contacts.support_for("bullying_harassment").contacts] == [
        "UNISON Riverside branch", "HR advice line"]
    drafts = [s for s in demo.list_sessions() if s.status is SessionStatus.DRAFT]
    assert drafts
    for draft in drafts:
        record = demo.load_record(draft.id)
        assert {Visibility.DISCUSSED, Visibility.PRIVATE} <= {item.visibility for item in record.agenda}
        titles = [item.title for item in on_the_record(record).record.agenda]
        assert "A personal matter" not in titles and "Annual leave over the holidays" in titles
    daniel = next(p for p in demo.list_people() if p.name == "Daniel Atić-Lee")
    agreement = demo.get_agreement(daniel.id)
    signed = agreements.latest(demo, daniel.id)
    assert agreement is not None and agreement.review_date is not None and signed is not None
    assert signed.signatures == 1 and signed.agreement == agreement
    today = signed.agreed_on  # the day the demo was made
    now = datetime.combine(today, time(9))
    assert timedelta(days=1) <= agreement.review_date - today <= timedelta(days=31)
    row = next(r for r in home_attention(demo, now).rows if r.person_id == daniel.id)
    assert any(r.kind is Kind.AGREEMENT and r.level is Level.DUE_SOON for r in row.reasons)
    reviews = ManagerReviewService(demo, content, lambda: now)
    assert [r.answered for r in reviews.reviews()] == [3] and reviews.reminder() is None
    cpd = CpdService(demo, SettableClock(now))
    last_year = cpd.progress(cpd.this_year() - 1)
    assert last_year.pieces >= 3 and last_year.with_peer_reflection == 0  # a year that ended short
    assert len({e.done_on.month for e in cpd.entries(cpd.this_year() - 1)}) >= 3


def test_the_supervisees_demo_has_the_organisations_contacts(open_vault) -> None:  # type: ignore[no-untyped-def]
    fill_demo_supervisee(open_vault.store, date(2026, 11, 1))
    assert len(ContactsService(open_vault.store, load_content(resources_dir())).contacts()) == 4


def test_the_demo_has_a_signed_off_group_session_and_each_member_their_record(demo: SqlRecordStore) -> None:
    from supervision_app.services.note import note_for_session, render_text

    [summary] = GroupService(demo).summaries()
    assert summary.group.status is SessionStatus.SIGNED_OFF
    assert summary.member_names == "Siobhán O'Connell, Daniel Atić-Lee"
    siobhan, daniel = (summary.group.session_of(p.id) for p in summary.members)
    assert siobhan is not None and daniel is not None
    hers, his = render_text(note_for_session(demo, siobhan)), render_text(note_for_session(demo, daniel))
    for note in (hers, his):
        assert "Threshold decisions on duty" in note and "Siobhán O'Connell and Daniel Atić-Lee" in note
        assert "court timetable" not in note  # Daniel's own item is private: in no note, his neither
    assert "Mentoring newer workers" in hers and "Mentoring newer workers" not in his
