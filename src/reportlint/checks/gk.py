"""政府信息公开工作年度报告 checks: the statistics tables of the national format and their identities.

GK001 (the six sections) is a declarative rule of ``rules/gk/pack.yaml``. The checks here read the tables that
:mod:`reportlint.facts.gk_tables` maps onto the format's rows and columns, and compare integers exactly. An
identity with a blank, unreadable or missing operand is not judged (GK009 and GK002 report those cells).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from reportlint.checks._submission import GRACE_DAYS, outside_window
from reportlint.engine.context import Context
from reportlint.engine.registry import RuleDoc, rule
from reportlint.facts.gk_tables import (
    ACTIVE_REQUIRED,
    ACTIVE_ROW_LABEL,
    APPLICANT_COLS,
    APPLY_COLS,
    APPLY_ROW_LABEL,
    LEGAL_PERSON_COLS,
    MONEY_COL,
    REVIEW_BLOCKS,
    REVIEW_COLS,
    GkTables,
    Layout,
    MappedTable,
    Value,
    group_items,
    layout_for_year,
    result_leaves,
)
from reportlint.findings import Finding
from reportlint.structure.outline import Section
from reportlint.textutil import lazy_compile

FORMAT_SOURCE = "《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号; 2019年格式适用于2019—2020年度报告)"
TABLE_NAME = {
    "apply": "“收到和处理政府信息公开申请情况”表",
    "review": "“政府信息公开行政复议、行政诉讼情况”表",
    "active": "“主动公开政府信息情况”表",
}
PART_OF_TABLE = {"apply": "apply", "review": "review", "active": "active"}


FIRST_FORMAT_YEAR = 2019
"""Reports on years before 2019 followed the 2008 regulation and its statistics table (one 指标名称/计量单位 list),
which the format's three tables do not describe: the table rules stay silent on them."""


def old_format(ctx: Context) -> bool:
    """The report is on a year before the national format (2015–2018 reports: their own table layout)."""
    return ctx.year is not None and ctx.year < FIRST_FORMAT_YEAR


def gk_tables(ctx: Context) -> GkTables:
    """The mapped tables of the document being checked (cached on the Context, computed once per document);
    none for a report older than the format, whose statistics table has another layout."""
    if old_format(ctx):
        return GkTables()
    return ctx.gk_tables


# The words every copy of a table holds, whether as a table or flattened into text by a web crawler.
_TABLE_WORDS: dict[str, tuple[str, ...]] = {
    "active": ("第二十条第",),
    "apply": ("本年新收", "结转"),
    "review": ("维持", "纠正", "尚未审结"),
}


def _table_as_text(ctx: Context, kind: str, section: Section | None) -> bool:
    """The section holds the table's row and column labels as text or unmapped cells: the table is there
    but its grid was lost (a web page copied as text), so it is not missing."""
    if section is None:
        return False
    text = "".join(p.text for p in ctx.doc.paragraphs[section.start : section.end])
    return all(w in text for w in _TABLE_WORDS[kind])


def expected_layout(ctx: Context, table: MappedTable | None = None) -> Layout:
    by_year = layout_for_year(ctx.year)
    if by_year is not None:
        return by_year
    if table is not None and table.layout is not None:
        return table.layout
    return "2021"


def _n(v: Value | None) -> int | float | None:
    """The number of a cell, None when it is missing, blank or not a number."""
    if v is None or v.number is None:
        return None
    return int(v.number) if v.is_int else v.number


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _cell_finding(
    ctx: Context,
    table: MappedTable,
    row: str,
    col: str,
    message: str,
    *,
    evidence: str | None = None,
    suggestion: str | None = None,
) -> Finding:
    v = table.get(row, col)
    where = f"{TABLE_NAME[table.kind]}{table.label(row, col)}"
    key = f"{table.kind}:{row}:{col}"
    if v is None or v.paragraph is None:
        return ctx.finding(
            None,
            0,
            0,
            f"{where}：{message}",
            evidence=evidence,
            suggestion=suggestion,
            key=key,
        )
    f = ctx.finding(
        v.paragraph,
        v.start,
        v.end,
        f"{where}：{message}",
        evidence=evidence,
        suggestion=suggestion,
        key=key,
    )
    return _in_section(ctx, table, f)


