"""Baselines: record today's findings, hide them tomorrow, so a repository can adopt reportlint gradually.

A baseline is a JSON file (``--write-baseline FILE``)::

    {
      "reportlint_baseline": 1,
      "files": {
        "reports/2021.docx": [
          {"fingerprint": "3f1c…", "code": "FZ004", "message": "…"}
        ]
      }
    }

Paths are relative to the baseline file's directory (POSIX separators), so the file can be committed and used
from any working directory. A finding is hidden when its file has an entry with the same fingerprint (each
entry hides one finding). Fingerprints leave out paragraph, page and line numbers (see
:func:`reportlint.findings.make_fingerprint`), so editing elsewhere in a report keeps them. Entries of linted
files that no longer match anything are *stale* and are listed on request (``--show-stale``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec

from reportlint.errors import PackError
from reportlint.findings import BaselineEntry, RunResult

BASELINE_VERSION = 1


class BaselineError(PackError):
    """The baseline file cannot be read or is not a reportlint baseline (exit 2)."""


class Baseline(msgspec.Struct):
    path: Path
    entries: dict[str, list[BaselineEntry]] = msgspec.field(default_factory=dict)
    """Path key (relative to the baseline's directory) -> accepted findings."""

    @property
    def root(self) -> Path:
        return self.path.resolve().parent


def path_key(path: str, root: Path) -> str:
    """The key a linted path has in a baseline stored in ``root``."""
    p = Path(path).resolve()
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(p, root)).as_posix()


def make_baseline(run: RunResult, path: str | os.PathLike[str]) -> Baseline:
    """A baseline holding every finding of ``run`` (unreadable files contribute nothing)."""
    b = Baseline(Path(path))
    for r in run.files:
        if r.error is not None:
            continue
        key = path_key(r.path, b.root)
        b.entries[key] = [BaselineEntry(key, f.fingerprint, f.code, f.message) for f in r.findings]
    return b


def dump_baseline(b: Baseline) -> str:
    files: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(b.entries):
        entries = sorted(b.entries[key], key=lambda e: (e.code, e.fingerprint))
        files[key] = [{"fingerprint": e.fingerprint, "code": e.code, "message": e.message} for e in entries]
    doc = {"reportlint_baseline": BASELINE_VERSION, "files": files}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_baseline(run: RunResult, path: str | os.PathLike[str]) -> Baseline:
    """Write the baseline for ``run`` atomically; returns it."""
    from reportlint.output import atomic_write

    b = make_baseline(run, path)
    atomic_write(Path(path), dump_baseline(b))
    return b


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"--baseline: no such file {str(p)!r} (create it with --write-baseline)"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"{p}: not a readable baseline file ({exc})") from None
    if not isinstance(data, dict) or data.get("reportlint_baseline") != BASELINE_VERSION:
        raise BaselineError(
            f"{p}: reportlint_baseline: expected {BASELINE_VERSION} (not a reportlint baseline)"
        )
    files = data.get("files")
    if not isinstance(files, dict):
        raise BaselineError(f"{p}: files: expected an object of path -> entries")
    b = Baseline(p)
    for key, entries in files.items():
        if not isinstance(entries, list):
            raise BaselineError(f"{p}: files.{key}: expected a list of entries")
        out = []
        for i, e in enumerate(entries):
            if not (isinstance(e, dict) and isinstance(e.get("fingerprint"), str)):
                raise BaselineError(f"{p}: files.{key}[{i}].fingerprint: expected a string")
            out.append(
                BaselineEntry(key, e["fingerprint"], str(e.get("code", "")), str(e.get("message", "")))
            )
        b.entries[key] = out
    return b


def apply_baseline(run: RunResult, b: Baseline, *, show_stale: bool = False) -> None:
    """Hide the findings ``b`` records (in place); count them per file; collect stale entries if asked."""
    run.baseline = str(b.path)
    stale: list[BaselineEntry] = []
    for r in run.files:
        key = path_key(r.path, b.root)
        entries = b.entries.get(key, [])
        if r.error is not None:
            continue  # an unreadable file says nothing about which findings are gone
        budget = Counter(e.fingerprint for e in entries)
        kept = []
        for f in r.findings:
            if budget[f.fingerprint] > 0:
                budget[f.fingerprint] -= 1
                r.baselined += 1
            else:
                kept.append(f)
        r.findings = kept
        if show_stale:
            for e in entries:
                if budget[e.fingerprint] > 0:
                    budget[e.fingerprint] -= 1
                    stale.append(BaselineEntry(r.path, e.fingerprint, e.code, e.message))
    run.stale = stale if show_stale else None


__all__ = [
    "Baseline",
    "BaselineError",
    "apply_baseline",
    "dump_baseline",
    "load_baseline",
    "make_baseline",
    "path_key",
    "write_baseline",
]
