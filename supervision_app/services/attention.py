"""The home page: the team's facts read from the vault in a handful of queries, ranked by the domain's rules.

The facts come from narrow rows (``storage/overview.py``): the drafts and bookings,
each person's latest signed-off session, their open actions counted, their notes
waiting for a countersignature, recent urgent flags with no action, from the
summaries the vault keeps with every save (``storage/summaries.py``), never from
the records themselves; then the agreements and the people. The last good backup
and the nation (whose working days due dates fall on) come from the metadata.
"""

from __future__ import annotations

from datetime import date, datetime

from supervision_app.domain.attention import DRAFT_DAYS, Attention, SuperviseeFacts, attention
from supervision_app.services.backups import LAST_GOOD_KEY
from supervision_app.services.working_days import is_working_day, organisation_nation
from supervision_app.storage import overview
from supervision_app.storage.records import SqlRecordStore


def team_facts(store: SqlRecordStore, today: date) -> list[SuperviseeFacts]:
    """The facts for every supervisee in the vault."""
    return overview.team_facts(store, today)


def home_attention(store: SqlRecordStore, now: datetime, draft_days: int = DRAFT_DAYS) -> Attention:
    """The home page's rows, most in need of attention first, and the team-wide reasons."""
    with store.transaction():  # one consistent reading
        last_backup = store.get_meta(LAST_GOOD_KEY)
        nation = organisation_nation(store)
        facts = team_facts(store, now.date())
    return attention(facts, now, datetime.fromisoformat(last_backup) if last_backup else None, draft_days,
                     lambda day: is_working_day(day, nation))


__all__ = ["home_attention", "team_facts"]
