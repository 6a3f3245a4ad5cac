"""Heal paragraphs that a page break or a hard line wrap split in two.

Readers hand over raw pieces (lines of a text file, lines of a PDF page) with their source locations; this
module decides which pieces belong to one paragraph and keeps, for every joined paragraph, the anchor of each
piece so that findings can still point at the page or line the text came from.
"""

from __future__ import annotations

import itertools
import re

import msgspec

from reportlint.model import Anchor, Location
from reportlint.textutil import ends_complete, heading_match, is_cjk, lazy_compile

MIN_WRAPPED = 24
"""A piece shorter than this is a line of its own (a title, a name, a date), never the head of a wrapped one."""


class Piece(msgspec.Struct):
    text: str
    location: Location
    hard_break: bool = False
    """The piece is followed by a real paragraph boundary in the source (a blank line, a PDF paragraph gap)."""
    style: str | None = None
    outline_level: int | None = None


class Joined(msgspec.Struct):
    text: str
    anchors: list[Anchor]
    style: str | None
    outline_level: int | None
    healed: int
    """How many soft breaks (page or blank-line splits) were healed inside this paragraph."""


_OWN_LINE_START = re.compile(r"^\s*(附\s*件\s*\d*\s*([：:]|$)|抄\s*送\s*[：:]|[（(]\s*共\s*印)")
_OWN_LINE_END = re.compile(r"印\s*发\s*$")


def starts_own_line(text: str) -> bool:
    """A line that never continues the one before: 附件 label or 附件说明, 抄送 line, （共印N份）."""
    return bool(_OWN_LINE_START.match(text))


def ends_own_line(text: str) -> bool:
    """A line that nothing continues: the 版记's 印发 line."""
    return bool(_OWN_LINE_END.search(text))


_LONE_OPENERS = frozenset("（(〔【［[“‘《")
"""A line that is nothing but an opening mark never ends a paragraph."""

DOC_KINDS = ("报告", "请示", "通知", "意见", "函", "方案", "规划", "计划", "总结", "决定", "通报")


def continues(prev: str, nxt: str, *, min_len: int = MIN_WRAPPED) -> bool:
    """Whether ``nxt`` continues the sentence that ``prev`` leaves unfinished."""
    p = prev.rstrip()
    n = nxt.lstrip()
    if not p or not n:
        return False
    if p in _LONE_OPENERS:
        return True  # a heading label broken after its bracket (（ / 三）…) by a copy's line wrap
    if len(p) < min_len or ends_complete(p):
        return False
    if heading_match(n) or (heading_match(p) and len(p) < 40):
        return False
    if starts_own_line(n) or ends_own_line(p):
        return False
    if len(n) < 6 and not ends_complete(n):
        return False  # a short line of its own (引言, a name, a signature)
    if len(p) < 60 and p.endswith(DOC_KINDS):
        return False  # a title line
    # A piece ending in a CJK character, a comma-like mark or an opening bracket runs on.
    last = p[-1]
    return is_cjk(last) or last in "，、“‘（《〔【(,-—0123456789%" or last.isalnum()


def join_pieces(pieces: list[Piece], *, heal_hard_breaks: bool) -> list[Joined]:
    """Group pieces into paragraphs.

    Soft breaks (no ``hard_break``) join when :func:`continues` says so. Hard breaks join only when
    ``heal_hard_breaks`` is set and the text clearly runs on (a page-break split in an extracted text).
    """
    out: list[Joined] = []
    cur: Joined | None = None
    prev_hard = True
    for piece in pieces:
        text = piece.text.strip()
        if not text:
            prev_hard = True
            continue
        if cur is not None and continues(cur.text, text) and (not prev_hard or heal_hard_breaks):
            left = cur.text.rstrip()
            sep = " " if left[-1:].isascii() and left[-1:].isalnum() and text[:1].isascii() else ""
            cur.anchors.append(Anchor(len(left) + len(sep), piece.location))
            cur.text = left + sep + text
            if prev_hard:
                cur.healed += 1
        else:
            cur = Joined(text, [Anchor(0, piece.location)], piece.style, piece.outline_level, 0)
            out.append(cur)
        prev_hard = piece.hard_break
    return out


# --- flattened reports: headings run on inside one very long paragraph -----------------------------------

FLAT_MIN = 1500
"""A paragraph shorter than this is never taken for a flattened report (a long paragraph of a real report)."""

_MARK = lazy_compile(
    r"[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]"
    r"|(?<![\d.．])\d{1,2}\s*[.．、](?!\d)"
    r"|[（(]\s*\d{1,2}\s*[）)]"
)
_SENTENCE_END = "。；！？!?;："
CLOSERS_RUN = "”’」』）)》"
_TABLE_ROW = lazy_compile(
    r"[^。；，、（(]{0,30}?(?<!\d)\d[\d \u3000]{3,}(?![\d 年月日%条件个项次人元万亿份])"
)
_DIGIT = lazy_compile(r"\d")
_TITLE_ENDS = lazy_compile(
    r"(情况|问题|不足|计划|安排|打算|措施|事项|方面|体系|概述|成效|统计表|工作总结|工作要点|工作思路)"
    r"(?=[^和与及、的\s，。])(?!统计表)"
)
_TITLE_BODY = lazy_compile(r"[\s\u3000]|[：:]|(?:19|20)\d{2}年|一是")


