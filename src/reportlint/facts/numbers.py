"""Quantities written in reports, with the words they count and the markers that relate them.


A :class:`Quantity` is one number with its unit as the text states it: a count (``32件``, ``1.3万家``,
``二十三次``, ``12,580个``), a percentage (``96.25%``, ``百分之九十五``), percentage points (``5个百分点``), a ratio
(``1.3比1``, ``3∶1``) or one end of a range (``3-5个工作日``). Dates, years, document and article numbers,
ordinals (``第二十四条``, ``十九届六中全会``) and names (``三重一大``, ``1+4模式``, ``“十四五”``, ``“三项制度”``)
are not quantities and are not extracted.

Each quantity carries its *subject* — the words of its clause before it (``全年共召开局务会``) — and the
markers around it: a total marker (共/合计/累计/总计), whether it stands in a 其中 list, whether its subject came
from a ``A、B分别为x、y`` enumeration, and whether a percentage is a growth rate (同比/环比/增长/下降 …), which
is never a share. Quantities are grouped into :class:`Statement` s (sentences, ended by 。！？；).

Subjects are cut with clause punctuation and a short list of function words rather than a word segmenter:
jieba's import alone (its HMM tables) costs about 0.16 s, half the time budget of a whole .txt run, and the
relations here only need the clause before a number and its leading markers stripped.
"""

from __future__ import annotations

import re
from typing import Literal

import msgspec

from reportlint.model import Document
from reportlint.textutil import cn_to_int

Kind = Literal["count", "percent", "points", "ratio", "range"]

# Units a count can carry, longest first so 人次 wins over 人. Durations (天, 日, 年, 月, 小时) are not counts.
COUNT_UNITS = (
    "个工作日",
    "人次",
    "户次",
    "件次",
    "家次",
    "场次",
    "批次",
    "余件",
    "元",
    "件",
    "次",
    "个",
    "人",
    "名",
    "位",
    "家",
    "场",
    "起",
    "项",
    "期",
    "份",
    "条",
    "篇",
    "卷",
    "批",
    "宗",
    "例",
    "户",
    "所",
    "处",
    "部",
    "台",
    "套",
    "课",
    "班",
    "轮",
    "队",
    "支",
    "封",
    "张",
    "本",
    "册",
    "份",
    "类",
    "节",
    "网点",
)
_UNIT_ALT = "|".join(sorted(set(COUNT_UNITS), key=len, reverse=True))

_CN = "〇零一二两三四五六七八九十百千万亿"
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM = rf"(?P<ar>{_ARABIC})\s*(?P<mult>万|亿)?|(?P<cn>[{_CN}]+)"
NUMBER_RE = re.compile(
    rf"(?P<pct_cn>百分之\s*(?:(?P<pa>\d+(?:\.\d+)?)|(?P<pc>[{_CN}点]+)))"
    rf"|(?:{_NUM})\s*(?:(?P<pct>[%％])|(?P<points>个百分点)|(?P<ratio>[比∶:]\s*(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]))"
    rf"|(?P<unit>{_UNIT_ALT}))"
)

