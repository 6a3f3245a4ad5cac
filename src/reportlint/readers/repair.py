"""Heal paragraphs that a page break or a hard line wrap split in two.

Readers hand over raw pieces (lines of a text file, lines of a PDF page) with their source locations; this
module decides which pieces belong to one paragraph and keeps, for every joined paragraph, the anchor of each
piece so that findings can still point at the page or line the text came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint.model import Anchor, Location
from reportlint.textutil import ends_complete, heading_match, is_cjk

MIN_WRAPPED = 24
"""A piece shorter than this is a line of its own (a title, a name, a date), never the head of a wrapped one."""


@dataclass(slots=True)
class Piece:
    text: str
    location: Location
    hard_break: bool = False
    """The piece is followed by a real paragraph boundary in the source (a blank line, a PDF paragraph gap)."""
    style: str | None = None
    outline_level: int | None = None


@dataclass(slots=True)
class Joined:
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
