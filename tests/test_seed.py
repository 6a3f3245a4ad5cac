"""Acceptance on the real published report in ../shared/seed (skipped where it is absent)."""

from __future__ import annotations

from conftest import SEED, needs_seed
from reportlint.api import Settings, lint_file, outline_file


@needs_seed
def test_seed_parts_year_period_and_fz002():
    res = lint_file(str(SEED), Settings())
    assert res.error is None
    assert res.pack == "fazhi"
    assert res.year == 2021
    assert {p.id: p.found for p in res.parts} == {
        "measures": True,
        "shortcomings": True,
        "principal": True,
        "plan": True,
        "other": False,
    }
    codes = [f.code for f in res.findings]
    assert "FZ002" in codes
    assert "FZ006" not in codes  # the period statement matches 2021
    assert "FZ005" not in codes
    errors = [(f.code, f.message, f.excerpt) for f in res.findings if f.severity == "error"]
    assert errors == []


@needs_seed
def test_seed_outline():
    doc, out = outline_file(str(SEED))
    assert out.cover is not None and out.cover.kind == "报告"
    assert out.cover.doc_number is not None and out.cover.signer is not None
    assert out.cover.attachment_note is not None and out.cover.date is not None
    assert out.attachment_label is not None
    tops = [s.heading.number for s in out.top_sections() if s.heading]
    assert tops == [1, 2, 3, 4]
    first = out.top_sections()[0]
    assert [c.heading.number for c in first.children if c.heading] == list(range(1, 11))
    assert "9 paragraph(s) rejoined across page breaks" in doc.notes
