"""The NUM findings do not depend on the format: the same report as .txt, .docx and .pdf gives the same ones.

The .docx and .pdf are rendered from the .txt by ``scripts/make_num_fixtures.py`` (python-docx, LibreOffice) and
committed.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES
from reportlint.api import Settings, lint_file

FIX = FIXTURES / "num"


def _findings(name: str) -> list[tuple[str, str, str | None]]:
    res = lint_file(str(FIX / name), Settings(select=["NUM"]))
    assert res.error is None, res.error
    out = []
    for f in res.findings:
        flagged = f.excerpt[f.span[0] : f.span[1]] if f.span else ""
        out.append((f.code, re.sub(r"\s+", "", flagged), f.evidence))
    return sorted(out)


def test_txt_has_one_finding_per_rule():
    got = _findings("num-report.txt")
    assert [c for c, _, _ in got] == [f"NUM00{i}" for i in range(1, 8)]
    assert ("NUM001", "45件", "18 + 30 = 48 > 45") in got
    assert ("NUM004", "100%", "35 / 37 = 94.6% ≠ 100%") in got


@pytest.mark.parametrize("name", ["num-report.docx", "num-report.pdf"])
def test_same_findings_in_other_formats(name):
    assert _findings(name) == _findings("num-report.txt")
