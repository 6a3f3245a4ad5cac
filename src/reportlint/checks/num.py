"""Number consistency: figures checked against each other (NUM001–NUM007).

Every relation is read from one statement (a sentence) unless said otherwise, and an ambiguous relation is not
an error: a 其中 list is summed only over parts that are visibly parallel (``主办…会办``, ``维持决定…撤销决定``,
an ``A、B分别为`` enumeration), a rate is checked only against counts the statement itself offers, and a value
is compared across the document only when its subject, unit and period are the same.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import pairwise

import msgspec

from reportlint.engine.context import Context
from reportlint.engine.registry import RuleDoc, rule
from reportlint.facts.numbers import Quantity, Statement, parse_cn_number
from reportlint.findings import Finding
from reportlint.textutil import lazy_compile

# ---- shared helpers -------------------------------------------------------------------------------------


def _n(v: float) -> str:
    return f"{int(v)}" if v == int(v) else f"{v:g}"


def _pct(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}%"


def _by_paragraph(statements: list[Statement]) -> dict[int, list[Statement]]:
    out: dict[int, list[Statement]] = {}
    for st in statements:
        out.setdefault(st.paragraph, []).append(st)
    return out


def _common_suffix(words: list[str]) -> str:
    if not words:
        return ""
    first = words[0]
    n = 0
    while n < len(first) and all(len(w) > n and w[-1 - n] == first[-1 - n] for w in words):
        n += 1
    return first[len(first) - n :] if n else ""


# Splits that are exhaustive: the parts must add up to the total exactly.
EXHAUSTIVE_SPLITS: tuple[tuple[str, ...], ...] = (
    ("主办", "会办"),
    ("简易程序", "普通程序"),
    ("男", "女"),
)


def _exhaustive(keys: list[str]) -> tuple[str, ...] | None:
    for split in EXHAUSTIVE_SPLITS:
        if len(keys) != len(split):
            continue
        covered = {e for e in split for k in keys if k.startswith(e)}
        if len(covered) == len(split) and all(any(k.startswith(e) for e in split) for k in keys):
            return split
    return None


# Parts that may overlap: channels (one item is published on the website and on the 公众号 both), and
# attributes (涉及…的, 通过…, 在…): parallel in form, not a partition, so their sum may exceed the whole.
_OVERLAPPING = re.compile(
    r"^(?:通过|经由|经|在|于|利用|依托|借助|涉及|包括|含)|网站|新媒体|微信|微博|公众号|客户端|APP|App|app|抖音|头条|"
    r"视频号|报纸|报刊|电视|广播|公开栏|公告栏|显示屏|电子屏|平台|热线|渠道|媒体|的$|"
    # attributes of people or items, not classes: 持证执法人员, 取得法律职业资格的执法人员, 党员干部, 本科以上
    r"持证|持有|取得|具有|具备|获得|党员|学历|本科|大专|研究生|硕士|博士|以上|以下|少数民族|岁|资格|同时|兼"
)


# What arrives through a channel arrives through one only (热线受理2,870件，网站受理900件): a partition.
_INTAKE_BY_CHANNEL = re.compile(r"受理|收到|接收|接到|提出|提交|来信|来访|来电|登记|申请")


def _may_overlap(group: list[Quantity]) -> bool:
    keys = [p.key for p in group]
    if all(_INTAKE_BY_CHANNEL.search(k) and not re.search(r"涉及|包括|含|的$", k) for k in keys):
        return False
    return any(_OVERLAPPING.search(k) for k in keys)


def _parallel_group(parts: list[Quantity]) -> list[Quantity]:
    """The leading run of parts that visibly split one whole (same head word, or one enumeration)."""
    if len(parts) < 2:
        return parts[:1]
    if parts[0].fenbie:
        return [p for p in parts if p.fenbie]
    group = [parts[0]]
    for p in parts[1:]:
        keys = [q.key for q in group] + [p.key]
        if p.fenbie or not p.key:
            break
        if len(_common_suffix(keys)) >= 2 or _exhaustive(keys) is not None:
            group.append(p)
            continue
        break
    return group


class Split(msgspec.Struct):
    total: Quantity | None
    """The stated total, None when several totals are possible."""
    bound: Quantity
    """The largest possible total (``total`` when it is known)."""
    parts: list[Quantity]
    others: list[Quantity] = msgspec.field(default_factory=list)
    """Earlier counts of the statement in the unit that the 其中 might split instead (受理120件，办结115件，其中…)."""


def _in_note(text: str, pos: int, until: int) -> bool:
    """The number at ``pos`` sits in a bracketed note closed before ``until``: ``办结50件（含上年结转3件），其中…``
    — a remark on the count before it, not the whole that the 其中 list splits."""
    opened = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
    if opened < 0 or any(ch in "）)" for ch in text[opened:pos]):
        return False
    return any(ch in "）)" for ch in text[pos:until])


_OTHER_YEAR = re.compile(r"上年|去年|前年|上一年|同期|往年")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")


def _other_year(st: Statement, t: Quantity) -> bool:
    """The count is another year's figure: 上年同期为48件, or one of two years the statement names."""
    return bool(_OTHER_YEAR.search(t.subject)) or len(set(_YEAR.findall(st.body))) > 1


def _exact(q: Quantity) -> bool:
    """A figure that can be a total or a part: not a change, an average or a bound."""
    return not (q.growth or q.average or q.approx)


