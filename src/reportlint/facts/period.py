"""The statistical-period statement: ``统计期限自2021年1月1日起至12月31日止``, ``数据截至2021年12月31日``."""

from __future__ import annotations

import re

import msgspec

from reportlint.facts.dates import DATE_RE, DateFact
from reportlint.model import Document

INTRO = re.compile(
    r"(统计期限|统计时限|统计时间|统计区间|统计周期|统计范围为|数据统计期|统计口径为|数据截至|数据统计截至|统计数据截至|数据截止|数据统计截止|统计截至|统计截止)"
)


class PeriodFact(msgspec.Struct):
    paragraph: int
    start: int
    end: int
    text: str
    first: DateFact | None
    last: DateFact | None
    """For a 截至-only statement, ``first`` is None."""


def find_periods(doc: Document, dates: list[DateFact]) -> list[PeriodFact]:
    by_para: dict[int, list[DateFact]] = {}
    for d in dates:
        by_para.setdefault(d.paragraph, []).append(d)
    out: list[PeriodFact] = []
    for p in doc.paragraphs:
        for m in INTRO.finditer(p.text):
            stop = p.text.find("。", m.end())
            stop = len(p.text) if stop < 0 else stop
            inside = [
                d for d in by_para.get(p.index, []) if m.end() <= d.start < stop and d.start - m.end() < 40
            ]
            if not inside:
                continue
            if "截至" in m.group(0) or "截止" in m.group(0) or len(inside) == 1:
                out.append(
                    PeriodFact(
                        p.index, m.start(), inside[0].end, p.text[m.start() : inside[0].end], None, inside[0]
                    )
                )
            else:
                first, last = inside[0], inside[1]
                out.append(
                    PeriodFact(p.index, m.start(), last.end, p.text[m.start() : last.end], first, last)
                )
    return out


__all__ = ["DATE_RE", "PeriodFact", "find_periods"]