def _in_section(ctx: Context, table: MappedTable, f: Finding) -> Finding:
    """Place a table finding in the section that holds the table (a reader may list cells after the body)."""
    if table.how == "table" and table.after_paragraph is not None:
        f.section = ctx.outline.section_of(table.after_paragraph).path()
    return f


def _table_paragraph(ctx: Context, table: MappedTable) -> int | None:
    first = next(iter(table.cells.values()), None)
    return first.paragraph if first is not None else None


# --- GK002 -------------------------------------------------------------------------------------------------


@rule(
    "GK002",
    "table-layout-mismatch",
    "warning",
    "A statistics table lacks rows or columns of the format for the report year, or cannot be located.",
    RuleDoc(
        what="Locates the three statistics tables of the format (主动公开, 收到和处理申请, 行政复议/行政诉讼) — in "
        "tables, or in lines of numbers where a PDF lost the table — and maps their rows and columns by label. Flags "
        "a table that cannot be found under a section that should hold it, rows and columns of the format that are "
        "missing, rows whose label matches nothing in the format, and a table laid out in the other year's format "
        "(the 2019 format has one （六）其他处理 row and the 政府集中采购 row; the 2021 format has three （六） rows). "
        "A section that holds the table's labels only as text (a web page copied as text) is not reported, nor "
        "is a report on a year before 2019, whose statistics table had another layout.",
        why="The tables are filled in a fixed national layout so that reports can be compared and summed; a "
        "missing row or the previous format's layout makes the figures incomparable and is a reason for the "
        "主管部门 to return the report.",
        example="A 2022 report whose 表三 has a single “（六）其他处理” row (the 2019 layout).",
        use_instead="The 2021 layout: “1.申请人无正当理由逾期不补正…”, “2.申请人逾期未按收费通知要求缴纳费用…”, "
        "“3.其他” under （六）其他处理.",
        source=FORMAT_SOURCE + ", tables 二, 三 and 四.",
    ),
)
def table_layout_mismatch(ctx: Context) -> Iterator[Finding]:
    tables = gk_tables(ctx)
    for kind in ("active", "apply", "review"):
        table: MappedTable | None = getattr(tables, kind)
        if table is None:
            pm = ctx.parts.get(PART_OF_TABLE[kind])
            if old_format(ctx) or (pm is not None and _table_as_text(ctx, kind, pm.section)):
                continue
            if pm is not None and pm.found and pm.paragraph is not None:
                text = ctx.doc.paragraphs[pm.paragraph].text
                yield ctx.finding(
                    pm.paragraph,
                    0,
                    min(len(text.strip()), 40),
                    f"在“{pm.label}”部分未找到按格式填写的{TABLE_NAME[kind]}",
                    key=f"{kind}:missing",
                    suggestion="按年度报告格式插入统计表格，行列标题照格式填写",
                )
            continue
        yield from _layout_findings(ctx, table)


def _layout_findings(ctx: Context, table: MappedTable) -> Iterator[Finding]:
    layout = expected_layout(ctx, table)
    para = _table_paragraph(ctx, table)
    name = TABLE_NAME[table.kind]
    year = f"{ctx.year}年度报告" if ctx.year else "本报告"

    def at_table(message: str, key: str) -> Finding:
        return _in_section(
            ctx, table, ctx.finding(para, 0, 0, f"{name}：{message}", key=f"{table.kind}:{key}")
        )

    if table.kind == "apply":
        if table.layout is not None and table.layout != layout:
            other = (
                "2019年格式（“（六）其他处理”为一行）"
                if table.layout == "2019"
                else "2021年格式（“（六）其他处理”分3行）"
            )
            yield at_table(f"按{other}填写，{year}应使用{layout}年格式", "layout")
            want = [r for r in _apply_rows_both(layout) if not r.startswith("r6")]
        else:
            want = _apply_rows_both(layout)
        missing = [r for r in want if r not in table.rows]
        if missing:
            yield at_table(
                "缺少格式规定的行：" + "；".join(APPLY_ROW_LABEL[r] for r in missing),
                "rows:" + ",".join(missing),
            )
        need_cols = [k for k, _ in APPLY_COLS]
        missing_cols = [c for c in need_cols if c not in table.cols]
        if missing_cols:
            yield at_table(
                "缺少格式规定的列：" + "、".join(dict(APPLY_COLS)[c] for c in missing_cols), "cols"
            )
    elif table.kind == "review":
        missing_blocks = [label for b, label in REVIEW_BLOCKS if b not in table.rows]
        missing_cells = [
            f"{bl}·{cl}"
            for b, bl in REVIEW_BLOCKS
            for c, cl in REVIEW_COLS
            if b in table.rows and (b, c) not in table.cells
        ]
        if missing_blocks or missing_cells:
            yield at_table("缺少格式规定的栏目：" + "、".join(missing_blocks + missing_cells), "cells")
    else:
        rows_2019 = {"procure", "other_service"} & set(table.rows)
        if layout == "2021" and rows_2019:
            yield at_table(
                "含2019年格式的行（" + "、".join(ACTIVE_ROW_LABEL[r] for r in sorted(rows_2019)) + "），"
                f"{year}应使用2021年格式",
                "layout",
            )
        missing = [r for r in ACTIVE_REQUIRED[layout] if r not in table.rows]
        if missing:
            yield at_table("缺少格式规定的行：" + "、".join(ACTIVE_ROW_LABEL[r] for r in missing), "rows")
    for label, cell in table.unknown_rows:
        yield ctx.finding(
            cell.index,
            0,
            len(cell.text.rstrip()),
            f"{name}：“{label}”行与格式中的行对应不上（{cell.location.describe()}）",
            key=f"{table.kind}:unknown:{label}",
        )


