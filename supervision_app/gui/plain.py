"""Text in the window is shown as plain text: the one place that decides it.

Qt guesses from a leading tag whether a label's, a message box's or a tool
tip's text is HTML (``Qt.AutoText``). Names, titles and comments come from
files, packs, pairing cards and PDFs, so a name like ``<img src="file:///…">``
would be interpreted. Every form's labels are therefore set to plain text as
the form is loaded (:func:`plain_labels`, called by ``forms.load_form``),
unless the form marks a label as deliberately rich with the dynamic property
``richText`` (only for markup written by us, with anything quoted escaped).
Labels made in Python come from :func:`label`, message boxes from
:func:`message_box`, and tool tips that quote such text from :func:`tooltip`.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

RICH_TEXT_PROPERTY = "richText"
"""A label's dynamic property in a form: ``true`` for a label whose markup is written by us."""


def is_marked_rich(label: QLabel) -> bool:
    return label.property(RICH_TEXT_PROPERTY) is True


def plain_labels(root: QWidget) -> None:
    """Set every label in ``root`` (and ``root`` itself) to plain text, unless marked deliberately rich."""
    labels = root.findChildren(QLabel)
    if isinstance(root, QLabel):
        labels.append(root)
    for found in labels:
        found.setTextFormat(Qt.TextFormat.RichText if is_marked_rich(found) else Qt.TextFormat.PlainText)


def label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label made in Python, showing ``text`` as plain text."""
    made = QLabel(parent)
    made.setTextFormat(Qt.TextFormat.PlainText)
    made.setText(text)
    return made


def message_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None, *, details: str = "",
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton) -> QMessageBox:
    """A message box showing ``text`` and ``details`` as plain text (every message box in the app comes from here).

    ``setTextFormat`` covers only the main text: the label of the details
    (Qt's informative text) is made plain here too, with every other label.
    """
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(buttons)
    plain_labels(box)
    return box


def tooltip(text: str) -> str:
    """A tool tip that shows ``text`` literally: tool tips have no format of their own, so it is escaped."""
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal) if text else ""
