"""The CPD log as a PDF: the note's fonts, styles and page furniture, one section per entry, field by field."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from supervision_app.services.note import Section
from supervision_app.services.pdf_note import _numbered_canvas, _section, _styles, _text, register_fonts

if TYPE_CHECKING:
    from supervision_app.services.cpd import CpdService

MARKING = "Personal record of continuing professional development"


def render_cpd_pdf(service: CpdService, ending: int, owner: str, fonts_dir: Path) -> bytes:
    register_fonts(fonts_dir)
    styles = _styles()
    title = service.year_heading(ending)
    entries = service.entries(ending)
    sections = [Section(f"entry-{number}", f"Entry {number} of {len(entries)}: {entry.title}",
                        fields=tuple((label, value or "(not filled in)") for label, value in service.fields(entry)))
                for number, entry in enumerate(entries, start=1)]
    summary = service.progress_in_words(ending)
    fingerprint = hashlib.sha256(repr((title, owner, summary, [s.fields for s in sections])).encode()).hexdigest()
    short = "-".join(fingerprint[i:i + 4].upper() for i in (0, 4, 8))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=20 * mm,
        title="CPD record", subject=MARKING, creator="supervision-app")
    width = A4[0] - 36 * mm
    story: list[Flowable] = [Paragraph(_text(title), styles["title"]), Paragraph(_text(MARKING), styles["marking"])]
    if owner:
        story.append(Paragraph(_text(owner), styles["body"]))
    story.append(Paragraph(_text(summary), styles["body"]))
    if not sections:
        story.append(Paragraph("No entries recorded for this year.", styles["muted"]))
    for section in sections:
        story.extend(_section(section, width, styles, level=1))
    document.build(story, canvasmaker=_numbered_canvas(MARKING, short, "CPD record"))
    return buffer.getvalue()