def _apply_rows_both(layout: Layout) -> list[str]:
    return ["new", "carried", *result_leaves(layout), "total", "carry_next"]


# --- GK003 -------------------------------------------------------------------------------------------------


@rule(
    "GK003",
    "balance-identity-broken",
    "error",
    "In a column of the applications table, 本年新收 + 上年结转 ≠ 办理结果总计 + 结转下年度继续办理.",
    RuleDoc(
        what="In every column of the 收到和处理政府信息公开申请情况 table (自然人, each kind of 法人或其他组织, 总计), "
        "adds row 一 (本年新收) and row 二 (上年结转) and compares the sum with row 三（七）总计 plus row 四 "
        "(结转下年度继续办理). Columns with a blank or unreadable operand are not judged.",
        why="The format prints the identity in the table itself (本列数据的勾稽关系为：第一项加第二项之和，等于第三项"
        "加第四项之和); every request received is either answered this year or carried over, so a column that does not "
        "balance has a wrong figure.",
        example="自然人: 本年新收 12, 上年结转 1, 总计 10, 结转下年度 2 (12 + 1 ≠ 10 + 2)",
        use_instead="Correct the wrong figure so that 12 + 1 = 11 + 2 (or 10 + 3).",
        source=FORMAT_SOURCE + ", table 三, note in the header cell.",
    ),
)
def balance_identity_broken(ctx: Context) -> Iterator[Finding]:
    t = gk_tables(ctx).apply
    if t is None:
        return
    for col in t.cols:
        a, b = _n(t.get("new", col)), _n(t.get("carried", col))
        c, d = _n(t.get("total", col)), _n(t.get("carry_next", col))
        if a is None or b is None or c is None or d is None:
            continue
        if a + b != c + d:
            yield _cell_finding(
                ctx,
                t,
                "carry_next",
                col,
                f"本年新收 {_fmt(a)} + 上年结转 {_fmt(b)} = {_fmt(a + b)}，"
                f"而办理结果总计 {_fmt(c)} + 结转下年度 {_fmt(d)} = {_fmt(c + d)}",
                evidence=f"{_fmt(a)} + {_fmt(b)} ≠ {_fmt(c)} + {_fmt(d)}（{_fmt(a + b)} ≠ {_fmt(c + d)}）",
                suggestion="核对本列四项数据，使第一项加第二项之和等于第三项加第四项之和",
            )


# --- GK004 -------------------------------------------------------------------------------------------------


