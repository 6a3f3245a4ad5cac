"""Precision audit: four clean reports, written as a careful drafter would, give no warning or error.

tests/fixtures/precision/ holds three 法治政府建设年度报告 (a 市人民政府 report with a 前言 and four heading
levels, a 司法局 report with run-in headings, 一是/二是 runs, 〔〕 document numbers, acronyms, times, URLs and
ranges, a department report with unusually worded parts and the principal's part first) and one 政府信息公开
工作年度报告 with pipe tables, each rendered by make.py to .docx and (through LibreOffice) .pdf. Every rendering
must be free of warnings and errors and give the same findings (code and flagged text) as its source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.api import Settings, lint_file
from reportlint.findings import FileResult, Finding

HERE = Path(__file__).resolve().parent / "fixtures" / "precision"
SOURCES = ["city-gov.txt", "sfj.txt", "dept.txt", "gk-county-edu.md"]
RENDERINGS = [Path(s).stem + ext for s in SOURCES for ext in (".docx", ".pdf")]


def _lint(name: str) -> FileResult:
    res = lint_file(str(HERE / name), Settings())
    assert res.error is None, res.error
    return res


def _flagged(f: Finding) -> tuple[str, str]:
    return (f.code, f.excerpt[f.span[0] : f.span[1]] if f.span else f.key)


def test_every_source_has_its_renderings() -> None:
    for name in SOURCES:
        stem = Path(name).stem
        for ext in (".docx", ".pdf"):
            assert (HERE / f"{stem}{ext}").is_file(), f"{stem}{ext}: run tests/fixtures/precision/make.py"


@pytest.mark.parametrize("name", SOURCES + RENDERINGS)
def test_clean_report_has_no_warning_or_error(name: str) -> None:
    res = _lint(name)
    bad = [(f.code, f.severity, f.message) for f in res.findings if f.severity in ("warning", "error")]
    assert bad == []


@pytest.mark.parametrize("name", SOURCES)
def test_the_required_parts_are_found(name: str) -> None:
    res = _lint(name)
    assert res.pack == ("gk" if name.endswith(".md") else "fazhi")
    assert not [f for f in res.findings if f.code in ("FZ001", "GK001")]


@pytest.mark.parametrize("name", SOURCES)
@pytest.mark.parametrize("ext", [".docx", ".pdf"])
def test_renderings_give_the_findings_of_the_source(name: str, ext: str) -> None:
    want = sorted(_flagged(f) for f in _lint(name).findings)
    got = sorted(_flagged(f) for f in _lint(Path(name).stem + ext).findings)
    assert got == want
