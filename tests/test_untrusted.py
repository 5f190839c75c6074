"""Text from outside the app: hidden characters are refused or made visible."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervision_app.untrusted import is_plain, visible


@pytest.mark.parametrize("hidden", ["\x1b[2J", "\u202e", "\u2066", "\u200b", "\ue000", "\u2028", "\r", "\x00"])
def test_hidden_characters_are_refused_and_shown(hidden: str) -> None:
    text = f"Sam{hidden}Patel"
    assert not is_plain(text)
    shown = visible(text)
    assert shown.startswith("Sam<U+") and shown.endswith("Patel")
    assert is_plain(shown)


def test_ordinary_names_in_any_script_are_plain() -> None:
    for name in ("Zoë Ward", "Łukasz Nowak", "Mehmet Yılmaz", "Nguyễn Văn", "محمد علي", "O'Neil-Smith"):
        assert is_plain(name)
        assert visible(name) == name


def test_newlines_only_where_allowed() -> None:
    assert not is_plain("a\nb")
    assert is_plain("a\nb", allow_newlines=True)
    assert visible("a\nb", allow_newlines=True) == "a\nb"
    assert visible("a\nb") == "a<U+000A>b"


@given(st.text())
def test_visible_shows_the_same_as_checking_each_character(text: str) -> None:
    """The quick path for printable text (most lines of ``sessions``) changes nothing it shows."""
    from supervision_app.untrusted import _hidden

    for newlines in (False, True):
        slow = "".join(f"<U+{ord(ch):04X}>" if _hidden(ch, allow_newlines=newlines) else ch for ch in text)
        assert visible(text, allow_newlines=newlines) == slow
