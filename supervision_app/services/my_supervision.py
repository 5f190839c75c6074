"""The supervisee's side of the app: "My supervision".

What a supervisee sees on their own install: the next session, their open
actions, the agenda they are preparing, their private notes, and the records
their supervisor has sent. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from supervision_app.domain.attention import Reason
from supervision_app.domain.codec import from_json, to_json
from supervision_app.domain.exchange import (
    CancelledSession,
    Pairing,
    Preparation,
    ReceivedKey,
    ReceivedRecord,
    SharedAction,
    cancelled_sessions,
    latest_received,
    my_open_actions,
)
from supervision_app.domain.model import Person
from supervision_app.domain.my_attention import my_last_supervision
from supervision_app.services import people
from supervision_app.services.working_days import is_working_day, organisation_nation
from supervision_app.storage.records import SqlRecordStore

USES_KEY = "uses"
"""Vault metadata: what the user does with this install (see :class:`Use`)."""

EARLY_PREPARATION_KEY = "preparation_before_pairing"
"""Vault metadata: the preparation made before there was any supervisor to prepare for.

The checklist, the self-check and private notes are there from the first
day; the first supervisor added or paired with takes this preparation over.
"""


class Use(StrEnum):
    SUPERVISING = "supervising"  # the user supervises others
    SUPERVISED = "supervised"  # the user prepares for their own supervision here


def app_uses(store: SqlRecordStore) -> frozenset[Use]:
    """What this install is used for. Vaults made before this was asked were made for supervising."""
    stored = store.get_meta(USES_KEY)
    uses = {Use(value) for value in stored.split(",") if value in set(Use)} if stored else {Use.SUPERVISING}
    if people.supervisors_of_user(store):
        uses.add(Use.SUPERVISED)
    return frozenset(uses or {Use.SUPERVISING})


def set_app_uses(store: SqlRecordStore, uses: frozenset[Use]) -> None:
    if not uses:
        raise people.InvalidEntry(people.FieldProblem("uses", "Choose at least one way you will use the app."))
    store.set_meta(USES_KEY, ",".join(sorted(uses)))


@dataclass(frozen=True)
class MySupervision:
    supervisor: Person
    pairing: Pairing | None
    next_session: datetime | None
    open_actions: list[SharedAction]
    received: list[ReceivedRecord]  # newest session first
    preparation: Preparation
    cancelled: list[CancelledSession] = field(default_factory=list)  # as the records received tell, oldest first


class MySupervisionService:
    def __init__(self, store: SqlRecordStore, clock: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self._clock = clock

    def supervisors(self) -> list[Person]:
        return people.supervisors_of_user(self.store)

    def add_supervisor(self, name: str) -> Person:
        return people.add_supervisor(self.store, name)

    def overview(self, supervisor_id: int) -> MySupervision:
        received = self.store.received_records(supervisor_id)
        latest = latest_received(received)
        now = self._clock()
        upcoming = latest.next_session if latest and latest.next_session and latest.next_session >= now else None
        return MySupervision(
            supervisor=self.store.get_person(supervisor_id),
            pairing=self.store.pairing_for(supervisor_id),
            next_session=upcoming,
            open_actions=my_open_actions(received),
            received=received,
            preparation=self.preparation(supervisor_id),
            cancelled=cancelled_sessions(received),
        )

    def last_supervision(self, overview: MySupervision) -> Reason:
        """How long since the last supervision received, against the agreed cadence (the usual one if no record
        received says it), in one sentence."""
        latest = latest_received(overview.received)
        profile = self.store.own_profile()
        nation = organisation_nation(self.store)
        return my_last_supervision(latest.session_start.date() if latest else None, overview.next_session,
                                   self._clock().date(), newly_qualified=bool(profile and profile.newly_qualified),
                                   is_working_day=lambda day: is_working_day(day, nation),
                                   agreed_weeks=latest.cadence_weeks if latest else None)

    def preparation(self, supervisor_id: int | None) -> Preparation:
        """The preparation for this supervisor; ``None``: the one made before there was a supervisor."""
        if supervisor_id is None:
            early = self.store.get_meta(EARLY_PREPARATION_KEY)
            return from_json(Preparation, early) if early else Preparation()
        return self.store.get_preparation(supervisor_id) or Preparation()

    def save_preparation(self, supervisor_id: int | None, preparation: Preparation) -> None:
        if supervisor_id is None:
            self.store.set_meta(EARLY_PREPARATION_KEY, to_json(preparation))
        else:
            self.store.save_preparation(supervisor_id, preparation)

    def adopt_early_preparation(self, supervisor_id: int) -> None:
        """Give a preparation made before there was a supervisor to ``supervisor_id``, if they have none yet."""
        early = self.store.get_meta(EARLY_PREPARATION_KEY)
        if not early:
            return
        with self.store.transaction():
            if self.store.get_preparation(supervisor_id) is None:
                self.store.save_preparation(supervisor_id, from_json(Preparation, early))
            self.store.set_meta(EARLY_PREPARATION_KEY, "")

    def start_afresh(self, supervisor_id: int | None) -> Preparation:
        """Clear the agenda and what was marked to bring, for the next session. Private notes stay."""
        old = self.preparation(supervisor_id)
        fresh = Preparation(checklist=set(old.checklist), private_notes=old.private_notes)
        self.save_preparation(supervisor_id, fresh)
        return fresh

    def received_note(self, key: ReceivedKey) -> tuple[ReceivedRecord, bytes, int] | None:
        return self.store.received_note(key)
