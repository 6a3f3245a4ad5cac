"""ST: wording — abbreviations defined with 以下简称, confusable words and redundant wording.

The word lists are data of the pack (``data: confusable_words`` / ``redundant_words`` in ``pack.yaml``: rows of
``[wrong-regex, right, note]``), so a user pack given with ``--pack`` can carry its own. A pack without such a
list uses the shipped ``fazhi`` pack's list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from reportlint.checks._spans import bracket_depth
from reportlint.checks._swaps import Swap, compile_swaps, find_swaps
from reportlint.engine.context import Context
from reportlint.engine.pack import builtin_packs
from reportlint.engine.registry import RuleDoc, rule
from reportlint.findings import Finding
from reportlint.model import Paragraph

_DEF = re.compile(
    r"[（(]\s*以下\s*(?:简称|称)\s*[：:]?\s*(“[^”（）()]{1,24}”|《[^》（）()]{1,40}》|[^）)，,、；;“”《》\s]{1,16})\s*[）)]"
)


class _Def(msgspec.Struct):
    para: int
    start: int
    end: int
    form: str
    """The abbreviation as defined, with its marks: 《纲要》, “三项制度”, 区人社局."""
    core: str
    kind: str
    """book, quote or bare."""
    full: str
    """Up to 40 characters before the definition (the full name it abbreviates)."""

    @property
    def shown(self) -> str:
        return self.form if self.kind != "bare" else f"“{self.form}”"


def _definitions(ctx: Context) -> list[_Def]:
    out = []
    for p in ctx.doc.paragraphs:
        if p.in_table:
            continue
        for m in _DEF.finditer(p.text):
            form = m.group(1)
            kind = "book" if form.startswith("《") else "quote" if form.startswith("“") else "bare"
            core = form[1:-1] if kind != "bare" else form
            full = p.text[max(0, m.start() - 40) : m.start()]
            out.append(_Def(p.index, m.start(1), m.end(1), form, core, kind, full))
    return out


@rule(
    "ST001",
    "abbreviation-inconsistent",
    "warning",
    "A 以下简称 is used in another form than defined, used before its definition, or defined twice.",
    RuleDoc(
        what="Reads every definition （以下简称X） and checks that X is not defined a second time, that a "
        "short form written with 书名号 or 引号 (《纲要》, “三项制度”) does not appear before its definition, and "
        "that after it the short form keeps its marks: 《纲要》 written as “纲要” is a warning; written bare "
        "(纲要, for short forms of four or more characters) is reported as info, since a bare word may mean "
        "something else.",
        why="A short form stands for exactly one full name from the point where it is defined; using it "
        "earlier, in another form or with a second meaning leaves the reader to guess which document is "
        "meant.",
        example="对照《纲要》要求…… 根据《法治政府建设实施纲要（2021—2025年）》（以下简称《纲要》）",
        use_instead="define the short form at its first use, then always write 《纲要》",
        source="Practice of official writing (简称 defined at first use and used consistently, after "
        "国发〔2000〕23号 第二十三条, now repealed); GB/T 15834-2011 4.15 (a document's short name keeps "
        "its 书名号).",
    ),
)
def abbreviation_inconsistent(ctx: Context) -> Iterator[Finding]:
    defs = _definitions(ctx)
    if not defs:
        return
    paras = [p for p in ctx.doc.paragraphs if not p.in_table and p.text.strip()]
    first: dict[str, _Def] = {}
    for d in defs:
        if d.core in first:
            prev = first[d.core]
            where = ctx.doc.paragraphs[prev.para].location.describe()
            yield ctx.finding(
                d.para,
                d.start,
                d.end,
                f"简称{d.shown}重复定义（{where}已定义）",
                evidence=f"前次：…{prev.full[-20:]}（以下简称{prev.form}）",
                suggestion=f"删除此处的“以下简称{d.form}”，直接使用{d.form}",
            )
            continue
        first[d.core] = d
    def_spans = {(d.para, d.start) for d in defs}
    for d in first.values():
        # used before the definition; a bare short form only where segmentation shows it as a word of its own
        if d.kind != "bare" or len(d.core) >= 3:
            report = [p for p in paras if p.index >= ctx.outline.report_start]
            hit = _first_before(report, d, def_spans)
            if hit is not None:
                yield ctx.finding(
                    hit[0],
                    hit[1],
                    hit[1] + len(d.form),
                    f"简称{d.shown}在定义之前就已使用",
                    evidence=f"定义在{ctx.doc.paragraphs[d.para].location.describe()}",
                    suggestion="首次出现时写全称并注明（以下简称…）",
                )
        # used in another form after the definition
        for p in paras:
            if p.index < d.para:
                continue
            text = p.text
            if d.kind in ("book", "quote"):  # 《纲要》 written “纲要”, or “三项制度” written 《三项制度》
                alt = f"“{d.core}”" if d.kind == "book" else f"《{d.core}》"
                for m in re.finditer(re.escape(alt), text):
                    if p.index == d.para and m.start() < d.end:
                        continue
                    yield ctx.finding(
                        p.index,
                        m.start(),
                        m.end(),
                        f"简称定义为{d.form}，此处写作{alt}",
                        evidence=f"定义：（以下简称{d.form}）",
                        suggestion=d.form,
                    )
            if d.kind == "book" and len(d.core) >= 4:
                depth = bracket_depth(text)
                quoted = bracket_depth(text, "“", "”")
                for m in re.finditer(re.escape(d.core), text):
                    if p.index == d.para and m.start() < d.end:
                        continue
                    if depth[m.start()] > 0 or quoted[m.start()] > 0:
                        continue
                    yield ctx.finding(
                        p.index,
                        m.start(),
                        m.end(),
                        f"简称定义为{d.form}，此处未加书名号",
                        evidence=f"定义：（以下简称{d.form}）",
                        suggestion=d.form,
                        at_most="info",
                    )


def _standalone(text: str, start: int, end: int, core: str) -> bool:
    """A bare short form found in ``text`` is a word of its own (区人社局), not part of a longer one (市区人社局)."""
    from reportlint.facts.segment import is_whole_word  # loads jieba: only when a bare short form is found

    return is_whole_word(text, start, end, extra_words=[core])


def _first_before(paras: list[Paragraph], d: _Def, def_spans: set[tuple[int, int]]) -> tuple[int, int] | None:
    for p in paras:
        if p.index > d.para:
            return None
        for m in re.finditer(re.escape(d.form), p.text):
            if p.index == d.para and m.start() >= d.start - len(d.full) - 2:
                break  # the full name right before the definition may itself contain the short form
            if (p.index, m.start()) in def_spans:
                continue
            if d.kind == "bare" and not _standalone(p.text, m.start(), m.end(), d.core):
                continue
            return p.index, m.start()
    return None


def word_list(ctx: Context, name: str) -> tuple[Swap, ...]:
    """The pack's data list ``name``; the shipped fazhi pack's list when the pack has none."""
    rows = ctx.pack.data.get(name)
    if rows is None:
        fazhi = builtin_packs().get("fazhi")
        rows = fazhi.data.get(name, []) if fazhi is not None else []
    return compile_swaps(tuple(tuple(r) for r in rows))


def _lexicon_findings(ctx: Context, name: str, label: str) -> Iterator[Finding]:
    for sm in find_swaps(ctx.doc.paragraphs, word_list(ctx, name)):
        yield ctx.finding(
            sm.paragraph,
            sm.start,
            sm.end,
            f"“{sm.wrong}”{label}“{sm.right}”" + (f"（{sm.note}）" if sm.note else ""),
            evidence=f"{sm.wrong} → {sm.right}",
            suggestion=sm.right,
        )


@rule(
    "ST002",
    "confusable-word",
    "warning",
    "A commonly confused word in a context that decides it (截止 + date → 截至; 其它 → 其他; 布署 → 部署).",
    RuleDoc(
        what="Applies the pack's list ``confusable_words`` — rows of [wrong-regex, right, note] whose regex "
        "carries the deciding context (截止 followed by a date, 度过 followed by 难关 …) — to every paragraph, "
        "outside 书名号 (a document's name is quoted as written). A user pack can bring its own list.",
        why="截至 (up to a point in time) and 截止 (to end; a deadline) differ in meaning, and forms such as "
        "布署 or 其它 are non-standard in official documents; reviewers correct them and readers notice them.",
        example="截止12月31日，共接收线索4055起。",
        use_instead="截至12月31日，共接收线索4055起。",
        source="《党政机关公文处理工作条例》 art. 20 (审核: 文字、数字、计量单位和标点符号等用法是否规范); "
        "《现代汉语词典》 usage; practice of official writing.",
    ),
)
def confusable_word(ctx: Context) -> Iterator[Finding]:
    yield from _lexicon_findings(ctx, "confusable_words", "应为")


@rule(
    "ST003",
    "redundant-wording",
    "info",
    "Redundant wording such as 累计共, 大约…左右, 目前现在.",
    RuleDoc(
        what="Applies the pack's list ``redundant_words`` (rows of [regex, shorter form, note]) to every "
        "paragraph outside 书名号: two words that say the same thing (累计共, 大约…左右, 凯旋归来).",
        why="Official writing is concise; a doubled word adds nothing and reads as careless.",
        example="累计共推出33期“秒懂政策”。",
        use_instead="累计推出33期“秒懂政策”。（or 共推出33期）",
        source="《党政机关公文处理工作条例》 art. 19 (文字精炼); practice of official writing.",
    ),
)
def redundant_wording(ctx: Context) -> Iterator[Finding]:
    yield from _lexicon_findings(ctx, "redundant_words", "语义重复，可改为")
