"""OOXML names and element walking shared by the .docx reader and the annotator: namespaces, tags, the
body's paragraphs and tables in ``Location`` order, rows and cells through sdt/customXml wrappers, related parts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from reportlint.errors import FileError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    _w("p"),
    _w("tbl"),
    _w("tr"),
    _w("tc"),
    _w("sdt"),
    _w("sdtContent"),
    _w("customXml"),
)
T, TAB, PTAB, BR, CR, FLD_CHAR = _w("t"), _w("tab"), _w("ptab"), _w("br"), _w("cr"), _w("fldChar")
TXBX_CONTENT, SYM, NO_BREAK_HYPHEN, R = _w("txbxContent"), _w("sym"), _w("noBreakHyphen"), _w("r")
C_RANGE_START, C_RANGE_END, C_REF = _w("commentRangeStart"), _w("commentRangeEnd"), _w("commentReference")
ALTERNATE_CONTENT, MC_CHOICE, MC_FALLBACK = (
    f"{{{MC_NS}}}AlternateContent",
    f"{{{MC_NS}}}Choice",
    f"{{{MC_NS}}}Fallback",
)
M_T = f"{{{M_NS}}}t"
VAL = _w("val")
SKIPPED = {
    _w(t)
    for t in (
        "pPr",
        "rPr",
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "rt",
        "sectPr",
        "tblPr",
        "trPr",
        "tcPr",
        "footnoteReference",
        "endnoteReference",
        "annotationRef",
    )
}

# --------------------------------------------------------------------------------------------------------
# body paragraph numbering (shared contract)


def _block_items(container: Any) -> Iterator[Any]:
    """``w:p`` and ``w:tbl`` elements of a block container in order, looking through sdt/customXml wrappers."""
    for child in container.iterchildren():
        tag = child.tag
        if tag in (P, TBL):
            yield child
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _block_items(content)
        elif tag == CUSTOM_XML:
            yield from _block_items(child)


def _body_element(document: Any) -> Any:
    element = getattr(document, "element", document)
    if element.tag == _w("body"):
        return element
    body = element.find(_w("body"))
    if body is None:
        raise FileError("unreadable", "the document has no body")
    return body


def body_paragraph_elements(document: Any) -> list[Any]:
    """The body ``w:p`` elements in ``Location.paragraph`` order (element ``k`` is paragraph ``k + 1``).

    ``document`` is a python-docx ``Document`` (or its ``w:document``/``w:body`` element). Counted: every
    ``w:p`` directly in the first ``w:body`` or inside body-level ``w:sdt`` content controls (and block-level
    ``w:customXml``), empty ones included; paragraphs in tables, text boxes, headers and notes are not.
    """
    return [e for e in _block_items(_body_element(document)) if e.tag == P]


def body_table_elements(document: Any) -> list[Any]:
    """The body ``w:tbl`` elements in ``Location.table`` order (element ``k`` is table ``k + 1``)."""
    return [e for e in _block_items(_body_element(document)) if e.tag == TBL]


def _safe_hex(value: str | None) -> int | None:
    try:
        return int(value, 16) if value else None
    except ValueError:
        return None


def _all_paragraphs(container: Any) -> Iterator[Any]:
    """Every ``w:p`` of a cell or text box in order, nested tables included (text boxes are handled apart)."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == P:
            yield child
        elif tag == TBL:
            for tr in _rows(child):
                for tc in _cells(tr):
                    yield from _all_paragraphs(tc)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _all_paragraphs(content)
        elif tag == CUSTOM_XML:
            yield from _all_paragraphs(child)


def _rows(tbl: Any) -> Iterator[Any]:
    for child in _unwrap(tbl):
        if child.tag == TR:
            trpr = child.find(_w("trPr"))
            if trpr is not None and trpr.find(_w("del")) is not None:
                continue  # a tracked row deletion, read as accepted
            yield child


def _cells(tr: Any) -> Iterator[Any]:
    for child in _unwrap(tr):
        if child.tag == TC:
            yield child


def _unwrap(el: Any) -> Iterator[Any]:
    for child in el.iterchildren():
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _unwrap(content)
        elif child.tag == CUSTOM_XML:
            yield from _unwrap(child)
        elif isinstance(child.tag, str):
            yield child


def _part_root(part: Any, reltype: str) -> Any:
    """The XML root of the part related to ``part`` by ``reltype`` (parsed safely), or None."""
    for rel in part.rels.values():
        if rel.reltype != reltype or rel.is_external:
            continue
        target = rel.target_part
        element = getattr(target, "element", None)
        if element is not None:
            return element
        blob = target.blob
        if not blob:
            return None
        return etree.fromstring(blob, parser=_SAFE_PARSER)
    return None
