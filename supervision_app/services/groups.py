"""Group and peer supervision: booking a group session, writing it, and signing it off.

Sign-off needs the supervisor's confirmation and every member's. It then adds, for each member, a signed-off
session of theirs whose record is :func:`domain.group.member_record`: the shared frame, agenda, discussion
and learning, the names of everyone present, and their own part only. From then on a member's record of the
group is one of their sessions like any other: it is on their list and their history, its actions are open
among their own until reviewed at a later session, it is found by search under them, and its note is made,
signed by the supervisor and countersigned by the member exactly as a one-to-one note is
(``services/notes.py``, the exchange).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from supervision_app.domain.audit import AuditAction, session_subject
from supervision_app.domain.group import (
    GroupKind,
    GroupRecord,
    GroupSession,
    check_members,
    confirm_member,
    confirm_supervisor,
    member_record,
    present_line,
)
from supervision_app.domain.model import NewSession, Person, PersonRole, SessionMode, SessionStatus
from supervision_app.domain.record import Confirmation, SessionRecord
from supervision_app.domain.rules import check_record
from supervision_app.errors import UsageError
from supervision_app.services.people import colleague_ids, find_supervisee
from supervision_app.storage import audit, groups
from supervision_app.storage.records import RecordNotFound, SqlRecordStore


@dataclass(frozen=True)
class GroupSummary:
    group: GroupSession
    members: tuple[Person, ...]
    facilitator: Person | None

    @property
    def member_names(self) -> str:
        return ", ".join(person.name for person in self.members)


class GroupService:
    def __init__(self, store: SqlRecordStore, clock: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self._clock = clock

    def now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    # --- who may be in a group ------------------------------------------------------

    def candidates(self) -> list[Person]:
        """The supervisees of this supervisor, by name: those a group may be made of."""
        colleagues = colleague_ids(self.store)
        return [p for p in self.store.list_people()
                if p.role is PersonRole.SUPERVISEE and not p.is_self and p.id not in colleagues]

    # --- booking and writing ----------------------------------------------------------

    def create(self, start: datetime, member_ids: tuple[int, ...], *, kind: GroupKind = GroupKind.SUPERVISOR_LED,
               facilitator_id: int | None = None, duration_minutes: int = 90,
               mode: SessionMode = SessionMode.IN_PERSON, location: str = "") -> GroupSession:
        check_members(kind, member_ids, facilitator_id)
        allowed = {p.id for p in self.candidates()}
        if not set(member_ids) <= allowed:
            raise ValueError("Every member must be one of your supervisees.")
        return groups.add_group(self.store, start, kind, member_ids, facilitator_id,
                                duration_minutes=duration_minutes, mode=mode, location=location.strip())

    def get(self, group_id: int) -> GroupSession:
        try:
            return groups.get_group(self.store, group_id)
        except RecordNotFound:
            raise UsageError(f"There is no group session with id G{group_id}; 'sessions' lists them.") from None

    def open(self, group_id: int) -> tuple[GroupSession, GroupRecord]:
        return self.get(group_id), groups.load_group_record(self.store, group_id)

    def save_draft(self, group_id: int, record: GroupRecord) -> None:
        groups.save_group_record(self.store, group_id, record, status=SessionStatus.DRAFT)

    def summaries(self, person: Person | None = None) -> list[GroupSummary]:
        """Group sessions, oldest first, with their members by name (only ``person``'s, if given)."""
        people = {p.id: p for p in self.store.list_people()}
        return [GroupSummary(group, tuple(people[i] for i in group.member_ids if i in people),
                             people.get(group.facilitator_id) if group.facilitator_id is not None else None)
                for group in groups.list_groups(self.store, person.id if person else None)]

    # --- sign-off -----------------------------------------------------------------------

    def member_records(self, group: GroupSession, record: GroupRecord) -> dict[int, SessionRecord]:
        """Each member's own record of the group, as it will be signed off."""
        people = {p.id: p for p in self.store.list_people()}
        supervisor = self.store.own_profile()
        facilitator = people[group.facilitator_id].name if group.facilitator_id in people else None
        present = present_line(group.kind, supervisor.name if supervisor else "the supervisor",
                               [people[i].name for i in group.member_ids if i in people], facilitator)
        return {part.person_id: member_record(record, part.person_id, present) for part in record.members}

    def confirm(self, group_id: int, record: GroupRecord, person_id: int | None,
                confirmation: Confirmation) -> GroupSession:
        """Record the supervisor's confirmation (``person_id`` None) or a member's. When all have confirmed, sign
        the group off and give each member their record of it. Raises ``ValueError`` with the first blocking
        problem; nothing is kept then."""
        group = self.get(group_id)
        if group.status is SessionStatus.SIGNED_OFF:
            raise ValueError("This group session is already signed off.")
        names = {p.id: p.name for p in self.store.list_people()}
        for member_id, member in self.member_records(group, record).items():
            blocking = [p for p in check_record(member, self.now().date()) if p.blocks_sign_off]
            if blocking:
                raise ValueError(f"{names.get(member_id, 'A member')}: {blocking[0].message}")
        if person_id is None:
            confirm_supervisor(record, confirmation, self.now())
        else:
            confirm_member(record, person_id, confirmation, self.now())
        if not record.signed_off:
            self.save_draft(group_id, record)
            return group
        return self._sign_off(group, record)

    def _sign_off(self, group: GroupSession, record: GroupRecord) -> GroupSession:
        members = self.member_records(group, record)
        booking = [(person_id, NewSession(
            supervisee_id=person_id, scheduled_start=group.scheduled_start, duration_minutes=group.duration_minutes,
            mode=group.mode, location=group.location, status=SessionStatus.SIGNED_OFF,
            notes=f"Group session G{group.id}"), member) for person_id, member in members.items()]
        with self.store.transaction():
            signed = groups.sign_off(self.store, group.id, record, booking)
            for _person, session_id in signed.member_sessions:
                audit.record(self.store, AuditAction.SIGN_OFF, session_subject(session_id), f"group G{group.id}")
        return signed

    # --- finding a member's record ----------------------------------------------------

    def member_session(self, group_id: int, name: str) -> int:
        """The session that is this member's record of the group (part of their name will do)."""
        group = self.get(group_id)
        person = find_supervisee(self.store, name)
        if person.id not in group.member_ids:
            raise UsageError(f"{person.name} is not a member of group session G{group_id}.")
        session_id = group.session_of(person.id)
        if session_id is None:
            raise UsageError(f"Group session G{group_id} is not signed off yet, so {person.name} has no note of it.")
        return session_id

    def group_of_session(self, session_id: int) -> int | None:
        return groups.group_of_session(self.store, session_id)


def parse_group_id(text: str) -> int:
    """``G12`` or ``12``: a group session's id as the lists show it."""
    cleaned = text.strip().lower().removeprefix("g")
    if not cleaned.isdigit():
        raise UsageError(f"'{text}' is not a group session's id; 'sessions' lists them (G1, G2, ...).")
    return int(cleaned)


__all__ = ["GroupService", "GroupSummary", "parse_group_id"]