# Sentence ends and clause boundaries (for subjects). 、 ends a clause too: enumerations list parallel items.
SENTENCE_END = "。！？；!?;"
CLAUSE_END = SENTENCE_END + "，,、：:\n（）()"
TOTAL_MARKERS = ("共", "合计", "累计", "总计", "总数", "总量")
GROWTH_WORDS = re.compile(
    r"同比|环比|增长|增加|下降|减少|提高|提升|上升|降低|增幅|降幅|增速|较上年|比上年|较去年|比去年|上年同期|去年同期|多出|少于"
)
# Leading words of a clause that are not part of what a number counts.
_LEAD = re.compile(
    r"^(?:其中|全年|年内|本年度|本年|今年|当年|年度内|全局|我局|另|还|并|又|同时|先后|此外|截至目前|截至年底|截至\S{1,8}日|"
    r"共计|共有|共|合计|累计|总计|已)+"
)
_TRAIL = re.compile(r"(?:共计|共|达到|达|为|约|近|超过|超|逾|计|了|等)+$")
_QUOTED_NAME = re.compile(r"[“\"「『][^”\"」』]{1,10}[”\"」』]")
_PERIOD_SUB = re.compile(
    r"[一二三四1-4]\s*季度|上半年|下半年|前三季度|\d{1,2}\s*[-—至~～]\s*\d{1,2}\s*月|(?<!\d)\d{1,2}\s*月份?(?!\s*\d{1,2}\s*日)"
    r"|[一二三四五六七八九十]{1,2}月份"
)
# Not the report year's own result: plans and targets (计划, 力争, 将, and 今年 — in a report written the next
# spring that is the plan year), other years (上年, 去年), several years (五年来, 过去五年, 近三年, 五年中, 历年)
# and averages.
_PERIOD_OTHER = re.compile(
    r"计划|拟|力争|目标|预计|预期|争取|确保|今年|明年|下一步|下一年|下年|将(?!近)|上年|去年|前年|上一年|往年|历年|"
    r"以来|过去|近[一二两三四五六七八九十\d]+年|(?<![\d年])[一二两三四五六七八九十\d]{1,2}年(?:来|间|中|里|累计|以上)|"
    r"多年|此前|期间|时期|平均|年均"
)
# A running total (a stock at a date), not the year's flow: compared only with other running totals.
_PERIOD_CUMULATIVE = re.compile(r"累计|截至|截止|现有|总数达")
_YEAR_IN = re.compile(
    r"(?<![\d〇零一二三四五六七八九])((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年(?!\s*[-—至~～])"
)
_CN_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _year_value(raw: str) -> int:
    """``2023`` or ``二〇二三`` (一九五二)."""
    return int(raw) if raw.isdigit() else int("".join(_CN_DIGIT[ch] for ch in raw))


class Quantity(msgspec.Struct):
    paragraph: int
    start: int
    """Offset of the number in the paragraph text."""
    end: int
    """Offset just past the unit (or the % sign)."""
    text: str
    value: float
    unit: str
    """The count unit (``件``), ``%`` for percentages, ``pp`` for percentage points, ``ratio`` for ratios."""
    kind: Kind
    decimals: int
    """Digits after the decimal point as written (the stated precision of a rate)."""
    subject: str
    """The words of the clause before the number, as written (``全年共召开局务会``)."""
    clause_start: int
    sentence: int
    """Index of the statement within the document's list of statements."""
    total_marker: bool = False
    in_qizhong: bool = False
    """Stands after 其中 in its statement (a part, not a total)."""
    qizhong_at: int | None = None
    """Offset of the 其中 that opens the list this quantity belongs to."""
    fenbie: bool = False
    """Its subject was taken from an ``A、B分别为x、y`` enumeration."""
    growth: bool = False
    """A percentage or count stated as a change (同比增长, 下降, 较上年提高 …), never a share."""
    chinese: bool = False
    average: bool = False
    """An average, rate or per-capita figure (年均, 平均, 人均, 每千人, 件/人): never a total, never a part."""
    approx: bool = False
    """Stated as a bound or an estimate (约, 近, 超过, 逾, 以上, 余, 多, 左右): not an exact figure."""
    in_note: bool = False
    """Stands inside a bracket of its statement (``受理50件（含上年结转3件）``)."""
    step: float = 1.0
    """The precision the value is written to (``1.2万`` → 1000, ``32,014`` → 1): rounding tolerance is step/2."""

    @property
    def is_count(self) -> bool:
        return self.kind == "count"

    @property
    def key(self) -> str:
        """The subject without leading markers and trailing linking words (for comparing quantities)."""
        return subject_key(self.subject)

    def fmt(self) -> str:
        v = self.value
        s = f"{int(v)}" if v == int(v) else f"{v:g}"
        return s + ("%" if self.unit == "%" else "" if self.unit in ("pp", "ratio") else self.unit)


