"""A fictional team, so a newcomer has something real-looking to open and explore.

Every name and detail here is invented. Dates are relative to ``today``: each
supervisee has five signed-off sessions behind them (fortnightly for the newly
qualified worker, as the app recommends, monthly for the others), a session in
progress and the next one booked, all on working days (and every due date on one)
of the nation kept in the vault. The history is made
through the same session service the app uses, so carry-forward, sign-off,
booking and the suggested dates are real. Each action names the flag or agenda
item it came from, and each addendum corrects something the record says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from supervision_app.clock import SettableClock
from supervision_app.content import ToolkitContent
from supervision_app.domain.agreement import Agreement
from supervision_app.domain.contacts import OrganisationContact
from supervision_app.domain.cpd import CpdEntry, CpdType, year_bounds, year_ending
from supervision_app.domain.manager_review import Answer, ManagerReview, ReviewAnswer
from supervision_app.domain.model import NewPerson, Person, PersonRole, SessionMode, SessionStatus, SupervisionSession
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    AgendaItem,
    AgendaSource,
    Confirmation,
    Decision,
    Flag,
    FlagLevel,
    HseRating,
    ReviewOutcome,
    SessionRecord,
    Signatory,
    StressorRating,
    TimeProtection,
    Visibility,
)
from supervision_app.services.contacts import ContactsService
from supervision_app.services.manager_review import questions as review_questions
from supervision_app.services.my_supervision import MySupervisionService, Use, set_app_uses
from supervision_app.services.people import ORGANISATION_KEY, save_profile
from supervision_app.services.sessions import SessionService
from supervision_app.services.working_days import previous_working_day
from supervision_app.storage import cpd as stored_cpd
from supervision_app.storage import manager_review as stored_reviews
from supervision_app.storage.records import SqlRecordStore

DEMO_ORGANISATION = "Riverside Borough Council, Children's Services (fictional)"

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
    SessionMode.VIDEO: "Teams; both in private rooms",
    SessionMode.TELEPHONE: "Supervisee at home in a private room",
}


@dataclass
class _Month:
    """What one month's session covered, written as a supervisor would record it."""

    agenda: list[AgendaItem]
    actions: list[Action] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    learning: str = ""
    opening: str = ""
    ratings: dict[str, int] = field(default_factory=dict)
    comment: str = ""
    interrupted: str = ""
    # The flag (its category) the actions came from; otherwise the first agenda item reached.
    actions_from_flag: str = ""
    # An addendum after sign-off: (item title, the words as corrected, the words on the record).
    correction: tuple[str, str, str] | None = None


def _item(title: str, wanted: str, notes: str, *, reached: bool = True, ref: str = "", well: str = "",
          hard: str = "", learned: str = "", cpd: bool = False, decision: tuple[str, str] | None = None) -> AgendaItem:
    return AgendaItem(
        title=title, wanted_outcome=wanted, notes=notes if reached else "", reached=reached,
        case_reference=ref, went_well=well if reached else "", difficult=hard if reached else "",
        learned=learned if reached else "", cpd=cpd and reached, source=AgendaSource.PREPARED,
        decisions=[Decision(*decision)] if decision and reached else [],
    )


