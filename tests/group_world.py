"""A signed-off group session on a real vault: a supervisor and three supervisees, each with their own part."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from supervision_app.content import load_content
from supervision_app.domain.group import GroupRecord, GroupSession
from supervision_app.domain.model import NewPerson, Person, PersonRole
from supervision_app.domain.record import (
    Action,
    ActionOwner,
    AgendaItem,
    Confirmation,
    Decision,
    TimeProtection,
    Visibility,
)
from supervision_app.logging_setup import quieten_libraries
from supervision_app.paths import resources_dir
from supervision_app.services.groups import GroupService
from supervision_app.services.notes import NoteService
from supervision_app.services.people import add_supervisee, save_profile
from supervision_app.storage.records import SqlRecordStore

NOW = datetime(2026, 11, 24, 12, 0)
HELD_AT = datetime(2026, 11, 24, 10, 0)
SHARED = "Thresholds for early help referrals"
# Words that only one member's part holds: what must never reach another member.
PRIVATE = {"Sam": "Pomegranate bereavement leave", "Priya": "Quinoa housing worry", "Tom": "Marzipan health"}
OWN = {"Sam": "Sam's court statement drafting", "Priya": "Priya's first child protection conference",
       "Tom": "Tom's caseload weighting"}
ACTION = {"Sam": "Sam to book court skills training", "Priya": "Priya to shadow a conference chair",
          "Tom": "Tom to ask about weighting review"}


@dataclass
class GroupWorld:
    store: SqlRecordStore
    service: GroupService
    notes: NoteService
    members: dict[str, Person]
    group: GroupSession


def fill_parts(record: GroupRecord, members: dict[str, Person]) -> GroupRecord:
    record.setting.private_space_confirmed = True
    record.setting.time_protection = TimeProtection.PROTECTED
    record.agenda.append(AgendaItem(SHARED, notes="We compared thresholds across the team.",
                                    decisions=[Decision("Use the local threshold guide")]))
    record.learning = "Shared learning about thresholds."
    for first, person in members.items():
        part = record.part_of(person.id)
        part.agenda = [AgendaItem(OWN[first], notes=f"{first} talked it through."),
                       AgendaItem(PRIVATE[first], notes=f"{PRIVATE[first]} in detail.", visibility=Visibility.PRIVATE)]
        part.actions = [Action(ACTION[first], ActionOwner.SUPERVISEE, due=date(2026, 12, 18))]
        part.learning = f"{first}'s own learning."
    return record


def group_world(store: SqlRecordStore, *, sign_off: bool = True) -> GroupWorld:
    quieten_libraries()
    save_profile(store, "Aisha Rahman", "Practice Supervisor")
    members = {first: add_supervisee(store, NewPerson(name, PersonRole.SUPERVISEE, job_title="Social Worker"),
                                     today=NOW.date())
               for first, name in (("Sam", "Sam Okafor"), ("Priya", "Priya Shah"), ("Tom", "Tom Byrne"))}
    service = GroupService(store, clock=lambda: NOW)
    group = service.create(HELD_AT, tuple(p.id for p in members.values()), location="Room 2")
    _group, record = service.open(group.id)
    record = fill_parts(record, members)
    service.save_draft(group.id, record)
    if sign_off:
        for person in members.values():
            service.confirm(group.id, record, person.id, Confirmation.AGREED)
        group = service.confirm(group.id, record, None, Confirmation.AGREED)
    notes = NoteService(store, load_content(resources_dir()), resources_dir() / "fonts",
                        clock=lambda: datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    return GroupWorld(store, service, notes, members, service.get(group.id))