class Statement(msgspec.Struct):
    paragraph: int
    start: int
    end: int
    text: str
    """The paragraph's text (offsets of quantities are paragraph offsets)."""
    index: int
    in_table: bool = False
    quantities: list[Quantity] = msgspec.field(default_factory=list)

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]

    def counts(self) -> list[Quantity]:
        return [q for q in self.quantities if q.kind == "count"]

    def period(self, report_year: int | None = None) -> str:
        """``Y`` for the report year (or no period stated), ``YYYY`` for another year, ``sub`` for part of a year,
        ``cum`` for a running total (累计, 截至 …), ``other`` for plans, targets, several years and averages."""
        body = self.body
        if _PERIOD_SUB.search(body):
            return "sub"
        if _PERIOD_OTHER.search(body):
            return "other"
        years = {_year_value(m.group(1)) for m in _YEAR_IN.finditer(body)}
        if report_year is not None:
            years.discard(report_year)
        if years:
            return ",".join(str(y) for y in sorted(years))
        if _PERIOD_CUMULATIVE.search(body):
            return "cum"
        return "Y"


def subject_key(subject: str) -> str:
    s = subject.strip()
    s = _YEAR_IN.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _LEAD.sub("", s.strip())
        s = _TRAIL.sub("", s.strip())
    return s.strip(' \u3000“”"')


def parse_cn_number(s: str) -> float | None:
    """A Chinese numeral, with 亿 and 点 (``三十三``, ``两万``, ``一亿二千万``, ``九十五点五``)."""
    s = s.strip()
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_cn_number(whole) if whole else 0.0
        if w is None or not frac or any(ch not in "〇零一二三四五六七八九" for ch in frac):
            return None
        digits = "".join(str(cn_to_int(ch) or 0) for ch in frac)
        return w + float("0." + digits)
    if "亿" in s:
        hi, _, lo = s.partition("亿")
        h = cn_to_int(hi) if hi else 1
        low = cn_to_int(lo) if lo else 0
        if h is None or low is None:
            return None
        return float(h * 100_000_000 + low)
    v = cn_to_int(s)
    return float(v) if v is not None else None


def _inside_quoted_name(text: str, start: int, end: int) -> bool:
    for m in _QUOTED_NAME.finditer(text, max(0, start - 11), min(len(text), end + 11)):
        if m.start() < start and end <= m.end():
            return True
    return False


_RANGE_BEFORE = re.compile(r"[\d〇零一二两三四五六七八九十]\s*[-—–－~～至到]\s*$")


def _is_range_end(text: str, start: int) -> bool:
    """The second number of ``3-5个``, ``20至30人`` (the first one has no unit and is not extracted)."""
    return bool(_RANGE_BEFORE.search(text[max(0, start - 4) : start]))


def extract(text: str, paragraph: int = 0, sentence_base: int = 0) -> tuple[list[Statement], list[Quantity]]:
    """Statements and quantities of one paragraph's text."""
    statements: list[Statement] = []
    s0 = 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            statements.append(Statement(paragraph, s0, i + 1, text, sentence_base + len(statements)))
            s0 = i + 1
    if s0 < len(text) and text[s0:].strip():
        statements.append(Statement(paragraph, s0, len(text), text, sentence_base + len(statements)))
    quantities: list[Quantity] = []
    for m in NUMBER_RE.finditer(text):
        q = _quantity(text, m, paragraph)
        if q is None:
            continue
        st = next((s for s in statements if s.start <= q.start < s.end), None)
        if st is None:
            continue
        q.sentence = st.index
        _mark(text, st, q)
        st.quantities.append(q)
        quantities.append(q)
    for st in statements:
        _assign_fenbie(text, st)
    return statements, quantities


