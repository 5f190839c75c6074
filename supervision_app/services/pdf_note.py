"""The session note as a PDF, drawn with reportlab from the same NoteDocument as the text view.

Every page carries "page X of Y", the confidentiality marking (once: under the
title on the first page, at the top of the others) and a short fingerprint of
the content. Fonts are embedded (DejaVu Sans, shipped in
resources/fonts) so any name prints. The last page keeps two boxes for the
signature stamps; their positions are measured while the page is laid out and
returned, so the signature fields sit exactly on them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from supervision_app.services.note import NoteDocument, Section, left_out

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
FONT = "SupervisionSans"
FONT_BOLD = "SupervisionSans-Bold"
FONT_ITALIC = "SupervisionSans-Oblique"
SIGNATURE_ROLES = ("supervisor", "supervisee")

_INK = colors.HexColor("#1f2933")
_MUTED = colors.HexColor("#52606d")
_RULE = colors.HexColor("#9aa5b1")
_SHADE = colors.HexColor("#eef2f5")
_ACCENT = colors.HexColor("#0b6e69")


@dataclass(frozen=True)
class SignatureBox:
    page: int  # zero-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in points


# The document information carries the fingerprint too, so a reader can check a claim against the signed file.
FINGERPRINT_KEYWORD = "fingerprint "


@dataclass(frozen=True)
class RenderedNote:
    pdf: bytes
    fingerprint: str
    signature_boxes: dict[str, SignatureBox]
    page_count: int


def note_fingerprint(note: NoteDocument) -> str:
    """A short, readable hash of everything the note prints, e.g. ``7K3F-Q9D2-M4XA``.

    The witnessed-confirmation sentence is left out: it is made only from the
    sign-off and the supervisor's name, which are in, and leaving it out keeps
    the fingerprint of notes signed before it was printed.
    """
    printed = asdict(note)
    printed.pop("witnessed")
    canonical = json.dumps(printed, sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).digest()
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    value = int.from_bytes(digest[:8], "big")
    characters = [alphabet[(value >> (5 * i)) & 31] for i in range(12)]
    return "-".join("".join(characters[i:i + 4]) for i in (0, 4, 8))


def register_fonts(fonts_dir: Path) -> None:
    """Register the embedded fonts with reportlab (idempotent)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT_ITALIC, "DejaVuSans-Oblique.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(fonts_dir / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=_INK, alignment=TA_LEFT,
                          spaceAfter=4)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=22, spaceAfter=2,
                                textColor=_ACCENT),
        "marking": ParagraphStyle("marking", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11,
                                  textColor=_MUTED, spaceAfter=8),
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=12,
                             spaceAfter=4, textColor=_ACCENT, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=6,
                             spaceAfter=2, keepWithNext=1),
        "body": body,
        "muted": ParagraphStyle("muted", parent=body, textColor=_MUTED, fontName=FONT_ITALIC),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12,
                                    spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12, spaceAfter=0,
                                textColor=_MUTED),
        "stamp": ParagraphStyle("stamp", parent=body, fontSize=8.5, leading=11, textColor=_MUTED),
        "witnessed": ParagraphStyle("witnessed", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
    }


def _text(value: str) -> str:
    """Escape for reportlab's mini-markup and keep the writer's line breaks."""
    return escape(value).replace("\n", "<br/>")


class _SignatureSpace(Flowable):
    """An empty, framed box whose page and position are recorded as it is drawn."""

    def __init__(self, role: str, caption: str, width: float, height: float,
                 positions: dict[str, SignatureBox]) -> None:
        super().__init__()
        self.role, self.caption = role, caption
        self.width, self.height = width, height
        self._positions = positions

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(_RULE)
        canvas.setDash(2, 2)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(_MUTED)
        canvas.drawString(4, self.height - 10, self.caption)
        x, y = canvas.absolutePosition(0, 0)
        self._positions[self.role] = SignatureBox(canvas.getPageNumber() - 1,
                                                  (x, y, x + self.width, y + self.height - 12))
        canvas.restoreState()