@rule(
    "GK004",
    "result-total-mismatch",
    "error",
    "The 办理结果 总计 row (or a subtotal row) differs from the sum of the result rows.",
    RuleDoc(
        what="In every column of the applications table, adds the result rows of 三、本年度办理结果 — （一） and （二）, "
        "the eight （三） rows, three （四） rows, five （五） rows and the three （六） rows (one in the 2019 format) — and "
        "compares the sum with （七）总计. Subtotal rows that some units add under （三）–（六） are checked against "
        "their own items.",
        why="（七）总计 is by definition the number of requests answered; when it differs from the rows it totals, "
        "either a result was left out or the total is wrong, and the balance with the requests received cannot be "
        "trusted.",
        example="予以公开 5, 部分公开 1, 本机关不掌握 2 … （七）总计 9 (the rows sum to 8)",
        use_instead="（七）总计 8, or the missing result entered in its row.",
        source=FORMAT_SOURCE + ", table 三, rows 三（一）–（七）.",
    ),
)
def result_total_mismatch(ctx: Context) -> Iterator[Finding]:
    t = gk_tables(ctx).apply
    if t is None:
        return
    layout = t.layout or expected_layout(ctx, t)
    leaves = result_leaves(layout)
    for col in t.cols:
        if all(r in t.rows for r in leaves) and "total" in t.rows:
            values = [_n(t.get(r, col)) for r in leaves]
            total = _n(t.get("total", col))
            if total is not None and all(v is not None for v in values):
                s = sum(v for v in values if v is not None)
                if s != total:
                    nonzero = [f"{_leaf_name(r)} {_fmt(v)}" for r, v in zip(leaves, values, strict=True) if v]
                    yield _cell_finding(
                        ctx,
                        t,
                        "total",
                        col,
                        f"总计 {_fmt(total)} 与各办理结果之和 {_fmt(s)} 不等",
                        evidence=f"{' + '.join(nonzero) or '0'} = {_fmt(s)} ≠ {_fmt(total)}",
                        suggestion=f"核对各办理结果行，或将总计改为 {_fmt(s)}",
                    )
        for g in "3456":
            sub = f"sub{g}"
            items = group_items(g)
            if sub not in t.rows or not all(r in t.rows for r in items):
                continue
            sv = _n(t.get(sub, col))
            values = [_n(t.get(r, col)) for r in items]
            if sv is None or any(v is None for v in values):
                continue
            s = sum(v for v in values if v is not None)
            if s != sv:
                yield _cell_finding(
                    ctx,
                    t,
                    sub,
                    col,
                    f"小计 {_fmt(sv)} 与本类各项之和 {_fmt(s)} 不等",
                    evidence=f"{' + '.join(_fmt(v) for v in values if v is not None)} = {_fmt(s)} ≠ {_fmt(sv)}",
                )


def _leaf_name(row: str) -> str:
    label = APPLY_ROW_LABEL[row].split(" ")[-1]
    return re.sub(r"^[（(]?[\d一二三四五六七]+[）)]?[.．、]?", "", label)[:10]


# --- GK005 -------------------------------------------------------------------------------------------------


@rule(
    "GK005",
    "row-total-mismatch",
    "error",
    "A row's 总计 differs from the sum of its applicant columns.",
    RuleDoc(
        what="In every row of the applications table, adds the applicant columns — 自然人 and the five kinds of "
        "法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他) — and compares the sum with the row's 总计. "
        "A 法人或其他组织 subtotal column, where a unit added one, is checked against its five columns.",
        why="总计 counts every applicant once; a row whose total differs from its columns has a typing error in "
        "one of them, and every identity that uses the row becomes unreliable.",
        example="本年新收: 自然人 10, 商业企业 2, 其他 1, 总计 12",
        use_instead="总计 13 (or the wrong column corrected).",
        source=FORMAT_SOURCE + ", table 三, 申请人情况 columns.",
    ),
)
def row_total_mismatch(ctx: Context) -> Iterator[Finding]:
    t = gk_tables(ctx).apply
    if t is None or not all(c in t.cols for c in (*APPLICANT_COLS, "TOT")):
        return
    for row in t.rows:
        values = [_n(t.get(row, c)) for c in APPLICANT_COLS]
        total = _n(t.get(row, "TOT"))
        if total is not None and all(v is not None for v in values):
            s = sum(v for v in values if v is not None)
            if s != total:
                yield _cell_finding(
                    ctx,
                    t,
                    row,
                    "TOT",
                    f"总计 {_fmt(total)} 与各申请人列之和 {_fmt(s)} 不等",
                    evidence=" + ".join(_fmt(v) for v in values if v is not None)
                    + f" = {_fmt(s)} ≠ {_fmt(total)}",
                    suggestion=f"核对本行各列，或将总计改为 {_fmt(s)}",
                )
        if "LP" in t.cols:
            lp = _n(t.get(row, "LP"))
            parts = [_n(t.get(row, c)) for c in LEGAL_PERSON_COLS]
            if lp is not None and all(v is not None for v in parts):
                s = sum(v for v in parts if v is not None)
                if s != lp:
                    yield _cell_finding(
                        ctx,
                        t,
                        row,
                        "LP",
                        f"法人或其他组织小计 {_fmt(lp)} 与其五列之和 {_fmt(s)} 不等",
                        evidence=" + ".join(_fmt(v) for v in parts if v is not None)
                        + f" = {_fmt(s)} ≠ {_fmt(lp)}",
                    )


