"""The HD/PN/ST/GW checks give the same findings on the .txt, .docx and .pdf renderings of one report.

The .docx and .pdf fixtures are generated from the .txt by ``tests/fixtures/style/make_fixtures.py`` and
committed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.api import Settings, lint_file

STYLE = Path(__file__).parent / "fixtures" / "style"
FAMILIES = ["HD", "PN", "ST", "GW"]

EXPECTED = {
    ("GW001", "云市监[2024]7号"),
    ("GW004", "云溪县市场监督管理局办公室2024年1月26日印发"),
    ("PN003", "2021-2025"),
    ("HD003", "四是"),
    ("HD004", "1、"),
    ("ST002", "截止"),
    ("ST003", "累计共"),
    ("PN001", "(含简易程序案卷15卷)"),
    ("PN005", "《纲要》、《四川省法治政府建设规划》"),
    ("PN004", "and"),
    ("HD001", "四、"),
    ("ST002", "布署"),
}


def _found(path: Path) -> set[tuple[str, str]]:
    res = lint_file(str(path), Settings(select=FAMILIES))
    if res.error is not None:
        pytest.fail(f"{path.name}: {res.error}")
    out = set()
    for f in res.findings:
        text = f.excerpt[f.span[0] : f.span[1]] if f.span else f.key
        out.add((f.code, re.sub(r"\s+", "", text or "")))
    return out


def test_text_rendering():
    assert _found(STYLE / "style-report.txt") == EXPECTED


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_same_findings_as_text(suffix):
    assert _found(STYLE / f"style-report{suffix}") == EXPECTED
