"""The document's paragraphs as review formatters (html, annotated .docx) show them."""

from __future__ import annotations

from reportlint.findings import TextParagraph
from reportlint.structure.outline import Outline


def text_paragraphs(outline: Outline) -> list[TextParagraph]:
    """Every paragraph of the document with its role (title, cover letter, heading, body, table cell)."""
    doc = outline.doc
    title = set(outline.title)
    headings = {h.paragraph: h for h in outline.headings}
    cover = range(outline.cover.start, outline.cover.end) if outline.cover is not None else range(0)
    out: list[TextParagraph] = []
    for p in doc.paragraphs:
        level = 0
        if p.in_table:
            kind = "cell"
        elif p.index in title:
            kind = "title"
        elif p.index in headings:
            kind = "heading"
            level = max(headings[p.index].depth, 1)
        elif p.index in cover:
            kind = "cover"
        else:
            kind = "body"
        out.append(
            TextParagraph(
                index=p.index,
                text=p.text,
                kind=kind,
                location=p.location,
                level=level,
                numbering_label=p.numbering_label,
                section=outline.section_of(p.index).path(),
            )
        )
    return out
