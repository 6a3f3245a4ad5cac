"""The mapping of GK statistics tables onto the format, on Tables built directly (as the readers build them)."""

from __future__ import annotations

import pytest

from reportlint.facts.gk_tables import APPLY_COL_LABEL, apply_rows, map_tables, parse_value
from reportlint.model import Anchor, Cell, Document, Location, Paragraph, Table

COLS7 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
NOTE = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"
GROUPS = [
    (
        "（三）不予公开",
        [
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ],
    ),
    (
        "（四）无法提供",
        ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
    ),
    (
        "（五）不予处理",
        [
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ],
    ),
    (
        "（六）其他处理",
        [
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    ),
]


class Builder:
    """Build a Document whose tables follow the readers' contract (merged positions carry ``merged_from``)."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []

    def para(self, text: str, page: int = 1) -> int:
        p = Paragraph(len(self.paragraphs), text, [Anchor(0, Location(page=page))])
        self.paragraphs.append(p)
        return p.index

    def table(
        self, grid: list[list[str]], spans: list[tuple[int, int, int, int]] = (), page: int = 1
    ) -> Table:
        """``grid`` holds the text at every position; ``spans`` are merges (r0, c0, r1, c1), inclusive."""
        ti = len(self.tables)
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        size: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in spans:
            size[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        origin[(r, c)] = (r0, c0)
        rows = []
        for r, line in enumerate(grid):
            out = []
            for c, text in enumerate(line):
                mf = origin.get((r, c))
                loc = Location(page=page, table=ti + 1, row=r + 1, col=c + 1)
                p = Paragraph(
                    len(self.paragraphs), "" if mf else text, [Anchor(0, loc)], in_table=True, table=ti
                )
                self.paragraphs.append(p)
                rs, cs = size.get((r, c), (1, 1))
                out.append(Cell(r, c, p, rowspan=rs, colspan=cs, merged_from=mf))
            rows.append(out)
        after = len([p for p in self.paragraphs if not p.in_table]) - 1
        t = Table(ti, rows, Location(page=page, table=ti + 1), after_paragraph=after if after >= 0 else None)
        self.tables.append(t)
        return t

    def doc(self) -> Document:
        return Document("t.pdf", "pdf", self.paragraphs, self.tables)


def values(i: int) -> list[str]:
    """Seven cells for data row ``i``: six counts and their total."""
    six = [i % 3, 1 if i % 4 == 0 else 0, 0, 0, i % 2, 0]
    return [str(v) for v in six] + [str(sum(six))]


def official_rows() -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """表三 as the 2021 format lays it out in Word: 10 columns, three header rows, merged label cells."""
    grid = [
        [NOTE, NOTE, NOTE, "申请人情况", *["申请人情况"] * 6],
        [NOTE, NOTE, NOTE, "自然人", "法人或其他组织", *["法人或其他组织"] * 4, "总计"],
        [NOTE, NOTE, NOTE, "自然人", *COLS7[1:6], "总计"],
    ]
    spans = [(0, 0, 2, 2), (0, 3, 0, 9), (1, 3, 2, 3), (1, 4, 1, 8), (1, 9, 2, 9)]
    labels: list[list[str]] = [
        ["一、本年新收政府信息公开申请数量"] * 3,
        ["二、上年结转政府信息公开申请数量"] * 3,
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开"],
        ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] * 1
        + ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
    ]
    for group, items in GROUPS:
        for item in items:
            labels.append(["三、本年度办理结果", group, item])
    labels.append(["三、本年度办理结果", "（七）总计", "（七）总计"])
    labels.append(["四、结转下年度继续办理"] * 3)
    for k, lab in enumerate(labels):
        grid.append([*lab, *values(k)])
    r = 3
    spans += [
        (r, 0, r, 2),
        (r + 1, 0, r + 1, 2),
        (r + 2, 0, r + 23, 0),
        (r + 2, 1, r + 2, 2),
        (r + 3, 1, r + 3, 2),
    ]
    g0 = r + 4
    for _, items in GROUPS:
        spans.append((g0, 1, g0 + len(items) - 1, 1))
        g0 += len(items)
    spans += [(g0, 1, g0, 2), (g0 + 1, 0, g0 + 1, 2)]
    return grid, spans


def test_official_layout_with_merged_cells_maps_every_row_and_column():
    b = Builder()
    b.para("三、收到和处理政府信息公开申请情况")
    grid, spans = official_rows()
    b.table(grid, spans)
    t = map_tables(b.doc()).apply
    assert t is not None and t.how == "table" and t.layout == "2021"
    assert t.rows == apply_rows("2021")
    assert t.cols == ["NP", "BIZ", "RES", "NGO", "LAW", "OTH", "TOT"]
    # row 5 of the data (r3_2, index 5) holds values(5); NP of row 0 is values(0)[0]
    v = t.get("r3_2", "NP")
    assert v is not None and v.number == float(values(5)[0])
    assert v.location.row == 3 + 5 + 1 and v.location.col == 4
    assert t.get("carry_next", "TOT").number == float(values(24)[6])
    assert (
        t.label("r4_1", "BIZ") == f"“（四）无法提供·1.本机关不掌握相关政府信息”行“{APPLY_COL_LABEL['BIZ']}”列"
    )


def test_blank_is_not_zero():
    grid, spans = official_rows()
    grid[4][4] = ""  # 上年结转: 商业企业 blank, 科研机构 0, 社会公益组织 a dash
    grid[4][5] = "0"
    grid[4][6] = "—"
    b = Builder()
    b.table(grid, spans)
    t = map_tables(b.doc()).apply
    blank, zero, dash = t.get("carried", "BIZ"), t.get("carried", "RES"), t.get("carried", "NGO")
    assert blank.blank and blank.number is None
    assert not zero.blank and zero.number == 0
    assert dash.blank and dash.text == "—"


@pytest.mark.parametrize(
    ("text", "number", "blank"),
    [
        ("12", 12, False),
        (" 3 ", 3, False),
        ("１２", 12, False),
        ("-1", -1, False),
        ("1.5", 1.5, False),
        ("1,234", 1234, False),
        ("", None, True),
        ("/", None, True),
        ("无", None, False),
        ("5件", 5, False),
        ("＋2", 2, False),
        ("第3", None, False),  # a label, not a number (the sign class once spanned all of CJK)
        ("约12", None, False),
    ],
)
def test_parse_value(text, number, blank):
    assert parse_value(text) == (number, blank)


def test_table_split_at_page_break_is_joined_without_repeated_header():
    grid, spans = official_rows()
    cut = 3 + 2 + 2 + 8 + 2  # inside （四）无法提供: its third item starts the next page
    b = Builder()
    b.table(
        grid[:cut],
        [s for s in spans if s[2] < cut] + [(7, 1, 14, 1), (15, 1, cut - 1, 1), (5, 0, cut - 1, 0)],
    )
    # the continuation lost the merged label cells and one label column: 9 columns, group cell blank
    rest = [[row[0] if row[0] != "三、本年度办理结果" else "", *row[2:]] for row in grid[cut:]]
    rest[0][0] = ""
    b.table(rest, [], page=2)
    t = map_tables(b.doc()).apply
    assert t.tables == [0, 1]
    assert t.rows == apply_rows("2021")
    assert t.get("r4_3", "NP").location.page == 2
    assert t.get("r4_3", "TOT").number == float(values(cut - 3)[6])
    assert t.get("carry_next", "NP").number == float(values(24)[0])


def test_continuation_with_repeated_header_rows():
    grid, spans = official_rows()
    cut = 20
    b = Builder()
    b.table(grid[:cut], [s for s in spans if s[2] < cut])
    b.table(grid[:3] + grid[cut:], [s for s in spans if s[0] < 3], page=2)
    t = map_tables(b.doc()).apply
    assert t.rows == apply_rows("2021")
    assert t.get("total", "TOT").location.page == 2


def flat_grid(subtotals: bool = False, layout_2019: bool = False, lp_column: bool = False) -> list[list[str]]:
    """表三 with one label column, group headings on their own rows (as many units lay it out)."""
    cols = ["自然人", *[f"法人或其他组织{c}" for c in COLS7[1:6]], "总计"]
    if lp_column:
        cols.insert(1, "法人或其他组织小计")
    grid = [["项目", *cols]]

    def vals(k: int) -> list[str]:
        v = values(k)
        if lp_column:
            v.insert(1, str(sum(int(x) for x in v[1:6])))
        return v

    k = 0
    for label in (
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
    ):
        grid.append([label, *(vals(k) if not label.startswith("三") else [""] * len(cols))])
        k += 1
    grid.append(["(一)予以公开", *vals(k)])
    grid.append(["(二)部分公开", *vals(k + 1)])
    k += 2
    for group, items in GROUPS:
        if group.startswith("（六）") and layout_2019:
            grid.append([group, *vals(k)])
            k += 1
            continue
        grid.append([group.replace("（", "(").replace("）", ")"), *([""] * len(cols))])
        start = len(grid)
        for item in items:
            grid.append([item, *vals(k)])
            k += 1
        if subtotals:
            sums = [
                str(sum(int(grid[r][c]) for r in range(start, len(grid)))) for c in range(1, len(cols) + 1)
            ]
            grid.append(["小计", *sums])
    grid.append(["(七)总计", *vals(k)])
    grid.append(["四、结转下年度继续办理", *vals(k + 1)])
    return grid


def test_flat_layout_with_half_width_numbering_and_subtotal_rows():
    b = Builder()
    b.table(flat_grid(subtotals=True))
    t = map_tables(b.doc()).apply
    assert [r for r in t.rows if not r.startswith("sub")] == apply_rows("2021")
    assert {"sub3", "sub4", "sub5", "sub6"} <= set(t.rows)
    assert t.get("sub4", "NP") is not None


def test_2019_layout_single_other_row():
    b = Builder()
    b.table(flat_grid(layout_2019=True))
    t = map_tables(b.doc()).apply
    assert t.layout == "2019"
    assert t.rows == apply_rows("2019")


def test_legal_person_subtotal_column():
    b = Builder()
    b.table(flat_grid(lp_column=True))
    t = map_tables(b.doc()).apply
    assert t.cols == ["NP", "LP", "BIZ", "RES", "NGO", "LAW", "OTH", "TOT"]


def test_flattened_rows_from_pdf_text():
    b = Builder()
    b.para("三、收到和处理政府信息公开申请情况")
    b.para("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 申请人情况")
    b.para("自然人 法人或其他组织 总计")
    rows = [("一、本年新收政府信息公开申请数量", 0), ("二、上年结转政府信息公开申请数量", 1)]
    for label, k in rows:
        b.para(f"{label} {' '.join(values(k))}")
    b.para(f"三、本年度办理结果 （一）予以公开 {' '.join(values(2))}")
    b.para(f"（二）部分公开（区分处理的，只计这一情形，不计其他情形） {' '.join(values(3))}")
    k = 4
    for group, items in GROUPS:
        for j, item in enumerate(items):
            prefix = f"{group} " if j == 0 else ""
            b.para(f"{prefix}{item} {' '.join(values(k))}")
            k += 1
    # the last two rows arrive healed into one paragraph
    b.para(f"（七）总计 {' '.join(values(k))} 四、结转下年度继续办理 {' '.join(values(k + 1))}", page=2)
    t = map_tables(b.doc()).apply
    assert t is not None and t.how == "flattened"
    assert t.rows == apply_rows("2021")
    v = t.get("carry_next", "TOT")
    assert v.number == float(values(k + 1)[6]) and v.location.page == 2
    para = b.paragraphs[v.paragraph].text
    assert para[v.start : v.end] == values(k + 1)[6]


def test_flattened_review_line_of_fifteen_numbers():
    b = Builder()
    b.para("四、政府信息公开行政复议、行政诉讼情况")
    b.para("行政复议 行政诉讼")
    b.para("结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉")
    b.para("1 0 0 1 2 1 0 0 0 1 0 0 0 0 0")
    t = map_tables(b.doc()).review
    assert t is not None and t.how == "flattened"
    assert (
        t.get("FY", "TOT").number == 2 and t.get("ZS", "keep").number == 1 and t.get("FS", "TOT").number == 0
    )


REVIEW_HEAD = [
    ["行政复议"] * 5 + ["行政诉讼"] * 10,
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3,
]
REVIEW_SPANS = [(0, 0, 0, 4), (0, 5, 0, 14), *[(1, i, 2, i) for i in range(5)], (1, 5, 1, 9), (1, 10, 1, 14)]


def test_review_table_with_merged_header():
    b = Builder()
    b.table(
        [*REVIEW_HEAD, ["2", "1", "0", "0", "3", "0", "0", "1", "0", "1", "0", "0", "0", "0", "0"]],
        REVIEW_SPANS,
    )
    t = map_tables(b.doc()).review
    assert t.rows == ["FY", "ZS", "FS"]
    assert [t.get("FY", c).number for c in t.cols] == [2, 1, 0, 0, 3]
    assert t.get("ZS", "other").number == 1


def test_review_header_and_number_row_split_across_pages():
    b = Builder()
    b.table(REVIEW_HEAD, REVIEW_SPANS)
    b.table([["1", "0", "0", "1", "2", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]], page=2)
    t = map_tables(b.doc()).review
    assert t.tables == [0, 1]
    assert t.get("FY", "TOT").number == 2 and t.get("FY", "TOT").location.page == 2


def test_active_table_sub_tables():
    b = Builder()
    b.table(
        [
            ["第二十条第（一）项"] * 4,
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "0"],
            ["行政规范性文件", "3", "1", "12"],
            ["第二十条第（五）项"] * 4,
            ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"],
            ["行政许可", "1260", "1260", "1260"],
            ["第二十条第（八）项"] * 4,
            ["信息内容", "本年收费金额（单位：万元）"] + ["本年收费金额（单位：万元）"] * 2,
            ["行政事业性收费", "12.35", "12.35", "12.35"],
        ],
        [(0, 0, 0, 3), (4, 0, 4, 3), (5, 1, 5, 3), (6, 1, 6, 3), (7, 0, 7, 3), (8, 1, 8, 3), (9, 1, 9, 3)],
    )
    t = map_tables(b.doc()).active
    assert t.rows == ["rules", "norms", "permit", "fees"]
    assert t.get("norms", "现行有效件数").number == 12
    assert t.get("fees", "本年收费金额（单位：万元）").number == 12.35


def test_unrelated_tables_are_ignored():
    b = Builder()
    b.table([["序号", "事项", "完成时间"], ["1", "培训", "3月"]])
    assert map_tables(b.doc()).all() == []


# --- the checks on constructed documents ----------------------------------------------------------------------


def lint_built(b: Builder, select: list[str]):
    from reportlint.engine.run import Settings, lint_document

    return lint_document(b.doc(), Settings(select=select))


def titled() -> Builder:
    b = Builder()
    b.para("云溪市临江区市场监督管理局2023年政府信息公开工作年度报告")
    b.para("三、收到和处理政府信息公开申请情况")
    return b


def test_subtotal_row_checked_against_its_items():
    grid = flat_grid(subtotals=True)
    sub = next(i for i, row in enumerate(grid) if row[0] == "小计")
    grid[sub][1] = str(int(grid[sub][1]) + 1)  # 自然人 of the （三） subtotal
    grid[sub][-1] = str(int(grid[sub][-1]) + 1)  # and its 总计, so the row itself still adds up
    b = titled()
    b.table(grid)
    res = lint_built(b, ["GK004", "GK005"])
    # (the rows of flat_grid are not made to add up to （七）总计; only the subtotal findings matter here)
    subtotal = [(f.code, f.location.row, f.location.col) for f in res.findings if "小计" in f.message]
    assert subtotal == [("GK004", sub + 1, 2), ("GK004", sub + 1, len(grid[0]))]
    assert not [f for f in res.findings if f.code == "GK005"]


def test_legal_person_subtotal_column_checked():
    grid = flat_grid(lp_column=True)
    grid[1][2] = str(int(grid[1][2]) + 2)  # 本年新收: 法人或其他组织小计 off by 2
    b = titled()
    b.table(grid)
    res = lint_built(b, ["GK005"])
    assert [(f.location.row, f.location.col) for f in res.findings] == [(2, 3)]
    assert "法人或其他组织小计" in res.findings[0].message


def test_invalid_cells_negative_fraction_text_and_blank_rows():
    grid = flat_grid()
    grid[1][1] = "-2"
    grid[2][2] = "1.5"
    grid[4][3] = "若干"
    grid[5][4] = ""
    grid[5][5] = ""
    b = titled()
    b.table(grid)
    res = lint_built(b, ["GK009"])
    got = sorted((f.location.row, f.location.col, f.message.split("：")[-1]) for f in res.findings)
    assert got == [
        (2, 2, "数量 -2 为负数"),
        (3, 3, "件数 1.5 不是整数"),
        (5, 4, "“若干”不是数字"),
        (6, 5, "2 个单元格空白（法人或其他组织·社会公益组织、法人或其他组织·法律服务机构）"),
    ]


def test_identities_skip_blank_operands():
    grid = flat_grid()
    grid[1][1] = ""  # 本年新收 自然人 blank: balance and row total are not judged for it
    b = titled()
    b.table(grid)
    res = lint_built(b, ["GK003", "GK005"])
    assert [f for f in res.findings if f.location.col == 2 or f.location.row == 2] == []


def test_unknown_row_and_missing_rows_reported_as_layout():
    grid = flat_grid()
    grid.insert(5, ["（八）其他情形", *values(3)])
    del grid[-1]  # 四、结转下年度继续办理
    b = titled()
    b.table(grid)
    res = lint_built(b, ["GK002"])
    messages = " / ".join(f.message for f in res.findings)
    assert "（八）其他情形" in messages and "四、结转下年度继续办理" in messages


def test_narrative_litigation_compares_with_both_blocks():
    b = titled()
    b.para("本年度因政府信息公开工作被申请行政复议3件，被提起行政诉讼2件。")
    b.table(
        [*REVIEW_HEAD, ["2", "1", "0", "0", "3", "0", "0", "1", "0", "1", "0", "0", "0", "0", "0"]],
        REVIEW_SPANS,
    )
    res = lint_built(b, ["GK007"])
    assert [f.excerpt[f.span[0] : f.span[1]] for f in res.findings] == ["2"]
    assert "未经复议直接起诉总计 + 复议后起诉总计" in res.findings[0].message


def test_wording_variants_of_labels():
    grid = flat_grid()
    grid[0] = [
        "项 目",
        "自 然 人",
        *[f"法人或者其他组织 {c}" for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其它")],
        "总 计",
    ]
    grid = [[c.replace("其他处理", "其它处理") for c in row] for row in grid]
    b = Builder()
    b.table(grid)
    t = map_tables(b.doc()).apply
    assert t.cols == ["NP", "BIZ", "RES", "NGO", "LAW", "OTH", "TOT"]
    assert t.rows == apply_rows("2021")


def _split_row(grid: list[list[str]], r: int, at: int) -> None:
    """Break data row ``r`` as a PDF shows a row broken by a page break: its label's end on a row of its own."""
    row = grid[r]
    label = row[2]
    grid[r] = [*row[:2], label[:at], *row[3:]]
    grid.insert(r + 1, ["", "", label[at:], *[""] * 7])


@pytest.mark.parametrize(
    ("item", "at"), [("1.申请人无正当理由逾期不补正", 9), ("4.无正当理由大量反复申请", 6)]
)
def test_row_broken_across_a_page_break_is_one_row(item: str, at: int) -> None:
    grid, _ = official_rows()
    r = next(i for i, row in enumerate(grid) if row[2].startswith(item))
    _split_row(grid, r, at)
    b = Builder()
    b.table(grid)
    t = map_tables(b.doc()).apply
    assert t is not None and t.rows == apply_rows("2021")
    assert not t.unknown_rows
    assert all(not v.blank for (row, _), v in t.cells.items())
    key = t.rows[r - 3]
    assert t.row_labels[key] == grid[r][2] + grid[r + 1][2]
