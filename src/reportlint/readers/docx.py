"""Read .docx reports with python-docx: body paragraphs and tables in reading order, Word numbering rendered.

python-docx opens the package (parts and relationships, with its XML parser that does not resolve entities);
the body is then walked as OOXML directly, because the report's text lives in places python-docx's paragraph
API does not reach (text boxes, content controls, tracked insertions, field results).

Numbering rule (shared with the .docx annotator, keep it exact): ``Location.paragraph`` is the 1-based number
of a body paragraph, counting every ``w:p`` that stands directly in the first ``w:body`` or inside body-level
``w:sdt``/``w:sdtContent`` (and block-level ``w:customXml``) wrappers, empty ones included, in document order.
:func:`body_paragraph_elements` returns exactly those elements in that order.

What is read and what is not:

* Tracked changes are read as accepted: ``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom`` dropped; a
  paragraph whose mark is a tracked deletion is joined to the next paragraph (the text carries one anchor per
  source paragraph).
* Field codes (``w:instrText``) are dropped, field results kept. Tabs and line breaks become a space between
  two Latin letters or digits and nothing otherwise.
* Text boxes (``w:txbxContent``) are read as paragraphs of their own, placed after the paragraph that anchors
  them and carrying that paragraph's number. Of an ``mc:AlternateContent`` only one branch is read: the first
  choice that yields text or a text box, else the fallback (so DrawingML and VML copies never double).
* Hidden runs (``w:vanish``) are dropped. Headers, footers, footnotes, endnotes and comments stay out of the
  text; comment texts go to the paragraph they are anchored on (``Paragraph.comments``, ``Document.comments``).
* Word automatic numbering is rendered (``numbering.xml``) and prefixed to the text; bullets are not.
* Tables nested inside a cell are flattened into that cell's text. ``Location.page`` is not set (rendered
  page breaks are only as good as the last program that saved the file).
* Macro-enabled and template main parts (.docm/.dotx content saved as .docx) are read like documents.
* ISO 29500 Strict packages are read by mapping their namespaces to the transitional ones.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from reportlint.errors import FileError
from reportlint.model import Anchor, Cell, Document, Location, Paragraph, Table
from reportlint.readers import Limits

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

RATIO_MIN_BYTES = 1024 * 1024
"""The compression-ratio guard applies to members that unpack to more than this (small XML parts compress well)."""

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

_STRICT_NS = re.compile(rb"http://purl\.oclc\.org/ooxml/([A-Za-z]+)/([A-Za-z]+)")
_STRICT_SPECIAL = {
    b"officeDocument/extendedProperties": b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    b"officeDocument/customProperties": b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    b"officeDocument/docPropsVTypes": b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
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


# --------------------------------------------------------------------------------------------------------
# number formats


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_LEGAL = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _cn_number(n: int, digits: str, units: str, *, drop_leading_one: bool) -> str:
    """Chinese counting (一百零一, 二十三; 十一 with ``drop_leading_one``) for 1..9999, digits beyond."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    zero_pending = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = (n // power) % 10
        if d == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append(digits[0])
            zero_pending = False
        parts.append(digits[d] + unit)
    out = "".join(parts)
    if drop_leading_one and 10 <= n < 20:
        out = out[1:]
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int, base: str) -> str:
    if n <= 0:
        return str(n)
    return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, ranges: Iterable[tuple[int, int, int]]) -> str:
    for lo, hi, first in ranges:
        if lo <= n <= hi:
            return chr(first + n - lo)
    return str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in the OOXML number format ``fmt`` (ST_NumberFormat); unknown formats as decimal."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return _cn_number(n, _CN_DIGITS.replace("〇", "零"), "十百千", drop_leading_one=True)
    if fmt in ("japaneseCounting", "koreanCounting"):
        return _cn_number(n, _CN_DIGITS.replace("〇", "零"), "十百千", drop_leading_one=True)
    if fmt == "chineseLegalSimplified":
        return _cn_number(n, _CN_LEGAL, "拾佰仟", drop_leading_one=False)
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return _cn_number(n, _TW_LEGAL, "拾佰仟", drop_leading_one=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "ideographZodiacTraditional":
        return _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)))
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt.startswith("decimalZero") and fmt[11:].isdigit():
        return str(n).zfill(int(fmt[11:]))
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n, "A")
    if fmt == "lowerLetter":
        return _letters(n, "a")
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "none":
        return ""
    return str(n)


