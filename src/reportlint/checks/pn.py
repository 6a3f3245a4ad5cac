"""PN: punctuation — half-width marks in Chinese text, unbalanced paired marks, hyphenated ranges, stray Latin
words, 顿号 between adjacent 书名号/引号 items.

Text is inspected exactly as written: full-width and half-width marks are never folded. Spaces between CJK and
digits are PDF extraction artefacts and are skipped, never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

import msgspec

from reportlint.checks._spans import (
    CLOSE_CN,
    OPEN_CN,
    Span,
    heading_label_spans,
    inside,
    is_chinese,
    neighbour,
    protected_spans,
)
from reportlint.engine.context import Context
from reportlint.engine.registry import RuleDoc, rule
from reportlint.findings import Finding
from reportlint.model import Paragraph
from reportlint.textutil import is_cjk

_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", ".": "。", '"': "“”"}
_MARKS = re.compile(r"\.{3,}|[,:;?!\".]")
_LIST_MARKER_CLOSE = re.compile(r"(?:^|(?<=[\s。；：，;:]))\d{1,2}\)")


def _paras(ctx: Context) -> list[Paragraph]:
    return [p for p in ctx.doc.paragraphs if p.text.strip()]


def _paren_pairs(text: str) -> tuple[list[Span], list[int]]:
    """ASCII parenthesis pairs and the offsets of unmatched ASCII parentheses."""
    stack: list[int] = []
    pairs: list[Span] = []
    lone: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i + 1))
            else:
                lone.append(i)
    return pairs, lone + stack


def _value_with_unit(text: str, s: int, e: int) -> bool:
    """``≥12.00(次)``: a figure followed by its unit in brackets, with no Chinese outside them (a table cell
    of figures, not Chinese text)."""
    before = neighbour(text, s, -1)
    return (
        (before.isdigit() or before == "%") and not any(is_cjk(c) for c in text[:s] + text[e:]) and e - s <= 8
    )


@rule(
    "PN001",
    "half-width-punctuation",
    "warning",
    'ASCII punctuation inside Chinese text (( ) , : ; ? ! " .).',
    RuleDoc(
        what='Flags the ASCII marks ( ) , : ; ? ! " . and ... where they stand next to Chinese characters or '
        "full-width punctuation. Decimals, thousands separators, times (9:05), URLs, e-mail addresses, file "
        "names, document and standard numbers, list markers (1. 2)) and runs of Latin text are left alone, and so "
        "is a figure with its unit in brackets when nothing outside them is Chinese (a cell ≥12.00(次)). A ? "
        "where no question can end (after 、 or before 。) is reported as a character lost to the encoding.",
        why="Chinese text takes full-width marks; a half-width comma or bracket is narrower, sits on the "
        "baseline differently and shows the text was typed with the wrong input mode or pasted from another "
        "source. Reviewers correct every one.",
        example="浦东新区人力资源和社会保障局(医疗保障局)    附件:XX局2021年度法治政府建设情况报告",
        use_instead="浦东新区人力资源和社会保障局（医疗保障局）    附件：XX局2021年度法治政府建设情况报告",
        source="GB/T 15834-2011 (标点符号用法: forms of the marks in Chinese text); GB/T 9704-2012 clause 9 "
        "(公文 punctuation follows GB/T 15834).",
    ),
)
def half_width_punctuation(ctx: Context) -> Iterator[Finding]:
    labels = heading_label_spans(ctx)
    for p in _paras(ctx):
        text = p.text
        skip = protected_spans(text)
        if p.index in labels:
            skip.append(labels[p.index])
        pairs, lone = _paren_pairs(text)
        for s, e in pairs:
            if inside(s, skip) and inside(e - 1, skip):
                continue
            inner = text[s + 1 : e - 1]
            chinese = any(is_cjk(c) for c in inner) or is_chinese(neighbour(text, s, -1))
            chinese = chinese or is_chinese(neighbour(text, e - 1, +1))
            if not chinese or _value_with_unit(text, s, e):
                continue
            if e - s <= 40:
                yield ctx.finding(
                    p.index,
                    s,
                    e,
                    f"中文语句中使用了半角括号“{text[s:e]}”",
                    evidence="( ) → （ ）",
                    suggestion=f"（{inner}）",
                )
            else:
                for i in (s, e - 1):
                    yield ctx.finding(
                        p.index, i, i + 1, f"中文语句中使用了半角括号“{text[i]}”", suggestion="（）"[i != s]
                    )
        closers = {m.end() - 1 for m in _LIST_MARKER_CLOSE.finditer(text)}
        for i in lone:
            if i in closers or inside(i, skip):
                continue
            if is_chinese(neighbour(text, i, -1)) or is_chinese(neighbour(text, i, +1)):
                yield ctx.finding(
                    p.index,
                    i,
                    i + 1,
                    f"中文语句中使用了半角括号“{text[i]}”",
                    suggestion="（" if text[i] == "(" else "）",
                )
        for m in _MARKS.finditer(text):
            i = m.start()
            if inside(i, skip):
                continue
            mark = m.group(0)
            before, after = neighbour(text, i, -1), neighbour(text, m.end() - 1, +1)
            if mark[0] == ".":
                if len(mark) >= 3:
                    ok = not (is_chinese(before) or is_chinese(after))
                else:
                    ok = not is_chinese(before) or before.isdigit()
            elif mark in ",:":
                ok = (before.isdigit() and after.isdigit()) or not (is_chinese(before) or is_chinese(after))
            else:
                ok = not (is_chinese(before) or is_chinese(after))
            if ok:
                continue
            if mark == "?" and (before in "、，。；：（“《" or after in "、，。；："):
                # no question ends there: a character the text's encoding could not hold (涔 → ?)
                yield ctx.finding(
                    p.index,
                    i,
                    m.end(),
                    "“?”不是问号的位置，疑为编码丢失的字符，请核对原文",
                    evidence=f"{before}?{after}",
                )
                continue
            right = "……" if len(mark) >= 3 else _FULL[mark]
            yield ctx.finding(
                p.index,
                i,
                m.end(),
                f"中文语句中使用了半角标点“{mark}”",
                evidence=f"{mark} → {right}",
                suggestion=right,
            )


_PAIRS = {
    "》": "《",
    "〉": "〈",
    "”": "“",
    "’": "‘",
    "）": "（",
    "〕": "〔",
    "】": "【",
    "」": "「",
    "』": "『",
}
_NAMES = {
    "《": "书名号",
    "〈": "书名号",
    "“": "引号",
    "‘": "引号",
    "（": "括号",
    "〔": "六角括号",
    "【": "方头括号",
}


class _Open(msgspec.Struct):
    para: int
    pos: int
    ch: str
    soft: bool = False
    """An ASCII ``(``: never reported unclosed (PN001 reports its width)."""


@rule(
    "PN002",
    "unbalanced-pair",
    "error",
    "《》“”‘’（）〔〕【】 opened and not closed, or closed and not opened.",
    RuleDoc(
        what="Matches paired marks with a stack, paragraph by paragraph (after page-break repair), allowing "
        "nesting (《…〈…〉…》, “…‘…’…”). A mark left open at the end of a paragraph may be closed at the start of "
        "the next one (a title wrapped over two lines), and a quotation may run over several paragraphs when "
        "each of them opens with “ (GB/T 15834-2011, 引号). Crossed pairs (《…（…》…）) are flagged once.",
        why="An unclosed 书名号 or bracket makes the extent of a document name or note unclear; in legal and "
        "official text it changes what the reader takes as the name of the cited document.",
        example="根据《法治政府建设实施纲要（2021—2025年）要求",
        use_instead="根据《法治政府建设实施纲要（2021—2025年）》要求",
        source="GB/T 15834-2011 4.8 (引号), 4.9 (括号), 4.15 (书名号): paired marks enclose their content.",
    ),
)
def unbalanced_pair(ctx: Context) -> Iterator[Finding]:
    body = [p for p in ctx.doc.paragraphs if p.text.strip() and not p.in_table]
    cells = [p for p in ctx.doc.paragraphs if p.text.strip() and p.in_table]
    carried: list[_Open] = []
    for p in body:
        if carried and _fragment(p.text):
            carried = [*carried, *(o for o in (yield from _scan(ctx, p, [])) if o.para == p.index)]
            continue  # a few characters broken off a line (版式 stacked words): marks run on through it
        carried = yield from _scan(ctx, p, carried)
    for o in carried:
        yield _unclosed(ctx, o)
    for p in cells:
        rest = yield from _scan(ctx, p, [])
        for o in rest:
            yield _unclosed(ctx, o)


def _unclosed(ctx: Context, o: _Open) -> Finding:
    name = _NAMES.get(o.ch, "成对标点")
    return ctx.finding(
        o.para,
        o.pos,
        o.pos + 1,
        f"{name}“{o.ch}”没有对应的结束符号",
        evidence=f"缺少“{next(k for k, v in _PAIRS.items() if v == o.ch)}”",
    )


def _scan(ctx: Context, p: Paragraph, carried: list[_Open]) -> Generator[Finding, None, list[_Open]]:
    """Yield the findings of one paragraph; return the openers it leaves for the next paragraph."""
    text = p.text
    stack = list(carried)
    continuation = any(o.ch == "“" for o in carried) and text.lstrip().startswith("“")
    first_quote = len(text) - len(text.lstrip()) if continuation else -1
    for i, ch in enumerate(text):
        if i == first_quote:
            continue  # a quotation running on into this paragraph
        if ch in OPEN_CN:
            stack.append(_Open(p.index, i, ch))
        elif ch == "(":
            stack.append(_Open(p.index, i, ch, soft=True))
        elif ch in CLOSE_CN or ch == ")":
            if ch == "’" and _latin(text, i - 1) and _latin(text, i + 1):
                continue  # an apostrophe in English (don’t)
            if (
                ch == "’"
                and re.match(r"\d{2}(?!\d)", text[i + 1 : i + 4])
                and not any(o.ch == "‘" for o in stack)
            ):
                continue  # a year cut to two figures (’99 博览会)
            want = ("（", "(") if ch in "）)" else (_PAIRS[ch],)
            k = next((j for j in range(len(stack) - 1, -1, -1) if stack[j].ch in want), None)
            if k is None:
                if ch == ")":
                    continue  # a list marker 1) or a half-width bracket PN001 reports
                name = _NAMES.get(_PAIRS[ch], "成对标点")
                yield ctx.finding(
                    p.index, i, i + 1, f"{name}“{ch}”前面没有对应的开始符号", evidence=f"缺少“{_PAIRS[ch]}”"
                )
                continue
            above = [o for o in stack[k + 1 :] if not o.soft]
            if above and ch != ")":
                inner = above[-1]
                yield ctx.finding(
                    p.index,
                    i,
                    i + 1,
                    f"成对标点交叉：“{inner.ch}”尚未结束就出现了“{ch}”",
                    evidence=f"{stack[k].ch}…{inner.ch}…{ch}",
                )
            del stack[k]
    out: list[_Open] = []
    for o in stack:
        if o.soft:
            continue
        if o.para == p.index or (continuation and o.ch == "“"):
            out.append(o)
        else:
            yield _unclosed(ctx, o)
    return out


def _fragment(text: str) -> bool:
    """A paragraph of a few characters with no punctuation: a piece of a line broken off by the layout."""
    t = text.strip()
    return 0 < len(t) <= 6 and all(is_cjk(c) for c in t)


def _latin(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


_DASH = r"\-‐‑–－"
_YEAR_RANGE = re.compile(
    rf"(?<![\d{_DASH}/.])((?:19|20)\d{{2}})(\s*年?\s*)([{_DASH}])(\s*)((?:19|20)\d{{2}})(?![\d{_DASH}/.])"
)
_MONTH_RANGE = re.compile(rf"(?<![\d{_DASH}/.年])(\d{{1,2}})\s*([{_DASH}])\s*(\d{{1,2}})\s*月")
_NUM_RANGE = re.compile(
    rf"(?<![\d{_DASH}/.A-Za-z])(\d+(?:\.\d+)?)\s*(%|％)?\s*([{_DASH}])\s*(\d+(?:\.\d+)?)\s*"
    r"(%|％|个工作日|个月|个|人次|人|家|次|件|项|天|日|小时|分钟|万元|亿元|元|岁|年)"
)


@rule(
    "PN003",
    "range-hyphen",
    "info",
    "A year or number range written with a hyphen instead of 一字线 (—) or 浪纹线 (～).",
    RuleDoc(
        what="Finds spans of years (2021-2025), months (1-3月) and quantities (3-5个工作日, 20%-30%) joined with a "
        "hyphen, en dash or full-width hyphen. ISO dates (2021-02-15), phone and room numbers, document and "
        "standard numbers (GB/T 9704-2012) are not ranges and are left alone.",
        why="The hyphen (短横线) joins parts of one item — a phone number, a product model, a compound place "
        "name; a span of time takes the 一字线 and a numeric range the 浪纹线, as in the official title "
        "《法治政府建设实施纲要（2021—2025年）》.",
        example="《法治政府建设实施纲要（2021-2025年）》   3-5个工作日",
        use_instead="《法治政府建设实施纲要（2021—2025年）》   3～5个工作日",
        source="GB/T 15834-2011 4.13 (连接号: 一字线 for spans of time and place, 浪纹线 for numeric ranges, "
        "短横线 for compounds and codes).",
    ),
)
def range_hyphen(ctx: Context) -> Iterator[Finding]:
    for p in _paras(ctx):
        text = p.text
        skip = protected_spans(text)
        taken: list[Span] = []
        for m in _YEAR_RANGE.finditer(text):
            y1, y2 = int(m.group(1)), int(m.group(5))
            if not y1 < y2 <= y1 + 100 or inside(m.start(3), skip):
                continue
            taken.append(m.span())
            right = f"{m.group(1)}{m.group(2).strip()}—{m.group(5)}"
            yield ctx.finding(
                p.index,
                m.start(),
                m.end(),
                f"年份起止“{m.group(0)}”用了短横线，应使用一字线“—”",
                evidence=f"{m.group(3)} → —",
                suggestion=right,
            )
        for m in _MONTH_RANGE.finditer(text):
            a, b = int(m.group(1)), int(m.group(3))
            if not 1 <= a < b <= 12 or inside(m.start(2), skip) or inside(m.start(), taken):
                continue
            taken.append(m.span())
            yield ctx.finding(
                p.index,
                m.start(),
                m.end(),
                f"月份起止“{m.group(0)}”用了短横线，应使用一字线“—”",
                evidence=f"{m.group(2)} → —",
                suggestion=f"{a}—{b}月",
            )
        for m in _NUM_RANGE.finditer(text):
            if inside(m.start(), taken) or inside(m.start(3), skip):
                continue
            if m.group(5) == "年" and len(m.group(1)) == 4:
                continue
            lo, hi = float(m.group(1)), float(m.group(4))
            if not lo < hi:
                continue
            unit = m.group(5)
            right = f"{m.group(1)}{unit if unit in '%％' else ''}～{m.group(4)}{unit}"
            yield ctx.finding(
                p.index,
                m.start(),
                m.end(),
                f"数值范围“{m.group(0)}”用了短横线，应使用浪纹线“～”",
                evidence=f"{m.group(3)} → ～",
                suggestion=right,
            )


_DEFAULT_LATIN_ALLOWED = (
    "app",
    "apps",
    "wifi",
    "www",
    "http",
    "https",
    "email",
    "km",
    "kg",
    "mm",
    "cm",
    "ml",
    "mg",
    "kw",
    "kwh",
    "mw",
    # file formats written in lower case
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "wps",
    "ofd",
    "jpg",
    "png",
)
_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9_\-])[a-z]{2,}(?![A-Za-z0-9_\-])")


@rule(
    "PN004",
    "stray-latin-word",
    "warning",
    "A Latin word inside Chinese prose that is not a name, unit or acronym (做好表率 and 督促).",
    RuleDoc(
        what="Flags an all-lowercase Latin word of two or more letters that stands between Chinese text, such "
        "as a leftover “and” from editing. Names and acronyms (capitalised: APP, PDF, H5, AI, WeChat), units "
        "after numbers (20 km), URLs and e-mail addresses, English given in parentheses and runs of several "
        "Latin words are allowed; a pack's data list ``latin_words_allowed`` adds words.",
        why="A stray English word in a Chinese sentence is almost always an editing slip (a translation "
        "leftover, a typing-mode accident) and makes the sentence ungrammatical.",
        example="三是率先垂范，做好表率 and 督促。",
        use_instead="三是率先垂范，做好表率和督促。",
        source="GB/T 15834-2011 and GB/T 15835-2011 scope (Chinese text); practice of official writing "
        "(外文 only for names, units and established acronyms).",
    ),
)
def stray_latin_word(ctx: Context) -> Iterator[Finding]:
    allowed = set(_DEFAULT_LATIN_ALLOWED)
    for row in ctx.pack.data.get("latin_words_allowed", []):
        allowed.update(w.lower() for w in row)
    for p in _paras(ctx):
        text = p.text
        if not any(is_cjk(c) for c in text):
            continue
        skip = protected_spans(text)
        depth = _paren_depth(text)
        for m in _LOWER_WORD.finditer(text):
            word = m.group(0)
            if word in allowed or inside(m.start(), skip) or depth[m.start()] > 0:
                continue
            before, after = neighbour(text, m.start(), -1), neighbour(text, m.end() - 1, +1)
            if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalpha()):
                continue  # a run of Latin text, or a unit after a number
            if not (is_chinese(before) or is_chinese(after)):
                continue
            yield ctx.finding(
                p.index,
                m.start(),
                m.end(),
                f"中文语句中夹有英文单词“{word}”",
                evidence=f"{before}{word}{after}",
                suggestion="改为相应的中文（如“and”→“和”），或删除",
            )


def _paren_depth(text: str) -> list[int]:
    depth = 0
    out = []
    for ch in text:
        if ch in ")）" and depth > 0:
            depth -= 1
        out.append(depth)
        if ch in "(（":
            depth += 1
    return out


_ITEM = r"(?:《[^《》\n]{1,60}》|“[^“”\n]{1,60}”)"
_DUN_RUN = re.compile(rf"{_ITEM}(?:、{_ITEM})+")
_LIST_CLOSERS = frozenset("等和与及或")
"""Words that close a list after its last item (《甲》《乙》等文件): the item itself ends at its mark."""


@rule(
    "PN005",
    "dunhao-between-quoted-items",
    "info",
    "A 顿号 between adjacent items each marked with 书名号 or 引号 (《纲要》、《规定》).",
    RuleDoc(
        what="Flags a 顿号 standing directly between two items marked with 书名号 (》、《) or 引号 (”、“). When "
        "something else stands between the items — a bracketed note, an issuing organ — the 顿号 is right and "
        "is not flagged. Reported once per file, at the first place, with the number of places: many "
        "official texts (the State Council 政府工作报告 among them) keep the 顿号 throughout as a house style, so "
        "this is a style note for the whole report, not a slip at each place.",
        why="The marks already separate the items; GB/T 15834 says a 顿号 is usually not used between them, "
        "and one report should write such lists one way throughout.",
        example="对照《纲要》、《规定》和《规划》要求",
        use_instead="对照《纲要》《规定》和《规划》要求",
        source="GB/T 15834-2011 4.5.3.5 (标有引号或书名号的并列成分之间通常不用顿号).",
    ),
)
def dunhao_between_quoted_items(ctx: Context) -> Iterator[Finding]:
    runs: list[tuple[Paragraph, re.Match[str], int]] = []
    for p in _paras(ctx):
        for m in _DUN_RUN.finditer(p.text):
            run = m.group(0)
            n = sum(
                1 for i, ch in enumerate(run) if ch == "、" and run[i - 1] in "》”" and run[i + 1] in "《“"
            )
            after = p.text[m.end() : m.end() + 1]
            if (
                run.endswith("”")
                and after
                and (after.isalnum() or is_cjk(after))
                and after not in _LIST_CLOSERS
            ):
                # “甲”、“乙”志愿者活动: the last item may run on past its quote, and then its 顿号 is right (a
                # title in 书名号 is a whole item: 《甲》、《乙》要求 keeps the finding)
                n -= 1
            if n > 0:
                runs.append((p, m, n))
    if not runs:
        return
    # a house style, not a slip: reported once per file, at the first place, with the count
    p, m, n = runs[0]
    run = m.group(0)
    total = sum(k for _, _, k in runs)
    where = f"（全文共 {len(runs)} 组、{total} 处）" if len(runs) > 1 else f"（{n}处）"
    yield ctx.finding(
        p.index,
        m.start(),
        m.end(),
        f"书名号或引号标示的并列成分之间通常不用顿号{where}",
        evidence=run if len(run) <= 40 else run[:40] + "…",
        suggestion=re.sub(r"(?<=[》”])、(?=[《“])", "", run),
    )
