"""Text that came from outside the app (a file, a pack, a pairing card, a PDF): how to check and show it.

Such text may carry characters that change what a reader sees: terminal
escape codes, bidirectional overrides and isolates (which reorder what
follows), zero-width and other invisible format characters, private-use
characters. Names and titles refuse them (:func:`is_plain`); what is printed
in a terminal shows them as visible ``<U+202E>`` marks (:func:`visible`).
In the GUI such text is always set with ``Qt.PlainText``.
"""

from __future__ import annotations

import unicodedata

_ALLOWED_CONTROLS = frozenset("\t\n")


def _hidden(ch: str, *, allow_newlines: bool) -> bool:
    """True for a character that is invisible or changes how the text around it is shown."""
    if allow_newlines and ch in _ALLOWED_CONTROLS:
        return False
    category = unicodedata.category(ch)
    # Cc controls (escape codes), Cf format (bidi overrides and isolates, zero-width joiners and spaces),
    # Co private use, Cs lone surrogates, Cn unassigned, Zl/Zp line and paragraph separators.
    return category in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp")


def is_plain(text: str, *, allow_newlines: bool = False) -> bool:
    """Whether ``text`` has no invisible, control, bidi-override or private-use character."""
    return not any(_hidden(ch, allow_newlines=allow_newlines) for ch in text)


def visible(text: str, *, allow_newlines: bool = False) -> str:
    """``text`` with every hidden character written as ``<U+XXXX>``, safe to print in a terminal."""
    if text.isprintable():  # no Cc, Cf, Co, Cs, Cn, Zl or Zp character (nor Zs but the space): nothing to show
        return text
    return "".join(f"<U+{ord(ch):04X}>" if _hidden(ch, allow_newlines=allow_newlines) else ch for ch in text)
