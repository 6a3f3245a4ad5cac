"""Dates written in reports: ``2022年1月30日``, ``2022 年 1 月 30 日``, ``二〇二二年一月三十日``, ``12月31日``,
and full dates in figures (``2022.1.30``, ``2022-1-30``)."""

from __future__ import annotations

import re

import msgspec

from reportlint.model import Document
from reportlint.textutil import cn_to_int

_Y = r"(?P<y>\d{4}|\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*"
_M = r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
_D = r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]"
DATE_RE = re.compile(rf"(?:{_Y})?{_M}(?:{_D})?")
# ``2022.1.30``, ``2022-1-30``, ``2022/01/30``: a full date in figures with one separator throughout
NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.．])(?P<y>(?:19|20)\d{2})\s*(?P<sep>[.．\-－/])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    r"(?!\d|[.．/]\d|\s*[年月日号])"
)


class DateFact(msgspec.Struct):
    paragraph: int
    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    year_raw: str | None
    month_raw: str | None
    day_raw: str | None
    numeric: bool = False
    """Written in figures with separators (``2022.1.30``, ``2022-1-30``) instead of 年月日."""

    @property
    def arabic(self) -> bool:
        return all(r is None or r.isdigit() for r in (self.year_raw, self.month_raw, self.day_raw))

    def valid(self) -> bool:
        import calendar

        if self.month is None or not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        year = self.year or 2000  # a leap year, so 2月29日 alone is not flagged
        return 1 <= self.day <= calendar.monthrange(year, self.month)[1]


def _num(raw: str | None) -> int | None:
    if raw is None:
        return None
    if raw.isdigit():
        return int(raw)
    return cn_to_int(raw.replace("○", "〇"))


def find_dates(doc: Document) -> list[DateFact]:
    out: list[DateFact] = []
    for p in doc.paragraphs:
        text = p.text
        for m in NUMERIC_DATE_RE.finditer(text):
            month, day = int(m.group("m")), int(m.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                out.append(
                    DateFact(
                        p.index,
                        m.start(),
                        m.end(),
                        m.group(0),
                        int(m.group("y")),
                        month,
                        day,
                        m.group("y"),
                        m.group("m"),
                        m.group("d"),
                        numeric=True,
                    )
                )
        if "月" not in text:
            continue
        for m in DATE_RE.finditer(text):
            y_raw, m_raw, d_raw = m.group("y"), m.group("m"), m.group("d")
            # "3个月", "数月" are durations; "月" must follow a number directly
            after = text[m.end() : m.end() + 1]
            if d_raw is None and after in ("份",):
                pass
            if m.start() > 0 and text[m.start() - 1].isdigit():
                continue
            year = _num(y_raw)
            if year is not None and year < 100:
                year = None if y_raw is None else 2000 + year
            fact = DateFact(
                p.index, m.start(), m.end(), m.group(0), year, _num(m_raw), _num(d_raw), y_raw, m_raw, d_raw
            )
            out.append(fact)
    out.sort(key=lambda d: (d.paragraph, d.start))
    return out
