"""Removing a row that has typed text in it asks first, so one keystroke never loses what was typed.

Every Remove button of the session editor goes through :func:`may_remove`.
An empty row goes at once; a row with text asks, with "Keep" the default
button, so Return or Escape keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QMessageBox, QWidget

from supervision_app.gui.plain import message_box

# Asks a yes/no question: (parent, question, details) -> True to remove.
AskRemove = Callable[[QWidget, str, str], bool]

QUOTE_LENGTH = 60


def ask_to_remove(parent: QWidget, question: str, details: str) -> bool:
    box = message_box(QMessageBox.Icon.Question, question, question, parent, details=details)
    remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is remove


def removal_details(texts: Iterable[str]) -> str:
    """What will be lost, quoting the first thing typed: "What was typed in it will be lost: “…”."."""
    typed = [" ".join(text.split()) for text in texts if text.strip()]
    first = typed[0]
    if len(first) > QUOTE_LENGTH:
        first = first[:QUOTE_LENGTH - 1].rstrip() + "…"
    return f"What was typed in it will be lost: “{first}”."


def may_remove(ask: AskRemove, parent: QWidget, what: str, texts: Iterable[str]) -> bool:
    """Whether to remove ``what`` ("decision 2"): at once if nothing was typed in it, else if the person says so."""
    texts = list(texts)
    if not any(text.strip() for text in texts):
        return True
    return ask(parent, f"Remove {what}?", removal_details(texts))
