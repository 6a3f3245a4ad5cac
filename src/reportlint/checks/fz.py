"""法治政府建设年度报告 checks that need code: years, periods, dates and the introduction's outline.

FZ001 (required parts), FZ002 (cause analysis) and FZ005 (period statement) are declarative rules of the pack
(``rules/fazhi/pack.yaml``); the checks here share their code space.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reportlint.checks._submission import GRACE_DAYS, outside_window
from reportlint.engine.context import Context
from reportlint.engine.registry import RuleDoc, rule
from reportlint.facts.dates import DateFact
from reportlint.findings import Finding
from reportlint.structure.outline import Section
from reportlint.structure.parts import match_parts, self_inspection
from reportlint.textutil import lazy_compile, norm_for_compare

_YEAR = re.compile(r"(?<![\d〔\[（(—\-－~～])(\d{4})\s*年(?!\s*[—\-－~～至])")
_RANGE_AROUND = re.compile(r"\d{4}\s*[—\-－~～至]\s*\d{4}")


def _years_outside_ranges(text: str) -> list[re.Match[str]]:
    ranges = [m.span() for m in _RANGE_AROUND.finditer(text)]
    out = []
    for m in _YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in ranges):
            continue
        y = int(m.group(1))
        if 1990 <= y <= 2100:
            out.append(m)
    return out


@rule(
    "FZ003",
    "plan-year-mismatch",
    "error",
    "The next-year plan names a year other than the report year + 1.",
    RuleDoc(
        what="Reads the heading of the part that sets out next year's plan (下一年度主要安排) and compares the year "
        "it names with the report year.",
        why="The report covers one year and plans the next; a plan headed with the report year itself (or two "
        "years ahead) is a copy-paste slip from last year's report and misleads the reader about what is planned.",
        example="2021年度法治政府建设情况报告 … 四、2021年法治政府建设工作计划",
        use_instead="四、2022年法治政府建设工作计划 (or 四、下一年度主要安排)",
        source="《法治政府建设与责任落实督察工作规定》: the annual report covers 上一年度 work and 下一年度 plans.",
    ),
)
def plan_year_mismatch(ctx: Context) -> Iterator[Finding]:
    year = ctx.year
    plan = ctx.parts.get("plan")
    if year is None or plan is None or plan.paragraph is None or plan.how != "heading":
        return
    text = ctx.doc.paragraphs[plan.paragraph].text
    assert plan.section is not None and plan.section.heading is not None
    limit = (
        len(text)
        if not plan.section.heading.run_in
        else text.find(plan.section.heading.title) + len(plan.section.heading.title)
    )
    for m in _years_outside_ranges(text[:limit]):
        y = int(m.group(1))
        if y != year + 1:
            yield ctx.finding(
                plan.paragraph,
                m.start(1),
                m.end(1),
                f"下一年度安排写的是 {y} 年，报告年度为 {year} 年，应为 {year + 1} 年",
                evidence=f"{year} + 1 = {year + 1} ≠ {y}",
                suggestion=f"{year + 1}年",
            )


_INTRO_YEAR_SENTENCES = (
    re.compile(r"[^。：]*报告如下"),  # 现将我局2021年法治政府建设情况报告如下
    re.compile(r"全文(包括|共分|分为)\s*(\d{4}\s*年)"),  # 全文包括2021年度…
    re.compile(r"^\s*(\d{4}\s*年)\s*[，,]"),  # 2021年，在区委、区政府的领导下…
)


_PLAN_AFTER_YEAR = lazy_compile(
    r"\s*年?\s*度?[^\d。；，]{0,8}?(计划|安排|打算|思路|重点|要点|设想|目标|展望)"
)


@rule(
    "FZ004",
    "report-year-inconsistent",
    "error",
    "Title, 附件说明, cover letter, opening sentence or section headings disagree on the report year.",
    RuleDoc(
        what="Collects every place that states which year the report covers — the report title, the cover "
        "letter's title, the 附件说明, the introduction's opening sentences and the achievements heading — and "
        "flags those that disagree with the year of the title.",
        why="A report whose title says 2021 while its cover letter or headings say 2020 was updated from last "
        "year's file by hand; readers cannot tell which year's work it reports.",
        example="附件：XX局2020年度法治政府建设情况报告 (while the report is titled 2021年度)",
        use_instead="附件：XX局2021年度法治政府建设情况报告",
        source="GB/T 9704-2012 7.3.7 (附件说明 and the attachment must match); internal consistency.",
    ),
)
def report_year_inconsistent(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    year = o.year
    if year is None:
        return
    names = {
        "title": "标题",
        "cover-title": "报送文标题",
        "attachment-note": "附件说明",
        "heading": "章节标题",
    }
    for claim in o.year_claims:
        if claim.year == year + 1 and _PLAN_AFTER_YEAR.match(
            ctx.doc.paragraphs[claim.paragraph].text, claim.end
        ):
            continue  # 关于2022年工作情况暨2023年工作要点的报告: the next year's plans, named in the title
        if claim.year != year:
            yield ctx.finding(
                claim.paragraph,
                claim.start,
                claim.end,
                f"{names.get(claim.source, claim.source)}写的是 {claim.year} 年度，报告年度为 {year} 年",
                evidence=f"{claim.year} ≠ {year}",
                suggestion=f"{year}年",
            )
    start, end = o.intro
    for p in ctx.doc.paragraphs[start:end]:
        if p.in_table:
            continue
        for sm in (m for pat in _INTRO_YEAR_SENTENCES for m in pat.finditer(p.text)):
            ys = _years_outside_ranges(sm.group(0))
            if not ys:
                continue
            first = ys[0]
            y = int(first.group(1))
            if y != year:
                s = sm.start() + first.start(1)
                yield ctx.finding(
                    p.index,
                    s,
                    s + 4,
                    f"开头部分写的是 {y} 年，报告年度为 {year} 年",
                    evidence=f"{y} ≠ {year}",
                    suggestion=f"{year}年",
                )


@rule(
    "FZ006",
    "period-mismatch",
    "error",
    "The stated statistical period is not the report year, or is malformed.",
    RuleDoc(
        what="Parses the statistical-period statement (统计期限自…起至…止, 数据截至…) and checks that it runs from "
        "1 January to 31 December of the report year, that both dates exist and that the end is not before the "
        "start.",
        why="The period statement tells the reader which figures the report covers; a period of another year or "
        "an impossible one makes every figure in the report doubtful.",
        example="本报告所列数据的统计期限自2020年1月1日起至12月31日止。 (in the 2021 report)",
        use_instead="本报告所列数据的统计期限自2021年1月1日起至12月31日止。",
        source="Practice of annual reports (e.g. Shanghai's 引言 convention); internal consistency.",
    ),
)
def period_mismatch(ctx: Context) -> Iterator[Finding]:
    year = ctx.year
    for per in ctx.periods:
        first, last = per.first, per.last
        bad: list[str] = []
        if last is None:
            continue
        end_year = last.year or (first.year if first else None)
        if first is not None and first.year is not None and not first.valid():
            bad.append(f"起始日期 {first.text} 不存在")
        if not last.valid():
            bad.append(f"截止日期 {last.text} 不存在")
        start_d = _as_date(first, first.year if first else None) if first else None
        end_d = _as_date(last, end_year)
        if start_d and end_d and end_d < start_d:
            bad.append(f"截止日期 {end_d.isoformat()} 早于起始日期 {start_d.isoformat()}")
        if year is not None and not bad:
            want_start = dt.date(year, 1, 1)
            want_end = dt.date(year, 12, 31)
            if start_d is not None and start_d != want_start:
                bad.append(f"起始日期 {start_d.isoformat()} 不是 {want_start.isoformat()}")
            if end_d is not None and end_d != want_end:
                bad.append(f"截止日期 {end_d.isoformat()} 不是 {want_end.isoformat()}")
        if bad:
            yield ctx.finding(
                per.paragraph,
                per.start,
                per.end,
                "统计期限与报告年度不符或不成立：" + "；".join(bad),
                evidence="；".join(bad),
                suggestion=f"统计期限自{year}年1月1日起至12月31日止" if year else None,
            )


def _as_date(d: DateFact, year: int | None) -> dt.date | None:
    if year is None or d.month is None or d.day is None:
        return None
    try:
        return dt.date(year, d.month, d.day)
    except ValueError:
        return None


@rule(
    "FZ007",
    "submission-date-outside-window",
    "warning",
    "The 成文日期 is not after the report year's end, or is past the profile's deadline.",
    RuleDoc(
        what="Takes the 成文日期 of the cover letter (or the date closing the report) and checks that it falls after "
        "31 December of the report year and before the deadline of the pack's profile: 1 March of the next year "
        "for government departments, 1 April for governments. The date read is the one printed with the report "
        "(its 成文日期), not a web page's publication date. Self-inspection reports (自查报告) are written during "
        "the year and are not checked.",
        why="Reports are due early in the following year; a date inside the report year means the year was not "
        "over when it was signed, and a date past the deadline means it was late or the date is wrong.",
        example="XX局 2022年3月15日 (a department's report on 2021)",
        use_instead="A date between 2022年1月1日 and 2022年2月28日, e.g. 2022年1月30日",
        source="《法治政府建设与责任落实督察工作规定》 reporting deadlines (departments before 1 March, "
        "governments before 1 April).",
    ),
    options=[GRACE_DAYS],
)
def submission_date_outside_window(ctx: Context) -> Iterator[Finding]:
    if self_inspection(ctx.outline):
        return  # a self-inspection report is written during the year, for an inspection: no annual deadline
    yield from outside_window(ctx)


_LIST_INTRO = re.compile(r"全文(包括|共分|分为|由)")
_QUOTED = re.compile(r"“([^”]{2,40})”")


@rule(
    "FZ008",
    "intro-outline-mismatch",
    "warning",
    "An opening “全文包括 …” list names parts that the headings do not match.",
    RuleDoc(
        what="Reads the introduction's list of the report's parts (全文包括“…”“…”) and matches each item, by "
        "meaning, against the top-level headings; flags items with no heading and headings with no item.",
        why="The list is the reader's map of the report; when it promises a part the report lacks (or omits one "
        "it has) the introduction was not updated with the text.",
        example="全文包括“主要举措和成效”“存在的不足”“下一年度安排”。 (the report also has a principal's-duties part)",
        use_instead="全文包括“主要举措和成效”“存在的不足和原因”“主要负责人履职情况”“下一年度主要安排”。",
        source="Internal consistency; Shanghai 引言 convention.",
    ),
)
def intro_outline_mismatch(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    tops = o.top_sections()
    if not tops:
        return
    start, end = o.intro
    for p in ctx.doc.paragraphs[start:end]:
        m = _LIST_INTRO.search(p.text)
        if not m:
            continue
        stop = p.text.find("。", m.end())
        stop = len(p.text) if stop < 0 else stop
        items = [q for q in _QUOTED.finditer(p.text, m.end(), stop)]
        if len(items) < 2:
            continue
        used: set[int] = set()
        for q in items:
            hit = _match_item(ctx, q.group(1), tops)
            if hit is None:
                yield ctx.finding(
                    p.index,
                    q.start(),
                    q.end(),
                    f"开头列出的“{q.group(1)}”在正文一级标题中找不到",
                    key=q.group(1),
                )
            else:
                used.add(hit)
        for k, sec in enumerate(tops):
            if k not in used and sec.heading is not None and not re.search(r"其他|其它", sec.heading.title):
                yield ctx.finding(
                    p.index,
                    m.start(),
                    stop,
                    f"一级标题“{sec.heading.display}”未列入开头的“全文包括”",
                    key=sec.heading.title,
                )
        return


def _match_item(ctx: Context, item: str, tops: list[Section]) -> int | None:

    key = norm_for_compare(re.sub(r"\d{4}\s*年(度)?", "", item))
    for k, sec in enumerate(tops):
        assert sec.heading is not None
        title = norm_for_compare(re.sub(r"\d{4}\s*年(度)?", "", sec.heading.title))
        if key and (key in title or title in key):
            return k
    # by meaning: the item and the heading fall under the same required part
    for part in ctx.pack.parts:
        pats = [re.compile(x) for x in part.heading]
        excl = [re.compile(x) for x in part.exclude]
        if any(pt.search(key) for pt in pats) and not any(x.search(key) for x in excl):
            pm = ctx.parts.get(part.id)
            if pm is not None and pm.section is not None:
                node = pm.section
                while node.parent is not None and node.parent.heading is not None:
                    node = node.parent
                for k, sec in enumerate(tops):
                    if sec is node:
                        return k
    return None


__all__ = ["match_parts"]
