"""The session note as simple HTML for the sign-off page, from the same structure as the PDF and text."""

from __future__ import annotations

from html import escape

from supervision_app.services.note import NoteDocument, Section


def note_html(note: NoteDocument) -> str:
    parts = [f'<p style="font-size: 14pt; font-weight: bold;">{escape(note.title)}</p>',
             f"<p><i>{escape(note.marking)}</i></p>",
             '<table cellspacing="0" cellpadding="3">']
    for label, value in (*note.header, ("Status", note.status)):
        parts.append(f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>")
    parts.append("</table>")
    for section in note.sections:
        if section.key not in note.hidden_sections:
            parts.append(_section(section, 3))
    return "\n".join(parts)


def _section(section: Section, level: int) -> str:
    parts = [f"<h{level}>{escape(section.title)}</h{level}>"]
    if section.is_empty and section.empty_text:
        parts.append(f"<p><i>{escape(section.empty_text)}</i></p>")
        return "\n".join(parts)
    for label, value in section.fields:
        parts.append(f"<p><b>{escape(label)}:</b> {escape(value)}</p>")
    for paragraph in section.paragraphs:
        parts.append(f"<p>{escape(paragraph)}</p>")
    if section.table and section.table.rows:
        header = "".join(f"<th align=\"left\">{escape(column)}</th>" for column in section.table.columns)
        rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                       for row in section.table.rows)
        parts.append(f'<table border="1" cellspacing="0" cellpadding="4" width="100%"><tr>{header}</tr>'
                     f"{rows}</table>")
    for sub in section.subsections:
        parts.append(_section(sub, min(level + 1, 6)))
    return "\n".join(parts)
