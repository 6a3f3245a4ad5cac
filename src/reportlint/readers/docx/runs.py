"""What one paragraph's walk collects (text parts, text boxes, comment marks, bold runs), and tab handling."""

from __future__ import annotations

import re
from typing import Any

import msgspec


class _Collected(msgspec.Struct):
    parts: list[str] = msgspec.field(default_factory=list)
    textboxes: list[Any] = msgspec.field(default_factory=list)
    comment_starts: list[str] = msgspec.field(default_factory=list)
    comment_ends: list[str] = msgspec.field(default_factory=list)
    comment_refs: list[str] = msgspec.field(default_factory=list)
    run_bold: list[bool] = msgspec.field(default_factory=list)
    pstyle: str | None = None


_SPACE_RUN = re.compile(r"\t+")


def _resolve_tabs(text: str) -> str:
    """Tabs/line breaks (collected as ``\\t``) become a space between Latin letters/digits, else nothing."""

    def repl(m: re.Match[str]) -> str:
        s = m.string
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[m.end()] if m.end() < len(s) else ""
        latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return " " if latin else ""

    return _SPACE_RUN.sub(repl, text)