def _months(person_index: int, today: date) -> list[_Month]:
    soon = today + timedelta(days=10)
    overdue = today - timedelta(days=12)
    if person_index == 0:  # Zoë, newly qualified: fortnightly, so her history is ten weeks long
        return [
            _Month([_item("Settling into duty", "Know who to ask, and when",
                          "First weeks on duty. Zoë feels well supported by the team.",
                          well="Colleagues offered to co-work the first visits.",
                          learned="Use the duty senior for threshold questions.", cpd=True)],
                   [Action("Shadow two strategy discussions", due=today - timedelta(days=66))],
                   opening="Feels welcomed; nervous about duty weeks.", ratings={"demands": 3, "peer_support": 5}),
            _Month([_item("First child protection enquiry", "Check the analysis before the conference",
                          "Talked through the section 47 analysis for case AB-1042.", ref="A.B.",
                          hard="Parent's hostility at the home visit.",
                          decision=("Co-work the next visit with Siobhán", "Hostility and lone working risk"))],
                   [Action("Complete ASYE reflective log entry 3", due=today - timedelta(days=52))],
                   [Flag("violence_aggression", FlagLevel.SUPPORT_AGREED, Visibility.ON_RECORD,
                         "Verbal aggression at a home visit; co-working agreed.")]),
            _Month([_item("Court skills", "A plan for preparing a first statement",
                          "First statement due in the new year; no court training yet."),
                    _item("Caseload", "Agree a manageable number", "Caseload is 14; agreed to cap at 15 "
                          "during ASYE.", decision=("Cap Zoë's caseload at 15 during ASYE",
                                                    "ASYE protected caseload")),
                    _item("Team away day", "Ideas for the agenda", "", reached=False)],
                   [Action("Book the court skills course", due=overdue)],
                   [Flag("long_hours", FlagLevel.NOTED, Visibility.DISCUSSED, "Working late twice a week.")],
                   interrupted="Fire alarm test; 10 minutes lost."),
            _Month([_item("Reflection on a difficult visit", "Space to think it through",
                          "Reflected on a visit where a child disclosed harm.", ref="C.D.",
                          well="Stayed calm and followed procedure.", hard="Could not stop thinking about it "
                          "at home.", learned="Debrief with the duty senior the same day.", cpd=True)],
                   [Action("Ask the EAP about trauma-informed support", owner=ActionOwner.SUPERVISEE,
                           due=soon)],
                   [Flag("secondary_trauma_critical_incident", FlagLevel.SUPPORT_AGREED, Visibility.ON_RECORD,
                         "Distress after a disclosure; EAP offered.")],
                   learning="Read Ferguson on the emotional experience of home visits.",
                   comment="I would like more time on duty debriefs.",
                   actions_from_flag="secondary_trauma_critical_incident"),
            _Month([_item("ASYE progress review", "Know what is left for the midpoint review",
                          "On track; two observations left.", decision=("Arrange observation by Siobhán",
                                                                        "A practice educator is not free"))],
                   [Action("Arrange the second direct observation", owner=ActionOwner.SUPERVISOR, due=soon)],
                   [Flag("personal_stressor", FlagLevel.NOTED, Visibility.PRIVATE,
                         "Worry about a family member's health.")]),
        ]
    if person_index == 1:  # Siobhán, senior practitioner
        return [
            _Month([_item("Practice educator role", "Agree time for it", "Agreed half a day a week.",
                          decision=("Half a day a week protected for practice education",
                                    "Team needs the capacity"))],
                   [Action("Confirm PE hours with the service manager", owner=ActionOwner.SUPERVISOR,
                           due=today - timedelta(days=130))]),
            _Month([_item("Complex case: neglect", "Second view on the plan", "Case EF-2201 reviewed.",
                          ref="E.F.", decision=("Escalate to legal planning meeting", "No progress in 6 months"))],
                   [Action("Request legal planning meeting", due=today - timedelta(days=90))],
                   [Flag("moral_distress", FlagLevel.NOTED, Visibility.DISCUSSED,
                         "Frustration that resources do not match need.")],
                   correction=("Complex case: neglect", "No progress in 9 months", "No progress in 6 months")),
            _Month([_item("Team cover", "Share the load fairly", "Covering two vacant posts.", hard="Tired.")],
                   [Action("Raise the vacancies at the managers' meeting", owner=ActionOwner.SUPERVISOR,
                           due=today - timedelta(days=50))],
                   [Flag("workload_caseload", FlagLevel.URGENT, Visibility.ON_RECORD,
                         "Covering two vacant posts; 22 cases.")],
                   ratings={"demands": 1, "control": 2, "managerial_support": 4},
                   actions_from_flag="workload_caseload"),
            _Month([_item("Career", "Think about the next step", "Interested in a consultant social worker "
                          "role.", learned="Look at the PCF senior levels.", cpd=True)],
                   [Action("Find a mentor in the adult team", due=overdue)],
                   [Flag("thinking_of_leaving", FlagLevel.NOTED, Visibility.PRIVATE,
                         "Has an interview elsewhere.")]),
            _Month([_item("Anti-racist practice group", "Support to lead it", "Agreed to co-lead the group.",
                          decision=("Co-lead the practice group with Aisha", "Shared leadership"))],
                   [Action("Draft terms of reference for the group", due=soon)],
                   [Flag("discrimination_racism", FlagLevel.SUPPORT_AGREED, Visibility.ON_RECORD,
                         "Racist comment from a parent; reported and support agreed.")]),
        ]
    return [  # Daniel
        _Month([_item("Hybrid working", "Agree office days", "Agreed Tuesdays and Thursdays in the office.")],
               [Action("Update the team rota", owner=ActionOwner.OTHER, due=today - timedelta(days=140))],
               [Flag("isolation_working_alone", FlagLevel.NOTED, Visibility.ON_RECORD,
                     "Feels cut off on home days.")],
               correction=("Hybrid working", "Tuesdays and Fridays", "Tuesdays and Thursdays")),
        _Month([_item("Laptop problems", "Working equipment", "Laptop freezes on video calls.")],
               [Action("Log a ticket with IT and chase it", due=today - timedelta(days=100))],
               [Flag("equipment_it", FlagLevel.SUPPORT_AGREED, Visibility.ON_RECORD,
                     "Laptop unreliable for video visits.")],
               actions_from_flag="equipment_it"),
        _Month([_item("Abuse on social media", "Know what the council will do", "A parent posted Daniel's "
                      "photo online.", hard="Felt unsafe.", decision=("Report to the police and the web team",
                                                                      "Policy on online abuse"))],
               [Action("Send the screenshots to the web team", due=today - timedelta(days=60))],
               [Flag("abuse_from_public", FlagLevel.URGENT, Visibility.ON_RECORD,
                     "Photo shared online with threats; police informed.")],
               actions_from_flag="abuse_from_public"),
        _Month([_item("Supervision itself", "Regular, protected sessions", "Two sessions were moved last "
                      "quarter.", decision=("Book the year's sessions now", "Protected time"))],
               [Action("Book monthly sessions to the end of next year", owner=ActionOwner.SUPERVISOR,
                       due=overdue)],
               [Flag("access_to_supervision", FlagLevel.NOTED, Visibility.ON_RECORD,
                     "Sessions moved twice.")]),
        _Month([_item("Back pain", "Adjustments at the desk", "Occupational Health referral discussed.")],
               [Action("Make the Occupational Health referral", owner=ActionOwner.SUPERVISOR, due=soon)],
               [Flag("health_affecting_work", FlagLevel.SUPPORT_AGREED, Visibility.DISCUSSED,
                     "Back pain from long drives.")],
               ratings={"demands": 3, "role": 4}),
    ]


