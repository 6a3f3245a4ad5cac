"""The HD/PN/ST/GW checks on the shared seed report (a real 2021 report as extracted text).

What the seed is known to contain: half-width brackets and colon (PN001), a stray "and" (PN004), 截止 before a
date (ST002) and hyphenated 2021-2025 ranges (PN003); what it must not produce: unbalanced pairs, broken
heading or enumeration sequences, or 发文字号/签发人/附件说明 findings, since its cover letter is in order.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from reportlint.api import Settings, lint_file

_NAME = "shared/seed/pudong-hrss-2021-fazhi-report.txt"
# ../shared from the main checkout, ../../shared from a worktree under wt/
SEED = next(
    (p / _NAME for p in (ROOT.parent, ROOT.parent.parent) if (p / _NAME).exists()), ROOT.parent / _NAME
)

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not present")


@pytest.fixture(scope="module")
def findings():
    res = lint_file(str(SEED), Settings(select=["HD", "PN", "ST", "GW"]))
    assert res.error is None
    return res.findings


def flagged(f) -> str:
    return f.excerpt[f.span[0] : f.span[1]] if f.span else f.key


def of(findings, code: str) -> list[str]:
    return [flagged(f) for f in findings if f.code == code]


def test_half_width_brackets_and_colon(findings):
    got = of(findings, "PN001")
    assert "(医疗保障局)" in got
    assert any(
        re.fullmatch(r"附件\s*:", f.excerpt.strip()) and flagged(f) == ":"
        for f in findings
        if f.code == "PN001"
    )


def test_stray_and(findings):
    assert of(findings, "PN004") == ["and"]
    (f,) = [f for f in findings if f.code == "PN004"]
    assert "做好表率 and 督促" in f.excerpt


def test_jiezhi_before_date(findings):
    hits = [f for f in findings if f.code == "ST002" and flagged(f) == "截止"]
    assert any("截止12月31日" in f.excerpt for f in hits)
    assert all(f.suggestion == "截至" for f in hits)


def test_hyphenated_year_ranges(findings):
    got = [re.sub(r"\s+", "", t) for t in of(findings, "PN003")]
    assert got.count("2021-2025") == 2
    assert "2019-2021" in got


@pytest.mark.parametrize("code", ["PN002", "HD001", "HD003", "GW001", "GW002", "GW003"])
def test_no_false_alarms(findings, code):
    assert of(findings, code) == []