def find_splits(statements: list[Statement]) -> Iterator[Split]:
    """Every 其中 list with the total it splits (the statement's count before 其中, or the previous one's).

    Averages (年均, 每千人), rates, bounds (超过, 约) and other years' figures (上年同期为 …) are never the
    total of a split, and a 其中 inside a bracket splits only the count the bracket follows (facts/numbers).
    """
    for stmts in _by_paragraph(statements).values():
        for i, st in enumerate(stmts):
            if st.in_table:
                continue
            seen: set[int] = set()
            for q in st.counts():
                qz = q.qizhong_at
                if qz is None or qz in seen or q.growth:
                    continue
                seen.add(qz)
                unit = q.unit
                parts: list[Quantity] = []
                for p in st.counts():
                    if p.qizhong_at != qz or p.unit != unit or p.growth:
                        continue
                    if parts and p.total_marker and not p.fenbie:
                        break
                    parts.append(p)
                if not parts or any(p.average for p in parts):
                    continue
                before = [
                    t
                    for t in st.counts()
                    if t.start < qz
                    and t.unit == unit
                    and not t.growth
                    and not _in_note(st.text, t.start, qz)
                    and (t.qizhong_at is None or t.qizhong_at < qz)
                ]
                if before:
                    t = before[-1]
                    if t.average or _other_year(st, t):
                        continue
                    others = [o for o in before[:-1] if _exact(o) and not o.in_qizhong]
                    yield Split(t, t, parts, others)
                    continue
                lead = st.text[st.start : qz]
                if lead.strip(" \u3000，,：:") or i == 0 or stmts[i - 1].end != st.start:
                    continue
                prev = [
                    t for t in stmts[i - 1].counts() if t.unit == unit and not t.growth and not t.in_qizhong
                ]
                if not prev or any(t.average or _other_year(stmts[i - 1], t) for t in prev):
                    continue
                bound = max(prev, key=lambda t: t.value)
                yield Split(prev[0] if len(prev) == 1 else None, bound, parts)


def _high(q: Quantity) -> float:
    """The largest value a figure may stand for (``1.2万`` may be 12,499)."""
    return q.value + (q.step / 2 if q.step > 1 else 0.0)


def _low(q: Quantity) -> float:
    return q.value - (q.step / 2 if q.step > 1 else 0.0)


# ---- NUM001 ---------------------------------------------------------------------------------------------


@rule(
    "NUM001",
    "parts-exceed-total",
    "error",
    "The parts of a 其中/分别 split add up to more than the stated total (or differ from it when exhaustive).",
    RuleDoc(
        what="Reads ``共N件，其中A件、B件`` and ``其中甲、乙分别为A件、B件`` statements. Parts are summed only when "
        "they are parallel — the same head word (``维持决定``/``撤销决定``), an explicit 分别 enumeration, or a "
        "known exhaustive pair (主办/会办, 简易程序/普通程序, 男/女); a trailing item that is not parallel "
        "(``人大建议“回头看”1件``) is left out of the sum. Any single part larger than its total is flagged too. "
        "For exhaustive pairs the parts must equal the total. A 其中 inside a bracket splits only the count "
        "before the bracket; averages and per-capita figures (年均, 每千人), bounds (超过, 约) and another year's "
        "figure are never a total; rounding (1.2万) is allowed for; parts that may overlap (channels such as "
        "网站/公众号, 通过…, 涉及…的) are not summed.",
        why="Parts that add up to more than their whole are the commonest arithmetic slip in annual reports; "
        "readers and inspectors check them first, and one wrong sum puts every figure of the report in doubt.",
        example="全年共办理建议提案45件，其中主办18件，会办30件。",
        use_instead="全年共办理建议提案48件，其中主办18件，会办30件。 (or correct the part that is wrong)",
        source="《党政机关公文处理工作条例》第十九条 (公文内容应当…数据准确); internal consistency.",
    ),
)
def parts_exceed_total(ctx: Context) -> Iterator[Finding]:
    for sp in find_splits(ctx.statements):
        if sp.bound.approx:
            continue  # 超过5000人次，其中… : a lower bound is no ceiling
        # 受理120件，办结115件，其中简易程序70件，普通程序50件: the list may split the 受理 count; weigh against
        # the largest count it may split, and leave an exhaustive pair that matches one of them alone
        ceiling = max([sp.bound, *sp.others], key=lambda t: t.value)
        # only the parts that visibly split the whole are weighed; a later item of the sentence may be none
        group = _parallel_group(sp.parts)
        flagged = False
        for p in group:
            if _low(p) > _high(ceiling) + 1e-9 and not p.approx:
                yield ctx.finding(
                    p.paragraph,
                    p.start,
                    p.end,
                    f"其中一项 {p.fmt()} 大于总数 {sp.bound.fmt()}",
                    evidence=f"{_n(p.value)} > {_n(sp.bound.value)}",
                )
                flagged = True
                break
        if flagged or sp.total is None or len(group) < 2 or any(p.approx for p in group):
            continue
        if _may_overlap(group) and _exhaustive([p.key for p in group]) is None:
            continue  # 其中通过网站公开1,100条，通过新媒体公开1,050条: the same items on two channels
        total = sp.total
        s = sum(p.value for p in group)
        low = sum(_low(p) for p in group)
        expr = " + ".join(_n(p.value) for p in group)
        split = _exhaustive([p.key for p in group])
        if any(abs(s - o.value) <= _high(o) - o.value + 1e-9 for o in sp.others):
            continue
        if low > _high(ceiling) + 1e-9:
            yield ctx.finding(
                total.paragraph,
                total.start,
                total.end,
                f"分项之和 {_n(s)}{total.unit} 大于总数 {total.fmt()}",
                evidence=f"{expr} = {_n(s)} > {_n(total.value)}",
            )
        elif (
            split is not None
            and abs(s - total.value) > 1e-9
            and (low > _high(total) + 1e-9 or sum(_high(p) for p in group) < _low(total) - 1e-9)
        ):
            yield ctx.finding(
                total.paragraph,
                total.start,
                total.end,
                f"{'、'.join(split)}应合计为总数，但 {_n(s)}{total.unit} ≠ {total.fmt()}",
                evidence=f"{expr} = {_n(s)} ≠ {_n(total.value)}",
            )


