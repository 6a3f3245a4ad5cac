"""Map the statistics tables of a 政府信息公开工作年度报告 onto the rows and columns of the national format.

The format (国办公开办函〔2021〕30号; the 2019 format for reports on 2019–2020) fixes three tables:

- 表二 主动公开政府信息情况: sub-tables per article item (规章, 行政规范性文件, 行政许可, 行政处罚, 行政强制,
  行政事业性收费 …), each with its own header row;
- 表三 收到和处理政府信息公开申请情况: rows 一 本年新收 … 四 结转下年度继续办理 (with the 22 result rows of
  三、本年度办理结果), columns 自然人 · 法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他) · 总计;
- 表四 政府信息公开行政复议、行政诉讼情况: 行政复议 · 未经复议直接起诉 · 复议后起诉, each 结果维持 · 结果纠正 ·
  其他结果 · 尚未审结 · 总计.

Rows and columns are recognised by their labels (wording variants, numbering with either bracket width, merged
header and label cells, subtotal rows), not by position. A table split into two at a page break is joined; a
table that a PDF extraction flattened into lines of numbers is recovered from the body text when no table was
found. A blank cell is kept apart from a cell holding 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import msgspec

from reportlint.model import Cell, Document, Location, Paragraph, Table
from reportlint.textutil import lazy_compile, norm_for_compare

Layout = Literal["2021", "2019"]
Kind = Literal["apply", "review", "active"]

# --- the format ------------------------------------------------------------------------------------------

APPLY_COLS: tuple[tuple[str, str], ...] = (
    ("NP", "自然人"),
    ("BIZ", "商业企业"),
    ("RES", "科研机构"),
    ("NGO", "社会公益组织"),
    ("LAW", "法律服务机构"),
    ("OTH", "其他"),
    ("TOT", "总计"),
)
APPLY_COL_LABEL = {
    k: (f"法人或其他组织·{v}" if k in ("BIZ", "RES", "NGO", "LAW", "OTH") else v) for k, v in APPLY_COLS
}
APPLY_COL_LABEL["LP"] = "法人或其他组织·小计"
LEGAL_PERSON_COLS = ("BIZ", "RES", "NGO", "LAW", "OTH")
APPLICANT_COLS = ("NP", *LEGAL_PERSON_COLS)

# (key, group, keyword regex, canonical label). Groups are the （三）…（六） result categories.
_ITEMS: tuple[tuple[str, str, str, str], ...] = (
    ("r3_1", "3", r"国家秘密", "1.属于国家秘密"),
    ("r3_2", "3", r"禁止公开", "2.其他法律行政法规禁止公开"),
    ("r3_3", "3", r"三安全一稳定|危及", "3.危及“三安全一稳定”"),
    ("r3_4", "3", r"第三方", "4.保护第三方合法权益"),
    ("r3_5", "3", r"内部事务", "5.属于三类内部事务信息"),
    ("r3_6", "3", r"过程性", "6.属于四类过程性信息"),
    ("r3_7", "3", r"执法案卷", "7.属于行政执法案卷"),
    ("r3_8", "3", r"行政查询", "8.属于行政查询事项"),
    ("r4_1", "4", r"不掌握", "1.本机关不掌握相关政府信息"),
    ("r4_2", "4", r"现成信息|另行制作", "2.没有现成信息需要另行制作"),
    ("r4_3", "4", r"补正后", "3.补正后申请内容仍不明确"),
    ("r5_1", "5", r"信访|举报|投诉", "1.信访举报投诉类申请"),
    ("r5_2", "5", r"重复申请", "2.重复申请"),
    ("r5_3", "5", r"出版物", "3.要求提供公开出版物"),
    ("r5_4", "5", r"大量反复", "4.无正当理由大量反复申请"),
    ("r5_5", "5", r"确认或重新出具|重新出具", "5.要求行政机关确认或重新出具已获取信息"),
    ("r6_1", "6", r"逾期不补正|不补正", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (
        "r6_2",
        "6",
        r"收费|缴纳费用",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("r6_3", "6", r"^\d*[.．、]?其他$", "3.其他"),
)
GROUP_LABEL = {"3": "（三）不予公开", "4": "（四）无法提供", "5": "（五）不予处理", "6": "（六）其他处理"}
_GROUP_WORDS = {
    "1": "予以公开",
    "2": "部分公开",
    "3": "不予公开",
    "4": "无法提供",
    "5": "不予处理",
    "6": "其他处理",
}

APPLY_ROW_LABEL: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried": "二、上年结转政府信息公开申请数量",
    "r1": "（一）予以公开",
    "r2": "（二）部分公开",
    **{k: f"{GROUP_LABEL[g]} {label}" for k, g, _, label in _ITEMS},
    "r6": "（六）其他处理",
    **{f"sub{g}": f"{GROUP_LABEL[g]}（小计）" for g in "3456"},
    "total": "（七）总计",
    "carry_next": "四、结转下年度继续办理",
}


def result_leaves(layout: Layout) -> list[str]:
    """The result rows whose sum is （七）总计: 20 in the 2021 format, 18 in the 2019 format."""
    items = [k for k, g, _, _ in _ITEMS if g != "6"]
    six = ["r6_1", "r6_2", "r6_3"] if layout == "2021" else ["r6"]
    return ["r1", "r2", *items, *six]


def group_items(group: str) -> list[str]:
    return [k for k, g, _, _ in _ITEMS if g == group]


def apply_rows(layout: Layout) -> list[str]:
    return ["new", "carried", *result_leaves(layout), "total", "carry_next"]


REVIEW_BLOCKS: tuple[tuple[str, str], ...] = (
    ("FY", "行政复议"),
    ("ZS", "行政诉讼·未经复议直接起诉"),
    ("FS", "行政诉讼·复议后起诉"),
)
REVIEW_COLS: tuple[tuple[str, str], ...] = (
    ("keep", "结果维持"),
    ("fix", "结果纠正"),
    ("other", "其他结果"),
    ("open", "尚未审结"),
    ("TOT", "总计"),
)

# 表二 rows (both formats) and columns (per format)
ACTIVE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("rules", r"^规章$|^规章[（(]", "规章"),
    ("norms", r"规范性文件", "行政规范性文件"),
    ("permit", r"行政许可", "行政许可"),
    ("other_service", r"其他对外管理服务", "其他对外管理服务事项"),
    ("penalty", r"行政处罚", "行政处罚"),
    ("coercion", r"行政强制", "行政强制"),
    ("fees", r"事业性收费", "行政事业性收费"),
    ("procure", r"集中采购", "政府集中采购"),
)
ACTIVE_ROW_LABEL = {k: label for k, _, label in ACTIVE_ROWS}
ACTIVE_REQUIRED: dict[Layout, tuple[str, ...]] = {
    "2021": ("rules", "norms", "permit", "penalty", "coercion", "fees"),
    "2019": ("rules", "norms", "permit", "other_service", "penalty", "coercion", "fees", "procure"),
}
MONEY_COL = lazy_compile(r"金额|万元|元")


def layout_for_year(year: int | None) -> Layout | None:
    """The format a report on ``year`` must use: 2019 format for 2019–2020, the 2021 format from 2021."""
    if year is None:
        return None
    return "2019" if year <= 2020 else "2021"


# --- values ----------------------------------------------------------------------------------------------

_DASH = {"-", "—", "－", "/", "／", "——", "--", "\\", "–"}
_NUMBER = lazy_compile(r"^[+\-－−]?\d[\d,，]*(\.\d+)?$")
_FW_DIGITS = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


class Value(msgspec.Struct):
    """One cell of a mapped table: the text as written, and the number when it is one."""

    text: str
    number: float | None
    blank: bool
    """Empty (or only a dash): not the same as 0."""
    paragraph: int | None
    """Index of the paragraph holding the cell (a table cell, or the body line of a flattened table)."""
    start: int
    end: int
    location: Location

    @property
    def is_int(self) -> bool:
        return self.number is not None and float(self.number).is_integer()

    @property
    def invalid(self) -> bool:
        """Written, but not a number."""
        return not self.blank and self.number is None

    def show(self) -> str:
        if self.blank:
            return "（空）" if not self.text.strip() else self.text.strip()
        if self.number is not None and self.is_int:
            return str(int(self.number))
        return self.text.strip()


def parse_value(text: str) -> tuple[float | None, bool]:
    """(number, blank) of a cell text; ``(None, False)`` for text that is not a number."""
    t = re.sub(r"\s+", "", text).translate(_FW_DIGITS).replace("−", "-")
    if t in ("", *_DASH):
        return None, True
    t = re.sub(r"(件|个|项|起|次|万元|元)$", "", t)
    if _NUMBER.match(t):
        return float(t.replace(",", "").replace("，", "")), False
    return None, False


def _value_of(cell: Cell) -> Value:
    text = cell.paragraph.text
    number, blank = parse_value(text)
    lead = len(text) - len(text.lstrip())
    return Value(
        text,
        number,
        blank,
        cell.paragraph.index,
        lead,
        len(text.rstrip()),
        cell.paragraph.location,
    )


# --- mapped tables ---------------------------------------------------------------------------------------


class MappedTable(msgspec.Struct):
    """A statistics table of the format, with its cells keyed by (row key, column key)."""

    kind: Kind
    tables: list[int]
    """0-based indices of the document tables it was read from (two when split at a page break)."""
    how: Literal["table", "flattened"]
    rows: list[str] = msgspec.field(default_factory=list)
    """Row keys in reading order."""
    cols: list[str] = msgspec.field(default_factory=list)
    cells: dict[tuple[str, str], Value] = msgspec.field(default_factory=dict)
    row_labels: dict[str, str] = msgspec.field(default_factory=dict)
    """Row key -> the label as written in the report."""
    col_labels: dict[str, str] = msgspec.field(default_factory=dict)
    unknown_rows: list[tuple[str, Paragraph]] = msgspec.field(default_factory=list)
    """Row labels that match no row of the format, with the paragraph of the label cell."""
    """Rows with numbers whose label matched nothing of the format."""
    layout: Layout | None = None
    """The format the table's rows follow, where they tell (the （六） rows)."""
    location: Location = msgspec.field(default_factory=Location)
    after_paragraph: int | None = None
    """The last body paragraph before the table (where its findings belong in the section tree)."""

    def get(self, row: str, col: str) -> Value | None:
        return self.cells.get((row, col))

    def row_label(self, row: str) -> str:
        """The row's label as written, with its result category for the items of （三）–（六）."""
        r = self.row_labels.get(row) or APPLY_ROW_LABEL.get(row) or ACTIVE_ROW_LABEL.get(row, row)
        if self.kind == "apply" and re.fullmatch(r"r[3-6]_\d", row):
            r = f"{GROUP_LABEL[row[1]]}·{_short(r, 16)}"
        return _short(r, 30)

    def label(self, row: str, col: str) -> str:
        return f"“{self.row_label(row)}”行“{self.col_labels.get(col, col)}”列"

    def has_row(self, row: str) -> bool:
        return row in self.rows


