"""What a screen reader says for a widget, and the two ways a name can hide what a sighted user reads.

Qt reads a widget's accessible name if it has one, else its visible text (a
field, the text of the label that is its buddy). A name set over a label,
button, check box, group box or a labelled field must therefore carry that
visible text; and a field in a row of a list must say which item of the list
it is about.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

_ENDS = re.compile(r"^[\s←→✓✗]+|[\s:…?.←→]+$")


def normalised(text: str) -> str:
    """Text as heard: no mnemonic ampersand, arrows, leading ✓/✗ mark (its words say the same), closing colon or
    ellipsis; spaces collapsed; any case."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return _ENDS.sub("", " ".join(text.split())).casefold()


def visible_text(widget: QWidget) -> str:
    if isinstance(widget, QGroupBox):
        return widget.title()
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    return ""


def spoken_name(widget: QWidget) -> str:
    """The name assistive technology gets for ``widget``: its own, or else what Qt derives from its text."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else widget.accessibleName()


def labelled_field(widget: QWidget) -> QWidget | None:
    """The named field ``widget`` is the label of (not a button: that is read by its own text)."""
    buddy = widget.buddy() if isinstance(widget, QLabel) else None
    if buddy is None or isinstance(buddy, QAbstractButton) or not buddy.accessibleName():
        return None
    return buddy


def hides_its_text(widget: QWidget) -> bool:
    """A name is set that is neither the visible text nor contains it, so the visible text is never read.

    For a field, the visible text is that of the label it is the buddy of.
    """
    field = labelled_field(widget)
    name = normalised((field or widget).accessibleName())
    text = normalised(visible_text(widget))
    # (Compared without spaces: a long code is shown broken over lines, and named whole.)
    return bool(name and text) and "".join(text.split()) not in "".join(name.split())


def names_hiding_text(root: QWidget) -> list[str]:
    """Every label, button, check box, group box and labelled field in ``root`` whose name hides its text."""
    return [hiding(widget) for widget in [root, *root.findChildren(QWidget)] if hides_its_text(widget)]


def hiding(widget: QWidget) -> str:
    text = visible_text(widget)[:60]
    if (field := labelled_field(widget)) is not None:
        return f"field {field.objectName()!r}: {field.accessibleName()!r} hides its label {text!r}"
    return f"{type(widget).__name__} {widget.objectName()!r}: {widget.accessibleName()!r} hides {text!r}"


def names_the_item(widget: QWidget, item: str) -> bool:
    """The field's accessible name or description says which item it is about (``item``, as heard)."""
    heard = normalised(f"{widget.accessibleName()} {widget.accessibleDescription()}")
    return normalised(item) in heard