def _month_start(day: date, months_back: int) -> date:
    year, month = day.year, day.month - months_back
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


def fill_demo(store: SqlRecordStore, today: date) -> None:
    """Add the demo team, their agreements and their supervision histories."""
    supervisor = store.add_person(DEMO_SUPERVISOR)
    store.set_meta(ORGANISATION_KEY, DEMO_ORGANISATION)
    clock = SettableClock(datetime.combine(today, time(9)))
    service = SessionService(store, clock)
    for index, template in enumerate(DEMO_SUPERVISEES):
        person = store.add_person(template)
        agreement = Agreement.default_for(person.id, newly_qualified=person.newly_qualified,
                                          today=_month_start(today, 6))
        mode = (SessionMode.IN_PERSON, SessionMode.VIDEO, SessionMode.IN_PERSON)[index]
        # The cadence is the app's own recommendation: fortnightly while newly qualified.
        agreement = Agreement(**{**vars(agreement), "mode": mode, "place": _PLACES[mode],
                                 "supervisor_is_line_manager": index != 1,
                                 "line_manager_name": "" if index != 1 else "Marcus Obi, Service Manager",
                                 "technology_notes": "Teams; camera on; headsets" if mode is SessionMode.VIDEO
                                 else ""})
        store.save_agreement(agreement)
        _history(service, supervisor, person, index, today, clock, agreement.frequency_weeks)
    _supervisor_cpd(store, today)
    _issue_15(store, service, today)
    _group_session(store, today)


