"""Removing things from a draft without leaving links to what is gone (no Qt).

An action may point at the agenda item or flag it came from, and a flag at
its action; removing one clears the links to it.
"""

from __future__ import annotations

from supervision_app.domain.record import SessionRecord


def remove_agenda_item(record: SessionRecord, item_id: str) -> None:
    record.agenda = [item for item in record.agenda if item.id != item_id]
    _unlink_sources(record, item_id)


def remove_flag(record: SessionRecord, flag_id: str) -> None:
    record.flags = [flag for flag in record.flags if flag.id != flag_id]
    _unlink_sources(record, flag_id)


def remove_action(record: SessionRecord, action_id: str) -> None:
    record.actions = [action for action in record.actions if action.id != action_id]
    for flag in record.flags:
        if flag.action_id == action_id:
            flag.action_id = None


def move_agenda_item(record: SessionRecord, index: int, offset: int) -> int:
    """Move the item at ``index`` by ``offset`` places; return where it ends up."""
    target = max(0, min(len(record.agenda) - 1, index + offset))
    item = record.agenda.pop(index)
    record.agenda.insert(target, item)
    return target


def _unlink_sources(record: SessionRecord, source_id: str) -> None:
    for action in record.actions:
        if action.source_id == source_id:
            action.source_id = None
