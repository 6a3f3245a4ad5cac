"""Every rule has complete docs and its own pass and fail cases; codes and names follow the conventions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportlint.formatters.ruledocs import all_rules

CASES_DIR = Path(__file__).parent / "cases"
RULES = list(all_rules())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_docs(rule):
    assert not rule.doc.missing(), f"{rule.code} lacks doc sections {rule.doc.missing()}"
    assert rule.summary.strip()


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_cases(rule):
    path = CASES_DIR / f"{rule.code}.yaml"
    assert path.exists(), f"{rule.code} has no tests/cases/{rule.code}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["rule"] == rule.code
    cases = data["cases"]
    assert any(c.get("expect") for c in cases), f"{rule.code} has no failing case"
    assert any(not c.get("expect") for c in cases), f"{rule.code} has no passing case"


def test_codes_unique_and_names_kebab():
    names = [(r.family, r.name) for r in RULES]
    assert len(names) == len(set(names))
