"""What the app records, as plain immutable values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class PersonRole(StrEnum):
    SUPERVISOR = "supervisor"
    SUPERVISEE = "supervisee"
    # Another supervisor, paired only to hand a supervisee's record over (a pairing's role, never a
    # stored person's: they are kept as a supervisor, and their pairing says they are a colleague).
    COLLEAGUE = "colleague"


class SessionMode(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    TELEPHONE = "telephone"

    @property
    def label(self) -> str:
        return {"in_person": "In person", "video": "Video call", "telephone": "Telephone"}[self.value]


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    DRAFT = "draft"
    SIGNED_OFF = "signed_off"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "scheduled": "Booked",
            "draft": "In progress",
            "signed_off": "Signed off",
            "cancelled": "Cancelled",
        }[self.value]


@dataclass(frozen=True)
class NewPerson:
    name: str
    role: PersonRole
    job_title: str = ""
    team: str = ""
    start_date: date | None = None
    newly_qualified: bool = False
    is_self: bool = False


@dataclass(frozen=True)
class Person(NewPerson):
    id: int = 0


@dataclass(frozen=True)
class NewSession:
    supervisee_id: int
    scheduled_start: datetime
    duration_minutes: int = 90
    mode: SessionMode = SessionMode.IN_PERSON
    location: str = ""
    status: SessionStatus = SessionStatus.SCHEDULED
    notes: str = ""
    cancellation_reason: str = ""
    rebooked_from_id: int | None = None


@dataclass(frozen=True)
class SupervisionSession(NewSession):
    id: int = 0


@dataclass(frozen=True)
class VaultCounts:
    people: int
    supervisees: int
    sessions: int