def _short(label: str, width: int = 24) -> str:
    label = re.sub(r"\s+", "", label)
    return label if len(label) <= width else label[:width] + "…"


class GkTables(msgspec.Struct):
    apply: MappedTable | None = None
    review: MappedTable | None = None
    active: MappedTable | None = None

    def all(self) -> list[MappedTable]:
        return [t for t in (self.active, self.apply, self.review) if t is not None]


# --- helpers on the document model ------------------------------------------------------------------------


def _origin(table: Table, cell: Cell) -> Cell:
    if cell.merged_from is None:
        return cell
    r, c = cell.merged_from
    try:
        return table.rows[r][c]
    except IndexError:
        return cell


_VARIANTS = (("其它", "其他"), ("法人或者其他组织", "法人或其他组织"), ("法人和其他组织", "法人或其他组织"))


def _label_key(text: str) -> str:
    """A label as compared: no spaces, one bracket width, common wording variants unified."""
    key = norm_for_compare(text)
    for a, b in _VARIANTS:
        key = key.replace(a, b)
    return key


def _text(table: Table, cell: Cell) -> str:
    return _label_key(_origin(table, cell).paragraph.text)


def _table_text(table: Table) -> str:
    return "".join(_label_key(c.paragraph.text) for row in table.rows for c in row if c.merged_from is None)


