"""Comparing people's names as people do: ignoring case, accents and surrounding spaces."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """``text`` without case or accents: "zoe" finds "Zoë", "siobhan" finds "Siobhán"."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text.strip()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def same_name(first: str, second: str) -> bool:
    """The same name, ignoring case, accents and surrounding spaces."""
    return folded(first) == folded(second)
