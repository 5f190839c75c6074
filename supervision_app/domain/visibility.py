"""What may go on the record: the single place where visibility is enforced.

Everything that leaves the editing screen (the plain-text view, the PDF note,
exchange files for the record) is built from :func:`on_the_record`, never from
the raw record.

* *private* items never appear;
* *discussed* items appear only as the fact that they were discussed;
* *on the record* items appear in full.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from supervision_app.domain.record import Flag, SessionRecord, Visibility, WellbeingCheckIn


@dataclass(frozen=True)
class DiscussedFlag:
    """A flag recorded only as discussed: its category, without detail."""

    category_id: str


@dataclass(frozen=True)
class RecordView:
    record: SessionRecord  # private and discussed detail already removed
    discussed_flags: list[DiscussedFlag] = field(default_factory=list)
    checkin_discussed_only: bool = False
    checkin_held: bool = False  # anything at all was recorded in the check-in


def on_the_record(record: SessionRecord) -> RecordView:
    shown = copy.deepcopy(record)
    flags_in_full: list[Flag] = []
    discussed: list[DiscussedFlag] = []
    for flag in shown.flags:
        if flag.visibility is Visibility.ON_RECORD:
            flags_in_full.append(flag)
        elif flag.visibility is Visibility.DISCUSSED:
            discussed.append(DiscussedFlag(flag.category_id))
    shown.flags = flags_in_full
    kept_flag_ids = {flag.id for flag in flags_in_full}
    # An action born of a private or discussed flag stays on the record (it was
    # agreed), but no longer points at the hidden flag.
    for action in shown.actions:
        if action.source_id and action.source_id not in kept_flag_ids and not any(
            item.id == action.source_id for item in shown.agenda
        ):
            action.source_id = None
    checkin_discussed_only = False
    visibility = record.checkin.visibility
    if visibility is Visibility.PRIVATE:
        shown.checkin = WellbeingCheckIn(visibility=Visibility.PRIVATE)
    elif visibility is Visibility.DISCUSSED:
        shown.checkin = WellbeingCheckIn(visibility=Visibility.DISCUSSED)
        checkin_discussed_only = True
    else:
        # Personal stressors are the most sensitive part: only those the
        # supervisee chose to bring to supervision are kept.
        shown.checkin.stressors = {
            key: rating for key, rating in shown.checkin.stressors.items() if rating.bring_to_supervision
        }
    return RecordView(shown, discussed, checkin_discussed_only, checkin_held=not record.checkin.is_empty)