def _is_number_cell(table: Table, cell: Cell) -> bool:
    if cell.merged_from is not None:
        return False
    number, _ = parse_value(cell.paragraph.text)
    return number is not None


# --- 表三: applications ------------------------------------------------------------------------------------

_GROUP_RE = lazy_compile(r"^（([一二三四五六七])）")
_TOP_RE = lazy_compile(r"^([一二三四])[、.．]")
_CN = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7"}
_APPLY_MARKERS = lazy_compile(r"本年新收|上年结转|申请人情况|结转下年度|本年度办理结果")


def _apply_col_key(chain: list[str]) -> str | None:
    """Column key from the header texts above a column (top to bottom)."""
    if not chain:
        return None
    joined = "".join(chain)
    leaf = chain[-1]
    if "勾稽" in joined and len(chain) == 1:
        return None
    under_lp = "法人或其他组织" in joined
    rest = leaf.replace("法人或其他组织", "")
    if "自然人" in leaf:
        return "NP"
    if "商业企业" in leaf:
        return "BIZ"
    if "科研" in leaf:
        return "RES"
    if "公益" in leaf:
        return "NGO"
    if "法律服务" in leaf:
        return "LAW"
    if re.fullmatch(r"(小计|合计)?", rest) and "法人或其他组织" in leaf:
        return "LP"
    if under_lp and re.fullmatch(r"小计|合计", leaf):
        return "LP"
    if re.fullmatch(r"其他|其它|其他组织", rest):
        return "OTH"
    if re.fullmatch(r"总计|合计|总数|合计数", leaf):
        return "TOT"
    return None