# ---- NUM002 ---------------------------------------------------------------------------------------------

TOTAL_VERBS = ("收到", "受理", "接收", "接到", "涉及", "新收", "立案", "登记", "收案", "排查", "共有")
SUBSET_VERBS = (
    "办结",
    "答复",
    "审结",
    "结案",
    "办理完毕",
    "化解",
    "解决",
    "调解成功",
    "回复",
    "反馈",
    "处理完毕",
    "整改到位",
    "完成整改",
)
_CARRY_OVER = re.compile(r"结转|上年|往年|以前年度|历年|跨年|含|包括|累计")
_PERIOD_BETWEEN = lazy_compile(
    r"(?:19|20)\d{2}\s*年|[一二三四1-4]\s*季度|上半年|下半年|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|同期|今年|去年|以来"
)


def intake_pairs(statements: list[Statement]) -> Iterator[tuple[Quantity, Quantity]]:
    """(intake, outcome) pairs of one statement: 共收到…29件 → 答复28件, in the same unit."""
    for st in statements:
        if st.in_table or _CARRY_OVER.search(st.body):
            continue
        counts = [q for q in st.counts() if not q.growth]
        for j, b in enumerate(counts):
            bk = b.key
            if not any(v in bk for v in SUBSET_VERBS) or any(v in bk for v in TOTAL_VERBS):
                continue
            a = next(
                (
                    a
                    for a in reversed(counts[:j])
                    if a.unit == b.unit and any(v in a.key for v in TOTAL_VERBS) and not a.in_qizhong
                ),
                None,
            )
            if a is None:
                continue
            if b.qizhong_at is not None and b.qizhong_at > a.start:
                continue  # a 其中 part: NUM001's business
            if not (_exact(a) and _exact(b)) or a.in_note or b.in_note:
                continue  # 约50件, 年均, 超过 …; a bracketed remark
            if _PERIOD_BETWEEN.search(st.text, a.end, b.start):
                continue  # 全年受理60件，2022年审结75件: counts of two periods
            if not _same_object(a.key, bk):
                continue  # 接待群众860人次 … 化解矛盾纠纷912人次: other things
            yield a, b


def _same_object(intake: str, outcome: str) -> bool:
    """The outcome names no object (办结31件) or one the intake also names (受理申请 … 答复申请)."""
    verb = max((v for v in SUBSET_VERBS if v in outcome), key=len)
    obj = outcome[outcome.index(verb) + len(verb) :]
    if not obj:
        return True
    return obj in intake or len(_common_suffix([obj, intake])) >= 2


@rule(
    "NUM002",
    "count-exceeds-total",
    "warning",
    "A subset count (办结/答复/审结 …) exceeds the total it is counted from (收到/受理 …) in the same statement.",
    RuleDoc(
        what="In one statement, pairs a count of what came in (共收到/受理/接收/涉及 N件) with a later count of what "
        "was dealt with from it (办结/答复/审结/结案/化解 M件) in the same unit, and flags M > N. Statements that "
        "mention carried-over cases (上年结转, 往年, 含…) are skipped, since those legitimately raise M.",
        why="More cases closed than received, with nothing carried over, means one of the two figures is wrong.",
        example="全年共收到政府信息公开申请29件，答复31件。",
        use_instead="全年共收到政府信息公开申请29件，答复28件。 (or state the carried-over cases: 含上年结转3件)",
        source="《党政机关公文处理工作条例》第十九条 (数据准确); internal consistency.",
    ),
)
def count_exceeds_total(ctx: Context) -> Iterator[Finding]:
    for a, b in intake_pairs(ctx.statements):
        bk = b.key
        if b.value > a.value + 1e-9:
            yield ctx.finding(
                b.paragraph,
                b.start,
                b.end,
                f"“{bk}”{b.fmt()} 多于“{a.key}”{a.fmt()}",
                evidence=f"{_n(b.value)} > {_n(a.value)}",
            )


# ---- rates (NUM003–NUM005) ------------------------------------------------------------------------------

_RATE = re.compile(r"([\u4e00-\u9fff]{1,10}?率|占比|比重)")
_LINK = re.compile(
    r"^(?:为|达|达到|是|保持|保持在|稳定在|高达|约|在|了|仍|继续|均|已达|提高到|提高至|提升到|提升至|上升到|上升至|降至|"
    r"下降到|下降至|降低到|降低至|分别为|分别达|分别是|[-－−]|负|\s)*$"
)
_NOT_SHARE = re.compile(r"完成率|达成率|执行率|增长率|增速|增幅|降幅|超额|同比|环比|较上|比上")
_SHARE_OF = lazy_compile(r"占(?P<of>[^，。；、]{0,24}?)的?\s*$")
# A 占…的 share of a plan, a budget, last year or the economy is a ratio of two figures, not a part of a whole.
_NOT_A_WHOLE = lazy_compile(r"上年|去年|同期|计划|目标|任务|预算|生产总值|GDP|收入")
# What a share-type rate counts: the outcome of items (办结率, 出庭应诉率, 合格率, 覆盖率 …), always part of a
# whole. Any other 率 — 产销率, 自给率, 负债率, 使用率, 毛入学率, 周转率, 贡献率 … — may exceed 100% or is a
# ratio of two independent figures, and is not read as a share (silence rather than a guess).
SHARE_WORDS = (
    "办结", "结案", "审结", "执结", "办理", "受理", "处理", "审理", "答复", "回复", "反馈", "回应", "化解",
    "调解", "解决", "成功", "应诉", "出庭", "胜诉", "败诉", "纠错", "撤销", "维持", "公开", "合格", "及格",
    "优秀", "优良", "良好", "通过", "达标", "满意", "知晓", "覆盖", "参与", "参训", "参学", "参考", "参检",
    "持证", "亮证", "到位", "整改", "采纳", "上网", "联网", "网办", "通办", "即办", "签约", "备案", "立案",
    "审查", "核查", "评查", "查处", "审核", "录入", "及时", "按时", "按期", "准时", "准确", "正确", "好评",
    "认可", "普及", "配备", "开通", "接通", "回访", "出勤", "出席", "参会", "到会", "送达", "告知", "公示",
    "归档", "报送", "完好", "完整", "规范", "上线", "在线", "发放", "拨付", "兑现", "落实", "接听", "和解",
)  # fmt: skip