def _group_session(store: SqlRecordStore, today: date) -> None:
    """A signed-off group session, seven weeks ago, with Siobhán and Daniel: a shared discussion, each with an
    item of their own (Daniel's kept private) and an action that is theirs."""
    from supervision_app.services.groups import GroupService  # not at the top: groups → people → … → demo

    people = {p.name: p for p in store.list_people()}
    siobhan, daniel = people["Siobhán O'Connell"], people["Daniel Atić-Lee"]
    held = datetime.combine(previous_working_day(today - timedelta(weeks=7), SessionService(store).nation),
                            time(15, 30))
    service = GroupService(store, SettableClock(held + timedelta(hours=2)))
    group = service.create(held, (siobhan.id, daniel.id), location=_PLACES[SessionMode.IN_PERSON])
    _group, record = service.open(group.id)
    record.setting.private_space_confirmed = True
    record.setting.time_protection = TimeProtection.PROTECTED
    record.setting.started_at, record.setting.ended_at = held, held + timedelta(minutes=75)
    record.agenda.append(_item("Threshold decisions on duty", "A shared way to record our reasons",
                               "We compared three recent referrals and how each was decided.",
                               well="Everyone brought an example.", learned="Naming the evidence for and against "
                               "makes a decision easier to explain to a family.",
                               decision=("Record the evidence for and against in every threshold decision",
                                         "So that a family can be told why.")))
    record.learning = "A threshold decision is easier to defend when its reasons are written down at the time."
    due = SessionService(store).working_day_from(today + timedelta(weeks=3))
    for person, title, notes, action in (
            (siobhan, "Mentoring newer workers on duty", "Siobhán offered to pair with newer workers on duty days.",
             "Draft a one-page duty decisions guide for the team"),
            (daniel, "Feeling stretched by the court timetable", "Daniel talked about the pressure of two "
             "final hearings in one month.", "Share one anonymised threshold example at the next group")):
        part = record.part_of(person.id)
        part.agenda = [_item(title, "", notes)]
        part.agenda[0].visibility = Visibility.PRIVATE if person is daniel else Visibility.ON_RECORD
        # Daniel's action came of the shared discussion: his own item is private, and an action points at none.
        part.actions = [Action(action, due=due, source_id=(record.agenda if person is daniel else part.agenda)[0].id)]
    for person in (siobhan, daniel):
        service.confirm(group.id, record, person.id, Confirmation.AGREED)
    service.confirm(group.id, record, None, Confirmation.AGREED)


def _supervisor_cpd(store: SqlRecordStore, today: date) -> None:
    """Aisha's own CPD, spread across the registration year so far (and the end of the last one)."""
    first, _last = year_bounds(year_ending(today))
    entries = [
        CpdEntry(CpdType.COURSE, "Leading anti-racist practice: a two-day course", first - timedelta(days=20),
                 relevance="I co-lead the team's practice group.", learnt="How to hold difficult conversations "
                 "about race in supervision.", impact_practice="I ask about identity and experience in every "
                 "supervision agreement.", impact_people="Families are asked what matters to them about their "
                 "culture and faith, and it is written into plans."),
        CpdEntry(CpdType.READING, "Reading: the emotional experience of home visits", first + timedelta(days=45),
                 relevance="Newly qualified workers in the team meet hostility on visits.",
                 learnt="Anxiety on a visit can stop a worker seeing the child.",
                 impact_practice="I make time for debriefs after hard visits.",
                 impact_people="Children are seen and heard, not only their parents."),
        CpdEntry(CpdType.SUPERVISION, "Practice group: reviewing our duty decisions", first + timedelta(days=150),
                 relevance="Threshold decisions on duty vary between workers.",
                 learnt="We agreed a shared way to record the reasons for a threshold decision.",
                 impact_practice="My decisions on duty now name the evidence for and against.",
                 impact_people="Families get clearer letters about why we are, or are not, involved.",
                 peer_reflection="Siobhán challenged my reading of one referral; talking it through changed "
                 "my decision and how I explain thresholds to the team."),
        CpdEntry(CpdType.PODCAST, "Podcast: Social Work England on CPD and feedback", first + timedelta(days=250),
                 relevance="I want feedback from the families we work with to shape the team's practice.",
                 learnt="Informal feedback after a meeting is as useful as a formal survey.",
                 impact_practice="I ask one question about how a meeting felt at the end of each one I chair."),
    ]
    for entry in entries:
        if entry.done_on <= today:
            stored_cpd.save(store, entry)


# --- Issue 15: the organisation's contacts, the managers' checklist, items kept private or only discussed,
# and a signed agreement whose review is coming up. One block, called once at the end of fill_demo.

