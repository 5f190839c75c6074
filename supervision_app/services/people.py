"""Finding people by name, as a person would type it."""

from __future__ import annotations

import unicodedata

from supervision_app.domain.model import Person, PersonRole
from supervision_app.errors import UsageError
from supervision_app.storage.records import SqlRecordStore


def _folded(text: str) -> str:
    # "zoe" finds "Zoë", "siobhan" finds "Siobhán".
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_supervisee(store: SqlRecordStore, name: str) -> Person:
    """The one supervisee whose name contains ``name``; a usage error if none or several."""
    wanted = _folded(name.strip())
    matches = [p for p in store.list_people()
               if p.role is PersonRole.SUPERVISEE and wanted and wanted in _folded(p.name)]
    if not matches:
        raise UsageError(f"No supervisee's name contains '{name}'.")
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise UsageError(f"'{name}' matches more than one supervisee ({names}); give more of the name.")
    return matches[0]
