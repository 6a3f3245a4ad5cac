"""Text spans the punctuation and wording checks leave alone: URLs, e-mail, document and standard numbers,
heading labels, and the insides of 书名号/brackets. Offsets are into the paragraph text as written."""

from __future__ import annotations

import functools
import re

from reportlint.engine.context import Context
from reportlint.textutil import is_cjk

Span = tuple[int, int]

_PROTECTED = (
    re.compile(r"(?:https?://|www\.)[A-Za-z0-9./?=&%#:_~+\-]+"),
    re.compile(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"),
    # standard numbers: GB/T 9704-2012, DB31/T 1234-2020, GB 3100
    re.compile(r"[A-Z]{1,4}(?:\d{0,2}/[A-Z])?\s*\d+(?:\.\d+)*(?:\s*[-—]\s*\d{4})?"),
    # file names and domain-like tokens: report.pdf, gov.cn
    re.compile(r"[A-Za-z0-9_\-]*[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)+"),
)
# 发文字号 in any bracket form (GW001 judges the form, not the punctuation checks). The 机关代字 is a run of
# letters of any script (``[^\W\d_]``, which compiles in a fraction of the time of a class over the CJK block);
# the pattern ends in 号, so a paragraph without one is not scanned (trying up to 16 letters at every position
# of a long paragraph is the costly part).
_DOC_NUMBER = re.compile(
    r"[^\W\d_]{1,16}\s*[〔\[【（(［﹝]\s*(?:19|20)\d{2}\s*[〕\]】）)］﹞]\s*第?\s*\d+\s*号"
)

OPEN_CN = "“‘（《〈〔【「『"
CLOSE_CN = "”’）》〉〕】」』"
FULLWIDTH_PUNCT = "，。、；：？！…—～·" + OPEN_CN + CLOSE_CN


def protected_spans(text: str) -> list[Span]:
    """The protected spans of ``text`` (a new list: callers may add their own)."""
    return list(_protected(text))


@functools.lru_cache(maxsize=4096)
def _protected(text: str) -> tuple[Span, ...]:
    # three PN checks ask for every paragraph: scanned once
    spans: list[Span] = []
    for pat in _PROTECTED:
        spans.extend(m.span() for m in pat.finditer(text))
    if "号" in text:
        spans.extend(m.span() for m in _DOC_NUMBER.finditer(text))
    return tuple(spans)


def inside(pos: int, spans: list[Span]) -> bool:
    return any(s <= pos < e for s, e in spans)


def heading_label_spans(ctx: Context) -> dict[int, Span]:
    """Paragraph index → span of the heading's numbering label (``（一）``, ``1.``)."""
    out: dict[int, Span] = {}
    for h in ctx.outline.headings:
        if not h.label:
            continue
        text = ctx.doc.paragraphs[h.paragraph].text
        s = text.find(h.label)
        if s >= 0:
            out[h.paragraph] = (s, s + len(h.label))
    return out


def is_chinese(ch: str) -> bool:
    """A CJK character or full-width punctuation: Chinese text on that side."""
    return bool(ch) and (is_cjk(ch) or ch in FULLWIDTH_PUNCT)


def neighbour(text: str, pos: int, step: int, skip_spaces: int = 1) -> str:
    """The character next to ``pos`` going ``step`` (−1 left, +1 right), skipping up to ``skip_spaces`` spaces."""
    i = pos + step
    skipped = 0
    while 0 <= i < len(text) and text[i] in " \u3000\t" and skipped < skip_spaces:
        i += step
        skipped += 1
    return text[i] if 0 <= i < len(text) else ""


def bracket_depth(text: str, opens: str = "《〈", closes: str = "》〉") -> list[int]:
    """For every offset, how many of ``opens`` are open there (a cheap in-title test)."""
    depth = 0
    out = []
    for ch in text:
        if ch in closes and depth > 0:
            depth -= 1
        out.append(depth)
        if ch in opens:
            depth += 1
    return out
