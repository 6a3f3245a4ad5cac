"""Find the parts a pack requires (主要举措和成效, 存在的不足 …) by meaning, in any order.

A part is covered by a heading whose title matches one of the part's patterns (top-level headings first, then
deeper ones); failing that, by a paragraph that opens with one of its ``text`` patterns (run-in or unnumbered
parts). One heading may cover two parts (``存在的问题和下一步打算``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlint.structure.outline import Outline, Section

if TYPE_CHECKING:
    from reportlint.engine.pack import PartSpec


@dataclass(slots=True)
class PartMatch:
    id: str
    label: str
    required: bool
    section: Section | None = None
    paragraph: int | None = None
    """The heading paragraph, or the paragraph whose opening matched."""
    matched: str | None = None
    """The heading (or opening) text that matched."""
    how: str = "missing"
    """heading, text or missing."""

    @property
    def found(self) -> bool:
        return self.how != "missing"

    def body_text(self, outline: Outline) -> str:
        """The part's text without its heading (a heading that says 原因 is no cause analysis)."""
        if self.section is not None and self.section.heading is not None:
            h = self.section.heading
            first = outline.doc.paragraphs[h.paragraph].text
            rest = first[first.find(h.title) + len(h.title) :] if h.run_in else ""
            after = [
                p.text for p in outline.doc.paragraphs[h.paragraph + 1 : self.section.end] if not p.in_table
            ]
            return "\n".join([rest, *after])
        return self.text(outline)

    def text(self, outline: Outline) -> str:
        if self.section is not None:
            return outline.section_text(self.section)
        if self.paragraph is not None:
            return outline.doc.paragraphs[self.paragraph].text
        return ""


def match_parts(outline: Outline, parts: list[PartSpec]) -> dict[str, PartMatch]:
    out: dict[str, PartMatch] = {}
    sections = [s for s in outline.root.walk() if s.heading is not None]
    sections.sort(key=lambda s: (s.depth, s.start))
    for part in parts:
        pm = PartMatch(part.id, part.label, part.required)
        pats = [re.compile(p) for p in part.heading]
        excl = [re.compile(p) for p in part.exclude]
        for sec in sections:
            assert sec.heading is not None
            if part.max_depth is not None and sec.depth > part.max_depth:
                continue
            title = re.sub(r"\s+", "", sec.heading.title)
            if any(p.search(title) for p in pats) and not any(x.search(title) for x in excl):
                pm.section, pm.paragraph, pm.matched, pm.how = sec, sec.start, sec.heading.display, "heading"
                break
        if not pm.found and part.text:
            tpats = [re.compile(p) for p in part.text]
            for p in outline.doc.paragraphs[outline.report_start :]:
                if p.in_table:
                    continue
                head = re.sub(r"\s+", "", p.text[:80])
                if any(tp.search(head) for tp in tpats):
                    pm.paragraph, pm.matched, pm.how = p.index, p.text[:40], "text"
                    sec = outline.section_of(p.index)
                    pm.section = sec if sec.heading is not None and sec.start == p.index else None
                    break
        out[part.id] = pm
    return out