DEMO_CONTACTS = (
    OrganisationContact("Employee Assistance Programme (Riverside Care Line)", "Free, confidential counselling "
                        "for problems at work or at home; you can call without anyone at work knowing.",
                        "0800 000 0000", "", "www.example.org/care-line", "24 hours a day, every day",
                        ("secondary_trauma_critical_incident", "personal_stressor", "health_affecting_work",
                         "thinking_of_leaving")),
    OrganisationContact("Occupational Health", "Referral through your manager or HR; adjustments at work.",
                        "01632 960000", "occupational.health@example.org", "", "Monday to Friday, 9am to 5pm",
                        ("health_affecting_work", "long_hours")),
    OrganisationContact("UNISON Riverside branch", "Advice and representation, including on bullying and "
                        "caseloads.", "01632 960001", "branch@example.org", "", "",
                        ("bullying_harassment", "workload_caseload", "discrimination_racism")),
    OrganisationContact("HR advice line", "Policies, dignity at work, and reporting abuse from the public.",
                        "01632 960002", "hr.advice@example.org"),  # every category
)


def _issue_15(store: SqlRecordStore, service: SessionService, today: date) -> None:
    from supervision_app.content import load_content
    from supervision_app.paths import resources_dir

    content = load_content(resources_dir())
    _organisation_contacts(store, content)
    _managers_review(store, content, today)
    _supervisor_cpd_last_year(store, today)
    _private_and_discussed_items(service, today)
    _agreement_signed_for_review(store, content, today)


def _organisation_contacts(store: SqlRecordStore, content: ToolkitContent) -> None:
    """The organisation's contacts, as it would fill them in once (on the supervisee's install too)."""
    contacts = ContactsService(store, content)
    for contact in DEMO_CONTACTS:
        contacts.save(OrganisationContact(**vars(contact)))


def _managers_review(store: SqlRecordStore, content: ToolkitContent, today: date) -> None:
    """One self-review against the managers' checklist, seven weeks ago (the next is due in about five)."""
    done_on = today - timedelta(weeks=7)
    said = {("demands", 0): (Answer.PARTLY, "Two vacant posts; cover shared, but caseloads are over 20."),
            ("managerial_support", 0): (Answer.YES, "Monthly supervision for everyone, booked ahead."),
            ("relationships", 0): (Answer.YES, "Dignity at work policy shared at the team meeting.")}
    answers = [ReviewAnswer(q.key, *said.get((q.key.standard_id, q.key.index), (None, "")))
               for q in review_questions(content)]
    stored_reviews.add(store, ManagerReview(done_on, answers))


def _supervisor_cpd_last_year(store: SqlRecordStore, today: date) -> None:
    """Aisha's CPD across the registration year before this one: enough pieces, but none with peer
    reflection, so the log shows a year that ended short (this year's has one: ``_supervisor_cpd``)."""
    first, _last = year_bounds(year_ending(today))
    for days_before, kind, title, learnt in (
            (290, CpdType.COURSE, "Course: trauma-informed supervision",
             "How to notice vicarious trauma in the people I supervise."),
            (200, CpdType.PRACTICE, "Managers' development day: protected supervision",
             "Ways to keep supervision protected when the team is short-staffed."),
            (110, CpdType.READING, "Reading: the BASW/SWU wellbeing toolkit",
             "The HSE standards as a checklist for managers, not only for workers.")):
        stored_cpd.save(store, CpdEntry(
            kind, title, first - timedelta(days=days_before), relevance="I supervise and manage a duty team.",
            learnt=learnt, impact_practice="I ask about wellbeing at the start of every supervision.",
            impact_people="Workers who feel supported stay, so families keep the same social worker."))


def _private_and_discussed_items(service: SessionService, today: date) -> None:
    """In each draft: one item only discussed (its title on the record) and one kept private (never on it)."""
    for person in service.store.list_people():
        for session in service.store.list_sessions(person.id):
            if session.status is not SessionStatus.DRAFT:
                continue
            session, record = service.open_session(session.id)
            record.agenda.append(AgendaItem("Annual leave over the holidays", "Agree cover",
                                            notes="Leave agreed; cover from the duty rota.", reached=True,
                                            visibility=Visibility.DISCUSSED))
            record.agenda.append(AgendaItem("A personal matter", "Time to talk it through",
                                            notes="Talked about a family member's health; kept here only.",
                                            reached=True, visibility=Visibility.PRIVATE))
            service.save_draft(session.id, record)


