"""Record, then compare, reportlint's output on every report under examples/ and tests/fixtures.

Speed work must not change a byte of output. Run this once before a change (``record``) and after it
(``compare``); ``compare`` exits 1 and shows the first differing lines when anything moved.

    uv run python benchmarks/compare_outputs.py record /tmp/rl-before
    ... change things ...
    uv run python benchmarks/compare_outputs.py compare /tmp/rl-before

Each file is checked in a fresh process (as a user runs it) with ``--format json``, ``--format text
--no-color`` and ``outline``; the exit status is recorded too. Paths are passed relative to the repository
root, so the recording is comparable between worktrees.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".docx", ".pdf", ".txt", ".md"}
EXE = [sys.executable, "-m", "reportlint"]


def inputs() -> list[str]:
    out = []
    for top in ("examples", "tests/fixtures"):
        for p in sorted((ROOT / top).rglob("*")):
            if p.is_file() and p.suffix.lower() in SUFFIXES and p.name.lower() != "readme.md":
                out.append(str(p.relative_to(ROOT)))
    return out


COMMANDS: dict[str, list[str]] = {
    "json": ["check", "--format", "json"],
    "text": ["check", "--format", "text", "--no-color"],
    "outline": ["outline"],
}


def run_one(rel: str, kind: str) -> str:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    proc = subprocess.run([*EXE, *COMMANDS[kind], rel], cwd=ROOT, capture_output=True, check=False, env=env)
    return (
        f"exit {proc.returncode}\n--- stdout\n{proc.stdout.decode('utf-8', 'replace')}"
        f"--- stderr\n{proc.stderr.decode('utf-8', 'replace')}"
    )


def record_all() -> dict[str, str]:
    jobs = [(rel, kind) for rel in inputs() for kind in COMMANDS]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        outs = list(ex.map(lambda j: run_one(*j), jobs))
    return {f"{rel.replace('/', '__')}.{kind}": out for (rel, kind), out in zip(jobs, outs, strict=True)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["record", "compare"])
    ap.add_argument("directory")
    args = ap.parse_args()
    target = Path(args.directory)
    now = record_all()
    if args.mode == "record":
        target.mkdir(parents=True, exist_ok=True)
        for name, text in now.items():
            (target / name).write_text(text, encoding="utf-8")
        print(f"recorded {len(now)} outputs in {target}")
        return
    before = {p.name: p.read_text(encoding="utf-8") for p in target.iterdir()}
    bad = 0
    for name in sorted(set(before) | set(now)):
        a, b = before.get(name), now.get(name)
        if a == b:
            continue
        bad += 1
        print(f"DIFFERS: {name}")
        diff = difflib.unified_diff(
            (a or "").splitlines(), (b or "").splitlines(), "before", "after", lineterm=""
        )
        for line in list(diff)[:20]:
            print("   ", line)
    print(f"{len(now)} outputs compared, {bad} differ")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