def _header_chains(table: Table, header_rows: Iterable[int]) -> dict[int, list[str]]:
    chains: dict[int, list[str]] = {}
    for r in header_rows:
        for cell in table.rows[r]:
            t = _text(table, cell)
            if not t:
                continue
            chain = chains.setdefault(cell.col, [])
            if not chain or chain[-1] != t:
                chain.append(t)
    return chains


def _classify_apply_row(chain: list[str], group: str | None) -> tuple[str | None, str | None]:
    """(row key, group) from the label texts of a row (left to right) and the group of the rows above."""
    top: str | None = None
    leaf = ""
    for t in chain:
        m = _TOP_RE.match(t)
        if m:
            top = _CN[m.group(1)]
            if top != "3":
                group = None
        g = _GROUP_RE.match(t)
        if g:
            group = _CN[g.group(1)]
        leaf = t
    if not leaf:
        return None, group
    if "本年新收" in leaf or (top == "1" and "申请" in leaf):
        return "new", None
    if "上年结转" in leaf:
        return "carried", None
    if "结转下年" in leaf or (top == "4" and "继续办理" in leaf):
        return "carry_next", None
    if _TOP_RE.match(leaf) and "办理结果" in leaf:
        return None, None  # 三、本年度办理结果 on its own row: a heading
    g = _GROUP_RE.match(leaf)
    own_group = _CN[g.group(1)] if g else None
    if own_group is None:
        for k, word in _GROUP_WORDS.items():
            if word in leaf and not re.match(r"^\d", leaf):
                own_group = k
                break
    if own_group == "7" or (own_group is None and re.search(r"^(（七）)?(总计|合计)$", leaf)):
        return "total", group
    if own_group in ("1", "2"):
        return f"r{own_group}", own_group
    if own_group in ("3", "4", "5", "6"):
        return f"sub{own_group}", own_group
    if re.fullmatch(r"小计|合计", leaf) and group in ("3", "4", "5", "6"):
        return f"sub{group}", group
    item = re.sub(r"^[\d（()）]+[.．、]?", "", leaf)
    candidates = [(k, g2) for k, g2, pat, _ in _ITEMS if re.search(pat, item if g2 != "6" else leaf)]
    if group is not None:
        in_group = [c for c in candidates if c[1] == group]
        if in_group:
            return in_group[0][0], group
        if group == "6" and re.fullmatch(r"\d*[.．、]?其他|其他", leaf):
            return "r6_3", group
    distinct = {c[0] for c in candidates if c[0] != "r6_3"}
    if len(distinct) == 1:
        key = distinct.pop()
        return key, key[1]
    return None, group