def _quantity(text: str, m: re.Match[str], paragraph: int) -> Quantity | None:
    start, end = m.start(), m.end()
    before = text[max(0, start - 1) : start]
    if m.group("pct_cn"):
        raw = m.group("pa") or m.group("pc") or ""
        value = float(raw) if m.group("pa") else parse_cn_number(raw)
        if value is None:
            return None
        decimals = len(raw.partition(".")[2]) if m.group("pa") else len(raw.partition("点")[2])
        return _make(text, paragraph, start, end, value, "%", "percent", decimals, chinese=not m.group("pa"))
    ar, cn = m.group("ar"), m.group("cn")
    if before in ("第", "+", "＋") or re.match(r"\s*[+＋]", text[end : end + 2]):
        return None
    if start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".．"):
        return None
    if ar is not None:
        raw = ar.replace(",", "").replace("，", "")
        # a comma that is not a thousands separator (``12，580`` in running text) is a clause break
        if "，" in ar:
            return None
        value = float(raw)
        decimals = len(raw.partition(".")[2])
        if m.group("mult"):
            value *= 10_000 if m.group("mult") == "万" else 100_000_000
        step = (10.0**-decimals) * (
            1 if not m.group("mult") else 10_000 if m.group("mult") == "万" else 100_000_000
        )
        chinese = False
    else:
        assert cn is not None
        if cn[0] in "百千万亿" or (len(cn) > 1 and all(ch in "〇零一二三四五六七八九" for ch in cn)):
            return None  # 二〇二一 (a year) or a digit string, not a count
        v = parse_cn_number(cn)
        if v is None:
            return None
        value, decimals, chinese = v, 0, True
        step = _cn_step(cn)
        # a lone 一/两 before a unit is an article (一件事, 两张表), not a stated count
        if cn in ("一", "两", "二") and not text[max(0, start - 2) : start].endswith(
            ("共", "共计", "仅", "只")
        ):
            return None
        if before and before in _CN:
            return None
    if m.group("pct"):
        return _make(text, paragraph, start, end, value, "%", "percent", decimals, chinese)
    if m.group("points"):
        return _make(text, paragraph, start, end, value, "pp", "points", decimals, chinese)
    if m.group("ratio"):
        return _make(text, paragraph, start, end, value, "ratio", "ratio", decimals, chinese)
    unit = m.group("unit")
    if unit is None:
        return None
    approx = False
    if unit == "余件":
        unit, approx = "件", True
    if _inside_quoted_name(text, start, end):
        return None
    if unit == "个工作日":
        return _make(text, paragraph, start, end, value, unit, "range", decimals, chinese)
    kind: Kind = "range" if _is_range_end(text, start) else "count"
    q = _make(text, paragraph, start, end, value, unit, kind, decimals, chinese)
    q.step = step
    q.approx = approx
    return q


def _cn_step(cn: str) -> float:
    """A figure written to the 万 or 亿 (``三万``, ``一点二亿`` is not a count form) is rounded to it."""
    return {"万": 10_000.0, "亿": 100_000_000.0}.get(cn[-1], 1.0)


def _thousands_comma(text: str, i: int) -> bool:
    return text[i] == "," and i > 0 and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit()


def _make(
    text: str,
    paragraph: int,
    start: int,
    end: int,
    value: float,
    unit: str,
    kind: Kind,
    decimals: int,
    chinese: bool,
) -> Quantity:
    cs = start
    while cs > 0 and (text[cs - 1] not in CLAUSE_END or _thousands_comma(text, cs - 1)):
        cs -= 1
    subject = text[cs:start]
    return Quantity(
        paragraph,
        start,
        end,
        text[start:end],
        value,
        unit,
        kind,
        decimals,
        subject,
        cs,
        0,
        chinese=chinese,
    )


_OPEN, _CLOSE = "（(", "）)"


def _open_brackets(text: str, lo: int, pos: int) -> list[int]:
    """Offsets of the brackets opened in ``text[lo:pos]`` and still open at ``pos`` (outermost first)."""
    stack: list[int] = []
    for i in range(lo, pos):
        ch = text[i]
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            stack.pop()
    return stack