# --- GK006 -------------------------------------------------------------------------------------------------


@rule(
    "GK006",
    "review-litigation-total-mismatch",
    "error",
    "In the 行政复议/行政诉讼 table, 维持 + 纠正 + 其他 + 尚未审结 ≠ 总计 for a block.",
    RuleDoc(
        what="For each of the three blocks of the table — 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 — adds "
        "结果维持, 结果纠正, 其他结果 and 尚未审结 and compares the sum with the block's 总计.",
        why="Every case is either decided (upheld, corrected, otherwise concluded) or pending; a block whose total "
        "differs from its four columns miscounts the cases the agency faced over its disclosure decisions.",
        example="行政复议: 结果维持 2, 结果纠正 1, 其他结果 0, 尚未审结 1, 总计 3",
        use_instead="总计 4 (or the wrong column corrected).",
        source=FORMAT_SOURCE + ", table 四.",
    ),
)
def review_litigation_total_mismatch(ctx: Context) -> Iterator[Finding]:
    t = gk_tables(ctx).review
    if t is None:
        return
    parts = [k for k, _ in REVIEW_COLS if k != "TOT"]
    for block in t.rows:
        values = [_n(t.get(block, c)) for c in parts]
        total = _n(t.get(block, "TOT"))
        if total is None or any(v is None for v in values):
            continue
        s = sum(v for v in values if v is not None)
        if s != total:
            yield _cell_finding(
                ctx,
                t,
                block,
                "TOT",
                f"维持、纠正、其他结果、尚未审结之和 {_fmt(s)} 与总计 {_fmt(total)} 不等",
                evidence=" + ".join(_fmt(v) for v in values if v is not None)
                + f" = {_fmt(s)} ≠ {_fmt(total)}",
                suggestion=f"核对本栏各列，或将总计改为 {_fmt(s)}",
            )


# --- GK007 -------------------------------------------------------------------------------------------------

_GAP = r"[^，。；：、\d（）()]{0,12}?"
_QUANTITIES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "received",
        "收到申请",
        lazy_compile(rf"(?:新?收到|受理|接收){_GAP}申请[^，。；\d]{{0,3}}?(\d+)\s*(?:件|份)"),
    ),
    ("answered", "办结申请", lazy_compile(rf"办结{_GAP}(\d+)\s*件")),
    (
        "carry",
        "结转下年度",
        lazy_compile(r"结转(?:至|到)?下(?:一)?年度?(?:继续办理)?[^，。；\d]{0,3}?(\d+)\s*件"),
    ),
    (
        "review",
        "行政复议",
        lazy_compile(r"(?:被申请|引发|发生|提起)行政复议(?:案件)?[^，。；\d]{0,3}?(\d+)\s*(?:件|起)"),
    ),
    (
        "litigation",
        "行政诉讼",
        lazy_compile(
            r"(?:(?:被提起|被起诉|引发|发生|提起)行政诉讼(?:案件)?|被起诉)[^，。；\d]{0,3}?(\d+)\s*(?:件|起)"
        ),
    ),
)


class _Claim(msgspec.Struct):
    paragraph: int
    start: int
    end: int
    value: int


def _table_value(tables: GkTables, what: str) -> tuple[int | float | None, str, MappedTable | None]:
    """(value, how it is computed, table) of the table cell a narrative quantity reports."""
    a, r = tables.apply, tables.review
    if what in ("received", "answered", "carry") and a is not None:
        row = {"received": "new", "answered": "total", "carry": "carry_next"}[what]
        return _n(a.get(row, "TOT")), a.label(row, "TOT"), a
    if what == "review" and r is not None:
        return _n(r.get("FY", "TOT")), r.label("FY", "TOT"), r
    if what == "litigation" and r is not None:
        x, y = _n(r.get("ZS", "TOT")), _n(r.get("FS", "TOT"))
        if x is None or y is None:
            return None, "", None
        return x + y, "未经复议直接起诉总计 + 复议后起诉总计", r
    return None, "", None