_LABEL_TOP_GROUP = lazy_compile(r"^([一二三四]\s*、[^（(]*?)\s*([（(]\s*[一二三四五六七]\s*[）)].*)$")
_LABEL_GROUP_ITEM = lazy_compile(r"^([（(]\s*[一二三四五六七]\s*[）)][^\d（(]*?)\s*(\d{1,2}\s*[.．、].*)$")


def split_row_label(text: str) -> list[str]:
    """The label levels one cell holds (a table copied from a web page writes a row's group and item in one
    cell): ``三、本年度办理结果（一）予以公开`` → the heading and （一）; ``（三）不予公开 1.属于国家秘密`` → the group
    and item 1."""
    out: list[str] = []
    rest = text.strip()
    for pattern in (_LABEL_TOP_GROUP, _LABEL_GROUP_ITEM):
        m = pattern.match(rest)
        if m:
            out.append(m.group(1).strip())
            rest = m.group(2).strip()
    return [*out, rest] if rest else out


class _ApplyState(msgspec.Struct):
    mapped: MappedTable
    group: str | None = None
    colmap: dict[int, str] = msgspec.field(default_factory=dict)
    """Column index -> column key for the table being read."""
    right_offsets: dict[int, str] = msgspec.field(default_factory=dict)
    """Distance from the right edge -> column key (to read a continuation without header rows)."""
    done: bool = False
    blank_six: tuple[str, dict[str, Value]] | None = None
    """The label and cells of a （六）其他处理 row whose cells are all blank."""


_DATA_ROW_WORDS = lazy_compile(
    r"本年新收|上年结转|予以公开|部分公开|结转下年|办理结果|不予公开|无法提供|不予处理|其他处理|国家秘密|（七）"
)


def _apply_header_end(table: Table) -> int:
    """Index of the first data row: a row with numbers, or whose label names a row of the format."""
    for r, row in enumerate(table.rows):
        if sum(_is_number_cell(table, c) for c in row) >= 3:
            return r
        for cell in row:
            t = _text(table, cell)
            if "勾稽" not in t and _DATA_ROW_WORDS.search(t):
                return r
    return len(table.rows)


def _read_apply_table(table: Table, state: _ApplyState) -> None:
    start = _apply_header_end(table)
    chains = _header_chains(table, range(start))
    colmap: dict[int, str] = {}
    for c, hchain in chains.items():
        key = _apply_col_key(hchain)
        if key is not None and key not in colmap.values():
            colmap[c] = key
            state.mapped.col_labels.setdefault(key, APPLY_COL_LABEL[key])
    n_cols = table.n_cols
    if len(colmap) >= 3:
        state.colmap = colmap
        state.right_offsets = {n_cols - 1 - c: k for c, k in colmap.items()}
    elif state.right_offsets:
        colmap = {n_cols - 1 - off: k for off, k in state.right_offsets.items() if n_cols - 1 - off >= 0}
    else:
        return
    first_num = min(colmap)
    m = state.mapped
    m.tables.append(table.index)

    def label_chain(r: int) -> list[str]:
        chain: list[str] = []
        for cell in table.rows[r]:
            if cell.col >= first_num:
                break
            for t in split_row_label(_text(table, cell)):
                if t and (not chain or chain[-1] != t):
                    chain.append(t)
        return chain

    def numbered(r: int) -> bool:
        return any(_is_number_cell(table, c) for c in table.rows[r] if c.col in colmap)

    skip: set[int] = set()
    for r in range(start, len(table.rows)):
        if r in skip:
            continue
        row = table.rows[r]
        chain = label_chain(r)
        group_before = state.group
        key, state.group = _classify_apply_row(chain, state.group)
        has_numbers = numbered(r)
        if (key is None or key in m.rows) and has_numbers and chain and r + 1 < len(table.rows):
            # a row broken across a page break (a PDF): its label goes on in the next row, which has no numbers
            rest = label_chain(r + 1)
            if len(rest) == 1 and not numbered(r + 1):
                joined = [*chain[:-1], chain[-1] + rest[0]]
                key2, group2 = _classify_apply_row(joined, group_before)
                if key2 is not None and key2 not in m.rows:
                    key, state.group, chain = key2, group2, joined
                    skip.add(r + 1)
        if key is None:
            if has_numbers and chain:
                label = next((c.paragraph for c in row if chain[-1] in c.paragraph.text), row[0].paragraph)
                m.unknown_rows.append((chain[-1], label))
            continue
        if key in m.rows:
            continue  # a repeated header or a duplicate row: keep the first
        is_group_heading = key.startswith("sub") and not has_numbers
        if is_group_heading and key == "sub6" and state.blank_six is None:
            # （六）其他处理 with every cell blank: a heading over its three items (2021 layout) or the one row of
            # the 2019 layout left blank; map_tables decides once it knows whether items follow
            cells = {colmap[c.col]: _value_of(c) for c in row if c.col in colmap and c.merged_from is None}
            if cells:
                state.blank_six = (chain[-1] if chain else APPLY_ROW_LABEL["r6"], cells)
        if is_group_heading:
            continue
        m.rows.append(key)
        m.row_labels[key] = chain[-1] if chain else APPLY_ROW_LABEL[key]
        for cell in row:
            col = colmap.get(cell.col)
            if col is None or cell.merged_from is not None:
                continue
            m.cells[(key, col)] = _value_of(cell)
        if key == "carry_next":
            state.done = True
            return


