"""Date checks: dates that do not exist (DT001) and 成文日期/period dates not in GB/T 9704 form (DT002)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.checks._submission import submission_date
from reportlint.engine.context import Context
from reportlint.engine.registry import RuleDoc, rule
from reportlint.findings import Finding


@rule(
    "DT001",
    "invalid-date",
    "error",
    "A date that does not exist (2月30日, 13月, 4月31日).",
    RuleDoc(
        what="Finds every written date (年月日, 月日, 年月) and flags months outside 1–12 and days past the end of "
        "their month (29 February only in leap years).",
        why="An impossible date is always a typing slip, and in a period statement or a 成文日期 it makes the "
        "document's validity questionable.",
        example="2021年2月30日召开局务会",
        use_instead="2021年2月28日召开局务会 (the date actually meant)",
        source="GB/T 9704-2012 7.3.5.4 (成文日期); calendar arithmetic.",
    ),
)
def invalid_date(ctx: Context) -> Iterator[Finding]:
    for d in ctx.dates:
        if d.month is None:
            continue
        if not d.valid():
            yield ctx.finding(
                d.paragraph,
                d.start,
                d.end,
                f"日期“{d.text.strip()}”不存在",
                evidence=_why_invalid(d.year, d.month, d.day),
                suggestion="核对原始记录，改为实际日期",
            )


def _why_invalid(year: int | None, month: int, day: int | None) -> str:
    import calendar

    if not 1 <= month <= 12:
        return f"月份 {month} 不在 1–12 之间"
    last = calendar.monthrange(year or 2000, month)[1]
    where = f"{year}年{month}月" if year else f"{month}月"
    return f"{where}只有 {last} 天，没有 {day} 日"


_LEADING_ZERO = re.compile(r"(?<!\d)0\d")


@rule(
    "DT002",
    "date-format",
    "warning",
    "A 成文日期 or period date not written as GB/T 9704 asks (Arabic numerals, full year: 2022年1月30日).",
    RuleDoc(
        what="Checks the 成文日期 and the dates of the statistical-period statement: Arabic numerals, the year in "
        "four digits, no leading zeros in month or day, and 年月日 written out (not 2022.1.30 or 2022-1-30).",
        why="GB/T 9704-2012 fixes the form of the 成文日期 (Arabic numerals, year in full, month and day without "
        "leading zeros); mixed forms look careless in a formal report.",
        example="二〇二二年一月三十日 / 22年1月30日 / 2022年01月30日 / 2022.1.30 / 2022-1-30",
        use_instead="2022年1月30日",
        source="GB/T 9704-2012 7.3.5.4; GB/T 15835-2011.",
    ),
)
def date_format(ctx: Context) -> Iterator[Finding]:
    targets = []
    sub = submission_date(ctx)
    if sub is not None:
        targets.append((sub, "成文日期"))
    for per in ctx.periods:
        for d in (per.first, per.last):
            if d is not None:
                targets.append((d, "统计期限日期"))
    seen: set[tuple[int, int]] = set()
    for d, what in targets:
        if (d.paragraph, d.start) in seen:
            continue
        seen.add((d.paragraph, d.start))
        problems = []
        if d.numeric:
            problems.append("应写明“年”“月”“日”，不用点号、短横线或斜线分隔")
        if not d.arabic:
            problems.append("应使用阿拉伯数字")
        if d.year_raw is not None and d.year_raw.isdigit() and len(d.year_raw) != 4:
            problems.append("年份应写全四位")
        if what == "成文日期" and d.year_raw is None:
            problems.append("应写明年份")
        for raw in (d.month_raw, d.day_raw):
            if raw is not None and raw.isdigit() and _LEADING_ZERO.match(raw):
                problems.append("月、日不编虚位（不加0）")
                break
        if problems:
            fixed = None
            if d.year and d.month and d.day:
                fixed = f"{d.year}年{d.month}月{d.day}日"
            yield ctx.finding(
                d.paragraph,
                d.start,
                d.end,
                f"{what}“{d.text.strip()}”格式不规范：" + "；".join(problems),
                suggestion=fixed,
            )
