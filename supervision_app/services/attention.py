"""The home page: the team's facts read from the vault in a handful of queries, ranked by the domain's rules.

One query reads every session with only the parts of its record that matter
(``storage/overview.py``), one the agreements, one the signed notes' states and
one the people; the last good backup and the nation (whose working days due
dates fall on) come from the metadata. Each person's open actions then come from
one pass over their own sessions, by the rule the session editor uses.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from supervision_app.domain.attention import DRAFT_DAYS, Attention, SuperviseeFacts, attention
from supervision_app.domain.attention_facts import SessionDigest, supervisee_facts
from supervision_app.domain.model import PersonRole
from supervision_app.services.backups import LAST_GOOD_KEY
from supervision_app.services.working_days import is_working_day, organisation_nation
from supervision_app.storage import overview
from supervision_app.storage.records import SqlRecordStore


def team_facts(store: SqlRecordStore, today: date) -> list[SuperviseeFacts]:
    """The facts for every supervisee in the vault."""
    by_person: dict[int, list[SessionDigest]] = defaultdict(list)
    for digest in overview.session_digests(store):
        by_person[digest.session.supervisee_id].append(digest)
    agreements = overview.agreements(store)
    notes = overview.signed_note_states(store)
    return [supervisee_facts(person, by_person[person.id], agreements.get(person.id), notes, today)
            for person in store.list_people() if person.role is PersonRole.SUPERVISEE and not person.is_self]


def home_attention(store: SqlRecordStore, now: datetime, draft_days: int = DRAFT_DAYS) -> Attention:
    """The home page's rows, most in need of attention first, and the team-wide reasons."""
    with store.transaction():  # one consistent reading
        last_backup = store.get_meta(LAST_GOOD_KEY)
        nation = organisation_nation(store)
        facts = team_facts(store, now.date())
    return attention(facts, now, datetime.fromisoformat(last_backup) if last_backup else None, draft_days,
                     lambda day: is_working_day(day, nation))


__all__ = ["home_attention", "team_facts"]
