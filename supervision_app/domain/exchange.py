"""The supervisee's side and the exchange between two installs, as plain values.

A supervisee prepares for supervision here (:class:`Preparation`); what they
mark to bring is the only part that can leave the machine
(:func:`shared_preparation`). Records arrive from the supervisor as
:class:`ReceivedRecord`. :class:`Pairing` pins the other person's key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from supervision_app.domain.identity import public_key_fingerprint
from supervision_app.domain.model import PersonRole, SessionMode
from supervision_app.domain.record import (
    ActionOwner,
    Confirmation,
    ReviewOutcome,
    StressorRating,
    TimeProtection,
    new_id,
)


@dataclass(frozen=True)
class Pairing:
    """The other person's pinned public key, and who they are to the user."""

    person_id: int
    their_role: PersonRole  # SUPERVISEE: the user supervises them; SUPERVISOR: they supervise the user
    public_key_der: bytes = field(repr=False)
    certificate_der: bytes | None = field(default=None, repr=False)  # held when paired by file
    paired_at: datetime | None = None

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key_der)


# --- preparing for supervision (the supervisee's own machine) ---------------------


@dataclass
class PreparedItem:
    title: str
    wanted_outcome: str = ""  # what I want from discussing it
    id: str = field(default_factory=new_id)


@dataclass
class Preparation:
    """Everything a supervisee prepares before a session. Only what is marked to bring is ever shared."""

    items: list[PreparedItem] = field(default_factory=list)
    how_i_have_been: str = ""
    bring_how_i_have_been: bool = False
    checklist: set[str] = field(default_factory=set)  # ticked items of the wellbeing checklist (private)
    bring_checklist: set[str] = field(default_factory=set)  # checklist items to talk about
    stressors: dict[str, StressorRating] = field(default_factory=dict)  # Fig. 3 self-check; shared if brought
    private_notes: str = ""  # never leaves this machine
    sent_at: datetime | None = None  # when the agenda was last exported


@dataclass(frozen=True)
class SharedStressor:
    id: str
    impact: int


@dataclass(frozen=True)
class SharedPreparation:
    """The part of a preparation that goes into an agenda pack."""

    items: tuple[PreparedItem, ...]
    how_i_have_been: str
    checklist: tuple[str, ...]
    stressors: tuple[SharedStressor, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.how_i_have_been or self.checklist or self.stressors)


def shared_preparation(preparation: Preparation) -> SharedPreparation:
    """Only the items, and the wellbeing entries the supervisee marked to bring. Private notes never."""
    return SharedPreparation(
        items=tuple(PreparedItem(i.title.strip(), i.wanted_outcome.strip(), i.id)
                    for i in preparation.items if i.title.strip()),
        how_i_have_been=preparation.how_i_have_been.strip() if preparation.bring_how_i_have_been else "",
        checklist=tuple(sorted(preparation.bring_checklist)),
        stressors=tuple(SharedStressor(stressor_id, rating.impact)
                        for stressor_id, rating in sorted(preparation.stressors.items())
                        if rating.bring_to_supervision),
    )


# --- records received from the supervisor ------------------------------------------


@dataclass(frozen=True)
class SharedAction:
    """An agreed action as both people hold it."""

    id: str
    text: str
    owner: ActionOwner
    owner_name: str = ""
    due: date | None = None
    agreed_on: date | None = None
    status: ReviewOutcome = ReviewOutcome.NOT_REVIEWED  # not reviewed yet, in progress or carried forward


@dataclass(frozen=True)
class ReceivedKey:
    """Which received record: the supervisor who sent it and their session id.

    A session id is chosen by the sender's install, so another paired
    supervisor could send one that collides; records are therefore kept
    per sender, and one supervisor's file never touches another's record.
    """

    supervisor_id: int
    session_uid: str


@dataclass(frozen=True)
class CancelledSession:
    """A session the supervisor cancelled, as a record received tells the supervisee (with its replacement)."""

    session_uid: str
    scheduled_start: datetime
    rebooked_to: datetime | None = None  # when the session booked in its place is, if one was


@dataclass
class ReceivedRecord:
    """A signed-off session's record as the supervisee holds it: the note and the open actions."""

    session_uid: str
    supervisor_id: int
    session_start: datetime
    duration_minutes: int
    mode: SessionMode
    location: str
    note_fingerprint: str
    open_actions: list[SharedAction]
    next_session: datetime | None
    received_at: datetime
    countersigned_at: datetime | None = None
    confirmation: Confirmation | None = None
    comment: str = ""
    # Sent with records since issue 14 (``None`` and empty in a record from an older version):
    time_protection: TimeProtection | None = None  # the session's time: protected or interrupted
    cadence_weeks: int | None = None  # the agreement's, when the record was sent
    cancelled: list[CancelledSession] = field(default_factory=list)  # every session cancelled so far

    @property
    def key(self) -> ReceivedKey:
        return ReceivedKey(self.supervisor_id, self.session_uid)


def latest_received(records: list[ReceivedRecord]) -> ReceivedRecord | None:
    return max(records, key=lambda r: r.session_start, default=None)


def cancelled_sessions(records: list[ReceivedRecord]) -> list[CancelledSession]:
    """Every session cancelled that the records tell of, oldest first; the newest record's word on each wins."""
    known = {c.session_uid: c for record in sorted(records, key=lambda r: r.session_start) for c in record.cancelled}
    return sorted(known.values(), key=lambda c: c.scheduled_start)


def my_open_actions(records: list[ReceivedRecord]) -> list[SharedAction]:
    """The open actions after the latest session received: the supervisee's own first, then by due date."""
    latest = latest_received(records)
    if latest is None:
        return []
    return sorted(latest.open_actions, key=lambda a: (a.owner is not ActionOwner.SUPERVISEE,
                                                      a.due or date.max, a.text.casefold()))


_REASON_HEADS = {Confirmation.AGREED: "Supervisee: I agree this is an accurate record",
                 Confirmation.SEEN_NOT_AGREED: "Supervisee: I have seen this record and do not agree with all of it"}
_COMMENT = ". Comment: "


def countersign_reason(confirmation: Confirmation, comment: str) -> str:
    """What the supervisee's signature says, signed with it."""
    head = _REASON_HEADS[confirmation]
    comment = " ".join(comment.split())
    return f"{head}{_COMMENT}{comment}" if comment else head


def read_countersign_reason(reason: str) -> tuple[Confirmation, str] | None:
    """The confirmation and comment a supervisee's signature carries; ``None`` if it is not one of ours."""
    for confirmation, head in _REASON_HEADS.items():
        if reason == head:
            return confirmation, ""
        if reason.startswith(head + _COMMENT):
            return confirmation, reason[len(head + _COMMENT):]
    return None
