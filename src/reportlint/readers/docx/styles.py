"""styles.xml: style chains, the paragraph and run properties they give, heading levels from style names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec

from reportlint.readers.docx.ooxml import VAL, _w

# --------------------------------------------------------------------------------------------------------
# styles


def _on(el: Any) -> bool:
    """An ST_OnOff element: present and not switched off."""
    return el.get(VAL, "true") not in ("0", "false", "off")


class _Style(msgspec.Struct):
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


def _is_toc_style(name: object) -> bool:
    """Word's table-of-contents entry styles: ``TOC 1`` … ``TOC 9`` (``toc 1`` in older files), ``目录 1``."""
    return isinstance(name, str) and re.match(r"(?i)^(toc|目录)\s*\d", name.strip()) is not None
