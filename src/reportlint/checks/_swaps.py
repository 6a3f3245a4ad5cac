"""Substitution lists: rows of ``[wrong-regex, right, note]`` found in paragraphs, outside 书名号.

The one implementation of substitution: ST002 (``confusable_words``) and ST003 (``redundant_words``) apply the
pack's data lists with it, and the pack rule type ``substitution`` (``swap:`` rows) is built on it. A regex
carries its deciding context as lookarounds; with a capture group, only group 1 is flagged. A match inside
书名号 is skipped: a document's name is quoted as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import msgspec

from reportlint.checks._spans import bracket_depth
from reportlint.errors import PackError
from reportlint.model import Paragraph


class Swap(msgspec.Struct, frozen=True):
    pattern: re.Pattern[str]
    right: str
    note: str


class SwapMatch(msgspec.Struct, frozen=True):
    paragraph: int
    start: int
    end: int
    wrong: str
    right: str
    note: str


@cache
def compile_swaps(rows: tuple[tuple[str, ...], ...]) -> tuple[Swap, ...]:
    """The rows compiled; a row without ``[wrong-regex, right]`` or with a bad regex is a PackError."""
    out = []
    for row in rows:
        if len(row) < 2:
            raise PackError(f"word list row {list(row)!r} needs at least [wrong-regex, right]")
        try:
            out.append(Swap(re.compile(row[0]), row[1], row[2] if len(row) > 2 else ""))
        except re.error as exc:
            raise PackError(f"word list row {list(row)!r}: bad regex ({exc})") from exc
    return tuple(out)


def find_swaps(paragraphs: Iterable[Paragraph], swaps: Iterable[Swap]) -> Iterator[SwapMatch]:
    """Every match of every row in every paragraph, outside 书名号."""
    swaps = tuple(swaps)
    if not swaps:
        return
    for p in paragraphs:
        text = p.text
        if not text.strip():
            continue
        depth: list[int] | None = None
        for sw in swaps:
            for m in sw.pattern.finditer(text):
                if depth is None:
                    depth = bracket_depth(text)
                s, e = (m.start(1), m.end(1)) if m.re.groups else (m.start(), m.end())
                if depth[s] > 0:
                    continue  # inside a document name: quoted as written
                yield SwapMatch(p.index, s, e, text[s:e], sw.right, sw.note)
