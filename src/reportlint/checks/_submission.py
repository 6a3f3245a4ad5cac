"""The 成文日期 of a report and the window it must fall in (FZ007 and GK010 share this)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reportlint.engine.context import Context
from reportlint.engine.registry import Option
from reportlint.facts.dates import DateFact
from reportlint.findings import Finding

GRACE_DAYS = Option(
    "grace-days",
    int,
    0,
    "Days after the deadline that are still accepted (e.g. a deadline that fell on a holiday).",
)
"""The option FZ007 and GK010 declare and :func:`outside_window` reads."""


def submission_date(ctx: Context) -> DateFact | None:
    """The 成文日期: the cover letter's date line, else a date line closing the report."""
    o = ctx.outline
    target: int | None = o.cover.date if o.cover is not None else None
    if target is None:
        body = [p for p in ctx.doc.paragraphs if not p.in_table and p.text.strip()]
        for p in reversed(body[-6:]):
            if re.fullmatch(r"\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{1,4}月.{1,5}日\s*", p.text) or (
                re.fullmatch(r"\s*(19|20)\d{2}\s*([.．\-－/])\s*\d{1,2}\s*\2\s*\d{1,2}\s*", p.text)
            ):
                target = p.index
                break
    if target is None:
        return None
    return next((d for d in ctx.dates if d.paragraph == target), None)


def outside_window(ctx: Context) -> Iterator[Finding]:
    """A finding when the 成文日期 is not after the report year, or not before the profile's deadline."""
    year = ctx.year
    d = submission_date(ctx)
    if year is None or d is None or d.year is None or d.month is None or d.day is None or not d.valid():
        return
    signed = dt.date(d.year, d.month, d.day)
    prof = ctx.profile
    deadline = dt.date(year + 1, prof.deadline_month, prof.deadline_day)
    last = deadline - dt.timedelta(days=1)
    window = f"{year + 1}年1月1日至{last.year}年{last.month}月{last.day}日之间的实际成文日期"
    if signed <= dt.date(year, 12, 31):
        message = f"成文日期 {signed.isoformat()} 不晚于报告年度 {year} 年年底"
        evidence = f"{signed.isoformat()} ≤ {year}-12-31"
    elif signed >= deadline + dt.timedelta(days=int(ctx.options.get(GRACE_DAYS.name, GRACE_DAYS.default))):
        message = f"成文日期 {signed.isoformat()} 已过{prof.label}的报送期限（不晚于 {last.isoformat()}）"
        evidence = f"{signed.isoformat()} > {last.isoformat()}"
    else:
        return
    yield ctx.finding(d.paragraph, d.start, d.end, message, evidence=evidence, suggestion=window)
