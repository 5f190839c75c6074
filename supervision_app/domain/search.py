"""Searching the records: what is searchable in a session, and a user's words as a safe query.

Each searchable piece of a record is one :class:`SearchItem`: its kind, the id of
the item it belongs to and its text. The storage keeps them in a full-text index
(``storage/search_index.py``); :func:`match_expression` turns what the user typed
into an FTS5 query in which every word is quoted, so no input can be read as
query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from supervision_app.domain.record import Addendum, SessionRecord
from supervision_app.domain.visibility import kept_here_only


class SearchKind(StrEnum):
    AGENDA = "agenda"
    DISCUSSION = "discussion"
    DECISION = "decision"
    ACTION = "action"
    FLAG = "flag"
    LEARNING = "learning"
    ADDENDUM = "addendum"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def step(self) -> str:
        """The title of the session editor's step where items of this kind are shown."""
        return _STEPS[self]


_LABELS = {
    SearchKind.AGENDA: "Agenda item", SearchKind.DISCUSSION: "Discussion", SearchKind.DECISION: "Decision",
    SearchKind.ACTION: "Action", SearchKind.FLAG: "Wellbeing flag", SearchKind.LEARNING: "Learning",
    SearchKind.ADDENDUM: "Addendum",
}
_STEPS = {
    SearchKind.AGENDA: "Agenda", SearchKind.DISCUSSION: "Discussion", SearchKind.DECISION: "Discussion",
    SearchKind.ACTION: "Agreed actions", SearchKind.FLAG: "Wellbeing flags", SearchKind.LEARNING: "Learning and CPD",
    SearchKind.ADDENDUM: "Sign-off",
}

LEARNING_ID = "learning"  # the session's one learning entry has no id of its own
MAX_QUERY_WORDS = 20
MAX_WORD_LENGTH = 100
SNIPPET_WORDS = 16
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as the index's tokenizer splits words


@dataclass(frozen=True)
class SearchItem:
    kind: SearchKind
    item_id: str
    text: str
    private: bool = False  # a flag or agenda item kept off the record: found only here, where it was written


@dataclass(frozen=True)
class SearchFilters:
    supervisee_id: int | None = None
    start: date | None = None  # sessions on or after this day
    end: date | None = None  # sessions on or before this day
    kind: SearchKind | None = None


@dataclass(frozen=True)
class SearchHit:
    session_id: int
    supervisee_id: int
    supervisee: str
    session_start: datetime
    kind: SearchKind
    item_id: str
    snippet: str  # plain text: the words around the match ("" when left to be made from ``text``)
    private: bool = False
    text: str = ""  # the item's text, when its snippet is left to be made (storage/search_index.search)

    @property
    def kind_label(self) -> str:
        return f"{self.kind.label} (private)" if self.private else self.kind.label


def _joined(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part.strip())


def record_items(record: SessionRecord) -> list[SearchItem]:
    """Every searchable piece of a session's record (its addenda apart: :func:`addendum_item`)."""
    items: list[SearchItem] = []
    for agenda in record.agenda:
        private = kept_here_only(agenda.visibility)
        items.append(SearchItem(SearchKind.AGENDA, agenda.id,
                                _joined(agenda.title, agenda.wanted_outcome, agenda.case_reference), private))
        items.append(SearchItem(SearchKind.DISCUSSION, agenda.id,
                                _joined(agenda.notes, agenda.went_well, agenda.difficult, agenda.learned), private))
        items.extend(SearchItem(SearchKind.DECISION, decision.id, _joined(decision.text, decision.rationale),
                                private) for decision in agenda.decisions)
    items.extend(SearchItem(SearchKind.ACTION, action.id, _joined(action.text, action.owner_name))
                 for action in record.actions)
    items.extend(SearchItem(SearchKind.FLAG, flag.id, flag.detail.strip(), kept_here_only(flag.visibility))
                 for flag in record.flags)
    items.append(SearchItem(SearchKind.LEARNING, LEARNING_ID, record.learning.strip()))
    return [item for item in items if item.text]


def addendum_item(addendum: Addendum) -> SearchItem:
    return SearchItem(SearchKind.ADDENDUM, addendum.id, addendum.text.strip())


def match_expression(query: str) -> str | None:
    """An FTS5 query finding records with every word of ``query`` (each as the start of a word), or
    ``None`` when it has no word to look for (only spaces or punctuation).

    Each word is put in double quotes (a quote inside doubled), so operators, column names,
    brackets, stars and carets are only ever text; control and other invisible characters
    separate words.
    """
    printable = "".join(ch if ch.isprintable() else " " for ch in query)  # (a NUL would end the query)
    words = [word[:MAX_WORD_LENGTH] for word in printable.split() if any(ch.isalnum() for ch in word)]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words[:MAX_QUERY_WORDS])


def fold(text: str) -> str:
    """``text`` without accents and case, as the index compares words ("Zoë" is "zoe")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def query_terms(query: str) -> tuple[str, ...]:
    """The words of ``query`` as :func:`snippet` looks for them (folded)."""
    return tuple(_WORD.findall(fold(query)))


def snippet(text: str, terms: tuple[str, ...], words: int = SNIPPET_WORDS) -> str:
    """The words of ``text`` around the first that one of ``terms`` (:func:`query_terms`) starts, on one
    line, as written ("…" where text is left out); the item's fields (title, wanted outcome…) apart by " / "."""
    found = list(_WORD.finditer(text))
    if not found:
        return ""
    first = next((i for i, match in enumerate(found) if fold(match.group()).startswith(terms)), 0)
    start = max(0, min(first - words // 4, len(found) - words))
    end = min(len(found), start + words)
    shown = text[found[start].start() if start else 0:found[end - 1].end() if end < len(found) else len(text)]
    lines = " / ".join(" ".join(line.split()) for line in shown.splitlines() if line.strip())
    return ("…" if start else "") + lines + ("…" if end < len(found) else "")
