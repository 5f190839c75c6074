"""Searching on the supervisee's side: what is searchable in their preparation and the records they received.

The supervisee's own words are searched where they were written and nowhere
else: their agenda items, "How I have been" and private notes (private unless
marked to bring: they never leave this install), and from each record
received the signed note's text and the open actions. The words are matched
as on the supervisor's side (``domain/search.match_expression``), accents
and case aside.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from supervision_app.domain.exchange import Preparation, ReceivedRecord


class MyKind(StrEnum):
    PREPARED = "prepared"  # an agenda item being prepared
    HOW_I_HAVE_BEEN = "how_i_have_been"
    PRIVATE_NOTES = "private_notes"
    NOTE = "note"  # the text of a signed note received
    ACTION = "action"  # an open action received

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {MyKind.PREPARED: "My agenda item", MyKind.HOW_I_HAVE_BEEN: "How I have been",
           MyKind.PRIVATE_NOTES: "My private notes", MyKind.NOTE: "Signed note received",
           MyKind.ACTION: "Action received"}
HOW_I_HAVE_BEEN_ID = "how_i_have_been"
PRIVATE_NOTES_ID = "private_notes"
NOTE_ID = "note"


@dataclass(frozen=True)
class MyItem:
    kind: MyKind
    item_id: str
    text: str
    private: bool = False  # kept on this install only: never sent


@dataclass(frozen=True)
class MyHit:
    supervisor_id: int
    supervisor: str
    session_uid: str | None  # the record received; None: the preparation
    session_start: datetime | None
    kind: MyKind
    item_id: str
    snippet: str
    private: bool = False

    @property
    def kind_label(self) -> str:
        return f"{self.kind.label} (private)" if self.private else self.kind.label


def preparation_items(preparation: Preparation) -> list[MyItem]:
    """The searchable parts of a preparation: each item, "How I have been" and the private notes."""
    items = [MyItem(MyKind.PREPARED, item.id, "\n".join(t.strip() for t in (item.title, item.wanted_outcome)
                                                          if t.strip()))
             for item in preparation.items]
    items.append(MyItem(MyKind.HOW_I_HAVE_BEEN, HOW_I_HAVE_BEEN_ID, preparation.how_i_have_been.strip(),
                        private=not preparation.bring_how_i_have_been))
    items.append(MyItem(MyKind.PRIVATE_NOTES, PRIVATE_NOTES_ID, preparation.private_notes.strip(), private=True))
    return [item for item in items if item.text]


def received_items(record: ReceivedRecord, note_text: str) -> list[MyItem]:
    """The searchable parts of a record received: its signed note's text and its open actions."""
    items = [MyItem(MyKind.NOTE, NOTE_ID, note_text.strip())]
    items += [MyItem(MyKind.ACTION, action.id, action.text.strip()) for action in record.open_actions]
    return [item for item in items if item.text]


__all__ = ["MyHit", "MyItem", "MyKind", "preparation_items", "received_items"]
