"""A group (or peer-led) supervision session: a shared frame, agenda and discussion, and each member's own part.

The group is written as one record (:class:`GroupRecord`): the setting (Who, Where, When), the shared agenda
with its discussion and decisions, shared learning, and for each member a :class:`MemberPart` (their own
agenda items and contributions, each with its visibility, the actions that are theirs, their own learning
and their comment at sign-off). When everyone has confirmed, each member's part becomes a one-to-one
:class:`SessionRecord` of theirs (:func:`member_record`): the shared parts, the names of the members present,
and their own part only. Nothing of another member's part is ever in it, so another member's private item
cannot reach a note, a record pack, a search or an export of theirs.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from supervision_app.domain.model import SessionMode, SessionStatus
from supervision_app.domain.record import (
    Action,
    AgendaItem,
    Confirmation,
    SessionRecord,
    Setting,
    Signatory,
    SignatureConfirmation,
)

MIN_MEMBERS = 2


class GroupKind(StrEnum):
    SUPERVISOR_LED = "supervisor_led"  # the supervisor leads the group
    PEER_LED = "peer_led"  # one member facilitates; the supervisor keeps and signs the record

    @property
    def label(self) -> str:
        return "Group supervision" if self is GroupKind.SUPERVISOR_LED else "Peer-led group supervision"


@dataclass
class MemberPart:
    """One member's own part of a group session: seen in full in their record only."""

    person_id: int
    agenda: list[AgendaItem] = field(default_factory=list)  # their items; each may be private
    actions: list[Action] = field(default_factory=list)  # theirs (or the supervisor's, for them)
    learning: str = ""
    comment: str = ""  # their comment or disagreement at sign-off
    confirmation: SignatureConfirmation | None = None


@dataclass
class GroupRecord:
    setting: Setting = field(default_factory=Setting)
    agenda: list[AgendaItem] = field(default_factory=list)  # shared: on every member's record
    learning: str = ""  # shared
    members: list[MemberPart] = field(default_factory=list)
    supervisor_confirmation: SignatureConfirmation | None = None

    def part_of(self, person_id: int) -> MemberPart:
        for part in self.members:
            if part.person_id == person_id:
                return part
        raise KeyError(person_id)

    @property
    def signed_off(self) -> bool:
        return self.supervisor_confirmation is not None and all(p.confirmation for p in self.members)


@dataclass(frozen=True)
class GroupSession:
    """A group session's booking: when, how, who facilitates, and its members in order."""

    id: int
    scheduled_start: datetime
    kind: GroupKind
    member_ids: tuple[int, ...]
    facilitator_id: int | None = None  # a member, for peer-led groups
    duration_minutes: int = 90
    mode: SessionMode = SessionMode.IN_PERSON
    location: str = ""
    status: SessionStatus = SessionStatus.DRAFT
    member_sessions: tuple[tuple[int, int], ...] = ()  # (member, their session) once signed off

    def session_of(self, person_id: int) -> int | None:
        return dict(self.member_sessions).get(person_id)


def check_members(kind: GroupKind, member_ids: tuple[int, ...], facilitator_id: int | None) -> None:
    """Raise ``ValueError`` with one sentence if these cannot make a group."""
    if len(set(member_ids)) != len(member_ids):
        raise ValueError("Choose each member once.")
    if len(member_ids) < MIN_MEMBERS:
        raise ValueError(f"A group needs at least {MIN_MEMBERS} members.")
    if kind is GroupKind.PEER_LED and facilitator_id not in member_ids:
        raise ValueError("Choose which member facilitates the peer-led group.")
    if kind is GroupKind.SUPERVISOR_LED and facilitator_id is not None:
        raise ValueError("A group led by the supervisor has no member facilitating.")


def confirm_member(record: GroupRecord, person_id: int, confirmation: Confirmation, at: datetime) -> None:
    record.part_of(person_id).confirmation = SignatureConfirmation(Signatory.SUPERVISEE, confirmation, at)


def confirm_supervisor(record: GroupRecord, confirmation: Confirmation, at: datetime) -> None:
    record.supervisor_confirmation = SignatureConfirmation(Signatory.SUPERVISOR, confirmation, at)


def present_line(kind: GroupKind, supervisor: str, members: list[str], facilitator: str | None) -> str:
    """Who was there, as each member's record says it: the supervisor and every member by name."""
    names = ", ".join(members[:-1]) + f" and {members[-1]}" if len(members) > 1 else "".join(members)
    if kind is GroupKind.PEER_LED:
        return f"{kind.label}, facilitated by {facilitator or 'a member'}: {names} (record kept by {supervisor})"
    return f"{kind.label} led by {supervisor}: {names}"


def member_record(record: GroupRecord, person_id: int, present: str) -> SessionRecord:
    """``person_id``'s own record of the group session: the shared parts and their own part, nothing of any
    other member's. Their private items stay in it, private, as in a one-to-one record."""
    part = record.part_of(person_id)
    setting = copy.deepcopy(record.setting)
    setting.present = present
    learning = "\n\n".join(text for text in (record.learning.strip(), part.learning.strip()) if text)
    confirmations = [c for c in (record.supervisor_confirmation, part.confirmation) if c is not None]
    return SessionRecord(
        setting=setting,
        agenda=copy.deepcopy(record.agenda) + copy.deepcopy(part.agenda),
        learning=learning,
        actions=copy.deepcopy(part.actions),
        supervisee_comment=part.comment,
        confirmations=confirmations,
        checklist_on_note=True,
    )


__all__ = ["GroupKind", "GroupRecord", "GroupSession", "MemberPart", "check_members", "confirm_member",
           "confirm_supervisor", "member_record", "present_line"]