def _boundary(text: str, pos: int) -> bool:
    """Whether a heading number at ``pos`` stands where a paragraph could have begun (after a sentence end)."""
    k = pos - 1
    while k >= 0 and text[k] in " \u3000\t":
        k -= 1
    if k < 0 or k < pos - 1:
        return True  # the start, or a gap of spaces left where a paragraph break was
    while k >= 0 and text[k] in CLOSERS_RUN:
        k -= 1
    return k >= 0 and text[k] in _SENTENCE_END


def run_in_heading_starts(text: str) -> list[int]:
    """Offsets where heading numbers inside ``text`` open a plausible outline (一、 then （一） then 1. …).

    A candidate counts when it follows a sentence end (or a gap of spaces) and continues the numbering: the
    next number of an open level, or number 1 one level deeper. The first child of a heading may follow the
    heading's short title directly (``一、工作情况（一）…``), as a flattened web page leaves it.
    """
    stack: list[tuple[int, int]] = []  # (rank, number) of the open headings
    out: list[int] = []
    for m in _MARK.finditer(text):
        pos = m.start()
        if out and pos < out[-1] + 2:
            continue
        hm = heading_match(text[pos:])
        if hm is None:
            continue
        rank, number, label = hm
        if pos > 0 and text[pos - 1] == "第":
            continue  # 第（一）项: a reference, not a heading
        if _TABLE_ROW.match(text, pos + label.end(), pos + label.end() + 40):
            continue  # a row of a table flattened into the text: its label runs into its figures
        at_boundary = _boundary(text, pos)
        if not at_boundary:
            since = text[out[-1] : pos] if out else ""
            first_top = not stack and rank == 1 and number == 1 and pos > 0 and not is_cjk(text[pos - 1])
            child = (
                stack
                and number == 1
                and rank > stack[-1][0]
                and len(since) <= 45
                and not any(c in since for c in "。！？；")
            )
            # the next top-level heading right after a flattened table's last figure (…0 0三、收到…)
            after_table = (
                rank == 1
                and bool(stack)
                and not _DIGIT.search(text, pos + label.end(), pos + label.end() + 12)
            )
            if not (first_top or child or after_table):
                continue
        ok = False
        for k in range(len(stack) - 1, -1, -1):
            r, n = stack[k]
            if r == rank:
                # the next number; at a sentence end a top-level number may skip one that was not recognised
                if number == n + 1 or (at_boundary and rank == 1 and number == n + 2):
                    del stack[k:]
                    ok = True
                break
            if r < rank:
                break
        if not ok and number == 1 and (not stack or rank > stack[-1][0]):
            ok = True
        if not ok:
            continue
        stack.append((rank, number))
        out.append(pos)
    return out


def _title_end(piece: str) -> int | None:
    """Where the title of a run-in heading piece ends when its first sentence is too long to be a title."""
    hm = heading_match(piece)
    if hm is None:
        return None
    start = hm[2].end()
    stops = [k for k in (piece.find(c, start) for c in "。！？") if k >= 0]
    stop = min(stops, default=len(piece))
    head = piece[start : min(start + 40, stop)]
    # a colon stays with the title (its form is for the punctuation rules to judge); spaces go
    cuts = [
        m.end() if m.group(0) in "：:" else m.start() for m in _TITLE_BODY.finditer(head) if m.start() >= 2
    ]
    if stop - start > 30:  # a first sentence too long for a run-in title (加强领导。 stays as it is)
        cuts += [m.end() for m in _TITLE_ENDS.finditer(head) if m.start() >= 2]
    if not cuts:
        return None
    return start + min(cuts)


def _sub(j: Joined, s: int, e: int) -> Joined:
    text = j.text[s:e]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    s += lead
    loc = j.anchors[0].location
    for a in j.anchors:
        if a.start <= s:
            loc = a.location
    anchors = [Anchor(0, loc)] + [
        Anchor(a.start - s, a.location) for a in j.anchors if s < a.start < s + len(text)
    ]
    return Joined(text, anchors, j.style, None, 0)


def split_flattened(joined: list[Joined]) -> tuple[list[Joined], int]:
    """Split paragraphs that hold a whole flattened report (a web page copied as one line) at their run-in
    headings, and a heading whose title runs straight into its text (``一、总体情况2022年，…``) from that text.

    Only a paragraph of at least :data:`FLAT_MIN` characters whose heading numbers form an outline with at least
    two top-level headings is split; every piece keeps the source location of its first character.
    Returns the paragraphs and how many were split.
    """
    out: list[Joined] = []
    split = 0
    for j in joined:
        starts = run_in_heading_starts(j.text) if len(j.text) >= FLAT_MIN else []
        ranks = [hm[0] for s in starts if (hm := heading_match(j.text[s:])) is not None]
        top = min(ranks, default=0)
        if len(starts) < 3 or ranks.count(top) < 2:
            out.append(j)
            continue
        split += 1
        bounds = [0, *[s for s in starts if s > 0], len(j.text)]
        for s, e in itertools.pairwise(bounds):
            if not j.text[s:e].strip():
                continue
            piece = j.text[s:e]
            cut = _title_end(piece) if s in starts else None
            if cut is not None:
                out.append(_sub(j, s, s + cut))
                rest = j.text[s + cut : e].lstrip(" \u3000")
                if rest.strip():
                    out.append(_sub(j, e - len(rest), e))
            else:
                out.append(_sub(j, s, e))
    return out, split
