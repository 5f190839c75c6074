"""What a kept signed note was made with, worked out from the note itself.

The vault keeps the signed PDF and the fingerprint of the content it shows,
not the options chosen. The paper size is read from the PDF; the sections
are found by which choice of hidden sections gives the kept fingerprint for
the record as it is now. When none does, the record has changed since the
note was signed (an addendum, say), and the note shows it as it was then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

from supervision_app.domain.identity import SignedNote
from supervision_app.gui.notes.rendering import UnreadablePdf, page_sizes
from supervision_app.services.note import OPTIONAL_SECTIONS
from supervision_app.services.notes import DEFAULT_HIDDEN, NoteOptions, NoteService
from supervision_app.services.pdf_note import PAGE_SIZES, note_fingerprint

_POINT_TOLERANCE = 2.0


@dataclass(frozen=True)
class KeptOptions:
    page_size: str | None  # None: neither A4 nor US Letter
    hidden_sections: frozenset[str] | None  # None: the record has changed since it was signed


def kept_options(notes: NoteService, session_id: int, kept: SignedNote) -> KeptOptions:
    try:
        sizes = page_sizes(kept.pdf)
    except UnreadablePdf:
        sizes = []
    page_size = None
    if sizes:
        width, height = sizes[0].width(), sizes[0].height()
        page_size = next((name for name, (w, h) in PAGE_SIZES.items()
                          if abs(w - width) <= _POINT_TOLERANCE and abs(h - height) <= _POINT_TOLERANCE), None)
    document = notes.document(session_id, NoteOptions())
    for hidden in _choices_nearest_the_default():
        if note_fingerprint(replace(document, hidden_sections=hidden)) == kept.fingerprint:
            return KeptOptions(page_size, hidden)
    return KeptOptions(page_size, None)


def _choices_nearest_the_default() -> list[frozenset[str]]:
    """Every set of hidden sections (1,024 of them), the likeliest (fewest changes from the default) first."""
    keys = sorted(OPTIONAL_SECTIONS)
    every = [frozenset(chosen) for size in range(len(keys) + 1) for chosen in combinations(keys, size)]
    return sorted(every, key=lambda hidden: (len(hidden ^ DEFAULT_HIDDEN), sorted(hidden)))