def is_share_name(stem: str) -> bool:
    """``出庭应诉`` (of 出庭应诉率) names a share; ``产销``, ``负债``, ``毛入学`` do not."""
    return stem.endswith(SHARE_WORDS) and not stem.endswith("入学")


class Rate(msgspec.Struct):
    q: Quantity
    name: str
    """The rate as named (``出庭应诉率``, ``占比``, ``占…``)."""
    stem: str
    """What it counts (``出庭应诉``); empty for 占 shares."""
    share_of: bool
    name_start: int


def _rate_of(q: Quantity) -> Rate | None:
    if q.kind != "percent" or q.growth:
        return None
    clause = q.subject
    base = q.start - len(clause)
    if "分别" in clause:
        return None  # 办结率、满意率分别为98%、95%: which name goes with which value is not read here
    m = None
    for m in _RATE.finditer(clause):  # noqa: B007  (the last rate name of the clause)
        pass
    if m is not None and _LINK.match(clause[m.end() :]):
        name = m.group(1)
        if _NOT_SHARE.search(name):
            return None
        stem = name[:-1] if name.endswith("率") else ""
        if stem and not is_share_name(stem):
            return None
        return Rate(q, name, stem, False, base + m.start())
    s = _SHARE_OF.search(clause)
    if s is not None:
        if _NOT_SHARE.search(clause) or _NOT_A_WHOLE.search(s.group("of")):
            return None
        return Rate(q, "占" + s.group("of"), "", True, base + s.start())
    return None


def find_rates(statements: list[Statement]) -> Iterator[tuple[Statement, Rate]]:
    """Every share-type rate with its statement."""
    for st in statements:
        if st.in_table:
            continue
        for q in st.quantities:
            r = _rate_of(q)
            if r is not None:
                yield st, r


def _previous_statements(statements: list[Statement]) -> dict[int, Statement]:
    """The statement right before each one in the same paragraph (when it states quantities too)."""
    out: dict[int, Statement] = {}
    for stmts in _by_paragraph(statements).values():
        for a, b in pairwise(stmts):
            if a.end == b.start or not a.text[a.end : b.start].strip():
                out[b.index] = a
    return out


def _reproduces(n: float, d: float, v: float, decimals: int) -> bool:
    """n/d is the stated v% at its precision (rounded, or truncated as some reports do)."""
    if d <= 0:
        return False
    r = n / d * 100
    step = 10.0**-decimals
    return abs(r - v) <= step / 2 + 1e-9 or v - 1e-9 <= r < v + step - 1e-9


def rate_numerator(st: Statement, r: Rate) -> Quantity | None:
    before = [c for c in st.counts() if c.start < r.q.start and not c.growth]
    if r.share_of:
        outside = [c for c in before if c.start < r.name_start]
        return outside[-1] if outside else None
    stem = r.stem
    for k in range(len(stem), 1, -1):
        piece = stem[len(stem) - k :]
        hits = [c for c in before if piece in c.key and not _negated(c.key, piece)]
        if hits:
            if _TIMELY.search(stem[: len(stem) - k]):
                # 已办结42件 … 按期办结率100%: the count is of all closed cases, the base of the on-time share;
                # the on-time count itself is not given
                return None
            return hits[-1]
    return None


_TIMELY = re.compile(r"按期|按时|及时|限时|准时|如期|当场|当日|即时|限期|时限内|期限内|一次性?")


_NEGATION = "不未非无没"


def _negated(key: str, piece: str) -> bool:
    """``不合格案卷`` is the complement of 合格率's numerator, ``未通过`` of 通过率's."""
    i = key.find(piece)
    return i > 0 and key[i - 1] in _NEGATION


def rate_complements(st: Statement, r: Rate) -> list[Quantity]:
    """Counts of the complement the rate's name negates (不合格15卷 for 合格率)."""
    stem = r.stem
    out: list[Quantity] = []
    for k in range(len(stem), 1, -1):
        piece = stem[len(stem) - k :]
        out = [c for c in st.counts() if c.start < r.q.start and piece in c.key and _negated(c.key, piece)]
        if out:
            break
    return out


_WHOLE_WORDS = lazy_compile(r"(?:的)?(?:总数|总量|总额|总和|总计|数量|件数|人数|个数|户数|家数|次数|数)$")


def _names(of: str, key: str) -> bool:
    """The 占…的 phrase names this count: ``占受理总数的`` → ``全年共受理申请``; not ``占全省律师的`` → ``全市律师``
    nor ``占原有审批事项的`` → ``新增取消审批事项`` (a qualifier the count does not carry: another whole)."""
    if len(key) < 2:
        return False
    if of in key:
        return True
    common = _common_suffix([of, key])
    return len(common) >= 2 and of[: len(of) - len(common)] in key


