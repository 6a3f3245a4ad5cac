"""numbering.xml: list definitions and their counters, rendering the label of a numbered paragraph."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from reportlint.readers.docx.numformat import format_number
from reportlint.readers.docx.ooxml import ALTERNATE_CONTENT, MC_CHOICE, MC_FALLBACK, VAL, _w
from reportlint.readers.docx.styles import _on, _Styles

# --------------------------------------------------------------------------------------------------------
# numbering


class _Level(msgspec.Struct):
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


class _Num(msgspec.Struct):
    abstract: str | None
    start_overrides: dict[int, int] = msgspec.field(default_factory=dict)
    level_overrides: dict[int, _Level] = msgspec.field(default_factory=dict)


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
