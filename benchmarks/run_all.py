"""The whole speed table of GitHub issue 9, from a clean checkout.

Usage (from the repository root):

    uv run python benchmarks/run_all.py [--runs 7] [--quick]

Every input is generated into a temporary directory from ``examples/src/clean.yaml`` with the example
renderer (``scripts/make_examples.py``: plain text, python-docx, reportlab), so no large file is committed:

- the "15-page report": the clean example with the subsections of its part 一 written out twice
  (renumbered), 15 A4 pages in the reportlab PDF;
- 4× and 16× versions (part 一 repeated until the text is 4 and 16 times as long) for the scaling rows;
- a ~600-page PDF for the memory row;
- a batch of 200 .docx/.pdf reports (the committed examples, copied round-robin).

Each command runs as a fresh process (what a drafter or a CI step pays), ``--runs`` times after one warm-up
run; the table gives the median. Peak RSS is ``ru_maxrss`` of the largest process of the run (the CLI
process or one of its workers), read with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small wrapper
process. ``PYTHONDONTWRITEBYTECODE`` is removed from the children's environment: an installed package has
its bytecode cached (pip compiles at install, Python on first import), and without it every run would
recompile the whole import graph (about 300 ms more on the machine below).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXE = [sys.executable, "-m", "reportlint"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

WRAP = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
dt = time.perf_counter() - t0
print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)
"""


def _examples() -> Any:
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "scripts" / "make_examples.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_examples"] = mod
    spec.loader.exec_module(mod)
    return mod


