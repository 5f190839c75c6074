""""More from the toolkit": a passage shown only when asked for, with its citation.

A checkable button (reached with Tab, toggled with Space) opens or closes a plain
label holding the toolkit's words, quoted from ``resources/content/``, and a line
saying where they come from. Closed by default, so nothing is pushed at anyone.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from supervision_app.content import Source
from supervision_app.gui.plain import label


def short_citation(source: Source, cite: str) -> str:
    """``From BASW and SWU (2020), Fig. 6``: who and where, short enough to sit under a note."""
    who = f"{source.publisher} ({source.year})" if source.publisher and source.year else source.publisher
    parts = [part for part in (who, cite) if part]
    return "From " + ", ".join(parts) if parts else f"From {source.citation}"


class MoreFromToolkit(QWidget):
    """A closed section: the button ``title`` opens ``blocks`` (paragraphs, shown as plain text)."""

    def __init__(self, title: str, blocks: Iterable[str], source: Source, cite: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.button = QPushButton(self)
        self.button.setCheckable(True)
        self.button.setAccessibleDescription("Shows or hides the toolkit's text")
        self.body = QWidget(self)
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(8, 0, 0, 0)
        self.text_label = label("\n\n".join(block.strip() for block in blocks if block.strip()), self.body)
        self.text_label.setWordWrap(True)
        self.citation_label: QLabel = label(short_citation(source, cite), self.body)
        self.citation_label.setWordWrap(True)
        self.citation_label.setToolTip(source.citation)
        self.citation_label.setAccessibleDescription(source.citation)
        self.citation_label.setProperty("role", "citation")
        body_layout.addWidget(self.text_label)
        body_layout.addWidget(self.citation_label)
        layout.addWidget(self.button)
        layout.addWidget(self.body)
        self.button.toggled.connect(self._show)
        self._show(False)

    @property
    def text(self) -> str:
        return self.text_label.text()

    def _show(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.button.setText(("Hide: " if shown else "More from the toolkit: ") + self.title)