def _same_matter(num: Quantity, den: Quantity) -> bool:
    """The numerator names no object of its own after its verb (出庭应诉35件, 表示满意的386人), or the object the
    base names: 办理人大建议12件 … 答复检察建议书1件，答复率100% — the 1 answers another matter."""
    ends = [m.end() for m in re.finditer("|".join(SHARE_WORDS), num.key)]
    if not ends:
        return True
    obj = num.key[ends[-1] :].strip("的了过")
    if len(obj) < 2:
        return True
    return obj in den.key or len(_common_suffix([obj, den.key])) >= 2


def _rate_between(st: Statement, a: Quantity, b: Quantity) -> bool:
    """A share-type percentage stands between two counts of the statement (the sentence moved on)."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return any(
        q.kind == "percent" and not q.growth and max(lo.end, st.start) <= q.start < hi.start
        for q in st.quantities
    )


def share_denominators(st: Statement, r: Rate, num: Quantity, offered: list[Quantity]) -> list[Quantity]:
    """The counts a 占…的 share may be taken over: the count written inside the phrase (占全年办件总量4000件的),
    else the counts the phrase names (占受理总数的 → 受理…), else — for a bare 占 — the counts before the part.
    A phrase that names none of the statement's counts (占原有审批项目的) is over a base not given: none."""
    cands = [
        c
        for c in offered
        if c is not num and c.unit == num.unit and not c.growth and c.value >= num.value > 0
    ]
    inside = [c for c in cands if r.name_start < c.start < r.q.start]
    if inside:
        return inside
    of = _WHOLE_WORDS.sub("", r.name[1:].strip())
    of = re.sub(r"^(?:全年|年度|本年度|当年|同期)", "", of)
    before = [c for c in cands if c.start < num.start]
    if not of:
        return before
    return [c for c in before if _names(of, c.key)]


@rule(
    "NUM003",
    "rate-out-of-range",
    "error",
    "A share-type rate (办结率, 出庭应诉率, 占比 …) above 100% or below 0.",
    RuleDoc(
        what="Finds percentages named as a share — a ``…率`` (办结率, 出庭应诉率, 满意率, 纠错率), ``占比`` or "
        "``占…的`` — and flags values above 100% or below 0. A ``…率`` is a share only when its name is an outcome "
        "of items (办结, 答复, 出庭应诉, 合格, 覆盖, 满意 …); growth rates (同比增长, 较上年提高), ratios to last "
        "year or a plan (为上年同期的150%, 占计划的108%), target completion (完成率, 执行率) and other ratios "
        "(产销率, 自给率, 负债率, 毛入学率) may exceed 100% and are not checked.",
        why="A share cannot exceed the whole; 出庭应诉率105% is a typing slip or a wrong denominator.",
        example="全年行政机关负责人出庭应诉率达到105%。",
        use_instead="全年行政机关负责人出庭应诉率达到100%。 (the rate the counts give)",
        source="《党政机关公文处理工作条例》第十九条 (数据准确); GB/T 15835-2011 (numbers in publications).",
    ),
)
def rate_out_of_range(ctx: Context) -> Iterator[Finding]:
    for _st, r in find_rates(ctx.statements):
        q = r.q
        negative = q.start > 0 and q.subject.endswith(("-", "－", "−", "负"))
        if q.value > 100 + 1e-9 or (negative and q.value > 0):
            yield ctx.finding(
                q.paragraph,
                q.start,
                q.end,
                f"“{r.name}”为 {q.text.strip()}，超出 0–100% 的范围",
                evidence=f"{_pct(q.value, q.decimals)} > 100%" if not negative else f"-{q.text} < 0",
            )


