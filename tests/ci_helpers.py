"""Helpers for the CI-interface tests: the fictional fixture reports and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from reportlint.cli import app

_ROOT = Path(__file__).resolve().parent.parent
SHARED = next(
    (d for d in (_ROOT.parent / "shared", _ROOT.parent.parent / "shared") if d.is_dir()), _ROOT / "shared"
)
"""The shared read-only material (beside the repository, or beside the worktrees' directory)."""
CI_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ci"
REPORT_TXT = CI_FIXTURES / "yunxi-2023.txt"
REPORT_MD = CI_FIXTURES / "yunxi-2023.md"


def copy_fixtures(dest: Path) -> list[Path]:
    out = []
    for src in (REPORT_TXT, REPORT_MD):
        target = dest / src.name
        shutil.copyfile(src, target)
        out.append(target)
    return out


def cli(*args: str):
    """Run the CLI in-process; returns the click Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False)