def _finish_apply(m: MappedTable) -> None:
    six_items = [k for k in ("r6_1", "r6_2", "r6_3") if k in m.rows]
    if "sub6" in m.rows and not six_items:
        # （六）其他处理 as one row with numbers: the 2019 layout, a leaf, not a subtotal
        i = m.rows.index("sub6")
        m.rows[i] = "r6"
        m.row_labels["r6"] = m.row_labels.pop("sub6")
        for col in list(m.cols or APPLY_COL_LABEL):
            v = m.cells.pop(("sub6", col), None)
            if v is not None:
                m.cells[("r6", col)] = v
        m.layout = "2019"
    elif six_items:
        m.layout = "2021"
    order = [k for k, _ in APPLY_COLS]
    present = {col for (_, col) in m.cells}
    m.cols = [c for c in ["NP", "LP", *order[1:]] if c in present]
    for key, label in APPLY_COL_LABEL.items():
        m.col_labels.setdefault(key, label)


def _classify_table(table: Table) -> Kind | None:
    t = _table_text(table)
    if _APPLY_MARKERS.search(t) or re.search(r"予以公开.*部分公开", t):
        return "apply"
    if "行政复议" in t and "行政诉讼" in t and re.search(r"维持|纠正|审结", t):
        return "review"
    if re.search(r"规范性文件|第二十条|行政许可|行政处罚|事业性收费|集中采购", t):
        return "active"
    if re.search(r"国家秘密|不予处理|无法提供|重复申请|不掌握", t):
        return "apply"  # a continuation page of 表三 without its header
    if re.search(r"维持|纠正|审结", t):
        return "review"
    return None


# --- 表四: review and litigation ------------------------------------------------------------------------------


def _review_col_key(chain: list[str]) -> tuple[str, str] | None:
    joined = "".join(chain)
    leaf = chain[-1] if chain else ""
    if "复议后" in joined:
        block = "FS"
    elif "直接起诉" in joined or "未经复议" in joined:
        block = "ZS"
    elif "行政复议" in joined:
        block = "FY"
    else:
        return None
    for key, pat in (
        ("keep", r"维持"),
        ("fix", r"纠正"),
        ("open", r"未审结|尚未"),
        ("other", r"其他"),
        ("TOT", r"总计|合计|小计"),
    ):
        if re.search(pat, leaf):
            return block, key
    return None


