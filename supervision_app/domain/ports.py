"""The small interface the rest of the app uses to reach stored records."""

from __future__ import annotations

from typing import Protocol

from supervision_app.domain.model import (
    NewPerson,
    NewSession,
    Person,
    SupervisionSession,
    VaultCounts,
)


class RecordStore(Protocol):
    """Reads and writes records. Each call is one transaction."""

    def add_person(self, person: NewPerson) -> Person: ...

    def list_people(self) -> list[Person]: ...

    def add_session(self, session: NewSession) -> SupervisionSession: ...

    def list_sessions(self, supervisee_id: int | None = None) -> list[SupervisionSession]: ...

    def counts(self) -> VaultCounts: ...
