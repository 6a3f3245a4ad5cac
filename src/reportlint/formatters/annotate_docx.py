"""``check --annotate OUT.docx``: a copy of the .docx with every finding as a Word comment on its text.

Each comment (author ``reportlint``) is anchored on the offending text when the finding has a span that can
be found in the paragraph's runs (runs are split at the span's edges, formatting kept), else on the whole
paragraph; document-level findings go on the title. The comment says the code, severity, message, evidence
and suggestion. The input file is only read; the copy is written atomically and never onto the input.

Paragraphs are found by ``Location.paragraph``, the 1-based number of the body paragraph (every ``w:p``
directly in the body and inside body-level ``w:sdt``/``w:customXml``, empty ones counted, in document order),
and table cells by ``Location.table/row/col``; both numberings come from the reader
(:func:`reportlint.readers.docx.body_paragraph_elements`, :func:`~reportlint.readers.docx.body_table_elements`),
so the copy's anchors follow exactly the rule the findings were located by. This is the only formatter that imports python-docx (it writes .docx).
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec
from docx import Document as open_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from lxml import etree  # type: ignore[import-untyped]  # python-docx is built on it

from reportlint.errors import UsageError
from reportlint.findings import FileResult, Finding, TextParagraph
from reportlint.output import atomic_write, check_not_input
from reportlint.readers.docx import body_paragraph_elements, body_table_elements

AUTHOR = "reportlint"
INITIALS = "RL"
SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

_TEXT_TAGS = {qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab")}
_RUN = qn("w:r")
_RPR = qn("w:rPr")
_PPR = qn("w:pPr")
_CONTAINERS = {
    qn(t)
    for t in (
        "w:hyperlink",
        "w:ins",
        "w:moveTo",
        "w:smartTag",
        "w:customXml",
        "w:fldSimple",
        "w:dir",
        "w:bdo",
    )
}
"""Inline elements whose runs are part of the paragraph's visible text (deleted and moved-from runs are not)."""
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")


# -- the text of a paragraph, as pieces of its direct children ----------------------------------------


def _run_text(r: Any) -> str:
    return "".join(str(c) for c in r.iterchildren() if c.tag in _TEXT_TAGS)


