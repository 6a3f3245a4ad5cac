"""Cold-process timings of the CLI: `reportlint --version` and `reportlint check` on the examples.

Usage (from the repository root):  uv run python benchmarks/bench.py [--runs 7] [--markdown]

Each command is run as a fresh process (what a drafter or a CI step pays), `--runs` times after one warm-up run
that fills the OS file cache; the table shows the median and the fastest run. Also measured: the cost of loading
jieba's default dictionary versus the project's domain dictionary, in a fresh process each.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = [sys.executable, "-m", "reportlint"]


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), min(samples)


def jieba_costs(runs: int) -> list[tuple[str, float, float]]:
    snippets = {
        "jieba default dictionary (first cut)": "import jieba; jieba.lcut('全年共办结行政复议案件47件')",
        "reportlint segmenter (first cut)": (
            "from reportlint.facts import segment; segment.cut('全年共办结行政复议案件47件')"
        ),
    }
    out = []
    for label, code in snippets.items():
        cmd = [sys.executable, "-c", code]
        probe = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        if probe.returncode != 0:
            continue
        med, best = timed(cmd, runs)
        base, _ = timed([sys.executable, "-c", "pass"], runs)
        out.append((label, med - base, best - base))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    rows: list[tuple[str, float, float]] = []
    rows.append(("reportlint --version", *timed([*EXE, "--version"], args.runs)))
    for name in ("clean.txt", "clean.docx", "clean.pdf"):
        f = ROOT / "examples" / name
        if f.exists():
            rows.append((f"reportlint check examples/{name}", *timed([*EXE, "check", str(f)], args.runs)))
    rows.extend(jieba_costs(args.runs))
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"runs per command: {args.runs} (after one warm-up)\n")
    print("| command | median | fastest |")
    print("|---|---:|---:|")
    for label, med, best in rows:
        print(f"| `{label}` | {med * 1000:.0f} ms | {best * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