_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十, 105 → 一百零五 (heading numbers)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = (
        ""
        if rest == 0
        else ("零" + _DIGITS[rest] if rest < 10 else ("一" if rest < 20 else "") + zh_number(rest))
    )
    return _DIGITS[n // 100] + "百" + tail


def scaled_report(mk: Any, copies: int) -> Any:
    """The clean example with the subsections of part 一 repeated ``copies`` times (renumbered)."""
    report = mk.load(ROOT / "examples" / "src" / "clean.yaml")
    blocks = report.blocks
    h1 = [i for i, b in enumerate(blocks) if b.kind == "h1"]
    first_h2 = next(i for i in range(h1[0], h1[1]) if blocks[i].kind == "h2")
    body = blocks[first_h2 : h1[1]]
    out = blocks[:first_h2]
    n = 0
    for _ in range(copies):
        for b in body:
            b = copy.deepcopy(b)
            if b.kind == "h2":
                n += 1
                b.number = f"（{zh_number(n)}）"
            out.append(b)
    report.blocks = out + blocks[h1[1] :]
    report.name = f"report-{copies}"
    return report


def make_inputs(tmp: Path, *, quick: bool) -> dict[str, Path]:
    mk = _examples()
    files: dict[str, Path] = {}
    base = 2  # 2 copies of part 一's subsections: 15 pages in the reportlab PDF
    one = len(mk.to_txt(scaled_report(mk, base)))
    per_copy = len(mk.to_txt(scaled_report(mk, base + 1))) - one
    for mult in (1, 4, 16):
        # as many copies as make the text `mult` times as long as the 1× report (the cover and the other
        # parts are written once)
        copies = base + round((mult - 1) * one / per_copy)
        report = scaled_report(mk, copies)
        for ext in ("txt", "docx", "pdf"):
            target = tmp / f"report-{mult}x.{ext}"
            if ext == "txt":
                target.write_text(mk.to_txt(report), encoding="utf-8")
            elif ext == "docx":
                target.write_bytes(mk.DocxWriter(report, "styles").build())
            else:
                target.write_bytes(mk.to_pdf(report))
            files[f"{mult}x.{ext}"] = target
    big = scaled_report(mk, 20 if quick else 120)
    files["big.pdf"] = tmp / "big.pdf"
    files["big.pdf"].write_bytes(mk.to_pdf(big))
    batch = tmp / "batch"
    batch.mkdir()
    pool = sorted(
        p
        for p in [*(ROOT / "examples").glob("*"), *(ROOT / "examples" / "gk").glob("*")]
        if p.suffix in (".docx", ".pdf")
    )
    for i in range(200):
        src = pool[i % len(pool)]
        shutil.copyfile(src, batch / f"{i:03d}-{src.name}")
    files["batch"] = batch
    return files


def pdf_pages(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def n_chars(path: Path) -> int:
    """Characters of text reportlint reads from the file."""
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.readers import read_document

    doc = read_document(str(path))
    return sum(len(p.text) for p in doc.paragraphs)


def measure(cmd: list[str]) -> tuple[float, int, int]:
    out = subprocess.run(
        [sys.executable, "-c", WRAP, *cmd], cwd=ROOT, env=ENV, capture_output=True, text=True, check=True
    )
    t, rss, rc = out.stdout.split()
    return float(t), int(rss), int(rc)


def timed(cmd: list[str], runs: int) -> tuple[float, float, int]:
    """(median seconds, fastest, peak RSS in KiB over the runs)."""
    measure(cmd)
    samples, peaks = [], []
    for _ in range(runs):
        t, rss, _rc = measure(cmd)
        samples.append(t)
        peaks.append(rss)
    return statistics.median(samples), min(samples), max(peaks)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--batch-runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="a smaller big PDF (for trying the script)")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    args = ap.parse_args()
    rows: list[tuple[str, str, str, str]] = []
    raw: dict[str, Any] = {}

    def row(label: str, value: str, target: str, ok: bool | None, note: str = "") -> None:
        mark = "" if ok is None else ("✓" if ok else "✗")
        rows.append((label, value, f"{target} {mark}".strip(), note))

    with tempfile.TemporaryDirectory(prefix="rl-bench-") as t:
        tmp = Path(t)
        t0 = time.perf_counter()
        files = make_inputs(tmp, quick=args.quick)
        print(f"inputs generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        size = {k: n_chars(v) for k, v in files.items() if k != "batch" and k != "big.pdf"}
        pages = {k: pdf_pages(v) for k, v in files.items() if k.endswith(".pdf")}

        med, _, rss = timed([*EXE, "--version"], args.runs)
        raw["version"] = med
        row("`reportlint --version`", f"{med * 1000:.0f} ms", "≤ 120 ms", med <= 0.120)

        limits = {"txt": 0.300, "docx": 0.400, "pdf": 0.600}
        per: dict[str, dict[int, float]] = {}
        for ext in ("txt", "docx", "pdf"):
            per[ext] = {}
            for mult in (1, 4, 16):
                f = files[f"{mult}x.{ext}"]
                med, _, rss = timed(
                    [*EXE, "check", str(f)], args.runs if mult < 16 else max(3, args.runs // 2)
                )
                per[ext][mult] = med
                raw[f"check {mult}x.{ext}"] = {"s": med, "rss_kib": rss, "chars": size[f"{mult}x.{ext}"]}
                what = f"{size[f'{mult}x.{ext}']:,} chars" + (
                    f", {pages[f'{mult}x.{ext}']} pages" if ext == "pdf" else ""
                )
                if mult == 1:
                    lim = limits[ext]
                    row(
                        f"`check` 15-page .{ext} ({what})",
                        f"{med * 1000:.0f} ms",
                        f"≤ {lim * 1000:.0f} ms",
                        med <= lim,
                        f"peak RSS {rss / 1024:.0f} MB",
                    )
                else:
                    ratio = med / per[ext][1]
                    row(
                        f"`check` {mult}× .{ext} ({what})",
                        f"{med * 1000:.0f} ms ({ratio:.1f}× the 1×)",
                        f"≤ {mult}×",
                        ratio <= mult,
                        f"peak RSS {rss / 1024:.0f} MB",
                    )

        batch = str(files["batch"])
        out = {}
        for jobs in (1, 2):
            med, _, rss = timed(
                [*EXE, "check", "--format", "json", "--jobs", str(jobs), batch], args.batch_runs
            )
            out[jobs] = (med, rss)
            raw[f"batch jobs{jobs}"] = {"s": med, "rss_kib": rss}
            row(
                f"batch of 200 .docx/.pdf, `--jobs {jobs}`",
                f"{med:.2f} s ({200 / med:.1f} files/s)",
                "",
                None,
                f"peak RSS of the largest process {rss / 1024:.0f} MB",
            )
        ratio = out[1][0] / out[2][0]
        raw["batch ratio"] = ratio
        row("batch throughput `--jobs 2` / `--jobs 1`", f"{ratio:.2f}×", "≥ 1.7×", ratio >= 1.7)
        peak = max(out[1][1], out[2][1])
        row("peak RSS per worker (batch)", f"{peak / 1024:.0f} MB", "≤ 200 MB", peak / 1024 <= 200)

        big = files["big.pdf"]
        med, _, rss_big = timed([*EXE, "check", "--format", "json", str(big)], 1)
        _, _, rss_16 = timed([*EXE, "check", "--format", "json", str(files["16x.pdf"])], 1)
        raw["big pdf"] = {"s": med, "rss_kib": rss_big, "pages": pages["big.pdf"], "rss_16x_kib": rss_16}
        row(
            f"{pages['big.pdf']}-page PDF",
            f"{med:.1f} s, peak RSS {rss_big / 1024:.0f} MB",
            "≤ 200 MB",
            rss_big / 1024 <= 200,
            f"{pages['16x.pdf']}-page PDF: {rss_16 / 1024:.0f} MB",
        )

    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs "
        f"({_cpu_model()}), {_mem_gb():.0f} GB RAM, Python {platform.python_version()}"
    )
    print(
        f"command: uv run python benchmarks/run_all.py --runs {args.runs}; median of the runs after one warm-up\n"
    )
    print("| measurement | result | target | notes |")
    print("|---|---:|---|---|")
    for label, value, target, note in rows:
        print(f"| {label} | {value} | {target} | {note} |")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _mem_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    main()
