"""The text format writes plain lines itself when rich would not style them: the same bytes as rich."""

from __future__ import annotations

import io
import random

import pytest

from reportlint.formatters.text import Line, Printer

TRICKY = [
    "",
    " ",
    "   trailing spaces   ",
    "法治政府建设年度报告",
    "全角　空格与标点：，。；（）【】",
    "a\rb",
    "bell\x07 backspace\x08 vt\x0b ff\x0c",
    "esc \x1b[31m not stripped",
    "nul \x00 and del \x7f",
    "two\nlines",
    "ends with newline\n",
    "\n",
    "tab\tin\tthe middle",
    "[bold]not markup[/bold] :smile: http://example.org",
    "x" * 300,
    "长" * 200,
    "combining e\u0301 and emoji \U0001f600 and zero width \u200b",
    "\u2028line separator\u2029",
]


def _both(lines: list[Line | None], width: int | None = None) -> tuple[str, str]:
    out: list[str] = []
    for force_rich in (False, True):
        buf = io.StringIO()
        p = Printer(buf, None, width)
        assert p.plain
        if force_rich:
            p.plain = False
        for line in lines:
            p.print(line)
        out.append(buf.getvalue())
    return out[0], out[1]


@pytest.mark.parametrize("text", TRICKY)
def test_plain_line_is_what_rich_prints(text):
    line = Line(text, style="dim")
    line.append(text, style="bold reverse")
    line.append(text)
    for width in (None, 30):  # rich does not wrap what it prints to a file, whatever the width
        plain, rich = _both([line, Line(text), None], width)
        assert plain == rich


def test_random_lines_are_what_rich_prints():
    rng = random.Random(13)
    alphabet = "ab 法治，。\n\r\x07\x0c\x1b\u3000[]/:" + "".join(chr(c) for c in range(0x20, 0x7F))
    lines: list[Line | None] = []
    for _ in range(300):
        if rng.random() < 0.1:
            lines.append(None)
            continue
        line = Line("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))), style="dim")
        for _ in range(rng.randrange(0, 4)):
            line.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 150))), "green")
        lines.append(line)
    plain, rich = _both(lines)
    assert plain == rich