# --------------------------------------------------------------------------------------------------------
# styles


def _on(el: Any) -> bool:
    """An ST_OnOff element: present and not switched off."""
    return el.get(VAL, "true") not in ("0", "false", "off")


@dataclass(slots=True)
class _Style:
    style_id: str
    name: str
    kind: str
    based_on: str | None
    ppr: Any
    rpr: Any


class _Styles:
    def __init__(self, root: Any) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_rpr: Any = None
        if root is None:
            return
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.default_rpr = defaults
        for st in root.iterchildren(_w("style")):
            sid = st.get(_w("styleId"))
            if not sid:
                continue
            name_el = st.find(_w("name"))
            based = st.find(_w("basedOn"))
            kind = st.get(_w("type"), "paragraph")
            self.by_id[sid] = _Style(
                sid,
                _ui_name(name_el.get(VAL, sid) if name_el is not None else sid),
                kind,
                based.get(VAL) if based is not None else None,
                st.find(_w("pPr")),
                st.find(_w("rPr")),
            )
            if kind == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default_paragraph = sid

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            style_id = st.based_on

    def find_ppr(self, style_id: str | None, path: str) -> Any:
        for st in self.chain(style_id):
            if st.ppr is not None:
                el = st.ppr.find(path)
                if el is not None:
                    return el
        return None

    def find_rpr(self, style_id: str | None, tag: str) -> Any:
        for st in self.chain(style_id):
            if st.rpr is not None:
                el = st.rpr.find(tag)
                if el is not None:
                    return el
        return None


def _ui_name(name: str) -> str:
    try:
        from docx.styles import BabelFish

        return str(BabelFish.internal2ui(name))
    except Exception:  # pragma: no cover - python-docx internals moved
        return name


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _level_from_name(name: str) -> int | None:
    m = _HEADING_NAME.match(name.strip())
    if m:
        return int(m.group(1)) - 1
    if name.strip().lower() in ("title", "标题"):
        return 0
    return None


# --------------------------------------------------------------------------------------------------------
# numbering


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str | None = None
    start: int = 1
    suffix: str = "tab"
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


def _int(el: Any, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(VAL, ""))
    except ValueError:
        return default


def _custom_format(spec: str) -> str | None:
    """The ST_NumberFormat closest to a Word 2010 custom format (``一, 二, 三, ...``, ``001, 002, 003, ...``)."""
    first = spec.split(",")[0].strip()
    if first.startswith("一"):
        return "chineseCounting"
    if first.startswith("壹"):
        return "chineseLegalSimplified"
    if first.startswith("①"):
        return "decimalEnclosedCircle"
    if first.startswith("甲"):
        return "ideographTraditional"
    if re.fullmatch(r"0+1", first):
        return f"decimalZero{len(first)}"
    return None


def _parse_level(lvl: Any) -> _Level:
    out = _Level()
    fmt = lvl.find(_w("numFmt"))
    if fmt is None:
        # Word 2010+ writes custom formats as mc:AlternateContent (w14 choice, plain fallback)
        alt = lvl.find(ALTERNATE_CONTENT)
        if alt is not None:
            choice = alt.find(f"{MC_CHOICE}/{_w('numFmt')}")
            custom = _custom_format(choice.get(_w("format"), "")) if choice is not None else None
            if custom is not None:
                out.fmt = custom
            else:
                fmt = alt.find(f"{MC_FALLBACK}/{_w('numFmt')}")
    if fmt is not None:
        out.fmt = fmt.get(VAL, "decimal")
    text = lvl.find(_w("lvlText"))
    if text is not None:
        out.text = text.get(VAL)
    out.start = _int(lvl.find(_w("start")), 1) or 0
    suff = lvl.find(_w("suff"))
    if suff is not None:
        out.suffix = suff.get(VAL, "tab")
    out.restart = _int(lvl.find(_w("lvlRestart")))
    legal = lvl.find(_w("isLgl"))
    out.legal = legal is not None and _on(legal)
    ps = lvl.find(_w("pStyle"))
    out.pstyle = ps.get(VAL) if ps is not None else None
    return out


@dataclass(slots=True)
class _Num:
    abstract: str | None
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