def _numbered_canvas(marking: str, fingerprint: str, title: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Draws "page X of Y" once the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab calls it by this name
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # (reportlab's own, not in its stubs)

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize  # type: ignore[attr-defined]  # (as above)
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(_MUTED)
            if self.getPageNumber() > 1:  # the first page has the marking under its title
                self.drawString(18 * mm, height - 10 * mm, marking)
                self.drawRightString(width - 18 * mm, height - 10 * mm, title)
            self.setStrokeColor(_RULE)
            self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
            self.drawString(18 * mm, 10 * mm, f"Fingerprint {fingerprint}")
            self.drawRightString(width - 18 * mm, 10 * mm, f"Page {self.getPageNumber()} of {total}")
            self.restoreState()

    return NumberedCanvas


def render_note_pdf(note: NoteDocument, *, fonts_dir: Path, page_size: str = "A4",
                    signer_captions: dict[str, str] | None = None, author: str = "") -> RenderedNote:
    """Draw the note; return the PDF, its fingerprint and where the signature boxes are."""
    register_fonts(fonts_dir)
    styles = _styles()
    fingerprint = note_fingerprint(note)
    buffer = BytesIO()
    size = PAGE_SIZES[page_size]
    document = SimpleDocTemplate(
        buffer, pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=20 * mm,
        # No name in the title: a file list, a print queue or a search index shows it to anyone.
        title=f"{note.title}, {dict(note.header).get('Date', '')}",
        author=author, subject="Reflective supervision record", creator="supervision-app",
        keywords=[f"{FINGERPRINT_KEYWORD}{fingerprint}"],
    )
    width = size[0] - 36 * mm
    story: list[Flowable] = [Paragraph(_text(note.title), styles["title"]),
                             Paragraph(_text(note.marking), styles["marking"])]
    header_rows = [*note.header, ("Status", note.status), ("Fingerprint", fingerprint)]
    if left_out(note):
        header_rows.append(("Left out of this copy", left_out(note)))
    story.append(_fields_table(header_rows, width, styles, shaded=True))
    for section in note.sections:
        if section.key in note.hidden_sections:
            continue
        story.extend(_section(section, width, styles, level=1))
    positions: dict[str, SignatureBox] = {}
    captions = signer_captions or {"supervisor": "Supervisor's digital signature",
                                   "supervisee": "Supervisee's digital signature"}
    box_width, box_height = (width - 8 * mm) / 2, 30 * mm
    rows: list[list[Flowable | str]] = [[_SignatureSpace(role, captions[role], box_width, box_height, positions)
                                         for role in SIGNATURE_ROLES]]
    if note.witnessed:  # above the supervisee's box, which stays empty for their own digital signature
        rows.insert(0, ["", Paragraph(_text(note.witnessed), styles["witnessed"])])
    boxes = Table(rows, colWidths=[box_width + 4 * mm] * 2)
    boxes.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("NOSPLIT", (0, 0), (-1, -1)),
                               ("RIGHTPADDING", (1, 0), (1, 0), 4 * mm), ("BOTTOMPADDING", (1, 0), (1, 0), 4)]))
    story.append(Paragraph("Digital signatures", styles["h1"]))  # kept with the boxes by keepWithNext
    story.append(boxes)
    canvas_class = _numbered_canvas(note.marking, fingerprint, note.title)
    document.build(story, canvasmaker=canvas_class)
    pdf = buffer.getvalue()
    return RenderedNote(pdf=pdf, fingerprint=fingerprint, signature_boxes=positions,
                        page_count=max(box.page for box in positions.values()) + 1)


def _fields_table(rows: Sequence[tuple[str, str]], width: float, styles: dict[str, ParagraphStyle], *,
                  shaded: bool = False) -> Table:
    data = [[Paragraph(_text(label), styles["label"]), Paragraph(_text(value), styles["cell"])]
            for label, value in rows]
    table = Table(data, colWidths=[width * 0.3, width * 0.7], splitInRow=1, hAlign="LEFT")
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 4)]
    if shaded:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), _SHADE))
        commands += [("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6)]
    table.setStyle(TableStyle(commands))
    return table


def _data_table(section: Section, width: float, styles: dict[str, ParagraphStyle]) -> Table:
    assert section.table is not None
    columns = section.table.columns
    # The first column (the action, the decision) gets the most room.
    shares = [2.0] + [1.0] * (len(columns) - 1) if len(columns) > 2 else [1.0, 1.6]
    widths = [width * share / sum(shares) for share in shares]
    data = [[Paragraph(_text(column), styles["cell_head"]) for column in columns]]
    data += [[Paragraph(_text(cell), styles["cell"]) for cell in row] for row in section.table.rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, _INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, _RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _section(section: Section, width: float, styles: dict[str, ParagraphStyle], *, level: int) -> list[Flowable]:
    heading = Paragraph(_text(section.title), styles["h1" if level == 1 else "h2"])
    body: list[Flowable] = []
    if section.is_empty and section.empty_text:
        body.append(Paragraph(_text(section.empty_text), styles["muted"]))
    if section.fields:
        body.append(_fields_table(section.fields, width, styles))
    for paragraph in section.paragraphs:
        body.append(Paragraph(_text(paragraph), styles["body"]))
    if section.table is not None and section.table.rows:
        body.append(_data_table(section, width, styles))
    for subsection in section.subsections:
        body.extend(_section(subsection, width, styles, level=level + 1))
    # Headings keep with what follows them (keepWithNext); the rest flows freely.
    return [heading, *body, Spacer(1, 2)]
