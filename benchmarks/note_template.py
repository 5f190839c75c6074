"""The session note as a filled .docx supervision template, for LibreOffice to convert (``benchmarks/note.py``).

Councils record supervision today by filling in a Word template and saving it
as a PDF. This writes the same :class:`NoteDocument` the app prints, section by
section, into such a template: the same title and marking, the shaded header
table, the section headings, the fields, paragraphs and tables, the running
header and "Page X of Y" footer, and the two signature boxes at the end. The
font is the one the app embeds (DejaVu Sans), on A4 with the same margins, so
both PDFs carry the same words on about the same number of pages.

Needs python-docx, which is not a dependency of the app: ``pip install python-docx``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from supervision_app.services.note import NoteDocument, Section

FONT = "DejaVu Sans"
INK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
ACCENT = RGBColor(0x0B, 0x6E, 0x69)
SHADE = "EEF2F5"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN


def write_docx(note: NoteDocument, fingerprint: str, path: Path) -> None:
    """Write ``note`` (skipping its hidden sections, as the PDF does) to ``path`` as a filled template."""
    document = Document()
    _page_setup(document, note, fingerprint)
    _styles(document)
    title = document.add_paragraph(style="Title")
    title.add_run(note.title)
    _styled_paragraph(document, note.marking, size=8.5, bold=True, color=MUTED)
    _fields_table(document, [*note.header, ("Status", note.status), ("Fingerprint", fingerprint)], shaded=True)
    for section in note.sections:
        if section.key not in note.hidden_sections:
            _section(document, section, level=1)
    document.add_heading("Digital signatures", level=1)
    boxes = document.add_table(rows=1, cols=2)
    boxes.style = "Table Grid"
    _widths(boxes, [1.0, 1.0])
    for cell, caption in zip(boxes.rows[0].cells, ("Supervisor's digital signature",
                                                   "Supervisee's digital signature"), strict=True):
        run = cell.paragraphs[0].add_run(caption)
        run.font.size, run.font.color.rgb = Pt(7.5), MUTED
    boxes.rows[0].height = Mm(30)
    document.save(str(path))


def _page_setup(document, note: NoteDocument, fingerprint: str) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = MARGIN
    section.bottom_margin = Mm(20)
    section.header_distance, section.footer_distance = Mm(8), Mm(8)
    header = section.header.paragraphs[0]
    header.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _small(header, f"{note.marking}\t{note.title}")
    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH // 2, WD_TAB_ALIGNMENT.CENTER)
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _small(footer, f"Fingerprint {fingerprint}\t{note.marking.split(':')[0]}\tPage ")
    _field(footer, "PAGE")
    _small(footer, " of ")
    _field(footer, "NUMPAGES")


def _styles(document) -> None:  # type: ignore[no-untyped-def]
    for name, size, bold, color in (("Normal", 10, False, INK), ("Title", 17, True, ACCENT),
                                    ("Heading 1", 12.5, True, ACCENT), ("Heading 2", 10.5, True, INK)):
        style = document.styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), bold
        style.font.color.rgb = color
        # The built-in styles take their font from the theme, which would win over the name.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        fonts.set(qn("w:eastAsia"), FONT)
        fonts.set(qn("w:cs"), FONT)
        style.paragraph_format.space_after = Pt(4)
    document.styles["Title"].element.get_or_add_pPr().remove_all("w:pBdr")  # no rule under the title
    document.styles["Heading 1"].paragraph_format.space_before = Pt(12)
    document.styles["Heading 2"].paragraph_format.space_before = Pt(6)
    document.styles["Normal"].paragraph_format.line_spacing = Pt(14)


def _small(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run(text)
    run.font.size, run.font.color.rgb = Pt(7.5), MUTED


def _field(paragraph, instruction: str) -> None:  # type: ignore[no-untyped-def]
    """A field such as PAGE or NUMPAGES, which the word processor fills in when it lays the pages out."""
    for kind, text in (("begin", ""), ("", instruction), ("separate", ""), ("", "1"), ("end", "")):
        run = paragraph.add_run()
        run.font.size, run.font.color.rgb = Pt(7.5), MUTED
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _styled_paragraph(document, text: str, *, size: float = 10, bold: bool = False,  # type: ignore[no-untyped-def]
                      italic: bool = False, color: RGBColor = INK) -> None:
    run = document.add_paragraph().add_run(text)
    run.font.size, run.font.bold, run.font.italic, run.font.color.rgb = Pt(size), bold, italic, color


def _shade(cell) -> None:  # type: ignore[no-untyped-def]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), SHADE)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(cell, text: str, *, bold: bool = False, color: RGBColor = INK,  # type: ignore[no-untyped-def]
               padding: float = 2) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(padding)
    paragraph.paragraph_format.line_spacing = Pt(12)
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.color.rgb = Pt(9), bold, color


def _widths(table, shares: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Fix the column widths: LibreOffice reads the table grid, Word reads each cell."""
    table.autofit = False
    widths = [int(TEXT_WIDTH * share / sum(shares)) for share in shares]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _fields_table(document, rows, *, shaded: bool = False) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for label, value in rows:
        cells = table.add_row().cells
        if shaded:
            for cell in cells:
                _shade(cell)
        _cell_text(cells[0], label, bold=True, color=MUTED)
        _cell_text(cells[1], value)
    _widths(table, [0.3, 0.7])


def _data_table(document, section: Section) -> None:  # type: ignore[no-untyped-def]
    assert section.table is not None
    columns = section.table.columns
    shares = [2.0] + [1.0] * (len(columns) - 1) if len(columns) > 2 else [1.0, 1.6]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        _cell_text(cell, column, bold=True, padding=3)
    for row in section.table.rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _cell_text(cell, text, padding=3)
    _widths(table, shares)


def _section(document, section: Section, *, level: int) -> None:  # type: ignore[no-untyped-def]
    document.add_heading(section.title, level=min(level, 2))
    if section.is_empty and section.empty_text:
        _styled_paragraph(document, section.empty_text, italic=True, color=MUTED)
    if section.fields:
        _fields_table(document, section.fields)
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph)  # python-docx turns the writer's line breaks into breaks
    if section.table is not None and section.table.rows:
        _data_table(document, section)
    for subsection in section.subsections:
        _section(document, subsection, level=level + 1)