@rule(
    "NUM004",
    "rate-mismatch",
    "error",
    "A rate contradicts the counts stated with it.",
    RuleDoc(
        what="For a rate stated together with its counts — ``出庭应诉35件，出庭应诉率100%``, ``办理1200件，占总量"
        "4000件的35%`` — takes the count the rate is named after as numerator and tries every other count of the "
        "statement in the same unit as the denominator. A ``占X的`` share is compared only with the count written "
        "inside the phrase or the counts X names (占原有…, 占全省… name a whole the statement does not give: "
        "silence). It flags the rate only when no pair of the offered counts gives the stated value at its "
        "precision (rounded or truncated); estimates (约, 近) are not checked.",
        why="A rate that the report's own counts cannot give shows that a count or the rate was not updated; it "
        "is exactly what an inspector recomputes.",
        example="全年共涉及一审行政诉讼案件37件，行政负责人出庭应诉35件，出庭应诉率达100%。",
        use_instead="…出庭应诉35件，出庭应诉率达94.6%。 (or correct the count)",
        source="《党政机关公文处理工作条例》第十九条 (数据准确); internal consistency.",
    ),
)
def rate_mismatch(ctx: Context) -> Iterator[Finding]:
    previous = _previous_statements(ctx.statements)
    for st, r in find_rates(ctx.statements):
        q = r.q
        if q.value > 100:
            continue  # NUM003
        num = rate_numerator(st, r)
        if num is None:
            continue
        offered = st.counts()
        prev = previous.get(st.index)
        if num.in_qizhong and num.qizhong_at is not None and prev is not None:
            lead = st.text[st.start : num.qizhong_at]
            if not lead.strip(" \u3000，,：:"):
                offered = prev.counts() + offered  # 共受理3561件。其中，热线受理2870件，占80.6%
        if r.share_of:
            dens = share_denominators(st, r, num, offered)
        else:
            # the whole is stated before the part: a count after the numerator is a further part (其余4件由…
            # 出庭) or another matter (在办理期限内6件), not its base
            dens = [
                c
                for c in offered
                if c is not num
                and c.unit == num.unit
                and not c.growth
                and not c.average
                and c.start < q.start
                and c.value > 0
            ]
            later_parts = [c.value for c in dens if c.start > num.start]
            dens = [c for c in dens if c.start < num.start and _same_matter(num, c)]
        # A base is not a sibling of the numerator in one 其中 list, nor a count that another rate of the sentence
        # already took as its base: 受理30件，办结率93.3%，其中维持18件，纠错6件，纠错率21.4% is over the 28 closed
        # cases, which the sentence does not state.
        # A bare 占 after a 其中 part is of the 其中's whole, whatever rate stands between (受理…办结12,356件，按时
        # 办结率100%，其中即办件8,765件，占70.9%).
        whole = None
        if r.share_of and num.qizhong_at is not None:
            whole = next((c for c in reversed(dens) if c.start < num.qizhong_at), None)
        dens = [
            c
            for c in dens
            if not (num.qizhong_at is not None and c.qizhong_at == num.qizhong_at and c.start < num.start)
            and (c is whole or not _rate_between(st, c, num))
        ]
        if not dens or num.average or num.approx or any(c.approx for c in dens):
            continue
        # a statement may offer the base in two parts: 新收60件，上年结转4件，办结64件
        intake = [c.value for c in dens if c.start < num.start]
        sums = [x + y for x, y in pairwise(intake)]
        # the numerator may be given in parts: 主要负责同志出庭应诉2件，其余4件由分管负责同志出庭，出庭应诉率100%
        later = later_parts if not r.share_of else [c.value for c in dens if c.start > num.start]
        nums = [num.value + sum(later[:k]) for k in range(len(later) + 1)]
        if r.share_of:
            # 其中予以公开20件、部分公开10件，占51.7%: the share may be of the parts listed together
            run = [c.value for c in offered if c.unit == num.unit and c.start < num.start and c.in_qizhong]
            nums += [num.value + sum(run[len(run) - k :]) for k in range(1, min(len(run), 4) + 1)]
        bases = [c.value for c in dens] + sums
        # 评出优秀45卷、合格260卷、不合格15卷，合格率95.3%: the numerator may be a run of parts (45 + 260) or
        # the base less the complement the name negates (320 − 15)
        seq = [c for c in offered if c.unit == num.unit and not c.growth and c.start < q.start]
        at = next((i for i, c in enumerate(seq) if c is num), None)
        if at is not None:
            for w in (2, 3):
                for i in range(max(0, at - w + 1), at + 1):
                    if i + w <= len(seq):
                        nums.append(sum(c.value for c in seq[i : i + w]))
        if any(_reproduces(n, d, q.value, q.decimals) for n in nums for d in bases):
            continue
        if any(
            _reproduces(d - c.value, d, q.value, q.decimals) for c in rate_complements(st, r) for d in bases
        ):
            continue
        # the rate's name may have picked the wrong count (应诉率 → 行政应诉案件30件): any pair that gives the
        # stated rate means the statement is consistent
        values = [c.value for c in [num, *dens]]
        if any(
            _reproduces(n, d, q.value, q.decimals)
            for i, n in enumerate(values)
            for j, d in enumerate(values)
            if i != j and n <= d
        ):
            continue
        tries = "；".join(
            f"{_n(num.value)} / {_n(d.value)} = {_pct(num.value / d.value * 100, max(q.decimals, 1))}"
            for d in dens[:3]
        )
        yield ctx.finding(
            q.paragraph,
            q.start,
            q.end,
            f"“{r.name}”{q.text.strip()} 与所列数字不符",
            evidence=f"{tries} ≠ {_pct(q.value, q.decimals)}",
        )


# Units of events or money, which a share-type rate is seldom taken over.
_NOT_A_BASE = frozenset({"期", "场", "场次", "批", "批次", "轮", "班", "课", "节", "元", "个工作日"})


def _rate_counts_base(st: Statement, r: Rate, base: Quantity) -> bool:
    """The rate's name says nothing of its own object (办结率, 按期答复率), or shares a word with what the base
    counts (出庭应诉率 over 一审行政诉讼案件): 群众满意率 over 受理投诉, 自来水普及率 over 宜居村 are not."""
    noun = r.q.subject[: r.q.subject.rfind("率")] if "率" in r.q.subject else r.stem
    for w in sorted(SHARE_WORDS, key=len, reverse=True):
        noun = noun.replace(w, "")
    noun = re.sub(r"^(?:全年|年度|本年度|全市|全区|全县|全省|综合|总体|整体|平均|一次性?|当场)+", "", noun)
    if not noun:
        return True
    end = base.end
    while end < len(st.text) and st.text[end] not in "，,。；;：:、\n（）()":
        end += 1
    counted = base.key + st.text[base.end : end]
    return any(noun[i : i + 2] in counted for i in range(len(noun) - 1))


_MAX_BASE_GAP = 12
"""Characters allowed between a base count and its rate's name (接收线索4055起，办结率96.25%)."""


_PART_SHARE = re.compile(r"^(所?占|比重|比例)")
"""A share of an unnamed whole (占比, 所占比例, 比重): the count before it is its part, not its base."""


