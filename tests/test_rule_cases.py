"""Run every rule's pass/fail cases from tests/cases/<CODE>.yaml (sqlfluff-style).

A case file::

    rule: DT001
    cases:
      - name: february-30
        text: "…2021年2月30日…"
        expect:                # every finding of the rule, by the text it flags (order-insensitive)
          - 2月30日
      - name: valid-date
        text: "…"
        expect: []

Optional per case: ``pack``, ``profile``, ``select`` (defaults to the case's rule), ``suffix`` (.txt/.md),
``severity`` (the expected severity of every finding), ``previous`` (the text of last year's report, for GK008). A document-level finding (no span) is named by
its key: the part id for FZ001, the rule code for a missing required pattern.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportlint.api import PreviousReport

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict]]:
    out = []
    for f in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((data["rule"], case))
    return out


ALL = _load()


def _flagged(f) -> str:
    if f.span:
        return f.excerpt[f.span[0] : f.span[1]]
    return f.key


@pytest.mark.parametrize(("code", "case"), ALL, ids=[f"{c}-{k['name']}" for c, k in ALL])
def test_case(code, case, lint_text, tmp_path):
    previous = None
    if "previous" in case:  # last year's report (GK008), as a file next to this one
        prev = tmp_path / f"previous{case.get('suffix', '.txt')}"
        prev.write_text(case["previous"], encoding="utf-8")
        previous = PreviousReport(str(prev))
    res = lint_text(
        case["text"],
        select=case.get("select", [code]),
        suffix=case.get("suffix", ".txt"),
        pack=case.get("pack"),
        profile=case.get("profile"),
        previous=previous,
    )
    assert res.error is None, res.error
    got = sorted(_flagged(f) for f in res.findings if f.code == code)
    want = sorted(case.get("expect") or [])
    assert got == want, [(f.code, f.message, _flagged(f)) for f in res.findings]
    if "severity" in case:
        assert all(f.severity == case["severity"] for f in res.findings if f.code == code)