def _leaf_runs(el: Any) -> Iterator[Any]:
    """The runs of a paragraph (or inline container) in reading order, inside hyperlinks, insertions,
    inline content controls and simple fields, but not inside deletions or nested text boxes."""
    for child in el.iterchildren():
        if child.tag == _RUN:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _leaf_runs(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _leaf_runs(content)


class _Unit(msgspec.Struct):
    """A run of the paragraph with its offsets in the paragraph text."""

    run: Any
    start: int
    end: int


def _units(p: Any) -> list[_Unit]:
    out: list[_Unit] = []
    pos = 0
    for r in _leaf_runs(p):
        n = len(_run_text(r))
        if n:
            out.append(_Unit(r, pos, pos + n))
        pos += n
    return out


def _paragraph_text(p: Any) -> str:
    return "".join(_run_text(r) for r in _leaf_runs(p))


def _top_level(p: Any, el: Any) -> Any:
    """The ancestor of ``el`` (or ``el`` itself) that is a direct child of paragraph ``p``."""
    while el.getparent() is not p:
        el = el.getparent()
    return el


def _split_run(r: Any, k: int) -> None:
    """Split run ``r`` so that its first ``k`` characters stay in it and the rest move to a copy after it."""
    right = copy.deepcopy(r)
    pos = 0
    for left_child, right_child in zip(list(r.iterchildren()), list(right.iterchildren()), strict=True):
        if left_child.tag == _RPR:
            continue
        n = len(str(left_child)) if left_child.tag in _TEXT_TAGS else 0
        if n == 0:
            (right if pos < k else r).remove(right_child if pos < k else left_child)
        elif pos + n <= k:
            right.remove(right_child)
        elif pos >= k:
            r.remove(left_child)
        else:  # a w:t straddling k
            text = left_child.text or ""
            left_child.text, right_child.text = text[: k - pos], text[k - pos :]
            for t in (left_child, right_child):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pos += n
    r.addnext(right)


def _ensure_boundary(p: Any, offset: int) -> None:
    """Split the run that contains ``offset`` strictly inside it."""
    for u in _units(p):
        if u.start < offset < u.end:
            _split_run(u.run, offset - u.start)
            return


# -- comment markers ------------------------------------------------------------------------------------


def _marker(tag: str, comment_id: int) -> Any:
    return OxmlElement(tag, attrs={qn("w:id"): str(comment_id)})


def _reference_run(comment_id: int) -> Any:
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    r.append(rpr)
    r.append(_marker("w:commentReference", comment_id))
    return r


def _mark_range(first: Any, last: Any, last_p: Any, comment_id: int) -> None:
    """``commentRangeStart`` before run ``first``, ``commentRangeEnd`` after run ``last`` (both where the runs
    stand, inside a hyperlink say), and the reference run after the paragraph-level element holding ``last``
    (never inside a hyperlink or a tracked insertion)."""
    first.addprevious(_marker("w:commentRangeStart", comment_id))
    last.addnext(_marker("w:commentRangeEnd", comment_id))
    _top_level(last_p, last).addnext(_reference_run(comment_id))


def _mark_paragraphs(first_p: Any, last_p: Any, comment_id: int) -> None:
    """A comment on whole paragraphs (``first_p`` to ``last_p``), empty ones included."""
    start = _marker("w:commentRangeStart", comment_id)
    ppr = first_p.find(_PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        first_p.insert(0, start)
    last_p.append(_marker("w:commentRangeEnd", comment_id))
    last_p.append(_reference_run(comment_id))


def _mark_span(paragraphs: Sequence[Any], start: int, end: int, comment_id: int) -> bool:
    """Anchor on ``[start, end)`` of the paragraphs' texts joined with newlines; False when out of range."""
    offsets: list[tuple[Any, int]] = []
    pos = 0
    for p in paragraphs:
        offsets.append((p, pos))
        pos += len(_paragraph_text(p)) + 1

    def locate(offset: int, at_end: bool) -> tuple[Any, int]:
        for p, base in reversed(offsets):
            if base < offset or (base == offset and not at_end):
                return p, offset - base
        return offsets[0]

    p_start, s = locate(start, at_end=False)
    p_end, e = locate(end, at_end=True)
    _ensure_boundary(p_start, s)
    _ensure_boundary(p_end, e)
    firsts = [u for u in _units(p_start) if u.end > s]
    lasts = [u for u in _units(p_end) if u.start < e]
    if not firsts or not lasts:
        return False
    _mark_range(firsts[0].run, lasts[-1].run, p_end, comment_id)
    return True


# -- from findings to places ------------------------------------------------------------------------------


def comment_text(f: Finding) -> str:
    lines = [f"【{f.code} {SEV_ZH.get(f.severity, f.severity)}】{f.message}"]
    if f.evidence:
        lines.append(f"依据：{f.evidence}")
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    return "\n".join(lines)


def _cell_paragraphs(tables: list[Any], document: Any, f: Finding) -> list[Any] | None:
    loc = f.location
    if loc.table is None or not 1 <= loc.table <= len(tables):
        return None
    table = DocxTable(tables[loc.table - 1], document)
    try:
        cell = table.cell((loc.row or 1) - 1, (loc.col or 1) - 1)
    except IndexError:
        return None
    paras = [p._p for p in cell.paragraphs]
    return paras or None


def _span_in(text: str, f: Finding, view: TextParagraph | None) -> tuple[int, int] | None:
    """Where the finding's span is in ``text`` (the paragraph as its runs spell it), if it can be told."""
    if f.span is None or f.span[1] <= f.span[0]:
        return None
    want = f.excerpt[f.span[0] : f.span[1]]
    label = view.numbering_label if view is not None and view.numbering_label else ""
    if view is not None and label and not view.text.startswith(label):
        label = ""
    start = f.offset - len(label)
    if start >= 0 and text[start : start + len(want)] == want:
        return start, start + len(want)
    if start < 0:
        return None  # the span is (partly) in the automatic numbering label: comment on the paragraph
    if want and text.count(want) == 1:
        i = text.index(want)
        return i, i + len(want)
    return None


def _opens_plain_content_control(p: Any) -> bool:
    """``p`` is the first paragraph of a body-level rich-text content control (``w:sdt`` not a doc part).

    LibreOffice (7.4) mishandles a comment there when it opens the file: it drops the paragraph's text up to
    the comment's reference mark and the first paragraph of the comment. So such a comment keeps its range
    but has its reference mark at the start of the paragraph (nothing before it to lose), and gets a first
    line (``reportlint``) to spare: Word and WPS show it, LibreOffice loses only that line.
    """
    content = p.getparent()
    if content is None or content.tag != qn("w:sdtContent"):
        return False
    first = content.find(qn("w:p"))
    sdt_pr = content.getparent().find(qn("w:sdtPr"))
    doc_part = sdt_pr is not None and sdt_pr.find(qn("w:docPartObj")) is not None
    return first is p and not doc_part


def _move_reference_to_start(p: Any, comment_id: int) -> None:
    for r in p.iter(_RUN):
        ref = r.find(qn("w:commentReference"))
        if ref is not None and ref.get(qn("w:id")) == str(comment_id):
            r.getparent().remove(r)
            ppr = p.find(_PPR)
            if ppr is not None:
                ppr.addnext(r)
            else:
                p.insert(0, r)
            return


def _title_paragraph(body: list[Any], views: list[TextParagraph]) -> Any:
    for v in views:
        if v.kind == "title" and v.location.paragraph and 1 <= v.location.paragraph <= len(body):
            return body[v.location.paragraph - 1]
    for p in body:
        if _paragraph_text(p).strip():
            return p
    return body[0] if body else None


def _first_paragraph_anywhere(document: Any) -> Any:
    """The first paragraph with text in the body at any depth (a table cell), else None."""
    for p in document.element.body.iter(qn("w:p")):
        if _paragraph_text(p).strip():
            return p
    return None


def annotate_document(document: Any, result: FileResult) -> int:
    """Add one comment per finding of ``result`` to the open python-docx ``document``; returns the count."""
    body = body_paragraph_elements(document)
    tables = body_table_elements(document)
    views = {v.index: v for v in result.paragraphs}
    title = _title_paragraph(body, result.paragraphs)
    if title is None:
        title = _first_paragraph_anywhere(document)
    if title is None:
        title = document.add_paragraph()._p
        body.append(title)
    added = 0
    for f in result.findings:
        view = views.get(f.paragraph_index) if f.paragraph_index is not None else None
        paras = _cell_paragraphs(tables, document, f)
        if paras is None and f.location.paragraph is not None and 1 <= f.location.paragraph <= len(body):
            paras = [body[f.location.paragraph - 1]]
        if paras is None:
            paras = [title]
        note = comment_text(f)
        in_control = _opens_plain_content_control(paras[0])
        if in_control:
            note = f"{AUTHOR}\n{note}"
        comment = document.comments.add_comment(text=note, author=AUTHOR, initials=INITIALS)
        cid = comment.comment_id
        text = "\n".join(_paragraph_text(p) for p in paras)
        span = _span_in(text, f, view)
        if span is None or not _mark_span(paras, span[0], span[1], cid):
            _mark_paragraphs(paras[0], paras[-1], cid)
        if in_control:
            _move_reference_to_start(paras[0], cid)
        added += 1
    return added


def annotate(result: FileResult, source: str | os.PathLike[str], target: str | os.PathLike[str]) -> int:
    """Write a copy of ``source`` with the findings of ``result`` as comments to ``target``.

    Refuses (:class:`UsageError`) to write onto ``source``. Returns the number of comments added.
    """
    out = Path(target)
    check_not_input(out, [str(source)], "--annotate")
    document = open_docx(str(source))
    n = annotate_document(document, result)
    _drop_entity_references(document.element)
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    try:
        open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx could not write a copy it can read back: write nothing
        raise UsageError(f"cannot write a valid annotated copy ({type(exc).__name__}: {exc})") from None
    atomic_write(out, data)
    return n


def _drop_entity_references(root: Any) -> None:
    """Remove unresolved entity references (``&ent;`` from a DOCTYPE, which is not written back out)."""
    for ent in list(root.iter(etree.Entity)):
        parent = ent.getparent()
        if parent is None:
            continue
        if ent.tail:
            prev = ent.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + ent.tail
            else:
                parent.text = (parent.text or "") + ent.tail
        parent.remove(ent)


__all__ = ["annotate", "annotate_document", "body_paragraph_elements", "comment_text"]