@rule(
    "NUM005",
    "rate-not-reproducible",
    "warning",
    "No whole-number count over the stated base gives the stated rate at its precision.",
    RuleDoc(
        what="For a share-type rate stated after a single base count (``接收线索4055起，办结率96.26%``) whose "
        "numerator is not given, checks whether any whole number k from 0 to the base gives k/base as the "
        "stated percentage at its precision; it warns when none does. The rate's name must not name another "
        "object than the base counts (自来水普及率 after 建成宜居村260个, 群众满意率 after 受理投诉320件).",
        why="With 37 cases an appearance rate can be 94.6% or 97.3%, never 95.5%: such a rate was computed on "
        "another base or mistyped.",
        example="全年共有一审行政诉讼案件37件，行政机关负责人出庭应诉率为95.5%。",
        use_instead="…出庭应诉率为94.6%。 (35/37) or state the right base",
        source="《党政机关公文处理工作条例》第十九条 (数据准确); arithmetic.",
    ),
)
def rate_not_reproducible(ctx: Context) -> Iterator[Finding]:
    for st, r in find_rates(ctx.statements):
        q = r.q
        if q.value > 100 or rate_numerator(st, r) is not None:
            continue
        if _PART_SHARE.match(r.name):
            continue  # 同意公开3件，占比37.5%: the count is the part, the whole is not named
        before = [c for c in st.counts() if c.start < q.start]
        if len(before) != 1:
            continue
        base = before[0]
        if (
            not _exact(base)
            or base.in_note
            or base.value != int(base.value)
            or not 0 < base.value <= 10_000_000
        ):
            continue
        if not _rate_counts_base(st, r, base):
            continue  # 建成美丽宜居村260个，农村自来水普及率99.4%: the rate is over something else
        if base.unit in _NOT_A_BASE:
            continue  # 共举办培训3期，参训率95%: the rate is over people, not sessions
        if base.paragraph != q.paragraph or r.name_start - base.end > _MAX_BASE_GAP:
            continue  # 13个乡镇卫生院设立窗口，……“最多跑一次”事项占比96%: the count is not the rate's base
        d = base.value
        k0 = q.value * d / 100
        ks = range(max(0, math.floor(k0) - 1), min(int(d), math.ceil(k0) + 1) + 1)
        if any(_reproduces(k, d, q.value, q.decimals) for k in ks):
            continue
        near = sorted(ks, key=lambda k: abs(k / d * 100 - q.value))[:2]
        shown = "，".join(f"{k}/{_n(d)} = {_pct(k / d * 100, q.decimals + 1)}" for k in sorted(near))
        yield ctx.finding(
            q.paragraph,
            q.start,
            q.end,
            f"以 {base.fmt()} 为基数，得不到“{r.name}”{q.text.strip()}",
            evidence=f"{shown}；均 ≠ {_pct(q.value, q.decimals)}",
        )


# ---- NUM006 ---------------------------------------------------------------------------------------------

_NOT_COMPARABLE = re.compile(
    r"其中|分别|占|之|平均|每|最高|最多|最少|以上|以下|超过|不足|近|^比|^较|比上|相当于"
)
# A named place or body that scopes a figure from outside its subject: 在某某区，… / 某某分局：… / a section
# headed by one. Figures under different scopes are different facts.
_SCOPE = re.compile(
    r"[\u4e00-\u9fff]{1,6}?(?:自治区|省|市|县|区|州|旗|镇|乡|村|街道|社区|分局|支队|大队|中队|"
    r"局|院|委|厅|办|所|队|中心|公司)(?![\u4e00-\u9fff]{0,2}(?:建设|工作|治理|政府|执法|管理))"
)


_CTX_PLAN = re.compile(r"安排|计划|打算|任务|目标|思路|展望|下一步|要点|今年|明年|预期|力争")
_CTX_SPAN = re.compile(r"十[一二三四五]五|五年|三年|时期|期间|以来|过去|历年|近年")


_Period = tuple[frozenset[int], bool, bool]
"""Years other than the report year, a plan or target word, a several-years word."""


def _context_period(ctx: Context, st: Statement) -> tuple[_Period, _Period]:
    """The period the headings and the paragraph's opening sentence set for a statement: a report's review of
    the year, its review of five years and its plan for next year restate one indicator with other values."""

    def cls(text: str) -> _Period:
        years = {int(y) for y in _YEAR.findall(text)} - {ctx.year or 0}
        return frozenset(years), bool(_CTX_PLAN.search(text)), bool(_CTX_SPAN.search(text))

    heading = ctx.outline.section_of(st.paragraph).path(width=60)
    text = st.text
    first_end = min((i for i in (text.find(ch) for ch in "。；;！？") if i >= 0), default=len(text))
    lead = text[: first_end + 1] if st.start > first_end else ""
    return cls(heading), cls(lead)


def _scope(ctx: Context, st: Statement, q: Quantity) -> frozenset[str]:
    lead = st.text[st.start : q.clause_start]
    section = ctx.outline.section_of(q.paragraph).path(width=40)
    found = (m.group(0) for m in _SCOPE.finditer(lead + "／" + section))
    # 全市, 本局, 我局, 各区: the report's own scope, not another place
    return frozenset(t for t in found if not (t[0] in "全本我各该" and len(t) <= 3))


@rule(
    "NUM006",
    "conflicting-values",
    "warning",
    "The same quantity (same subject, unit and period) is stated twice with different values.",
    RuleDoc(
        what="Compares counts across the whole report whose subject (the words before the number, without "
        "全年/共/累计 …), unit and period are the same, and flags a later statement that gives another value. "
        "Subjects must be specific (a total marker and five characters, or seven characters); parts of 其中 "
        "lists, quarterly or other-year figures, plans and targets (今年, 力争, a section headed 工作安排), "
        "several-year figures (五年来, 过去), averages, estimates, figures under another named place or body "
        "and table cells are not compared; running totals (累计, 截至) are compared only with each other.",
        why="The achievements part and the principal's part of a report often restate the same figure; two "
        "values for one quantity mean one of them is stale.",
        example="全年共召开局务会33次 … (later) 全年共召开局务会31次",
        use_instead="State one value in both places (全年共召开局务会33次).",
        source="《党政机关公文处理工作条例》第十九条 (数据准确); internal consistency.",
    ),
)
def conflicting_values(ctx: Context) -> Iterator[Finding]:
    first: dict[tuple[str, str, str], tuple[Quantity, object]] = {}
    for st in ctx.statements:
        if st.in_table:
            continue
        period = st.period(ctx.year)
        if period not in ("Y", "cum"):
            continue
        for q in st.counts():
            if q.in_qizhong or q.fenbie or q.growth or q.average or q.approx or q.in_note:
                continue
            key = q.key
            if _NOT_COMPARABLE.search(key) or len(key) < (5 if q.total_marker else 7):
                continue
            k = (key, q.unit, period)
            scope = _scope(ctx, st, q), _context_period(ctx, st)
            seen = first.get(k)
            if seen is None:
                first[k] = (q, scope)
                continue
            ref, ref_scope = seen
            if scope != ref_scope:
                continue  # 甲区：…30个 / 乙区：…42个
            if abs(ref.value - q.value) > (_high(ref) - ref.value) + (_high(q) - q.value) + 1e-9:
                where = ctx.doc.paragraphs[ref.paragraph].location.describe()
                yield ctx.finding(
                    q.paragraph,
                    q.start,
                    q.end,
                    f"“{key}”此处为 {q.fmt()}，{where}为 {ref.fmt()}",
                    evidence=f"{key}：{ref.fmt()} ≠ {q.fmt()}",
                )


