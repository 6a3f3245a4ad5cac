"""Shared test helpers: lint a text as if it were a .txt report, find the shared corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["REPORTLINT_STRICT"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((d / "shared" for d in ROOT.parents if (d / "shared").is_dir()), ROOT.parent / "shared")
SEED = SHARED / "seed" / "pudong-hrss-2021-fazhi-report.txt"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def lint_text(tmp_path: Path):
    """lint_text(text, select=None, **settings) -> FileResult, through the real text reader."""
    from reportlint.api import Settings, lint_file

    def run(text: str, select: list[str] | None = None, suffix: str = ".txt", **kw):
        p = tmp_path / f"report{suffix}"
        p.write_text(text, encoding="utf-8")
        return lint_file(str(p), Settings(select=select or [], **kw))

    return run


needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present")
