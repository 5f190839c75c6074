"""The record store on SQLCipher: turns rows into domain values and back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import DBAPIError

from supervision_app.domain.model import (
    NewPerson,
    NewSession,
    Person,
    PersonRole,
    SessionMode,
    SessionStatus,
    SupervisionSession,
    VaultCounts,
)
from supervision_app.storage import tables
from supervision_app.storage.engine import raise_database_error

T = TypeVar("T")


class SqlRecordStore:
    """:class:`~supervision_app.domain.ports.RecordStore` on an open engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: all of its writes land together, or none do."""
        try:
            with self._engine.begin() as connection:
                yield connection
        except DBAPIError as error:
            raise_database_error(error)

    def _read(self, query: Callable[[Connection], T]) -> T:
        with self.transaction() as connection:
            return query(connection)

    def get_meta(self, key: str) -> str | None:
        return self._read(lambda c: c.execute(
            select(tables.vault_meta.c.value).where(tables.vault_meta.c.key == key)
        ).scalar_one_or_none())

    def set_meta(self, key: str, value: str) -> None:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(tables.vault_meta).values(key=key, value=value)
        statement = statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
        with self.transaction() as connection:
            connection.execute(statement)

    def add_person(self, person: NewPerson) -> Person:
        with self.transaction() as connection:
            result = connection.execute(insert(tables.people).values(
                name=person.name,
                role=person.role.value,
                job_title=person.job_title,
                team=person.team,
                start_date=person.start_date.isoformat() if person.start_date else None,
                newly_qualified=person.newly_qualified,
                is_self=person.is_self,
            ))
            new_id = int(result.inserted_primary_key[0])
        return Person(**_fields(person), id=new_id)

    def list_people(self) -> list[Person]:
        rows = self._read(lambda c: c.execute(
            select(tables.people).order_by(tables.people.c.is_self.desc(), tables.people.c.name)
        ).mappings().all())
        return [_person(row) for row in rows]

    def add_session(self, session: NewSession) -> SupervisionSession:
        with self.transaction() as connection:
            result = connection.execute(insert(tables.sessions).values(
                supervisee_id=session.supervisee_id,
                scheduled_start=session.scheduled_start.isoformat(timespec="minutes"),
                duration_minutes=session.duration_minutes,
                mode=session.mode.value,
                location=session.location,
                status=session.status.value,
                notes=session.notes,
                cancellation_reason=session.cancellation_reason,
            ))
            new_id = int(result.inserted_primary_key[0])
        return SupervisionSession(**_fields(session), id=new_id)

    def list_sessions(self, supervisee_id: int | None = None) -> list[SupervisionSession]:
        query = select(tables.sessions).order_by(tables.sessions.c.scheduled_start.desc())
        if supervisee_id is not None:
            query = query.where(tables.sessions.c.supervisee_id == supervisee_id)
        rows = self._read(lambda c: c.execute(query).mappings().all())
        return [_session(row) for row in rows]

    def counts(self) -> VaultCounts:
        def count(connection: Connection) -> VaultCounts:
            people = connection.execute(select(func.count()).select_from(tables.people)).scalar_one()
            supervisees = connection.execute(
                select(func.count()).select_from(tables.people)
                .where(tables.people.c.role == PersonRole.SUPERVISEE.value)
            ).scalar_one()
            sessions = connection.execute(select(func.count()).select_from(tables.sessions)).scalar_one()
            return VaultCounts(people=people, supervisees=supervisees, sessions=sessions)

        return self._read(count)


def _fields(value: object) -> dict[str, object]:
    return dict(vars(value))


def _person(row) -> Person:  # type: ignore[no-untyped-def]
    return Person(
        id=row["id"],
        name=row["name"],
        role=PersonRole(row["role"]),
        job_title=row["job_title"],
        team=row["team"],
        start_date=date.fromisoformat(row["start_date"]) if row["start_date"] else None,
        newly_qualified=bool(row["newly_qualified"]),
        is_self=bool(row["is_self"]),
    )


def _session(row) -> SupervisionSession:  # type: ignore[no-untyped-def]
    return SupervisionSession(
        id=row["id"],
        supervisee_id=row["supervisee_id"],
        scheduled_start=datetime.fromisoformat(row["scheduled_start"]),
        duration_minutes=row["duration_minutes"],
        mode=SessionMode(row["mode"]),
        location=row["location"],
        status=SessionStatus(row["status"]),
        notes=row["notes"],
        cancellation_reason=row["cancellation_reason"],
    )