# ---- NUM007 ---------------------------------------------------------------------------------------------

_YR = r"(?P<y1>(?:19|20)\d{2})\s*年?\s*(?:[-—–－~～]+|至|到)\s*(?P<y2>(?:19|20)\d{2})\s*年?"
_LENGTH_SPAN = re.compile(
    r"(?<![\d〇零一二两三四五六七八九十])(?P<len>[一二两三四五六七八九十]|\d{1,2})\s*年"
    r"(?P<mid>[^。；，、\d年（(]{0,10})[（(]\s*" + _YR + r"\s*[）)]"
)
_PLAN_SPAN = re.compile(
    r"(?<![一二三四五六七八九十\d])[“\"]?(?P<k>十[一二三四五]|[一二三四五六七八九])五[”\"]?(?P<pufa>\s*普法)?"
    r"(?P<mid>[^。；，、\d（(]{0,8})[（(]\s*" + _YR + r"\s*[）)]"
)


_ELAPSED = lazy_compile(r"来|过去|近|以来|这|经过|历经|间")
_SINCE = lazy_compile(r"以来|至今|和|及|、|到|至|末|初|以后|之后")


def plan_years(k: int, pufa: bool) -> tuple[int, int]:
    """The years of the k-th five-year plan (十四五 = 2021–2025) or of the k-th 普法 plan (八五普法 = 2021–2025)."""
    if pufa:
        start = 1986 + 5 * (k - 1)
    elif k <= 2:
        start = 1953 + 5 * (k - 1)
    else:
        start = 1966 + 5 * (k - 3)  # 1963–1965 was an adjustment period between the second and third plans
    return start, start + 4


@rule(
    "NUM007",
    "span-length-mismatch",
    "warning",
    "A stated length disagrees with its span (三年规划（2019-2022）; “十四五”规划（2020—2025年）).",
    RuleDoc(
        what="Reads a length in years followed by a bracketed year range (三年规划（2019-2021）, 为期两年（2021年至"
        "2022年）) and checks that the range covers that many years; for a numbered five-year plan (“十四五”, "
        "“八五”普法) it checks the range against the plan's own years. Years elapsed (过去十年（2013—2023年）, "
        "五年来), time since a plan began (“十三五”以来) and 三年多 are not lengths.",
        why="A three-year plan spanning four years, or a 十四五 plan dated 2020–2025, is a slip that readers "
        "notice at once and that makes the document's care doubtful.",
        example="制定《审计项目三年规划（2019-2022）》",
        use_instead="制定《审计项目三年规划（2019—2021年）》",
        source="Arithmetic; 国民经济和社会发展五年规划 and 全民普法五年规划 periods; GB/T 15835-2011 (year ranges).",
    ),
)
def span_length_mismatch(ctx: Context) -> Iterator[Finding]:
    for p in ctx.doc.paragraphs:
        text = p.text
        if "年" not in text or not re.search(r"(?:19|20)\d{2}", text):
            continue
        for m in _LENGTH_SPAN.finditer(text):
            raw = m.group("len")
            length = int(raw) if raw.isdigit() else parse_cn_number(raw)
            y1, y2 = int(m.group("y1")), int(m.group("y2"))
            if length is None or not 1 <= length <= 20 or y2 < y1:
                continue
            span = y2 - y1 + 1
            if (
                _ELAPSED.search(text[max(0, m.start() - 4) : m.start()] + m.group("mid"))
                and span == length + 1
            ):
                continue  # 过去十年（2013—2023年）, 五年来（2018-2023）: years elapsed, counted from the first
            if re.match(r"\s*(?:多|余|以上)", m.group("mid")):
                continue  # 三年多（2020—2023年）: a bound, not a length
            if span != length:
                yield ctx.finding(
                    p.index,
                    m.start("y1"),
                    m.end("y2"),
                    f"写明 {raw}年，但 {y1}—{y2} 年共 {span} 年",
                    evidence=f"{y2} − {y1} + 1 = {span} ≠ {_n(length)}",
                )
        for m in _PLAN_SPAN.finditer(text):
            k = parse_cn_number(m.group("k"))
            if k is None:
                continue
            if _SINCE.search(m.group("mid")):
                continue  # “十三五”以来（2016—2023年）: the years since the plan began
            pufa = bool(m.group("pufa"))
            a, b = plan_years(int(k), pufa)
            y1, y2 = int(m.group("y1")), int(m.group("y2"))
            if (y1, y2) != (a, b):
                label = f"“{m.group('k')}五”{'普法' if pufa else ''}"
                yield ctx.finding(
                    p.index,
                    m.start("y1"),
                    m.end("y2"),
                    f"{label}应为 {a}—{b} 年，此处写作 {y1}—{y2} 年",
                    evidence=f"{label} = {a}–{b} ≠ {y1}–{y2}",
                )