def _agreement_signed_for_review(store: SqlRecordStore, content: ToolkitContent, today: date) -> None:
    """Daniel's agreement, its review three weeks ahead, signed by the supervisor (the supervisee has not yet)."""
    from supervision_app.paths import resources_dir
    from supervision_app.services.agreement_pdf import AgreementService
    from supervision_app.services.notes import NoteService

    daniel = next(p for p in store.list_people() if p.name == DEMO_SUPERVISEES[2].name)
    agreement = store.get_agreement(daniel.id)
    assert agreement is not None
    store.save_agreement(replace(agreement, review_date=today + timedelta(weeks=3)))
    notes = NoteService(store, content, resources_dir() / "fonts")
    AgreementService(notes, lambda: datetime.combine(today, time(9)).astimezone(UTC)).current_signed(daniel)


DEMO_SUPERVISEE_SELF = DEMO_SUPERVISEES[0]


def fill_demo_supervisee(store: SqlRecordStore, today: date) -> None:
    """A newly qualified worker's own install: her supervisor, and one piece of CPD this registration year.

    That piece is her reflection in supervision (peer reflection); one more piece is needed. Her
    install holds no record received from her supervisor, so the entry names the supervision by its day.
    """
    worker = DEMO_SUPERVISEE_SELF
    save_profile(store, worker.name, worker.job_title, worker.team, DEMO_ORGANISATION)
    set_app_uses(store, frozenset({Use.SUPERVISED}))
    MySupervisionService(store).add_supervisor(DEMO_SUPERVISOR.name)
    first, _last = year_bounds(year_ending(today))
    held_on = max(first, previous_working_day(today - timedelta(days=24), SessionService(store).nation))
    stored_cpd.save(store, CpdEntry(
        CpdType.SUPERVISION, "Supervision: reflecting on a visit where a child disclosed harm", held_on,
        relevance="As a newly qualified worker I am learning to manage the emotional impact of the work.",
        learnt="Debriefing with the duty senior on the same day helps me think clearly, and I am not expected "
        "to carry it alone.",
        impact_practice="I book a debrief before I leave for a visit I expect to be hard.",
        impact_people="I stay focused on the child during the visit, and my recording is clearer afterwards.",
        peer_reflection=f"Talking it through in supervision with {DEMO_SUPERVISOR.name} helped me see that "
        "I followed procedure well, and that my distress afterwards was a normal response to share."))
    from supervision_app.content import load_content
    from supervision_app.paths import resources_dir

    _organisation_contacts(store, load_content(resources_dir()))  # issue 15: shown on My supervision


def _history(service: SessionService, supervisor: Person, person: Person, index: int, today: date,
             clock: SettableClock, weeks: int) -> None:
    # Counted back from today, so the draft is from last week and the next
    # session is a few weeks ahead, whatever day the demo is made. Every later
    # date is the one the app itself suggests, so none is at a weekend or on
    # a bank holiday.
    first_day = previous_working_day(today - timedelta(weeks=5 * weeks + 1, days=index), service.nation)
    session = service.book(person.id, datetime.combine(first_day, time(10 + 2 * index)))
    for number, month in enumerate(_months(index, today)):
        if index == 2 and number == 2:
            # Cancelled for a court hearing, and moved to the date the app suggests.
            clock.now = session.scheduled_start - timedelta(days=1)
            replacement = service.cancel(session.id, "Daniel was called to give evidence at a care hearing.",
                                         service.suggested_move(session))
            assert replacement is not None
            session = replacement
        clock.now = session.scheduled_start
        session, record = service.open_session(session.id)
        _fill(record, month, session.scheduled_start, person, supervisor, number, service.working_day_from)
        record.next_session = service.suggested_next(session)
        _sign_off(service, clock, session, record, month, session.scheduled_start + timedelta(minutes=95))
        booked = [s for s in service.store.list_sessions(person.id) if s.status is SessionStatus.SCHEDULED]
        session = booked[0]
    # This month: started, half written, not yet signed off.
    clock.now = session.scheduled_start
    if session.scheduled_start.date() <= today:
        _start_half_written(service, session, supervisor, person)
    clock.now = datetime.combine(today, time(9))


def _sign_off(service: SessionService, clock: SettableClock, session: SupervisionSession, record: SessionRecord,
              month: _Month, at: datetime) -> None:
    """Save the written-up ``record`` at ``at``, both confirm it as ``month`` says, then add its correction."""
    clock.now = at
    service.save_draft(session.id, record)
    service.confirm(session.id, record, Signatory.SUPERVISOR, Confirmation.AGREED)
    agreed = Confirmation.SEEN_NOT_AGREED if month.comment else Confirmation.AGREED
    service.confirm(session.id, record, Signatory.SUPERVISEE, agreed)
    if month.correction:
        _add_correction(service, clock, session, month.correction)