def _read_review_table(tables: list[Table], following: dict[int, Table]) -> MappedTable | None:
    """Map 表四; a header whose number row went to the next page is joined with the table that follows it."""
    first = tables[0]
    m = MappedTable("review", [], "table", location=first.location, after_paragraph=first.after_paragraph)
    for table in tables:
        start = _first_number_row(table)
        chains = _header_chains(table, range(len(table.rows) if start is None else start))
        colmap: dict[int, tuple[str, str]] = {}
        for c in sorted(chains):
            got = _review_col_key(chains[c])
            if got is not None:
                colmap[c] = got
        if len(colmap) < 5:
            continue
        data, row_i = table, start
        if start is None:
            nxt = following.get(table.index)
            if nxt is None or (row_i := _first_number_row(nxt)) is None or nxt.n_cols != table.n_cols:
                continue
            data = nxt
        assert row_i is not None
        m.tables.append(table.index)
        if data is not table:
            m.tables.append(data.index)
        for cell in data.rows[row_i]:
            got = colmap.get(cell.col)
            if got is None or cell.merged_from is not None:
                continue
            block, col = got
            if block not in m.rows:
                m.rows.append(block)
            m.cells[(block, col)] = _value_of(cell)
        break
    if not m.cells:
        return None
    m.rows = [b for b, _ in REVIEW_BLOCKS if b in m.rows]
    m.cols = [k for k, _ in REVIEW_COLS]
    m.row_labels = dict(REVIEW_BLOCKS)
    m.col_labels = dict(REVIEW_COLS)
    return m


def _first_number_row(table: Table) -> int | None:
    return next(
        (r for r, row in enumerate(table.rows) if sum(_is_number_cell(table, c) for c in row) >= 5), None
    )


# --- 表二: proactive disclosure ----------------------------------------------------------------------------


def _read_active_tables(tables: list[Table]) -> MappedTable | None:
    m = MappedTable(
        "active", [], "table", location=tables[0].location, after_paragraph=tables[0].after_paragraph
    )
    for table in tables:
        labels: dict[int, str] = {}
        used = False
        for row in table.rows:
            texts = [_text(table, c) for c in row]
            nums = [_is_number_cell(table, c) for c in row]
            if not row or not texts[0]:
                continue
            key = next((k for k, pat, _ in ACTIVE_ROWS if re.search(pat, texts[0])), None)
            if key is None:
                # a caption or header row: columns are named by the cells right of the first
                if len(row) > 1 and not any(nums) and any(t and t != texts[0] for t in texts[1:]):
                    labels = {c.col: texts[i] for i, c in enumerate(row) if i > 0 and texts[i]}
                continue
            used = True
            if key not in m.rows:
                m.rows.append(key)
                m.row_labels[key] = texts[0]
            for i, cell in enumerate(row):
                if i == 0 or cell.merged_from is not None or texts[i] == texts[0]:
                    continue
                col = labels.get(cell.col)
                if col is None:
                    continue
                if col not in m.cols:
                    m.cols.append(col)
                m.col_labels[col] = col
                m.cells[(key, col)] = _value_of(cell)
        if used:
            m.tables.append(table.index)
    return m if m.cells else None


# --- flattened tables (PDF text without table structure) ----------------------------------------------------

_TRAILING_NUMBERS = lazy_compile(r"(?:[\s\u3000]+-?\d+(?:\.\d+)?){7,8}[\s\u3000]*$")
_LABEL_SPLIT = lazy_compile(r"(?=（[一二三四五六七]）)|(?<![\d.．])(?=\d{1,2}[.．、](?!\d))")


def _flattened_apply(doc: Document) -> MappedTable | None:
    """Rows of 表三 that a PDF extraction turned into lines: a row label followed by 7 (or 8) numbers."""
    m = MappedTable("apply", [], "flattened")
    group: str | None = None
    for p in doc.paragraphs:
        if p.in_table:
            continue
        for seg_start, seg in _segments(p.text):
            run = _TRAILING_NUMBERS.search(seg)
            if run is not None and re.search(r"\d\s*$", seg[: run.start()]):
                run = None  # more numbers than the table has columns
            if run is None:
                g = _GROUP_RE.match(_label_key(seg))
                if g:
                    group = _CN[g.group(1)]
                continue
            nums = list(re.finditer(r"-?\d+(?:\.\d+)?", seg[run.start() :]))
            label = _label_key(seg[: run.start()])
            chain = [x for x in _LABEL_SPLIT.split(label) if x]
            key, group = _classify_apply_row(chain, group)
            if key is None or key in m.rows:
                continue
            m.rows.append(key)
            m.row_labels[key] = chain[-1]
            cols = ["NP", *LEGAL_PERSON_COLS, "TOT"]
            if len(nums) == 8:
                cols.insert(1, "LP")
            for col, nm in zip(cols, nums, strict=True):
                s = seg_start + run.start() + nm.start()
                m.cells[(key, col)] = Value(
                    nm.group(0), float(nm.group(0)), False, p.index, s, s + len(nm.group(0)), p.location_at(s)
                )
    if len(m.rows) < 4:
        return None
    _finish_apply(m)
    m.location = doc.paragraphs[m.cells[(m.rows[0], m.cols[0])].paragraph or 0].location
    return m


