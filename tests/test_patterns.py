"""Shared patterns are written once, in reportlint.patterns (issue 13)."""

from __future__ import annotations

from pathlib import Path

from reportlint import patterns

SRC = Path(patterns.__file__).resolve().parent


def _sources() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if p.name != "patterns.py"]


def test_the_signer_pattern_is_written_only_in_patterns():
    written = [p for p in _sources() if r"签\s*发\s*人" in p.read_text(encoding="utf-8")]
    assert written == [], f"use reportlint.patterns.SIGNER*_RE instead of a copy in {written}"


def test_the_heading_number_patterns_are_the_textutil_ones():
    from reportlint import textutil

    assert textutil.HEADING_PATTERNS is patterns.HEADING_PATTERNS
    assert [lvl for lvl, _ in patterns.HEADING_PATTERNS] == [1, 2, 3, 4]


def test_signer_and_date_patterns_match_what_drafters_write():
    assert patterns.SIGNER_LINE_RE.match("签 发 人：王某某")
    assert patterns.SIGNER_LABEL_RE.search("某人社〔2024〕3号　签发人:李某")
    m = patterns.SIGNER_VALUE_RE.search("签发人：")
    assert m is not None and m.group(1) == ""
    assert patterns.DATE_LINE_RE.match("二〇二四年三月五日")
    assert patterns.DATE_LINE_RE.match(" 2024年3月15日 ")
    assert not patterns.DATE_LINE_RE.match("2024年3月15日召开会议")
    assert patterns.DATE_YMD_RE.search("于2024年3月15日印发").groups() == ("2024", "3", "15")


def test_lazy_compile_acts_as_the_compiled_pattern():
    import re

    from reportlint.textutil import lazy_compile

    lazy = lazy_compile(r"(?P<n>\d+)\s*件", re.I)
    eager = re.compile(r"(?P<n>\d+)\s*件", re.I)
    text = "收到申请 12 件，办结 3件"
    assert lazy.pattern == eager.pattern and lazy.flags == eager.flags and lazy.groupindex == eager.groupindex
    m = lazy.search(text)
    assert m is not None and m.group("n") == "12"
    assert [x.group(0) for x in lazy.finditer(text)] == [x.group(0) for x in eager.finditer(text)]
    assert lazy.sub("#", text) == eager.sub("#", text)
    assert lazy.match(text) is None and lazy.fullmatch("7件") is not None
    assert lazy.findall(text) == eager.findall(text) and lazy.split(text) == eager.split(text)
    assert "search" in vars(lazy)  # compiled once: later calls go straight to the compiled pattern's methods
