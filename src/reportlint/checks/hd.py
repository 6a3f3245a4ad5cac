"""HD: headings and enumerations — numbering sequences, nesting, 一是/二是 runs, sequence punctuation.

Headings come from the outline (``structure/outline.py``): each has a rank (1 一、, 2 （一）, 3 1., 4 （1）),
a number and a place in the section tree, so sequences are checked per level *and* per parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.engine.context import Context
from reportlint.engine.registry import RuleDoc, rule
from reportlint.findings import Finding
from reportlint.structure.outline import RANK_LABELS, Heading, Section, is_lead_in, is_table_row
from reportlint.textutil import cn_to_int, ends_complete, heading_match, int_to_cn, lazy_compile


def _label(rank: int, n: int) -> str:
    if rank == 1:
        return f"{int_to_cn(n)}、"
    if rank == 2:
        return f"（{int_to_cn(n)}）"
    if rank == 3:
        return f"{n}."
    return f"（{n}）"


def _label_span(ctx: Context, h: Heading) -> tuple[int, int]:
    text = ctx.doc.paragraphs[h.paragraph].text
    start = text.find(h.label)
    if start < 0:
        return 0, 0
    return start, start + len(h.label)


def _numbers_between(ctx: Context, rank: int, a: int, b: int) -> list[int]:
    """The numbers of ``rank`` labels that open the body paragraphs strictly between ``a`` and ``b``, or open
    a list written on after a colon (``具体包括：1.…``), in order. They count for the sequence even when
    the paragraph is too long to be taken as a heading (a numbered note, a definition, a long list item)."""
    out: list[int] = []
    for p in ctx.doc.paragraphs[max(a + 1, 0) : b]:
        if p.in_table:
            continue
        text = p.text.strip()
        if is_table_row(text):
            continue
        hm = heading_match(text)
        if hm is not None and hm[0] == rank:
            out.append(hm[1])
        elif rank == 3 and (y := _ITEM_BEFORE_FIGURE.match(text)) is not None:
            out.append(int(y.group(1)))
        for m in _AFTER_COLON.finditer(text):
            hm = heading_match(text[m.end() :])
            if hm is not None and hm[0] == rank:
                out.append(hm[1])
    return out


_AFTER_COLON = lazy_compile(r"[：:]")
# ``4．2026年部门收入预算表``, ``5.5+2服务站：…``: a 1. item whose text starts with a figure (the label pattern
# refuses a digit after the point, to keep decimals out; here only the expected numbers of a gap are filled)
_ITEM_BEFORE_FIGURE = lazy_compile(r"^\s*(\d{1,2})\s*[.．](?=\s*\d)")


def _fills(found: list[int], low: int, high: int) -> bool:
    """``found`` holds exactly the numbers low+1 … high-1, in order, or ends with a list restarted at 1 that
    runs up to high-1 (a new list whose first items were too long to be taken as headings)."""
    if high - low > 1 and [x for x in found if low < x < high] == list(range(low + 1, high)):
        return True
    return high > 1 and found[-(high - 1) :] == list(range(1, high))


_LEAD_IN_WORD = lazy_compile(r"(以下|如下|下列|下面|几个|几点|几项|几件|几方面)[^。！？]*[。：:]$")
_DOC_TITLE_WORD = lazy_compile(r"(报告|说明|纲要|计划|决议|决定|讲话)$")


def _after_lead_in(ctx: Context, paragraph: int) -> bool:
    before = next(
        (p for p in reversed(ctx.doc.paragraphs[:paragraph]) if p.text.strip() and not p.in_table), None
    )
    return before is not None and is_lead_in(before.text)


def _opens_new_run(ctx: Context, h: Heading) -> bool:
    """A restart at 一、/（一） that opens a new list or a new part, not a numbering slip: the line before is a
    lead-in that announces a list (主要职责是： / 着重讲以下几个问题。), or an unnumbered title line
    (其他情况说明), or the title of a new document stands a few lines above (a second report in one file)."""
    before = [p for p in reversed(ctx.doc.paragraphs[: h.paragraph]) if p.text.strip() and not p.in_table][:3]
    if not before:
        return False
    t = before[0].text.strip()
    if t.endswith(("：", ":")) or _LEAD_IN_WORD.search(t):
        return True
    if len(t) <= 30 and heading_match(t) is None and not re.search(r"[。；;，,！？!?、]$", t):
        return True
    return any(
        len(x.text.strip()) <= 60
        and heading_match(x.text.strip()) is None
        and _DOC_TITLE_WORD.search(x.text.strip())
        for x in before
    )


def _continues_inverted_level(ctx: Context, h: Heading, sec: Section) -> bool:
    """The first heading of its form under this parent continues the same form written higher up the tree
    (（一）（二） as top-level parts, 一、 inside them, then （三）): the levels are inverted — HD002's finding —
    and the numbering itself runs on."""
    earlier = [x for x in ctx.outline.headings if x.rank == h.rank and x.paragraph < sec.start]
    return bool(earlier) and earlier[-1].number == (h.number or 0) - 1 and earlier[-1].depth < h.depth


@rule(
    "HD001",
    "heading-sequence-broken",
    "error",
    "A heading number at one level is skipped or repeated (一、二、四、; （五）（五）).",
    RuleDoc(
        what="Walks the section tree and, under each parent, checks that the headings of each numbering form "
        "(一、 / （一） / 1. / （1）) run 1, 2, 3 … without gaps or repeats. Numbered items of the 1. and （1） "
        "forms may start a new list at 1 under the same parent; 一、 and （一） only after a lead-in ending with a "
        "colon (主要职责是：) or an unnumbered title line (a new part). A number is not missing when a numbered "
        "paragraph too long to be a heading (a note, a definition, a long list item) or a list opened after a "
        "colon (具体包括：1.…) carries it. Table-of-contents lines (……3) are not headings.",
        why="A skipped or repeated heading number means a section was deleted, moved or pasted twice; the "
        "reader cannot tell whether content is missing, and cross-references (见第三部分) point to the wrong "
        "place.",
        example="一、主要举措和成效 … 二、存在的不足 … 四、下一年度工作安排",
        use_instead="一、… 二、… 三、下一年度工作安排",
        source="GB/T 9704-2012 7.3.3 (结构层次序数 一、（一）1.（1）, numbered in order).",
    ),
)
def heading_sequence_broken(ctx: Context) -> Iterator[Finding]:
    for sec in ctx.outline.root.walk():
        last: dict[int, tuple[int, int]] = {}
        suspended: dict[int, list[int]] = {}  # outer lists interrupted by a nested list of the same form
        begin = sec.start if sec.heading is not None else sec.start - 1
        for child in sec.children:
            h = child.heading
            if h is None or h.rank == 0 or h.number is None:
                continue
            n = h.number
            prev, prev_at = last.get(h.rank, (None, begin))
            last[h.rank] = (n, h.paragraph)
            s, e = _label_span(ctx, h)
            if prev is None:
                if (
                    n != 1
                    and not _fills(_numbers_between(ctx, h.rank, begin, h.paragraph), 0, n)
                    and not _continues_inverted_level(ctx, h, sec)
                ):
                    yield ctx.finding(
                        h.paragraph,
                        s,
                        e,
                        f"本级标题从“{h.label}”开始，缺少“{_label(h.rank, 1)}”",
                        evidence=f"第一个同级标题的序号为 {n}",
                        suggestion=_label(h.rank, 1),
                    )
            elif n != prev + 1 and suspended.get(h.rank) and n == suspended[h.rank][-1] + 1:
                suspended[h.rank].pop()  # the outer list resumes after a nested one
            elif n == prev:
                yield ctx.finding(
                    h.paragraph,
                    s,
                    e,
                    f"标题序号“{h.label}”与上一个同级标题重复",
                    evidence=f"{_label(h.rank, prev)} → {h.label}",
                    suggestion=_label(h.rank, prev + 1),
                )
            elif n == 1 and (h.rank >= 3 or _opens_new_run(ctx, h)):
                suspended.setdefault(h.rank, []).append(
                    prev
                )  # a new list under the same parent, or a new part
            elif n != prev + 1 and not _fills(_numbers_between(ctx, h.rank, prev_at, h.paragraph), prev, n):
                yield ctx.finding(
                    h.paragraph,
                    s,
                    e,
                    f"标题序号不连续：“{_label(h.rank, prev)}”之后是“{h.label}”",
                    evidence=f"{prev} → {n}，应为 {prev + 1}",
                    suggestion=_label(h.rank, prev + 1),
                )


@rule(
    "HD002",
    "heading-level-out-of-order",
    "warning",
    "Heading levels nest wrongly (（一） after 1. under one parent; 1. directly under the title where 一、 is used).",
    RuleDoc(
        what="Under each parent (the title or a heading), finds headings of a deeper numbering form that come "
        "before the first heading of the parent's own top form — 1. items directly under the title when the "
        "report uses 一、, or 1. items followed by （一） under one 一、. Skipping a level (一、 directly followed "
        "by 1.) is allowed.",
        why="The order 一、 → （一） → 1. → （1） tells the reader where each part belongs; a 1. before a （一） "
        "under the same heading reverses it, so the 1. items look like sub-points of nothing.",
        example="一、主要举措 … 1.加强领导 … 2.完善制度 … （一）规范执法",
        use_instead="一、主要举措 … （一）加强领导 … （二）完善制度 … （三）规范执法",
        source="GB/T 9704-2012 7.3.3 (结构层次序数依次用 一、（一）1.（1）).",
    ),
)
def heading_level_out_of_order(ctx: Context) -> Iterator[Finding]:
    for sec in ctx.outline.root.walk():
        ranked = [c.heading for c in sec.children if c.heading is not None and c.heading.rank > 0]
        if not ranked:
            continue
        top = min(h.rank for h in ranked)
        first_top = next(i for i, h in enumerate(ranked) if h.rank == top)
        if first_top == 0:
            continue
        # list items (1.主要举措；) in an introduction are a list, not misplaced headings; so is a list
        # announced by a lead-in (主要职责是：)
        if _after_lead_in(ctx, ranked[0].paragraph):
            continue
        early = [
            h
            for h in ranked[:first_top]
            if h.run_in or not ends_complete(ctx.doc.paragraphs[h.paragraph].text)
        ]
        if not early:
            continue
        h = early[0]
        s, e = _label_span(ctx, h)
        anchor = ranked[first_top]
        where = "标题之下" if sec.heading is None else f"“{sec.heading.label}”之下"
        yield ctx.finding(
            h.paragraph,
            s,
            e,
            f"{where}“{h.label}”级标题出现在“{anchor.label}”级标题之前，层级顺序颠倒",
            evidence=f"层级顺序应为 {' → '.join(RANK_LABELS[r] for r in sorted(RANK_LABELS))}；"
            f"此处 {h.label} 在 {anchor.label} 之前",
            suggestion=f"把“{h.label}”各项并入相应的“{RANK_LABELS[top]}”级标题之下，或改用“{RANK_LABELS[top]}”级序号",
        )


# 一是、二是 … at the start of a sentence or clause (not 唯一是, 统一是, 第一是).
_ENUM = re.compile(r"(?:^|(?<=[\s。；！？：，、;:（(）)]))([一二三四五六七八九十]{1,3})是(?![的否非])")


@rule(
    "HD003",
    "enumeration-sequence-broken",
    "warning",
    "A run of 一是、二是、… skips, repeats or restarts wrongly within one parent.",
    RuleDoc(
        what="Collects the 一是/二是/三是 markers that open a sentence or clause, section by section (a run "
        "may continue over several paragraphs under one heading), and flags a marker that skips a number, "
        "repeats the previous one, goes backwards, starts a run at 二是 or later, or restarts at 一是 inside "
        "the paragraph of the previous run. A new paragraph may start a new run at 一是. Words such as "
        "唯一是、统一是、第一是 are not markers. A run that seems to start at 二是 is not flagged when 一是 stands "
        "earlier in the section glued to the word before it (做了以下工作一是…, a colon left out) or the first "
        "item opens with 首先 in the same paragraph; a heading label run into a paragraph after a sentence "
        "(…。（二）…) or a lead-in (采取以下措施：) starts a new run; a run nested under a short item "
        "(三是推进资源公开。一是…二是…, also when that item's 一是 is glued to the word before it) is followed "
        "by the outer run resuming (四是); two 一是 in one sentence with nothing after them (两件事：一是…；"
        "一是…) are the older paired construction, not a restart.",
        why="一是、二是 runs are how reports list measures; a gap or repeat (一是…二是…四是) shows an item was "
        "deleted or duplicated while editing, and readers count the items.",
        example="一是完善制度。二是加强培训。四是强化监督。",
        use_instead="一是完善制度。二是加强培训。三是强化监督。",
        source="Practice of official writing (序次语 run in order); GB/T 15835-2011 (一是 is a fixed expression "
        "kept in Chinese numerals).",
    ),
)
def enumeration_sequence_broken(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    by_section: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    sections: dict[tuple[int, int], Section] = {}
    part: dict[int, int] = {}  # per section: how many heading labels written inside paragraphs so far
    for p in ctx.doc.paragraphs[o.report_start :]:
        if p.in_table:
            continue
        sec = o.section_of(p.index)
        labels = [m.start() for m in _INLINE_LABEL.finditer(p.text) if m.start() > 0]
        for m in _ENUM.finditer(p.text):
            n = cn_to_int(m.group(1))
            if n is None or n == 0:
                continue
            # a heading label run into the text (…三是…。（二）加强… 一是…, a page whose paragraphs were
            # flattened) starts a new part: the run restarts there
            key = (id(sec), part.get(id(sec), 0) + sum(1 for x in labels if x < m.start()))
            sections[key] = sec
            by_section.setdefault(key, []).append((p.index, m.start(), m.end(), n))
        part[id(sec)] = part.get(id(sec), 0) + len(labels)
    for key, marks in by_section.items():
        prev: tuple[int, int, int, int] | None = None
        outer: list[int] = []  # runs interrupted by a run nested under one of their items
        for k, mark in enumerate(marks):
            para, s, e, n = mark
            label = f"{int_to_cn(n)}是"
            if prev is not None and n != prev[3] + 1 and outer and n == outer[-1] + 1:
                outer.pop()  # the outer run resumes
            elif (
                prev is not None
                and n == 1
                and _nested_under(ctx, prev, mark)
                and k + 1 < len(marks)
                and marks[k + 1][3] == 2
            ):
                outer.append(prev[3])
            elif prev is None:
                if n == 1 and _GLUED_TITLE_MARKER.search(ctx.doc.paragraphs[para].text[:s]):
                    outer.append(1)  # 推进信息公开一是推进清单公开。一是…: a run nested under a glued 一是
                if n != 1 and not _glued_marker_before(ctx, sections[key], para, s, n - 1):
                    yield ctx.finding(
                        para, s, e, f"列举从“{label}”开始，缺少“一是”", evidence=f"{label}之前没有一是"
                    )
            else:
                pn = prev[3]
                plabel = f"{int_to_cn(pn)}是"
                if n == pn + 1:
                    pass
                elif n == 1:
                    if (
                        para == prev[0]
                        and not _paired_yishi(ctx, marks, k)
                        and not is_lead_in(ctx.doc.paragraphs[para].text[:s])
                    ):
                        yield ctx.finding(
                            para,
                            s,
                            e,
                            f"同一段内“{plabel}”之后又从“一是”重新开始",
                            evidence=f"{plabel} → 一是",
                            suggestion=f"{int_to_cn(pn + 1)}是",
                        )
                elif n == pn:
                    yield ctx.finding(
                        para,
                        s,
                        e,
                        f"列举序号“{label}”重复",
                        evidence=f"{plabel} → {label}",
                        suggestion=f"{int_to_cn(pn + 1)}是",
                    )
                else:
                    yield ctx.finding(
                        para,
                        s,
                        e,
                        f"列举序号不连续：“{plabel}”之后是“{label}”",
                        evidence=f"{pn} → {n}，应为 {pn + 1}",
                        suggestion=f"{int_to_cn(pn + 1)}是",
                    )
            prev = mark


# A heading label inside a paragraph, after the end of a sentence: 。（二）… / 。三、… / 。2.…
_INLINE_LABEL = re.compile(
    r"(?<=[。！？；;])\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)])"
)


def _nested_under(ctx: Context, prev: tuple[int, int, int, int], mark: tuple[int, int, int, int]) -> bool:
    """``三是推进资源配置信息公开。一是…二是…``: the previous marker opens a short title sentence and a run of
    its own sub-items follows at once (the caller checks that 二是 follows)."""
    if prev[0] != mark[0]:
        return False
    between = ctx.doc.paragraphs[mark[0]].text[prev[2] : mark[1]].strip()
    return 0 < len(between) <= 30 and between[-1] in "。：:" and not re.search(r"[。！？；]", between[:-1])


def _paired_yishi(ctx: Context, marks: list[tuple[int, int, int, int]], k: int) -> bool:
    """``两件大事：一是…；一是…`` — two 一是 in one sentence and no further marker in the paragraph: the older
    paired construction (一是…一是… for two sides of one point), not a run that restarts."""
    para, s, _, _ = marks[k]
    prev_para, prev_s, _, prev_n = marks[k - 1]
    if prev_n != 1 or prev_para != para:
        return False
    if k >= 2 and marks[k - 2][0] == para:
        return False
    if k + 1 < len(marks) and marks[k + 1][0] == para:
        return False
    return not re.search(r"[。！？]", ctx.doc.paragraphs[para].text[prev_s:s])


def _glued_marker_before(ctx: Context, sec: Section, para: int, offset: int, n: int) -> bool:
    """The marker ``n是`` stands earlier in the section but glued to the word before it (做了以下工作一是…, the
    colon left out), so the run does not start at the later marker."""
    marker = re.compile(rf"(?<![唯统第同单之万十]){int_to_cn(n)}是(?![的否非])")
    start = max(sec.start, ctx.outline.report_start)
    for p in ctx.doc.paragraphs[start : para + 1]:
        if p.in_table:
            continue
        text = p.text if p.index != para else p.text[:offset]
        if marker.search(text) or (n == 1 and p.index == para and _FIRST_WORD.search(text)):
            return True
    return False


# 一是 glued to the word before it (its colon lost), opening a short title sentence that ends right here
_GLUED_TITLE_MARKER = re.compile(r"(?<=[\u4e00-\u9fff])一是[^。！？；：，]{1,28}。\s*$")
# 首先…二是…: the run's first item introduced with another word
_FIRST_WORD = lazy_compile(r"(?:^|[。；：，])\s*(首先|第一，|其一，)")


_BAD_LABEL = (
    (2, re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[、.．]"), "（一）"),
    (4, lazy_compile(r"^\s*[（(]\s*\d{1,2}\s*[）)]\s*[、.．]"), "（1）"),
    (3, re.compile(r"^\s*\d{1,2}\s*、"), "1."),
    (1, re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[.．，,]"), "一、"),
)


@rule(
    "HD004",
    "sequence-punctuation-misused",
    "warning",
    "A heading number carries the wrong punctuation (（一）、  1、  一.).",
    RuleDoc(
        what="Checks the punctuation written after the number of each heading: 一、 takes a 顿号, 1. a "
        "下脚点 (full stop mark), and the bracketed forms （一） and （1） take none. Sibling headings under one "
        "parent that carry the same wrong mark are one slip, reported once at the first with the count.",
        why="The bracket already separates a bracketed number from the text, so （一）、 doubles the mark; "
        "1、 and 一. mix the two systems. Mixed forms in one report look careless and are corrected in review.",
        example="（一）、加强组织领导   1、完善制度   一.主要举措",
        use_instead="（一）加强组织领导   1.完善制度   一、主要举措",
        source="GB/T 15834-2011 4.5.3.3 (顿号 after sequence words such as 一) and Annex A (punctuation after "
        "sequence numbers); GB/T 9704-2012 7.3.3 (一、（一）1.（1）).",
    ),
)
def sequence_punctuation_misused(ctx: Context) -> Iterator[Finding]:
    parent_of: dict[int, int] = {}
    for sec in ctx.outline.root.walk():
        for child in sec.children:
            if child.heading is not None:
                parent_of[child.heading.paragraph] = id(sec)
    # one finding per list: siblings that carry the same wrong mark are reported at the first of them
    runs: dict[tuple[int, int, str], list[tuple[Heading, int, int, str, str]]] = {}
    for h in ctx.outline.headings:
        if h.rank == 0:
            continue
        text = ctx.doc.paragraphs[h.paragraph].text
        for rank, pat, right in _BAD_LABEL:
            if rank != h.rank:
                continue
            m = pat.match(text)
            if m is None:
                continue
            s = len(text) - len(text.lstrip())
            wrong = m.group(0).strip()
            good = _label(h.rank, h.number) if h.number is not None else right
            key = (parent_of.get(h.paragraph, 0), h.rank, re.sub(r"[\d一二三四五六七八九十\s]", "", wrong))
            runs.setdefault(key, []).append((h, s, m.end(), wrong, good))
    for items in runs.values():
        h, s, e, wrong, good = items[0]
        others = "".join(w for _, _, _, w, _ in items[1:6]) + ("…" if len(items) > 6 else "")
        yield ctx.finding(
            h.paragraph,
            s,
            e,
            f"标题序号“{wrong}”的标点不规范，应写作“{good}”"
            + (f"（同级共 {len(items)} 处）" if len(items) > 1 else ""),
            evidence=f"{wrong} → {good}" + (f"；同级还有 {others}" if others else ""),
            suggestion=good,
        )
