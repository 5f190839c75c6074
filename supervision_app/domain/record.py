"""One supervision session's record, as it is edited and then signed off.

The record is one aggregate: the setting, the agenda and its discussion, the
review of earlier actions, the wellbeing check-in, flags, new actions and the
sign-off. It is saved whole, so a draft is always consistent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_id() -> str:
    return uuid.uuid4().hex


class TimeProtection(StrEnum):
    NOT_RECORDED = "not_recorded"
    PROTECTED = "protected"
    INTERRUPTED = "interrupted"


class AgendaSource(StrEnum):
    PREPARED = "prepared"  # brought by the supervisee's own preparation
    ADDED = "added"  # added during the session
    CARRIED = "carried"  # not reached last time


class ActionOwner(StrEnum):
    SUPERVISOR = "supervisor"
    SUPERVISEE = "supervisee"
    OTHER = "other"


class ReviewOutcome(StrEnum):
    NOT_REVIEWED = "not_reviewed"
    DONE = "done"
    IN_PROGRESS = "in_progress"
    DROPPED = "dropped"
    CARRIED_FORWARD = "carried_forward"

    @property
    def closes(self) -> bool:
        return self in (ReviewOutcome.DONE, ReviewOutcome.DROPPED)


class FlagLevel(StrEnum):
    NOTED = "noted"
    SUPPORT_AGREED = "support_agreed"
    URGENT = "urgent"


class Visibility(StrEnum):
    PRIVATE = "private"  # the supervisee's eyes only; never in the record
    DISCUSSED = "discussed"  # the record says it was discussed, without the detail
    ON_RECORD = "on_record"


class Confirmation(StrEnum):
    AGREED = "agreed"
    SEEN_NOT_AGREED = "seen_not_agreed"

    @property
    def label(self) -> str:
        return "Agreed record" if self is Confirmation.AGREED else "Seen, not agreed"


class Signatory(StrEnum):
    SUPERVISOR = "supervisor"
    SUPERVISEE = "supervisee"


@dataclass
class Setting:
    """Who, Where and When, for this session."""

    present: str = ""
    private_space_confirmed: bool = False
    connection_checked: bool = False
    started_at: datetime | None = None
    ended_at: datetime | None = None
    time_protection: TimeProtection = TimeProtection.NOT_RECORDED
    interruption_note: str = ""


@dataclass
class Decision:
    text: str
    rationale: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class AgendaItem:
    title: str
    wanted_outcome: str = ""
    source: AgendaSource = AgendaSource.ADDED
    carried_from: str | None = None  # the id of the item this continues
    reached: bool = False
    case_reference: str = ""  # initials or a reference, never a full name
    notes: str = ""
    went_well: str = ""
    difficult: str = ""
    learned: str = ""
    cpd: bool = False
    decisions: list[Decision] = field(default_factory=list)
    prepared_id: str | None = None  # the item's id in the supervisee's own preparation
    id: str = field(default_factory=new_id)
    # The item with its discussion: on the record by default, so records saved before it had one read the same.
    visibility: Visibility = Visibility.ON_RECORD


@dataclass
class PreparedAgenda:
    """Where the session's prepared agenda came from: an agenda pack whose signature was checked."""

    prepared_by: str
    fingerprint: str  # of the supervisee's key that signed the pack
    prepared_at: datetime
    imported_at: datetime
    pack_id: str


@dataclass
class Action:
    text: str
    owner: ActionOwner = ActionOwner.SUPERVISEE
    owner_name: str = ""  # only for ActionOwner.OTHER
    due: date | None = None
    source_id: str | None = None  # an agenda item or flag of the session it came from
    id: str = field(default_factory=new_id)


@dataclass
class ActionReview:
    action_id: str
    outcome: ReviewOutcome = ReviewOutcome.NOT_REVIEWED
    note: str = ""  # the reason, when dropped


@dataclass
class HseRating:
    rating: int | None = None  # 1 (very poor) to 5 (very good)
    note: str = ""


@dataclass
class StressorRating:
    impact: int = 1  # 1 to 5
    bring_to_supervision: bool = False


@dataclass
class WellbeingCheckIn:
    opening: str = ""  # the answer to the opening prompt
    hse: dict[str, HseRating] = field(default_factory=dict)  # by HSE standard id
    checklist: set[str] = field(default_factory=set)  # ids of ticked checklist items
    stressors: dict[str, StressorRating] = field(default_factory=dict)  # by Fig. 3 stressor id
    notes: str = ""
    visibility: Visibility = Visibility.DISCUSSED

    @property
    def is_empty(self) -> bool:
        """Nothing was recorded: no answer, rating, tick, stressor or note."""
        return not (self.opening.strip() or self.notes.strip() or self.checklist or self.stressors
                    or any(rating.rating or rating.note.strip() for rating in self.hse.values()))


@dataclass
class Flag:
    category_id: str
    level: FlagLevel = FlagLevel.NOTED
    visibility: Visibility = Visibility.DISCUSSED
    detail: str = ""
    action_id: str | None = None
    signpost_id: str | None = None
    id: str = field(default_factory=new_id)


@dataclass
class SignatureConfirmation:
    signatory: Signatory
    confirmation: Confirmation
    at: datetime


@dataclass
class Addendum:
    text: str
    written_at: datetime
    author: Signatory
    confirmations: list[SignatureConfirmation] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    @property
    def signed_off(self) -> bool:
        return {c.signatory for c in self.confirmations} == set(Signatory)


@dataclass
class SessionRecord:
    setting: Setting = field(default_factory=Setting)
    reviews: list[ActionReview] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    checkin: WellbeingCheckIn = field(default_factory=WellbeingCheckIn)
    flags: list[Flag] = field(default_factory=list)
    learning: str = ""
    learning_cpd: bool = False
    actions: list[Action] = field(default_factory=list)
    next_session: datetime | None = None
    supervisee_comment: str = ""
    confirmations: list[SignatureConfirmation] = field(default_factory=list)
    addenda: list[Addendum] = field(default_factory=list)
    prepared: PreparedAgenda | None = None
    # Set when the record is signed off: its note shows the check-in's checklist ticks (when the check-in is on
    # the record). A record signed off before ticks reached the note keeps the note both people read.
    checklist_on_note: bool = False

    def confirmation_of(self, signatory: Signatory) -> SignatureConfirmation | None:
        for confirmation in self.confirmations:
            if confirmation.signatory is signatory:
                return confirmation
        return None

    @property
    def signed_off(self) -> bool:
        return all(self.confirmation_of(s) is not None for s in Signatory)

    def review_of(self, action_id: str) -> ActionReview | None:
        for review in self.reviews:
            if review.action_id == action_id:
                return review
        return None
