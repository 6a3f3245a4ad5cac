"""docs/rules.md is generated from the rule metadata; fail when the committed copy is stale."""

from __future__ import annotations

import json
from pathlib import Path

from ci_helpers import cli
from reportlint.formatters.ruledocs import all_rules, rules_document

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_committed_rule_docs_are_current():
    assert DOCS.exists(), "docs/rules.md is missing: run `uv run python scripts/gen_rule_docs.py`"
    assert DOCS.read_text(encoding="utf-8") == rules_document(), (
        "docs/rules.md is stale: run `uv run python scripts/gen_rule_docs.py` and commit it"
    )


def test_rule_docs_cover_every_rule():
    text = rules_document()
    for r in all_rules():
        assert f"## {r.code} `{r.name}`" in text
        assert f'<a id="{r.code.lower()}"></a>' in text


def test_rules_and_explain_commands():
    res = cli("rules", "--json")
    data = json.loads(res.stdout)
    assert {d["code"] for d in data} == {r.code for r in all_rules()}
    assert set(data[0]) >= {"code", "name", "severity", "origin", "summary"}
    assert "help_uri" not in data[0]  # no repository URL is declared in pyproject, and no docs site exists
    assert cli("explain", "DT001").stdout.startswith("## DT001 `invalid-date`")
    assert cli("explain", "ZZ001").exit_code == 2
