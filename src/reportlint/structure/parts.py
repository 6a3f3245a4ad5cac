"""Find the parts a pack requires (主要举措和成效, 存在的不足 …) by meaning, in any order.

A part is covered by a heading whose title matches one of the part's patterns (top-level headings first, then
deeper ones); failing that, by a paragraph that opens with one of its ``text`` patterns (run-in or unnumbered
parts). One heading may cover two parts (``存在的问题和下一步打算``). A part marked ``leading`` that no heading
names is covered by the top-level sections before the first one that covers another part (a report opening
with 一、积极统筹部署… 二、深入推进… before 三、存在的不足 has its 主要举措和成效 there).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import msgspec

from reportlint.structure.outline import Outline, Section

if TYPE_CHECKING:
    from reportlint.engine.pack import PartSpec


class PartMatch(msgspec.Struct):
    id: str
    label: str
    required: bool
    section: Section | None = None
    paragraph: int | None = None
    """The heading paragraph, or the paragraph whose opening matched."""
    matched: str | None = None
    """The heading (or opening) text that matched."""
    how: str = "missing"
    """heading, text (a paragraph opening), mention (a sentence inside another part), leading (the sections
    before the other parts) or missing."""
    sections: list[Section] = msgspec.field(default_factory=list)
    """Every section that covers the part (several for ``leading``; the matched one for ``heading``)."""

    @property
    def found(self) -> bool:
        return self.how != "missing"

    def body_text(self, outline: Outline) -> str:
        """The part's text without its heading (a heading that says 原因 is no cause analysis)."""
        if self.how == "leading":
            return self.text(outline)
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
        if len(self.sections) > 1:
            return "\n".join(outline.section_text(s) for s in self.sections)
        if self.section is not None:
            return outline.section_text(self.section)
        if self.paragraph is not None:
            return outline.doc.paragraphs[self.paragraph].text
        return ""


_SELF_INSPECTION = re.compile(r"自查(报告|情况)|自评(报告|情况)")


def self_inspection(outline: Outline) -> bool:
    """The document is a self-inspection report (…工作自查报告), written for an inspection during the year: not
    the annual report, so the annual report's required parts and deadlines do not apply to it."""
    return bool(_SELF_INSPECTION.search(re.sub(r"\s+", "", outline.title_text)))


def match_parts(outline: Outline, parts: list[PartSpec]) -> dict[str, PartMatch]:
    out: dict[str, PartMatch] = {}
    sections = [s for s in outline.root.walk() if s.heading is not None]
    sections.sort(key=lambda s: (s.depth, s.start))
    for part in parts:
        year = outline.year
        required = (
            part.required
            and (part.since is None or year is None or year >= part.since)
            and not self_inspection(outline)
        )
        pm = PartMatch(part.id, part.label, required)
        pats = [re.compile(p) for p in part.heading]
        excl = [re.compile(p) for p in part.exclude]
        for sec in sections:
            assert sec.heading is not None
            if part.max_depth is not None and sec.depth > part.max_depth:
                continue
            title = re.sub(r"\s+", "", sec.heading.title)
            if any(p.search(title) for p in pats) and not any(x.search(title) for x in excl):
                pm.section, pm.paragraph, pm.matched, pm.how = sec, sec.start, sec.heading.display, "heading"
                pm.sections = [sec]
                break
        if not pm.found and part.text:
            tpats = [re.compile(p) for p in part.text]
            body = [p for p in outline.doc.paragraphs[outline.report_start :] if not p.in_table]
            for p in body:
                head = re.sub(r"\s+", "", p.text[:80])
                if any(tp.search(head) for tp in tpats):
                    pm.paragraph, pm.matched, pm.how = p.index, p.text[:40], "text"
                    sec = outline.section_of(p.index)
                    pm.section = sec if sec.heading is not None and sec.start == p.index else None
                    break
            else:
                # the content reported inside another part (局党委书记切实履行…第一责任人职责 among the measures)
                for p in body:
                    flat = re.sub(r"\s+", "", p.text)
                    hit = next((m for tp in tpats if (m := tp.search(flat)) is not None), None)
                    if hit is not None:
                        pm.paragraph, pm.matched, pm.how = p.index, hit.group(0)[:40], "mention"
                        break
        out[part.id] = pm
    for part in parts:
        if part.leading and not out[part.id].found:
            _leading(outline, out, part)
    return out


def _leading(outline: Outline, found: dict[str, PartMatch], part: PartSpec) -> None:
    """Cover ``part`` with the top-level sections that come before every other part."""
    tops = outline.top_sections()
    others = [
        pm.paragraph for pid, pm in found.items() if pid != part.id and pm.found and pm.paragraph is not None
    ]
    excl = [re.compile(p) for p in part.exclude]
    lead: list[Section] = []
    bounded = False
    for sec in tops:
        assert sec.heading is not None
        if any(sec.start <= i < sec.end for i in others):
            bounded = True  # the other parts follow: what comes before them is the measures
            break
        if any(x.search(re.sub(r"\s+", "", sec.heading.title)) for x in excl):
            return
        lead.append(sec)
    if not lead or not (bounded or len(lead) == len(tops)):
        return  # unbounded: only when every top-level section reads as measures (no other part anywhere)
    pm = found[part.id]
    first, last = lead[0], lead[-1]
    assert first.heading is not None and last.heading is not None
    pm.section, pm.paragraph, pm.how, pm.sections = first, first.start, "leading", lead
    pm.matched = (
        first.heading.display if len(lead) == 1 else f"{first.heading.display} … {last.heading.display}"
    )