# An average, a rate or a per-capita figure: 年均超收, 平均每年, 人均, 每千人, 每万人拥有
_AVERAGE = re.compile(r"平均|[年人户日月周季场件次]均|每")
_AVERAGE_AFTER = re.compile(r"\s*[/／]|\s*每")
# A bound or an estimate: 约50件, 近百人, 超过2000人次, 逾千家 … 50件以上, 200人左右, 3000多人
_APPROX_BEFORE = re.compile(
    r"(?:约|近|逾|超过|超|多于|高于|不少于|不低于|不足|不到|少于|低于|大约|接近|将近|上下|至少|最多|最少|最高|最低)\s*$"
)
_APPROX_AFTER = re.compile(r"\s*(?:以上|以下|以内|左右|上下|余|多|之多|有余)")


def _mark(text: str, st: Statement, q: Quantity) -> None:
    clause = q.subject
    # the total marker may stand before an enumeration: 共办结市、区人大代表建议、政协提案32件
    b = q.clause_start
    while b > st.start and text[b - 1] not in "，,。；;：:\n":
        b -= 1
    q.total_marker = any(mk in text[b : q.start] for mk in TOTAL_MARKERS)
    q.average = bool(_AVERAGE.search(text[b : q.start]) or _AVERAGE_AFTER.match(text, q.end))
    q.approx = q.approx or bool(_APPROX_BEFORE.search(text[b : q.start]) or _APPROX_AFTER.match(text, q.end))
    opened = _open_brackets(text, st.start, q.start)
    q.in_note = bool(opened)
    # The 其中 whose list the quantity stands in: the nearest one whose bracket (if any) is still open here. A
    # 其中 inside a closed bracket scoped only that bracket: 不予受理9件（其中移送7件），受理47件 — 47 is no part.
    k = text.rfind("其中", st.start, q.start)
    while k >= 0:
        at_qz = _open_brackets(text, st.start, k)
        if opened[: len(at_qz)] == at_qz:
            q.in_qizhong = True
            if len(opened) == len(at_qz):
                q.qizhong_at = k
            # else: a bracketed note on one of the parts (其中主办18件（含重点建议3件）), not a part itself
            break
        k = text.rfind("其中", st.start, k)
    # growth: a change word in the clause before the number (同比增长12%, 较上年下降3件)
    q.growth = bool(GROWTH_WORDS.search(clause))
    if q.kind == "count" and re.match(r"\s*的", text[q.end : q.end + 2]) and "占" in clause:
        q.total_marker = True  # 占全年办件总量4000件的35%


_FENBIE = re.compile(r"分别(?:为|是|达到?|有|占)?")


def _assign_fenbie(text: str, st: Statement) -> None:
    """``受理和办结分别为120件和118件``: give each value the enumerated name it stands for."""
    body_start = st.start
    for m in _FENBIE.finditer(text, st.start, st.end):
        # the enumeration runs back to the last clause break that is not 、 (or to 其中)
        b = m.start()
        while b > body_start and text[b - 1] not in "，,。；;：:\n":
            b -= 1
        names_text = text[b : m.start()]
        k = names_text.rfind("其中")
        if k >= 0:
            names_text = names_text[k + 2 :]
        names = [n.strip() for n in re.split(r"[、和及与]", names_text) if n.strip()]
        after = [q for q in st.quantities if q.start >= m.end()]
        if len(names) < 2 or len(after) < len(names):
            continue
        vals = after[: len(names)]
        if len({q.unit for q in vals}) != 1:
            continue
        for name, q in zip(names, vals, strict=True):
            q.subject = name
            q.fenbie = True


def find_statements(doc: Document) -> list[Statement]:
    """Every statement of the document that states at least one quantity, in reading order."""
    out: list[Statement] = []
    n = 0
    for p in doc.paragraphs:
        if not any(ch.isdigit() or ch in _CN or ch == "%" for ch in p.text):
            continue
        sts, _ = extract(p.text, p.index, n)
        n += len(sts)
        for st in sts:
            st.in_table = p.in_table
            if st.quantities:
                out.append(st)
    return out
