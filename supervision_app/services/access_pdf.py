"""The readable copy of an access request export: the note's fonts, styles and page furniture, its own content.

Drawn with the same helpers as the signed note (``services/pdf_note``), so it
looks like the app's other documents and embeds the same fonts; the note's own
rendering is not changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from supervision_app.services.note import Section
from supervision_app.services.pdf_note import _fields_table, _numbered_canvas, _section, _styles, _text, register_fonts


def render_export_pdf(title: str, marking: str, header: Sequence[tuple[str, str]], sections: Sequence[Section], *,
                      fingerprint: str, fonts_dir: Path) -> bytes:
    """Draw the sections on A4 pages with "page X of Y", the marking and the JSON's fingerprint on each."""
    register_fonts(fonts_dir)
    styles = _styles()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=20 * mm,
        title=title, subject="Access request: a copy of personal data", creator="supervision-app")
    width = A4[0] - 36 * mm
    story: list[Flowable] = [Paragraph(_text(title), styles["title"]), Paragraph(_text(marking), styles["marking"]),
                             _fields_table(list(header), width, styles, shaded=True)]
    for section in sections:
        story.extend(_section(section, width, styles, level=1))
    document.build(story, canvasmaker=_numbered_canvas(marking, fingerprint, title))
    return buffer.getvalue()
