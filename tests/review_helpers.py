"""Helpers for the review-output tests: a .docx twin of a linted .txt report, and reading comments back.

Until the .docx reader lands, a .docx FileResult is simulated: the .txt report is linted, the same paragraphs
are written to a .docx with python-docx (split into several differently formatted runs, with an empty
paragraph between them, the second one inside a content control), and the findings get the .docx locations
the reader will give them (``Location.paragraph`` = number of the body ``w:p``, empty ones counted).
"""

from __future__ import annotations

from pathlib import Path

import docx
import msgspec
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportlint.findings import FileResult
from reportlint.model import Location

TEXT_TAGS = {qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab")}


def _add_runs(paragraph, text: str, chunk: int) -> None:
    for i in range(0, len(text), chunk):
        run = paragraph.add_run(text[i : i + chunk])
        run.bold = (i // chunk) % 2 == 1


def docx_twin(result: FileResult, path: Path, *, chunk: int = 7) -> FileResult:
    """Write the paragraphs of a linted text report to ``path``; return the result with .docx locations."""
    d = docx.Document()
    numbers: dict[int, int] = {}
    body_count = 0
    for k, view in enumerate(result.paragraphs):
        if k == 1:
            # the second paragraph goes into a body-level content control (w:sdt), which still counts
            sdt = OxmlElement("w:sdt")
            content = OxmlElement("w:sdtContent")
            sdt.append(OxmlElement("w:sdtPr"))
            sdt.append(content)
            p = d.add_paragraph()
            _add_runs(p, view.text, chunk)
            content.append(p._p)  # moves the paragraph into the control
            d.element.body.insert(len(d.element.body) - 1, sdt)
        else:
            p = d.add_paragraph()
            _add_runs(p, view.text, chunk)
        body_count += 1
        numbers[view.index] = body_count
        d.add_paragraph()  # an empty paragraph: counted in Location.paragraph
        body_count += 1
    d.save(str(path))

    def loc(index: int | None) -> Location:
        return Location(paragraph=numbers[index]) if index is not None else Location()

    findings = [msgspec.structs.replace(f, location=loc(f.paragraph_index)) for f in result.findings]
    paragraphs = [msgspec.structs.replace(v, location=loc(v.index)) for v in result.paragraphs]
    return msgspec.structs.replace(
        result, path=str(path), format="docx", findings=findings, paragraphs=paragraphs
    )


def body_paragraphs(document) -> list:
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(child)
        elif child.tag == qn("w:sdt"):
            out.extend(child.find(qn("w:sdtContent")).iterchildren(qn("w:p")))
    return out


def element_text(el) -> str:
    """Visible text of an element (runs outside deletions)."""
    out = []
    for node in el.iter():
        if node.tag in TEXT_TAGS:
            anc = node.getparent()
            skip = False
            while anc is not None and anc is not el:
                if anc.tag in (qn("w:del"), qn("w:moveFrom")):
                    skip = True
                anc = anc.getparent()
            if not skip:
                out.append(str(node))
    return "".join(out)


def anchored_text(document, comment_id: int) -> str:
    """The text between a comment's range start and end, in document order (paragraphs joined by \\n)."""
    body = document.element.body
    active = False
    out: list[str] = []
    cid = str(comment_id)
    for node in body.iter():
        if node.tag == qn("w:commentRangeStart") and node.get(qn("w:id")) == cid:
            active = True
        elif node.tag == qn("w:commentRangeEnd") and node.get(qn("w:id")) == cid:
            return "".join(out)
        elif active and node.tag in TEXT_TAGS:
            out.append(str(node))
        elif active and node.tag == qn("w:p") and out:
            out.append("\n")
    raise AssertionError(f"comment {comment_id} has no complete range")


def anchor_paragraph(document, comment_id: int, *, point_ok: bool = False):
    """The ``w:p`` that holds the comment's range start (or, with ``point_ok``, its reference mark)."""
    tags = [qn("w:commentRangeStart")] + ([qn("w:commentReference")] if point_ok else [])
    for el in document.element.body.iter(*tags):
        if el.get(qn("w:id")) == str(comment_id):
            p = el.getparent()
            while p.tag != qn("w:p"):
                p = p.getparent()
            return p
    raise AssertionError(f"no range start for comment {comment_id}")


def bold_map(p) -> list[bool]:
    """Per character of the paragraph: is its run bold."""
    out: list[bool] = []
    for r in p.iter(qn("w:r")):
        b = r.find(qn("w:rPr") + "/" + qn("w:b"))
        bold = b is not None and b.get(qn("w:val")) not in ("0", "false")
        n = sum(len(str(c)) for c in r.iterchildren() if c.tag in TEXT_TAGS)
        out.extend([bold] * n)
    return out
