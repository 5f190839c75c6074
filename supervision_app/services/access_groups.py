"""Group sessions not yet signed off in an access request's export (``services/access_document``).

Once a group session is signed off, each member's record of it is one of their own sessions and is exported
with the others. Before that, their part lives in the group's record: it is exported as their own record of
the group as it stands (``domain/group.member_record``: the shared parts and their own part, nothing of
another member's), private items included as in every session of the export.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from supervision_app.domain.codec import to_json
from supervision_app.domain.group import GroupSession
from supervision_app.domain.model import SessionStatus
from supervision_app.domain.record import SessionRecord, Visibility
from supervision_app.formatting import format_long_datetime
from supervision_app.services.groups import GroupService
from supervision_app.services.note import Section, _agenda, _decisions, _learning
from supervision_app.storage import groups
from supervision_app.storage.records import SqlRecordStore


@dataclass(frozen=True)
class HeldGroup:
    group: GroupSession
    record: SessionRecord  # the person's own record of it, as it stands


def groups_in_progress(store: SqlRecordStore, person_id: int) -> list[HeldGroup]:
    """The group sessions with the person that are not signed off, oldest first, with their record of each."""
    service = GroupService(store)
    held = []
    for group in groups.list_groups(store, person_id):
        if group.status is not SessionStatus.SIGNED_OFF:
            records = service.member_records(group, groups.load_group_record(store, group.id))
            if person_id in records:
                held.append(HeldGroup(group, records[person_id]))
    return held


def groups_json(held: list[HeldGroup]) -> list[dict[str, Any]]:
    """The ``group_sessions_in_progress`` part of ``all-records.json``."""
    return [{"group_id": each.group.id, "kind": each.group.kind.value,
             "scheduled_start": each.group.scheduled_start.isoformat(timespec="minutes"),
             "duration_minutes": each.group.duration_minutes, "mode": each.group.mode.value,
             "location": each.group.location, "status": each.group.status.value,
             "record": json.loads(to_json(each.record))} for each in held]


def group_section(held: list[HeldGroup], visibility: Callable[[Visibility], str],
                  actions: Callable[[SessionRecord], Section]) -> Section:
    parts = tuple(Section(f"group:{each.group.id}", f"{each.group.kind.label}: "
                          f"{format_long_datetime(each.group.scheduled_start)}", subsections=(
                              Section("booking", "Booking", fields=(
                                  ("Status", each.group.status.label),
                                  ("Present", each.record.setting.present or "Not recorded"))),
                              _agenda(each.record, visibility), _decisions(each.record), _learning(each.record),
                              actions(each.record)))
                  for each in held)
    return Section("group_sessions", "Group sessions not yet signed off", paragraphs=(
        "Their part of each, with the shared parts; once signed off, it is one of their sessions above.",)
        if parts else (), subsections=parts, empty_text="None.")
