"""Text is plain in the window: a name that looks like HTML is shown as it is, never interpreted.

Every GUI test also checks, while its windows are open, that no label or
message box would interpret rich text (``tests/gui/conftest.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.gui import plain
from supervision_app.gui.forms import load_form
from supervision_app.paths import ui_dir

HTML_NAME = '<img src="file:///x"><b>Bold</b>'

# The labels whose markup we write ourselves (anything quoted in them is escaped).
DELIBERATELY_RICH = {("session_flags", "visibilityHelpLabel")}


def labels_showing(root: QWidget, text: str) -> list[QLabel]:
    found = [label for label in root.findChildren(QLabel) if text in label.text()]
    return [root, *found] if isinstance(root, QLabel) and text in root.text() else found


def assert_shown_literally(labels: list[QLabel], text: str = HTML_NAME) -> None:
    assert labels, f"no label shows {text!r}"
    for label in labels:
        assert text in label.text() and label.textFormat() is Qt.TextFormat.PlainText, label.objectName()


def test_every_form_shows_plain_text_unless_it_marks_a_label_rich(qtbot: QtBot) -> None:
    marked: set[tuple[str, str]] = set()
    for path in sorted(ui_dir().glob("*.ui")):
        form = load_form(path.stem)
        qtbot.addWidget(form)
        labels = form.findChildren(QLabel)
        for label in labels:
            if plain.is_marked_rich(label):
                marked.add((path.stem, label.objectName()))
                assert label.textFormat() is Qt.TextFormat.RichText
            else:
                assert label.textFormat() is Qt.TextFormat.PlainText, (path.name, label.objectName())
                label.setText(HTML_NAME)
                assert label.text() == HTML_NAME
    assert marked == DELIBERATELY_RICH


def test_message_boxes_show_their_text_and_details_as_plain_text(qtbot: QtBot) -> None:
    box = plain.message_box(QMessageBox.Icon.Warning, HTML_NAME, f"From {HTML_NAME}", None, details=HTML_NAME,
                            buttons=QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.textFormat() is Qt.TextFormat.PlainText and box.text() == f"From {HTML_NAME}"
    assert_shown_literally(labels_showing(box, HTML_NAME))
    assert len(labels_showing(box, HTML_NAME)) == 2  # the text and the details


def test_labels_made_in_python_and_tool_tips_are_plain(qtbot: QtBot) -> None:
    label = plain.label(HTML_NAME)
    qtbot.addWidget(label)
    assert_shown_literally([label])
    tip = plain.tooltip(f"Pair with {HTML_NAME} first.")
    assert QtGui.Qt.mightBeRichText(tip) and "<img" not in tip and "&lt;img" in tip


def test_no_message_box_or_label_is_made_around_the_one_mechanism() -> None:
    """Message boxes and Python-made labels come only from gui/plain.py."""
    gui = Path(plain.__file__).parent
    made = re.compile(r"\bQ(MessageBox|Label)\(|QMessageBox\.(information|warning|critical|question|about)\(")
    offenders = [f"{path.relative_to(gui)}:{number}" for path in sorted(gui.rglob("*.py")) if path.name != "plain.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if made.search(line)]
    assert offenders == []