def _add_correction(service: SessionService, clock: SettableClock, session: SupervisionSession,
                    correction: tuple[str, str, str]) -> None:
    """A correction after sign-off: a dated addendum, signed off in turn."""
    clock.now = session.scheduled_start + timedelta(days=3)
    title, right, wrong = correction
    addendum = service.add_addendum(
        session.id, f"Correction to “{title}”: this should read “{right}”, not “{wrong}”.", Signatory.SUPERVISOR)
    service.confirm_addendum(session.id, addendum, Signatory.SUPERVISOR, Confirmation.AGREED)
    clock.now += timedelta(hours=2)
    service.confirm_addendum(session.id, addendum, Signatory.SUPERVISEE, Confirmation.AGREED)


def _start_half_written(service: SessionService, session: SupervisionSession, supervisor: Person,
                        person: Person) -> None:
    """This month's session: started, half written, not yet signed off; and the next one booked."""
    session, record = service.open_session(session.id)
    record.setting.present = f"{supervisor.name} and {person.name}"
    record.setting.started_at = session.scheduled_start
    record.setting.private_space_confirmed = True
    record.agenda.append(AgendaItem("Preparing for the Ofsted visit", "Know what to expect",
                                    source=AgendaSource.ADDED))
    service.save_draft(session.id, record)
    # Sessions are booked ahead (the toolkit's "When"), on the date the app suggests.
    service.book(person.id, service.suggested_next(session))


def _fill(record: SessionRecord, month: _Month, start: datetime, person: Person, supervisor: Person,
          number: int, working_day: Callable[[date], date]) -> None:
    setting = record.setting
    setting.present = f"{supervisor.name} and {person.name}"
    setting.private_space_confirmed = True
    setting.connection_checked = True
    setting.started_at = start
    setting.ended_at = start + timedelta(minutes=90)
    setting.time_protection = TimeProtection.INTERRUPTED if month.interrupted else TimeProtection.PROTECTED
    setting.interruption_note = month.interrupted
    for item in record.agenda:
        if item.source is AgendaSource.CARRIED:
            item.reached = True
            item.notes = "Picked up from last time and agreed a plan."
    record.agenda.extend(month.agenda)
    # Reviews: in alternate months the oldest open action is done; one is
    # dropped with a reason; the rest carry forward or are in progress, so
    # the history shows every outcome and some actions stay open and overdue.
    for position, review in enumerate(record.reviews):
        if position == 0 and number % 2 == 0:
            review.outcome = ReviewOutcome.DONE
        elif position == 0:
            review.outcome = ReviewOutcome.IN_PROGRESS
        elif position == 1 and number == 3:
            review.outcome = ReviewOutcome.DROPPED
            review.note = "No longer needed after the restructure."
        else:
            review.outcome = ReviewOutcome.CARRIED_FORWARD
    record.actions = [Action(a.text, a.owner, "Team administrator" if a.owner is ActionOwner.OTHER else "",
                             working_day(a.due) if a.due else None) for a in month.actions]
    record.flags = [Flag(f.category_id, f.level, f.visibility, f.detail) for f in month.flags]
    first_reached = next(item for item in record.agenda if item.reached and item.source is not AgendaSource.CARRIED)
    for action in record.actions:
        action.source_id = first_reached.id
    for flag in record.flags:
        if flag.category_id == month.actions_from_flag:
            for action in record.actions:
                action.source_id = flag.id
            flag.action_id = record.actions[0].id
        if flag.category_id in ("secondary_trauma_critical_incident", "health_affecting_work"):
            flag.signpost_id = "employee_assistance_programme" if "trauma" in flag.category_id \
                else "occupational_health"
    checkin = record.checkin
    checkin.opening = month.opening or "Talked about what helps to feel well at work: the team, and lunch breaks."
    checkin.hse = {key: HseRating(value) for key, value in month.ratings.items()}
    checkin.visibility = Visibility.ON_RECORD if month.ratings else Visibility.DISCUSSED
    checkin.checklist = {"lunch_break", "reflective_supervision_this_month"}
    if number == 1:
        checkin.stressors = {"moving_house": StressorRating(3, True), "financial_difficulties": StressorRating(2)}
    record.learning = month.learning
    record.learning_cpd = bool(month.learning)
    record.supervisee_comment = month.comment