def _segments(text: str) -> list[tuple[int, str]]:
    """Split a body paragraph where a new row label begins (a flattened table may arrive as one paragraph)."""
    cuts = [0]
    for mm in re.finditer(r"(?<=\d)[\s\u3000]+(?=[一二三四]、|（[一二三四五六七]）|\d[.．、][^\d])", text):
        cuts.append(mm.end())
    cuts.append(len(text))
    return [(cuts[i], text[cuts[i] : cuts[i + 1]]) for i in range(len(cuts) - 1)]


def _flattened_review(doc: Document) -> MappedTable | None:
    """表四 flattened into one line of 15 numbers after its 行政复议/行政诉讼 header text."""
    paras = [p for p in doc.paragraphs if not p.in_table]
    for k, p in enumerate(paras):
        nums = list(re.finditer(r"(?<![\d.])-?\d+(?:\.\d+)?(?![\d.])", p.text))
        if len(nums) != 15 or re.sub(r"[\d\s\u3000.\-]", "", p.text):
            continue
        before = "".join(q.text for q in paras[max(0, k - 6) : k])
        if not ("行政复议" in before and "行政诉讼" in before):
            continue
        m = MappedTable("review", [], "flattened", location=p.location)
        for i, nm in enumerate(nums):
            block = REVIEW_BLOCKS[i // 5][0]
            col = REVIEW_COLS[i % 5][0]
            if block not in m.rows:
                m.rows.append(block)
            m.cells[(block, col)] = Value(
                nm.group(0),
                float(nm.group(0)),
                False,
                p.index,
                nm.start(),
                nm.end(),
                p.location_at(nm.start()),
            )
        m.cols = [k2 for k2, _ in REVIEW_COLS]
        m.row_labels = dict(REVIEW_BLOCKS)
        m.col_labels = dict(REVIEW_COLS)
        return m
    return None


# --- entry point -------------------------------------------------------------------------------------------


def map_tables(doc: Document) -> GkTables:
    """Find and map the format's tables in ``doc`` (tables first, the flattened-text fallback second)."""
    out = GkTables()
    kinds = [(t, _classify_table(t)) for t in doc.tables]
    apply_tables = [t for t, k in kinds if k == "apply"]
    if apply_tables:
        m = MappedTable(
            "apply",
            [],
            "table",
            location=apply_tables[0].location,
            after_paragraph=apply_tables[0].after_paragraph,
        )
        state = _ApplyState(m)
        for t in apply_tables:
            _read_apply_table(t, state)
            if state.done:
                break
        six = state.blank_six
        if six is not None and not any(k in m.rows for k in ("sub6", "r6_1", "r6_2", "r6_3")):
            at = m.rows.index("total") if "total" in m.rows else len(m.rows)
            m.rows.insert(at, "sub6")
            m.row_labels["sub6"] = six[0]
            for col, v in six[1].items():
                m.cells[("sub6", col)] = v
        if m.cells:
            _finish_apply(m)
            out.apply = m
    if out.apply is None:
        out.apply = _flattened_apply(doc)
    review_tables = [t for t, k in kinds if k == "review"]
    if review_tables:
        following = {a.index: b for a, b in zip(doc.tables, doc.tables[1:], strict=False)}
        out.review = _read_review_table(review_tables, following)
    if out.review is None:
        out.review = _flattened_review(doc)
    active_tables = [t for t, k in kinds if k == "active"]
    if active_tables:
        out.active = _read_active_tables(active_tables)
    return out


def paragraph_of(doc: Document, value: Value) -> Paragraph | None:
    return doc.paragraphs[value.paragraph] if value.paragraph is not None else None
