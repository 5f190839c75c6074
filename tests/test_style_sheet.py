"""The style sheet never changes the room a widget's text needs with the widget's state."""

from __future__ import annotations

import re

from supervision_app.paths import resources_dir

# Properties that change how much room text needs.
SIZING = ("font", "font-weight", "font-size", "font-family", "font-style", "letter-spacing")


def rules(sheet: str) -> list[tuple[str, str]]:
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    return [(selector.strip(), body) for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet)]


def test_no_state_of_a_widget_changes_its_font() -> None:
    """Qt measures a widget with the font it had when polished; a state (:default, :focus, :hover, …) that
    changes the font afterwards draws text wider than the room measured for it, cut at both ends."""
    changing = []
    for selector, body in rules((resources_dir() / "style.qss").read_text(encoding="utf-8")):
        stateful = [part for part in selector.split(",") if re.search(r"(?<!:):(?!:)[a-z]", part)]
        sizing = [line.split(":")[0].strip() for line in body.split(";") if line.split(":")[0].strip() in SIZING]
        if stateful and sizing:
            changing.append(f"{selector}: {', '.join(sizing)}")
    assert changing == []