@rule(
    "GK007",
    "text-table-mismatch",
    "warning",
    "A number stated in the narrative differs from the table cell it reports.",
    RuleDoc(
        what="Reads the few statements the narrative of a GK report makes about the tables — 收到申请X件 (本年新收 "
        "总计), 办结Y件 (办理结果总计), 结转下年度Z件, 被申请行政复议N件 (复议总计), 被提起行政诉讼M件 (直接起诉总计 + 复议后"
        "起诉总计) — and compares each with its cell. A statement is judged only when the report states that "
        "quantity with one value; a statement that also counts 上年结转 is not compared.",
        why="Readers quote the narrative, the statistics office sums the tables; when they disagree one of them is "
        "wrong, and the report's accuracy is exactly what the format's accountability clause is about.",
        example="全年共收到政府信息公开申请25件 (while 本年新收 总计 in the table is 23)",
        use_instead="全年共收到政府信息公开申请23件",
        source=FORMAT_SOURCE + "; 《政府信息公开条例》第五十条.",
    ),
)
def text_table_mismatch(ctx: Context) -> Iterator[Finding]:
    tables = gk_tables(ctx)
    if tables.apply is None and tables.review is None:
        return
    claims: dict[str, list[_Claim]] = {}
    for p in ctx.doc.paragraphs[ctx.outline.report_start :]:
        if p.in_table:
            continue
        for what, _, pat in _QUANTITIES:
            for m in pat.finditer(p.text):
                if "结转" in m.group(0) and what != "carry":
                    continue
                after = p.text[m.end() : m.end() + 12]
                if what == "received" and re.match(r"[（(]?(含|包括|其中)[^）)]{0,6}上年", after):
                    continue
                claims.setdefault(what, []).append(_Claim(p.index, m.start(1), m.end(1), int(m.group(1))))
    for what, label, _ in _QUANTITIES:
        found = claims.get(what, [])
        if len({c.value for c in found}) != 1:
            continue  # not stated, or stated with several values: ambiguous
        value, how, table = _table_value(tables, what)
        if value is None or table is None:
            continue
        for c in found:
            if c.value != value:
                yield ctx.finding(
                    c.paragraph,
                    c.start,
                    c.end,
                    f"正文称{label} {c.value} 件，{TABLE_NAME[table.kind]}{how}为 {_fmt(value)}",
                    evidence=f"{c.value} ≠ {_fmt(value)}（{how}）",
                    suggestion=_fmt(value),
                    key=f"{what}:{c.value}",
                )


# --- GK008 -------------------------------------------------------------------------------------------------


@rule(
    "GK008",
    "carry-over-mismatch",
    "warning",
    "上年结转 differs from the previous year's 结转下年度继续办理 (when the previous report is given).",
    RuleDoc(
        what="With ``--previous FILE`` (last year's report), compares, column by column, this year's row 二 "
        "(上年结转政府信息公开申请数量) with last year's row 四 (结转下年度继续办理). Runs only when the previous report "
        "is given and its year, where stated, is the report year minus one.",
        why="The requests carried into this year are exactly the ones carried out of last year; a difference means "
        "one of the two reports miscounts, a defect that no single-report check can see.",
        example="2023年报告 上年结转 总计 3, 2022年报告 结转下年度继续办理 总计 2",
        use_instead="上年结转 总计 2 (or a note explaining the correction of last year's figure).",
        source=FORMAT_SOURCE + ", table 三, rows 二 and 四.",
    ),
)
def carry_over_mismatch(ctx: Context) -> Iterator[Finding]:
    previous = ctx.previous  # read once by the API from --previous; its outline and tables cached there
    t = gk_tables(ctx).apply
    if previous is None or previous.doc is None or t is None:
        return
    prev_year = previous.year
    if prev_year is not None and ctx.year is not None and prev_year != ctx.year - 1:
        return
    prev_tables = previous.gk_tables
    prev = prev_tables.apply if prev_tables is not None else None
    if prev is None:
        return
    for col in t.cols:
        now, before = _n(t.get("carried", col)), _n(prev.get("carry_next", col))
        if now is None or before is None or now == before:
            continue
        yield _cell_finding(
            ctx,
            t,
            "carried",
            col,
            f"上年结转 {_fmt(now)} 与上年度报告的结转下年度继续办理 {_fmt(before)} 不等",
            evidence=f"{_fmt(now)} ≠ {_fmt(before)}（{previous.path}）",
            suggestion=_fmt(before),
        )