_LVL_REF = re.compile(r"%([1-9])")


class _Numbering:
    """numbering.xml: renders the label of a numbered paragraph, advancing Word's list counters."""

    def __init__(self, root: Any, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[str] = set()
        if root is None:
            return
        for an in root.iterchildren(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in an.iterchildren(_w("lvl")):
                ilvl = _safe_int(lvl.get(_w("ilvl")))
                if ilvl is not None and 0 <= ilvl <= 8:
                    levels[ilvl] = _parse_level(lvl)
            self.abstract[aid] = levels
            link = an.find(_w("numStyleLink"))
            if link is not None and link.get(VAL):
                self.style_link[aid] = link.get(VAL)
        for num in root.iterchildren(_w("num")):
            nid = num.get(_w("numId"))
            if nid is None:
                continue
            ref = num.find(_w("abstractNumId"))
            entry = _Num(ref.get(VAL) if ref is not None else None)
            for ov in num.iterchildren(_w("lvlOverride")):
                ilvl = _safe_int(ov.get(_w("ilvl")))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                so = _int(ov.find(_w("startOverride")))
                if so is not None:
                    entry.start_overrides[ilvl] = so
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    entry.level_overrides[ilvl] = _parse_level(lvl)
            self.nums[nid] = entry

    def _abstract_of(self, num_id: str) -> str | None:
        seen: set[str] = set()
        num = self.nums.get(num_id)
        aid = num.abstract if num else None
        # numStyleLink: the abstract definition lives behind a numbering style's numPr
        while aid is not None and aid in self.style_link and aid not in seen:
            seen.add(aid)
            numpr = self.styles.find_ppr(self.style_link[aid], f"{_w('numPr')}/{_w('numId')}")
            target = self.nums.get(numpr.get(VAL, "")) if numpr is not None else None
            if target is None or target.abstract is None:
                break
            aid = target.abstract
        return aid if aid in self.abstract else None

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        aid = self._abstract_of(num_id)
        if aid is None:
            return None
        for ilvl, lvl in self.abstract[aid].items():
            if lvl.pstyle == style_id:
                return ilvl
        return None

    def _level(self, num: _Num, aid: str, ilvl: int) -> _Level | None:
        return num.level_overrides.get(ilvl) or self.abstract[aid].get(ilvl)

    def label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """(label, separator) for the next paragraph of list ``num_id`` at level ``ilvl``; None for bullets."""
        num = self.nums.get(num_id)
        aid = self._abstract_of(num_id)
        if num is None or aid is None:
            return None
        ilvl = min(max(ilvl, 0), 8)
        lvl = self._level(num, aid, ilvl)
        if lvl is None:
            return None
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.seen:
            self.seen.add(num_id)
            for k in num.start_overrides:
                counters[k] = None
        current = counters[ilvl]
        counters[ilvl] = self._start(num, aid, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            d = self._level(num, aid, deeper)
            restart = d.restart if d is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if lvl.fmt == "bullet" or lvl.text is None:
            return None

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = self._level(num, aid, k)
            value = counters[k]
            if value is None:
                value = self._start(num, aid, k)
            fmt = ref.fmt if ref is not None else "decimal"
            if lvl.legal and k != ilvl and fmt != "none":
                fmt = "decimal"
            if fmt == "bullet":
                fmt = "decimal"
            return format_number(value, fmt)

        text = _LVL_REF.sub(render, lvl.text)
        if not text.strip():
            return None
        sep = " " if lvl.suffix == "space" and text[-1:].isascii() else ""
        return text, sep

    def _start(self, num: _Num, aid: str, ilvl: int) -> int:
        if ilvl in num.start_overrides:
            return num.start_overrides[ilvl]
        lvl = self._level(num, aid, ilvl)
        return lvl.start if lvl is not None else 1


def _safe_int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------------
# paragraph text


@dataclass(slots=True)
class _Collected:
    parts: list[str] = field(default_factory=list)
    textboxes: list[Any] = field(default_factory=list)
    comment_starts: list[str] = field(default_factory=list)
    comment_ends: list[str] = field(default_factory=list)
    comment_refs: list[str] = field(default_factory=list)
    run_bold: list[bool] = field(default_factory=list)
    pstyle: str | None = None


_SPACE_RUN = re.compile(r"\t+")


def _resolve_tabs(text: str) -> str:
    """Tabs/line breaks (collected as ``\\t``) become a space between Latin letters/digits, else nothing."""

    def repl(m: re.Match[str]) -> str:
        s = m.string
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[m.end()] if m.end() < len(s) else ""
        latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return " " if latin else ""

    return _SPACE_RUN.sub(repl, text)


class _Reader:
    def __init__(self, document: Any, path: Path) -> None:
        self.document = document
        self.path = path
        part = document.part
        self.styles = _Styles(_part_root(part, RT_STYLES))
        self.numbering = _Numbering(_part_root(part, RT_NUMBERING), self.styles)
        self.comment_texts = self._comments(_part_root(part, RT_COMMENTS))
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.fields: list[str] = []
        self.open_comments: set[str] = set()
        self.comments_by_index: dict[int, list[str]] = {}
        self.last_body: int | None = None
        self.textbox_paragraphs = 0
        self.tracked = False
        self.carry: list[tuple[str, int]] = []
        self.carry_comments: list[_Collected] = []

    # -- comments ---------------------------------------------------------------------------------------
    def _comments(self, root: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        if root is None:
            return out
        for c in root.iterchildren(_w("comment")):
            cid = c.get(_w("id"))
            if cid is None:
                continue
            texts = []
            for p in c.iter(P):
                got = _Collected()
                self._walk(p, got, fields=[])
                texts.append(_resolve_tabs("".join(got.parts)).strip())
            out[cid] = "\n".join(t for t in texts if t)
        return out

    def _attach_comments(self, paragraph: Paragraph | None, got: _Collected) -> None:
        ids = set(self.open_comments) | set(got.comment_starts) | set(got.comment_refs)
        self.open_comments = (self.open_comments | set(got.comment_starts)) - set(got.comment_ends)
        if paragraph is None:
            return
        for cid in sorted(ids, key=lambda s: (len(s), s)):
            text = self.comment_texts.get(cid)
            if text and text not in paragraph.comments:
                paragraph.comments.append(text)
        if paragraph.comments:
            self.comments_by_index[paragraph.index] = paragraph.comments

    # -- walking ------------------------------------------------------------------------------------------
    def _walk(self, el: Any, got: _Collected, fields: list[str], bold: bool | None = None) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (T, M_T):
                if "instr" not in fields:
                    text = child.text or ""
                    got.parts.append(text)
                    if bold is not None and text.strip():
                        got.run_bold.append(bold)
            elif tag in (TAB, PTAB, BR, CR):
                got.parts.append("\t")
            elif tag == R:
                if not self._hidden(child):
                    self._walk(child, got, fields, self._run_bold(child, got))
            elif tag == FLD_CHAR:
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
            elif tag == NO_BREAK_HYPHEN:
                got.parts.append("-")
            elif tag == SYM:
                code = _safe_hex(child.get(_w("char")))
                if code is not None and not 0xE000 <= code <= 0xF8FF:
                    got.parts.append(chr(code))
            elif tag == TXBX_CONTENT:
                got.textboxes.append(child)
            elif tag == ALTERNATE_CONTENT:
                self._alternate(child, got, fields, bold)
            elif tag == C_RANGE_START:
                got.comment_starts.append(child.get(_w("id"), ""))
            elif tag == C_RANGE_END:
                got.comment_ends.append(child.get(_w("id"), ""))
            elif tag == C_REF:
                got.comment_refs.append(child.get(_w("id"), ""))
            elif tag in SKIPPED or tag in (P, TBL):
                if tag in (_w("del"), _w("moveFrom"), _w("ins"), _w("moveTo")):
                    self.tracked = True
                continue
            else:
                if tag in (_w("ins"), _w("moveTo")):
                    self.tracked = True
                self._walk(child, got, fields, bold)

    def _alternate(self, alt: Any, got: _Collected, fields: list[str], bold: bool | None) -> None:
        """One branch of an ``mc:AlternateContent``: the first choice that yields text or a text box, else the
        fallback (an emoji's ``w16se:symEx`` choice carries no text; its fallback ``w:t`` does)."""
        branches = [*alt.iterchildren(MC_CHOICE), *alt.iterchildren(MC_FALLBACK)]
        for branch in branches:
            trial = _Collected(pstyle=got.pstyle)
            self._walk(branch, trial, fields, bold)
            if "".join(trial.parts).strip() or trial.textboxes or branch is branches[-1]:
                got.parts += trial.parts
                got.textboxes += trial.textboxes
                got.run_bold += trial.run_bold
                got.comment_starts += trial.comment_starts
                got.comment_ends += trial.comment_ends
                got.comment_refs += trial.comment_refs
                return

    def _hidden(self, run: Any) -> bool:
        """The run is hidden text (``w:vanish`` on the run or its character style): not part of the report."""
        rpr = run.find(_w("rPr"))
        if rpr is None:
            return False
        vanish = rpr.find(_w("vanish"))
        if vanish is None:
            rstyle = rpr.find(_w("rStyle"))
            if rstyle is not None:
                vanish = self.styles.find_rpr(rstyle.get(VAL), _w("vanish"))
        return vanish is not None and _on(vanish)

    def _run_bold(self, run: Any, got: _Collected) -> bool:
        style_id = got.pstyle
        rpr = run.find(_w("rPr"))
        if rpr is not None:
            b = rpr.find(_w("b"))
            if b is not None:
                return _on(b)
            rstyle = rpr.find(_w("rStyle"))
            if rstyle is not None:
                b = self.styles.find_rpr(rstyle.get(VAL), _w("b"))
                if b is not None:
                    return _on(b)
        b = self.styles.find_rpr(style_id, _w("b"))
        if b is None and self.styles.default_rpr is not None:
            b = self.styles.default_rpr.find(_w("b"))
        return b is not None and _on(b)

    # -- paragraphs ---------------------------------------------------------------------------------------
    def _style_of(self, p: Any) -> str | None:
        ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        if ps is not None and ps.get(VAL) in self.styles.by_id:
            return str(ps.get(VAL))
        return self.styles.default_paragraph

    def _label(self, p: Any, style_id: str | None) -> tuple[str, str] | None:
        numpr = p.find(f"{_w('pPr')}/{_w('numPr')}")
        num_id: str | None = None
        ilvl: int | None = None
        if numpr is not None:
            nid = numpr.find(_w("numId"))
            num_id = nid.get(VAL) if nid is not None else None
            ilvl = _int(numpr.find(_w("ilvl")))
        if num_id is None:
            snum = self.styles.find_ppr(style_id, f"{_w('numPr')}/{_w('numId')}")
            if snum is not None:
                num_id = snum.get(VAL)
                if ilvl is None:
                    ilvl = _int(self.styles.find_ppr(style_id, f"{_w('numPr')}/{_w('ilvl')}"))
                if ilvl is None and style_id is not None and num_id is not None:
                    ilvl = self.numbering.level_for_style(num_id, style_id)
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def _hints(self, p: Any, style_id: str | None, got: _Collected) -> dict[str, Any]:
        outline: int | None = None
        lvl = p.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if lvl is None:
            lvl = self.styles.find_ppr(style_id, _w("outlineLvl"))
        if lvl is not None:
            value = _int(lvl)
            outline = value if value is not None and 0 <= value <= 8 else None
        else:
            for st in self.styles.chain(style_id):
                outline = _level_from_name(st.name)
                if outline is not None:
                    break
        jc = p.find(f"{_w('pPr')}/{_w('jc')}")
        if jc is None:
            jc = self.styles.find_ppr(style_id, _w("jc"))
        style = self.styles.by_id[style_id].name if style_id in self.styles.by_id else None
        return {
            "style": style,
            "outline_level": outline,
            "bold": bool(got.run_bold) and all(got.run_bold),
            "centered": jc is not None and jc.get(VAL) == "center",
        }

    def _collect(self, p: Any) -> tuple[_Collected, str | None]:
        # a field instruction never runs on into a new paragraph; results (a TOC) may
        self.fields[:] = [f for f in self.fields if f != "instr"]
        got = _Collected()
        style_id = self._style_of(p)
        got.pstyle = style_id
        self._walk(p, got, self.fields)
        return got, style_id

    def _paragraph_text(self, p: Any) -> tuple[str, str | None, _Collected, str | None]:
        """(text, numbering label or None, collected, style id) of one ``w:p``, label prefixed."""
        got, style_id = self._collect(p)
        text = _resolve_tabs("".join(got.parts)).strip()
        label = self._label(p, style_id)
        if label is not None and text:
            return label[0] + label[1] + text, label[0], got, style_id
        return text, None, got, style_id

    def _emit(self, text: str, anchors: list[Anchor], hints: dict[str, Any], **extra: Any) -> Paragraph:
        para = Paragraph(index=len(self.paragraphs), text=text, anchors=anchors, **hints, **extra)
        self.paragraphs.append(para)
        return para

    def _mark_deleted(self, p: Any) -> bool:
        rpr = p.find(f"{_w('pPr')}/{_w('rPr')}")
        return rpr is not None and (rpr.find(_w("del")) is not None or rpr.find(_w("moveFrom")) is not None)

    def body_paragraph(self, p: Any, number: int) -> None:
        if self._mark_deleted(p):
            self.tracked = True
            got, _ = self._collect(p)
            text = _resolve_tabs("".join(got.parts)).strip()
            self.carry_comments.append(got)
            if text:
                self.carry.append((text, number))
            self._textboxes(got, number)
            return
        text, label, got, style_id = self._paragraph_text(p)
        anchors = [Anchor(0, Location(paragraph=number))]
        if self.carry:
            head = ""
            lead = label or ""
            if label is not None:
                text = text[len(label) :].lstrip()
            anchors = []
            for piece, num in self.carry:
                anchors.append(Anchor(len(lead) + len(head), Location(paragraph=num)))
                head += piece
            if text:
                anchors.append(Anchor(len(lead) + len(head), Location(paragraph=number)))
            text = lead + head + text
            self.carry = []
        para = None
        hints = self._hints(p, style_id, got)
        if text and _is_toc_style(hints.get("style")):
            text = ""  # a table-of-contents entry repeats a heading; it is not body text
        if text:
            para = self._emit(text, anchors, hints, numbering_label=label)
            self.last_body = para.index
        for carried in self.carry_comments:
            self._attach_comments(para, carried)
        self.carry_comments = []
        self._attach_comments(para, got)
        self._textboxes(got, number)

    def flush_carry(self) -> None:
        if not self.carry:
            for carried in self.carry_comments:
                self._attach_comments(None, carried)
            self.carry_comments = []
            return
        text = "".join(t for t, _ in self.carry)
        anchors = []
        offset = 0
        for piece, num in self.carry:
            anchors.append(Anchor(offset, Location(paragraph=num)))
            offset += len(piece)
        para = self._emit(text, anchors, {})
        self.last_body = para.index
        for carried in self.carry_comments:
            self._attach_comments(para, carried)
        self.carry = []
        self.carry_comments = []

    def _textboxes(self, got: _Collected, number: int) -> None:
        for box in got.textboxes:
            for p in _all_paragraphs(box):
                text, label, inner, style_id = self._paragraph_text(p)
                para = None
                if text:
                    para = self._emit(
                        text,
                        [Anchor(0, Location(paragraph=number))],
                        self._hints(p, style_id, inner),
                        numbering_label=label,
                    )
                    self.last_body = para.index
                    self.textbox_paragraphs += 1
                self._attach_comments(para, inner)
                self._textboxes(inner, number)

    # -- tables -------------------------------------------------------------------------------------------
    def table(self, tbl: Any) -> None:
        t_index = len(self.tables)
        grid: list[list[Cell]] = []
        by_col: list[dict[int, Cell]] = []
        for r, tr in enumerate(_rows(tbl)):
            row: list[Cell] = []
            cols: dict[int, Cell] = {}
            trpr = tr.find(_w("trPr"))
            col = _int(trpr.find(_w("gridBefore")), 0) if trpr is not None else 0
            for c in range(col or 0):
                cell = Cell(r, c, self._cell_paragraph([], t_index, r, c))
                row.append(cell)
                cols[c] = cell
            col = col or 0
            for tc in _cells(tr):
                tcpr = tc.find(_w("tcPr"))
                span = 1
                vmerge: str | None = None
                if tcpr is not None:
                    span = max(_int(tcpr.find(_w("gridSpan")), 1) or 1, 1)
                    vm = tcpr.find(_w("vMerge"))
                    if vm is not None:
                        vmerge = vm.get(VAL, "continue")
                origin: Cell | None = None
                if vmerge == "continue" and r > 0 and col in by_col[r - 1]:
                    above = by_col[r - 1][col]
                    if above.merged_from is not None:
                        origin = by_col[above.merged_from[0]].get(above.merged_from[1])
                    else:
                        origin = above
                    if origin is not None and origin.row + origin.rowspan != r:
                        origin = None
                if origin is not None:
                    origin.rowspan += 1
                    # the text of a continuation cell is read (counters advance) but belongs to the origin
                    self._cell_texts(tc)
                    for k in range(span):
                        cell = Cell(r, col + k, _covered(origin.paragraph, t_index, r, col + k))
                        cell.merged_from = (origin.row, origin.col)
                        row.append(cell)
                        cols[col + k] = cell
                else:
                    texts = self._cell_texts(tc)
                    para = self._cell_paragraph(texts, t_index, r, col)
                    cell = Cell(r, col, para, colspan=span)
                    row.append(cell)
                    cols[col] = cell
                    for k in range(1, span):
                        cov = Cell(r, col + k, _covered(para, t_index, r, col + k))
                        cov.merged_from = (r, col)
                        row.append(cov)
                        cols[col + k] = cov
                col += span
            grid.append(row)
            by_col.append(cols)
        self.tables.append(
            Table(
                index=t_index,
                rows=grid,
                location=Location(table=t_index + 1),
                after_paragraph=self.last_body,
            )
        )

    def _cell_texts(self, tc: Any) -> list[tuple[str, _Collected, Any, str | None]]:
        out = []
        for p in _all_paragraphs(tc):
            text, _label, got, style_id = self._paragraph_text(p)
            out.append((text, got, p, style_id))
            for box in got.textboxes:
                for bp in _all_paragraphs(box):
                    btext, _bl, bgot, bstyle = self._paragraph_text(bp)
                    out.append((btext, bgot, bp, bstyle))
        return out

    def _cell_paragraph(
        self, texts: list[tuple[str, _Collected, Any, str | None]], t_index: int, r: int, c: int
    ) -> Paragraph:
        body = [(t, g, p, s) for t, g, p, s in texts if t]
        hints: dict[str, Any] = {}
        if body:
            hints = self._hints(body[0][2], body[0][3], body[0][1])
            hints["bold"] = all(self._hints(p, s, g)["bold"] for _, g, p, s in body)
        para = self._emit(
            "\n".join(t for t, _, _, _ in body),
            [Anchor(0, Location(table=t_index + 1, row=r + 1, col=c + 1))],
            hints,
            in_table=True,
            table=t_index,
        )
        for _, got, _, _ in texts:
            self._attach_comments(para, got)
        return para

    # -- document -----------------------------------------------------------------------------------------
    def read(self) -> Document:
        body = _body_element(self.document)
        number = 0
        for item in _block_items(body):
            if item.tag == P:
                number += 1
                self.body_paragraph(item, number)
            else:
                self.flush_carry()
                self.table(item)
        self.flush_carry()
        if not any(p.text.strip() for p in self.paragraphs):
            if body.find(_w("altChunk")) is not None:
                raise FileError(
                    "unreadable",
                    "the document has no text of its own (its body is embedded HTML/MHT content, altChunk, "
                    "which is not read); open and save it again in Word",
                )
            raise FileError("unreadable", "the document has no text")
        doc = Document(
            path=str(self.path),
            format="docx",
            paragraphs=self.paragraphs,
            tables=self.tables,
            comments=self.comments_by_index,
        )
        if self.textbox_paragraphs:
            doc.notes.append(f"{self.textbox_paragraphs} text-box paragraph(s) read")
        if self.tracked:
            doc.notes.append("tracked changes read as accepted")
        if body.find(_w("altChunk")) is not None:
            doc.notes.append("embedded alternative-format content (altChunk) not read")
        return doc


def _is_toc_style(name: object) -> bool:
    """Word's table-of-contents entry styles: ``TOC 1`` … ``TOC 9`` (``toc 1`` in older files), ``目录 1``."""
    return isinstance(name, str) and re.match(r"(?i)^(toc|目录)\s*\d", name.strip()) is not None


def _safe_hex(value: str | None) -> int | None:
    try:
        return int(value, 16) if value else None
    except ValueError:
        return None


def _covered(origin: Paragraph, t_index: int, r: int, c: int) -> Paragraph:
    """The placeholder paragraph of a grid position covered by a merge: no text, the origin's index."""
    return Paragraph(
        index=origin.index,
        text="",
        anchors=[Anchor(0, Location(table=t_index + 1, row=r + 1, col=c + 1))],
        in_table=True,
        table=t_index,
    )


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


# --------------------------------------------------------------------------------------------------------
# package


def _check_zip(zf: zipfile.ZipFile, limits: Limits) -> None:
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise FileError(
            "too-large",
            f"the .docx unpacks to {total} bytes, over the limit of {limits.max_unzipped_bytes}",
        )
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise FileError(
                    "too-large",
                    f"zip member {info.filename} expands {ratio:.0f}x (limit {limits.max_zip_ratio:.0f}x): "
                    "refusing a likely zip bomb",
                )


def _strict_to_transitional(data: bytes) -> bytes:
    def repl(m: re.Match[bytes]) -> bytes:
        key = m.group(1) + b"/" + m.group(2)
        if key in _STRICT_SPECIAL:
            return _STRICT_SPECIAL[key]
        return b"http://schemas.openxmlformats.org/" + m.group(1) + b"/2006/" + m.group(2)

    return _STRICT_NS.sub(repl, data)


_MAIN_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _open_source(path: Path, limits: Limits) -> tuple[str | io.BytesIO, bool]:
    """Check the zip against the limits; (source for python-docx, whether the package is Strict OOXML).

    A Strict package is rewritten in memory with transitional namespaces, and a macro-enabled or template
    main part (.docm/.dotx saved as .docx) is relabelled as a document, which python-docx insists on.
    """
    with zipfile.ZipFile(path) as zf:
        _check_zip(zf, limits)
        names = set(zf.namelist())
        if "_rels/.rels" not in names or "[Content_Types].xml" not in names:
            raise FileError("unreadable", "not a Word package (no _rels/.rels or [Content_Types].xml)")
        strict = b"http://purl.oclc.org/ooxml/" in zf.read("_rels/.rels")
        relabel = any(t in zf.read("[Content_Types].xml") for t in _MAIN_TYPES)
        if not strict and not relabel:
            return str(path), False
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in zf.infolist():
                data = zf.read(info)
                if strict and info.filename.endswith((".xml", ".rels")):
                    data = _strict_to_transitional(data)
                if info.filename == "[Content_Types].xml":
                    for t in _MAIN_TYPES:
                        data = data.replace(t, _DOCUMENT_TYPE)
                out.writestr(info.filename, data)
        buf.seek(0)
        return buf, strict


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if len(text) > 160:
        text = text[:157] + "…"
    return f"{type(exc).__name__}: {text}"


def open_docx(path: Path, limits: Limits) -> tuple[Any, bool]:
    """Open a .docx with python-docx after the zip-bomb guard; (document, was Strict OOXML). Raises FileError."""
    try:
        source, strict = _open_source(path, limits)
        import docx

        return docx.Document(source), strict
    except FileError:
        raise
    except MemoryError:
        raise FileError("too-large", "out of memory while opening the .docx") from None
    except zipfile.BadZipFile as exc:
        raise FileError("unreadable", f"corrupt or truncated .docx (zip: {exc})") from None
    except KeyError as exc:
        m = re.search(r"no item named '([^']+)'", str(exc))
        if m:
            raise FileError(
                "unreadable", f"corrupt .docx: the part {m.group(1)} it refers to is missing"
            ) from None
        raise FileError("unreadable", f"cannot open the .docx ({_short(exc)})") from None
    except Exception as exc:
        raise FileError("unreadable", f"cannot open the .docx ({_short(exc)})") from None


def read_docx(path: Path, limits: Limits) -> Document:
    document, strict = open_docx(path, limits)
    try:
        doc = _Reader(document, path).read()
    except FileError:
        raise
    except MemoryError:
        raise FileError("too-large", "out of memory while reading the .docx") from None
    except RecursionError:
        raise FileError("unreadable", "the .docx is nested too deeply to read") from None
    except Exception as exc:
        raise FileError("unreadable", f"cannot read the .docx ({_short(exc)})") from None
    if strict:
        doc.notes.append("ISO 29500 Strict package read")
    return doc
