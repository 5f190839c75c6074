"""Group sessions in the vault (migration 16): ``groups`` holds the booking and the shared record,
``group_members`` each member's own part and, once signed off, the session that is their record of it.

A member's part is kept in their own row, so an erasure deletes it with the row (``storage/erasure.py``),
and nothing of theirs is left in the shared record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Connection, insert, select, update

from supervision_app.domain.codec import from_json, to_json
from supervision_app.domain.group import GroupKind, GroupRecord, GroupSession, MemberPart
from supervision_app.domain.model import NewSession, SessionMode, SessionStatus
from supervision_app.domain.record import SessionRecord
from supervision_app.storage import tables
from supervision_app.storage.records import RecordNotFound, SqlRecordStore

_groups, _members = tables.groups.c, tables.group_members.c
T = TypeVar("T")


def add_group(store: SqlRecordStore, scheduled_start: datetime, kind: GroupKind, member_ids: tuple[int, ...],
              facilitator_id: int | None, *, duration_minutes: int = 90,
              mode: SessionMode = SessionMode.IN_PERSON, location: str = "") -> GroupSession:
    """Book a group session with these members, in this order, each with an empty part."""
    with store.transaction() as connection:
        result = connection.execute(insert(tables.groups).values(
            scheduled_start=scheduled_start.isoformat(), duration_minutes=duration_minutes, mode=mode.value,
            location=location, kind=kind.value,
            status=SessionStatus.SCHEDULED.value, shared=to_json(GroupRecord()), updated_at=_now()))
        assert result.inserted_primary_key is not None
        group_id = int(result.inserted_primary_key[0])
        connection.execute(insert(tables.group_members), [
            {"group_id": group_id, "person_id": person_id, "position": position,
             "facilitates": person_id == facilitator_id,
             "part": to_json(MemberPart(person_id))} for position, person_id in enumerate(member_ids)])
        return _group(connection, group_id)


def get_group(store: SqlRecordStore, group_id: int) -> GroupSession:
    return store_read(store, lambda connection: _group(connection, group_id))


def list_groups(store: SqlRecordStore, person_id: int | None = None) -> list[GroupSession]:
    """Group sessions, oldest first; with ``person_id``, only those they are a member of."""
    def read(connection: Connection) -> list[GroupSession]:
        query = select(_groups.id).order_by(_groups.scheduled_start, _groups.id)
        if person_id is not None:
            query = query.where(_groups.id.in_(select(_members.group_id).where(_members.person_id == person_id)))
        return [_group(connection, group_id) for group_id in connection.execute(query).scalars()]
    return store_read(store, read)


def load_group_record(store: SqlRecordStore, group_id: int) -> GroupRecord:
    def read(connection: Connection) -> GroupRecord:
        shared = connection.execute(select(_groups.shared).where(_groups.id == group_id)).scalar_one_or_none()
        if shared is None:
            raise RecordNotFound(f"group {group_id}")
        parts = connection.execute(select(_members.part).where(_members.group_id == group_id)
                                   .order_by(_members.position)).scalars()
        return replace(from_json(GroupRecord, shared), members=[from_json(MemberPart, part) for part in parts])
    return store_read(store, read)


def save_group_record(store: SqlRecordStore, group_id: int, record: GroupRecord, *, status: SessionStatus) -> None:
    """Save the shared record and each member's part; refused once the group is signed off."""
    with store.transaction() as connection:
        _check_open(connection, group_id)
        connection.execute(update(tables.groups).where(_groups.id == group_id).values(
            shared=to_json(replace(record, members=[])), status=status.value, updated_at=_now()))
        for part in record.members:
            done = connection.execute(update(tables.group_members).where(
                (_members.group_id == group_id) & (_members.person_id == part.person_id)).values(part=to_json(part)))
            if done.rowcount != 1:
                raise RecordNotFound(f"member {part.person_id} of group {group_id}")


def sign_off(store: SqlRecordStore, group_id: int, record: GroupRecord,
             member_records: list[tuple[int, NewSession, SessionRecord]]) -> GroupSession:
    """Lock the group and add each member's record as a signed-off session of theirs, in one transaction."""
    with store.transaction() as connection:
        save_group_record(store, group_id, record, status=SessionStatus.SIGNED_OFF)
        for person_id, session, member in member_records:
            held = store.add_held_session(session, member)
            connection.execute(update(tables.group_members).where(
                (_members.group_id == group_id) & (_members.person_id == person_id)).values(session_id=held.id))
        return _group(connection, group_id)


def group_of_session(store: SqlRecordStore, session_id: int) -> int | None:
    """The group session whose member record ``session_id`` is, if it is one."""
    return store_read(store, lambda connection: connection.execute(
        select(_members.group_id).where(_members.session_id == session_id)).scalar_one_or_none())


def store_read(store: SqlRecordStore, read: Callable[[Connection], T]) -> T:
    with store.transaction() as connection:
        return read(connection)


def _check_open(connection: Connection, group_id: int) -> None:
    status = connection.execute(select(_groups.status).where(_groups.id == group_id)).scalar_one_or_none()
    if status is None:
        raise RecordNotFound(f"group {group_id}")
    if status == SessionStatus.SIGNED_OFF.value:
        raise GroupLocked("This group session is signed off; its record cannot be changed.")


class GroupLocked(ValueError):
    """A signed-off group session's record cannot change."""


def _group(connection: Connection, group_id: int) -> GroupSession:
    row = connection.execute(select(tables.groups).where(_groups.id == group_id)).mappings().one_or_none()
    if row is None:
        raise RecordNotFound(f"group {group_id}")
    members = connection.execute(select(_members.person_id, _members.session_id, _members.facilitates).where(
        _members.group_id == group_id).order_by(_members.position)).all()
    return GroupSession(
        id=row["id"], scheduled_start=datetime.fromisoformat(row["scheduled_start"]), kind=GroupKind(row["kind"]),
        member_ids=tuple(person for person, _, _ in members),
        facilitator_id=next((person for person, _, facilitates in members if facilitates), None),
        duration_minutes=row["duration_minutes"], mode=SessionMode(row["mode"]), location=row["location"],
        status=SessionStatus(row["status"]),
        member_sessions=tuple((person, session) for person, session, _ in members if session is not None))


def _now() -> str:
    return datetime.now().replace(microsecond=0).isoformat()


__all__ = ["GroupLocked", "add_group", "get_group", "group_of_session", "list_groups", "load_group_record",
           "save_group_record", "sign_off"]
