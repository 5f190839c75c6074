"""What a kept signed note was made with, and whether the record has changed since.

The vault keeps the options a note was signed with beside it. The record has
changed since signing (an addendum, say) when the note those options give for
the record as it is now no longer has the kept fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass

from supervision_app.domain.identity import SignedNote
from supervision_app.services.notes import NoteOptions, NoteService


@dataclass(frozen=True)
class KeptOptions:
    page_size: str | None  # None: neither A4 nor US Letter
    hidden_sections: frozenset[str] | None  # None: the record has changed since it was signed


def kept_options(notes: NoteService, session_id: int, kept: SignedNote) -> KeptOptions:
    from supervision_app.services.pdf_note import note_fingerprint  # reportlab: with the first note, not the window

    options = NoteOptions(page_size=kept.page_size, hidden_sections=kept.hidden_sections)
    unchanged = note_fingerprint(notes.document(session_id, options)) == kept.fingerprint
    return KeptOptions(kept.page_size, kept.hidden_sections if unchanged else None)