# --- GK009 -------------------------------------------------------------------------------------------------

BLANK_ROWS_AS_CONVENTION = 3
"""From this many rows with blank cells on, the table writes blanks for zeros: reported once per table."""


@rule(
    "GK009",
    "invalid-cell",
    "error",
    "A count cell that is negative, fractional, or blank where a number is required.",
    RuleDoc(
        what="Checks every mapped cell of the statistics tables: counts must be whole numbers of zero or more "
        "(收费金额 in 万元 may be a decimal); in the applications and 复议/诉讼 tables a cell may not be blank or a dash "
        "— a zero is written as 0. Blank cells are reported once per row, at the first blank cell; a table that "
        "leaves cells blank in three or more rows (blanks written for zeros) is reported once.",
        why="A blank is not a zero: the reader cannot tell a nil count from a forgotten one, the identities of the "
        "table cannot be checked, and statistical summaries that add the reports fail.",
        example="（七）总计 row: 自然人 12, 商业企业 (blank), …",
        use_instead="Write 0 in every cell with no cases; write counts as whole numbers.",
        source=FORMAT_SOURCE + ", tables 三 and 四 (figures for every cell).",
    ),
)
def invalid_cell(ctx: Context) -> Iterator[Finding]:
    for t in gk_tables(ctx).all():
        blank_rows: list[tuple[str, list[str]]] = []
        for row in t.rows:
            blanks: list[str] = []
            for col in t.cols:
                v = t.get(row, col)
                if v is None:
                    continue
                if v.blank:
                    if t.kind != "active" and not row.startswith("sub"):
                        blanks.append(col)
                    continue
                if v.invalid:
                    yield _cell_finding(ctx, t, row, col, f"“{v.text.strip()}”不是数字")
                elif v.number is not None and v.number < 0:
                    yield _cell_finding(ctx, t, row, col, f"数量 {v.show()} 为负数", evidence=v.text.strip())
                elif not v.is_int and not (
                    t.kind == "active" and MONEY_COL.search(t.col_labels.get(col, col))
                ):
                    yield _cell_finding(
                        ctx, t, row, col, f"件数 {v.show()} 不是整数", evidence=v.text.strip()
                    )
            if blanks:
                blank_rows.append((row, blanks))
        if len(blank_rows) >= BLANK_ROWS_AS_CONVENTION:
            # blanks written for zeros throughout the table: one finding for the table, not one per row
            row, blanks = blank_rows[0]
            n = sum(len(b) for _, b in blank_rows)
            yield _cell_finding(
                ctx,
                t,
                row,
                blanks[0],
                f"表中 {len(blank_rows)} 行共 {n} 个单元格空白（此为第一处）",
                evidence="空白不等于 0",
                suggestion="没有数据的单元格填 0",
            )
            continue
        for row, blanks in blank_rows:
            names = "、".join(t.col_labels.get(c, c) for c in blanks)
            yield _cell_finding(
                ctx,
                t,
                row,
                blanks[0],
                f"{len(blanks)} 个单元格空白（{names}）",
                evidence="空白不等于 0",
                suggestion="没有数据的单元格填 0",
            )


# --- GK010 -------------------------------------------------------------------------------------------------


@rule(
    "GK010",
    "submission-date-outside-window",
    "warning",
    "The 成文日期 is not after the report year, or is past the 政府信息公开条例 deadline.",
    RuleDoc(
        what="Takes the 成文日期 of the cover letter (or the date closing the report) and checks that it falls after "
        "31 December of the report year and no later than the statutory deadline of the next year: 31 January for "
        "government departments, 31 March for people's governments (the pack's profile; --profile overrides).",
        why="《政府信息公开条例》第四十九条 fixes both deadlines; a report dated inside the report year was signed "
        "before the year it reports on was over, and a date after the deadline shows a late report or a wrong date.",
        example="云溪市临江区市场监督管理局 2024年2月20日 (a department's report on 2023)",
        use_instead="A date no later than 2024年1月31日, e.g. 2024年1月20日",
        source="《中华人民共和国政府信息公开条例》(国务院令第711号) 第四十九条.",
    ),
    options=[GRACE_DAYS],
)
def gk_submission_date_outside_window(ctx: Context) -> Iterator[Finding]:
    yield from outside_window(ctx)
