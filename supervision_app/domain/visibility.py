"""What may go on the record: the single place where visibility is enforced.

Everything that leaves the editing screen (the plain-text view, the PDF note,
exchange files for the record) is built from :func:`on_the_record`, never from
the raw record; a supervisee's history, which shows only the check-in and the
flags, from the rules it is made of (:func:`checkin_on_record`, :func:`flags_on_record`,
:func:`agenda_on_record`).

* *private* items never appear;
* *discussed* items appear only as the fact that they were discussed (an agenda item by its title alone);
* *on the record* items appear in full (a check-in's personal stressors only if brought to supervision;
  its checklist ticks unless the record was signed off before they reached the note).

A record that leaves this vault whole, to another supervisor in a handover, is built from
:func:`without_private`: everything but what :func:`kept_here_only` keeps in this vault.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from supervision_app.domain.record import AgendaItem, Flag, SessionRecord, Visibility, WellbeingCheckIn


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


def flags_on_record(flags: list[Flag]) -> tuple[list[Flag], list[DiscussedFlag]]:
    """The flags shown in full, and those shown only as discussed; private ones are left out."""
    in_full = [flag for flag in flags if flag.visibility is Visibility.ON_RECORD]
    discussed = [DiscussedFlag(flag.category_id) for flag in flags if flag.visibility is Visibility.DISCUSSED]
    return in_full, discussed


def agenda_on_record(agenda: list[AgendaItem]) -> list[AgendaItem]:
    """The agenda items as the record may show them, in order (nothing of their own is changed): those on the
    record in full, discussed ones by their title alone (visibility kept, so they read as discussed), private
    ones left out."""
    return [item if item.visibility is Visibility.ON_RECORD
            else AgendaItem(item.title, visibility=Visibility.DISCUSSED, id=item.id)
            for item in agenda if item.visibility is not Visibility.PRIVATE]


def kept_here_only(visibility: Visibility) -> bool:
    """Whether an item with this visibility is found and shown only in the vault where it was written."""
    return visibility is Visibility.PRIVATE


def without_private(record: SessionRecord) -> SessionRecord:
    """A copy of ``record`` without what is kept only in this vault: private agenda items (with their
    discussion and decisions), private flags and a private check-in's content. An action agreed from a
    private item stays (it was agreed) without pointing at it."""
    kept = copy.deepcopy(record)
    kept.agenda = [item for item in kept.agenda if not kept_here_only(item.visibility)]
    kept.flags = [flag for flag in kept.flags if not kept_here_only(flag.visibility)]
    if kept_here_only(kept.checkin.visibility):
        kept.checkin = WellbeingCheckIn(visibility=kept.checkin.visibility)
    _unlink_hidden_sources(kept)
    return kept


def _unlink_hidden_sources(record: SessionRecord) -> None:
    """Actions whose agenda item or flag ``record`` no longer holds no longer point at it."""
    sources = {flag.id for flag in record.flags} | {item.id for item in record.agenda}
    for action in record.actions:
        if action.source_id and action.source_id not in sources:
            action.source_id = None


def checkin_on_record(checkin: WellbeingCheckIn) -> tuple[WellbeingCheckIn, bool]:
    """The check-in as the record may show it (nothing of its own is changed), and whether it is shown
    only as discussed."""
    if checkin.visibility is Visibility.PRIVATE:
        return WellbeingCheckIn(visibility=Visibility.PRIVATE), False
    if checkin.visibility is Visibility.DISCUSSED:
        return WellbeingCheckIn(visibility=Visibility.DISCUSSED), True
    # Personal stressors are the most sensitive part: only those the
    # supervisee chose to bring to supervision are kept.
    return replace(checkin, stressors={key: rating for key, rating in checkin.stressors.items()
                                       if rating.bring_to_supervision}), False


def on_the_record(record: SessionRecord) -> RecordView:
    shown = copy.deepcopy(record)
    flags_in_full, discussed = flags_on_record(shown.flags)
    shown.flags = flags_in_full
    shown.agenda = agenda_on_record(shown.agenda)
    # An action born of a private or discussed flag stays on the record (it was
    # agreed), but no longer points at the hidden flag.
    _unlink_hidden_sources(shown)
    shown.checkin, checkin_discussed_only = checkin_on_record(shown.checkin)
    if record.signed_off and not record.checklist_on_note:
        shown.checkin.checklist = set()  # signed off before ticks reached the note: the note both people read
    return RecordView(shown, discussed, checkin_discussed_only, checkin_held=not record.checkin.is_empty)
