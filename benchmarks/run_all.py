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
run; the table gives the median wall time and the CPU time of the run's processes. Before each sample the
script waits for an idle machine and retakes samples that other processes disturbed (see ``measure``). Peak RSS is ``ru_maxrss`` of the largest process of the run (the CLI
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
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(dt, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode)
"""

QUIET = {"waited": 0.0, "noisy": 0}


def _cpu_times() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields[:8]) - idle, sum(fields[:8])


WAIT = {"limit": 30.0}


def wait_quiet(limit: float | None = None) -> None:
    """Wait (up to ``limit`` s) until the machine's CPUs are at least 85 % idle over half a second.

    The machine may be shared (other processes, other jobs on the host): a sample taken while something else
    runs measures the neighbour. Samples that had to go ahead anyway are counted in the table's footer.
    """
    if not Path("/proc/stat").exists():
        return
    limit = WAIT["limit"] if limit is None else limit
    t0 = time.monotonic()
    while True:
        b0, a0 = _cpu_times()
        time.sleep(0.4)
        b1, a1 = _cpu_times()
        busy = (b1 - b0) / max(1, a1 - a0)
        if busy < 0.15:
            break
        if time.monotonic() - t0 > limit:
            QUIET["noisy"] += 1
            break
    QUIET["waited"] += time.monotonic() - t0


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


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def measure(
    cmd: list[str], retries: int = 3, env: dict[str, str] | None = None
) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds of the run's processes, peak RSS in KiB of the largest one, exit status).

    A sample during which other processes used more than a fifth of a CPU on average is taken again (up to
    ``retries`` times): on a shared machine they take CPU time from the run's workers.
    """
    for attempt in range(retries + 1):
        wait_quiet()
        busy0, _ = _cpu_times()
        out = subprocess.run(
            [sys.executable, "-c", WRAP, *cmd],
            cwd=ROOT,
            env=env or ENV,
            capture_output=True,
            text=True,
            check=True,
        )
        busy1, _ = _cpu_times()
        t, cpu, rss, rc = out.stdout.split()
        others = (busy1 - busy0) / TICK - float(cpu) - 0.03  # minus the wrapper's own start-up
        if others <= 0.2 * float(t) or attempt == retries:
            if attempt == retries and others > 0.2 * float(t):
                QUIET["noisy"] += 1
            return float(t), float(cpu), int(rss), int(rc)
    raise AssertionError("unreachable")


def timed(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(median wall seconds, median CPU seconds, peak RSS in KiB over the runs), after one warm-up run."""
    measure(cmd, env=env)
    samples, cpus, peaks = [], [], []
    for _ in range(runs):
        t, cpu, rss, _rc = measure(cmd, env=env)
        samples.append(t)
        cpus.append(cpu)
        peaks.append(rss)
    return statistics.median(samples), statistics.median(cpus), max(peaks)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--batch-runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="a smaller big PDF (for trying the script)")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--only", choices=["single", "batch", "big", "startup"], help="run one part of the table")
    ap.add_argument("--before", help="--only startup: also measure this older tree (git archive), in turn")
    ap.add_argument(
        "--wait", type=float, default=30.0, help="seconds to wait for an idle machine before each sample"
    )
    args = ap.parse_args()
    WAIT["limit"] = args.wait
    rows: list[tuple[str, str, str, str]] = []
    raw: dict[str, Any] = {}

    def row(label: str, value: str, target: str, ok: bool | None, note: str = "") -> None:
        mark = "" if ok is None else ("✓" if ok else "✗")
        rows.append((label, value, f"{target} {mark}".strip(), note))

    LOAD.append(_loadavg())
    if args.only == "startup":
        with tempfile.TemporaryDirectory(prefix="rl-bench-") as t:
            run_startup(args, Path(t), row, raw)
        print_table(args, rows, raw)
        return
    with tempfile.TemporaryDirectory(prefix="rl-bench-") as t:
        tmp = Path(t)
        t0 = time.perf_counter()
        files = make_inputs(tmp, quick=args.quick)
        print(f"inputs generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        size = {k: n_chars(v) for k, v in files.items() if k != "batch" and k != "big.pdf"}
        pages = {k: pdf_pages(v) for k, v in files.items() if k.endswith(".pdf")}

        single, batch_part, big_part = (args.only in (None, x) for x in ("single", "batch", "big"))
        if single:
            run_single(args, files, size, pages, row, raw)
        if batch_part:
            run_batch(args, files, row, raw)
        if big_part:
            run_big(files, pages, row, raw)

    print_table(args, rows, raw)


def run_single(
    args: Any,
    files: dict[str, Path],
    size: dict[str, int],
    pages: dict[str, int],
    row: Any,
    raw: dict[str, Any],
) -> None:
    med, cpu, rss = timed([*EXE, "--version"], args.runs)
    raw["version"] = {"s": med, "cpu_s": cpu}
    row(
        "`reportlint --version`",
        f"{med * 1000:.0f} ms",
        "≤ 120 ms",
        med <= 0.120,
        f"CPU {cpu * 1000:.0f} ms",
    )

    # jieba (ST001 segments a sentence only when a bare 以下简称 short form needs a word boundary decided)
    base, _, _ = timed([sys.executable, "-c", "pass"], args.runs)
    seg = "from reportlint.facts.segment import cut; cut('区人社局全年办结行政复议案件47件')"
    med, cpu, rss = timed([sys.executable, "-c", seg], args.runs)
    raw["segmenter first use"] = {"s": med - base, "cpu_s": cpu, "rss_kib": rss}
    row(
        "jieba segmenter, first use in a process",
        f"{(med - base) * 1000:.0f} ms",
        "",
        None,
        f"paid only by runs with a bare short form to decide; peak RSS {rss / 1024:.0f} MB",
    )

    limits = {"txt": 0.300, "docx": 0.400, "pdf": 0.600}
    per: dict[str, dict[int, float]] = {}
    for ext in ("txt", "docx", "pdf"):
        per[ext] = {}
        for mult in (1, 4, 16):
            key = f"{mult}x.{ext}"
            runs = args.runs if mult < 16 else max(3, args.runs // 2)
            med, cpu, rss = timed([*EXE, "check", str(files[key])], runs)
            per[ext][mult] = med
            raw[f"check {key}"] = {"s": med, "cpu_s": cpu, "rss_kib": rss, "chars": size[key]}
            what = f"{size[key]:,} chars" + (f", {pages[key]} pages" if ext == "pdf" else "")
            note = f"CPU {cpu * 1000:.0f} ms, peak RSS {rss / 1024:.0f} MB"
            if mult == 1:
                lim = limits[ext]
                row(
                    f"`check` 15-page .{ext} ({what})",
                    f"{med * 1000:.0f} ms",
                    f"≤ {lim * 1000:.0f} ms",
                    med <= lim,
                    note,
                )
            else:
                ratio = med / per[ext][1]
                length = size[key] / size[f"1x.{ext}"]
                row(
                    f"`check` {mult}× .{ext} ({what}: {length:.1f}× the text)",
                    f"{med * 1000:.0f} ms ({ratio:.1f}× the 1×)",
                    f"≤ {length:.1f}×",
                    ratio <= length,
                    note,
                )

    # the per-file worker (fork) that --timeout needs, against running the file in-process
    med0, cpu0, _ = timed([*EXE, "check", "--timeout", "0", str(files["1x.txt"])], args.runs)
    raw["check 1x.txt --timeout 0"] = {"s": med0, "cpu_s": cpu0}
    row(
        "`check --timeout 0` 15-page .txt (in-process, no worker)",
        f"{med0 * 1000:.0f} ms",
        "",
        None,
        f"CPU {cpu0 * 1000:.0f} ms; with the default worker: {per['txt'][1] * 1000:.0f} ms",
    )
    empty = files["batch"].parent / "no-pycache"  # an empty bytecode cache that is never written to
    empty.mkdir(exist_ok=True)
    nobc, cpu_nobc, _ = timed(
        [*EXE, "check", str(files["1x.txt"])],
        args.runs,
        env={**ENV, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(empty)},
    )
    raw["check 1x.txt no bytecode"] = {"s": nobc, "cpu_s": cpu_nobc}
    row(
        "`check` 15-page .txt without any bytecode cache",
        f"{nobc * 1000:.0f} ms",
        "",
        None,
        "`PYTHONDONTWRITEBYTECODE=1` and an empty `PYTHONPYCACHEPREFIX`: every module compiled on each run",
    )


def run_startup(args: Any, tmp: Path, row: Any, raw: dict[str, Any]) -> None:
    """`check` on the 15-page .txt: CPU time (user+sys) of the run's processes, issue 13.

    Cases: ``PYTHONDONTWRITEBYTECODE=1`` with the caches that are on disk (what a machine that sets it pays:
    only what the installer compiled is there), run first so that it sees only what the install left; the
    bytecode cache as a normal run leaves it; no cache at all (an empty ``PYTHONPYCACHEPREFIX``, so even the
    standard library is compiled). ``--before SRC`` (a ``git archive`` of an older commit's tree) measures
    that tree's ``src`` too, with the same interpreter and environment, sample by sample in turn with this
    one, so that both see the same load.
    """
    mk = _examples()
    txt = tmp / "report-1x.txt"
    txt.write_text(mk.to_txt(scaled_report(mk, 2)), encoding="utf-8")
    empty = tmp / "no-pycache"
    empty.mkdir()
    cases = [
        ("PYTHONDONTWRITEBYTECODE=1 (caches as installed)", {**ENV, "PYTHONDONTWRITEBYTECODE": "1"}),
        ("with bytecode (written on first run)", ENV),
        (
            "no bytecode cache at all",
            {**ENV, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(empty)},
        ),
    ]
    trees: list[tuple[str, dict[str, str]]] = [("", {})]
    if args.before:
        trees.append((" [before]", {"PYTHONPATH": str(Path(args.before) / "src")}))
    for label, env in cases:
        samples: dict[str, list[tuple[float, float, int]]] = {tag: [] for tag, _ in trees}
        for _tag, extra in trees:  # one warm-up each
            measure([*EXE, "check", str(txt)], retries=0, env={**env, **extra})
        for _ in range(args.runs):
            for tag, extra in trees:
                # CPU time, not wall time, and the trees in turn: a busy machine is not waited out here
                t, cpu, rss, _rc = measure([*EXE, "check", str(txt)], retries=0, env={**env, **extra})
                samples[tag].append((t, cpu, rss))
        for tag, _ in trees:
            med = statistics.median(x[0] for x in samples[tag])
            cpu = statistics.median(x[1] for x in samples[tag])
            rss = max(x[2] for x in samples[tag])
            raw[f"startup {label}{tag}"] = {"s": med, "cpu_s": cpu, "rss_kib": rss}
            row(
                f"`check` 15-page .txt, {label}{tag}",
                f"CPU {cpu * 1000:.0f} ms",
                "",
                None,
                f"wall {med * 1000:.0f} ms, peak RSS {rss / 1024:.0f} MB",
            )


def run_batch(args: Any, files: dict[str, Path], row: Any, raw: dict[str, Any]) -> None:
    batch = str(files["batch"])
    out = {}
    for jobs in (1, 2):
        med, cpu, rss = timed(
            [*EXE, "check", "--format", "json", "--jobs", str(jobs), batch], args.batch_runs
        )
        out[jobs] = (med, rss)
        raw[f"batch jobs{jobs}"] = {"s": med, "cpu_s": cpu, "rss_kib": rss}
        row(
            f"batch of 200 .docx/.pdf, `--jobs {jobs}`",
            f"{med:.2f} s ({200 / med:.1f} files/s)",
            "",
            None,
            f"CPU {cpu:.1f} s; peak RSS of the largest process {rss / 1024:.0f} MB",
        )
    ratio = out[1][0] / out[2][0]
    raw["batch ratio"] = ratio
    row("batch throughput `--jobs 2` / `--jobs 1`", f"{ratio:.2f}×", "≥ 1.7×", ratio >= 1.7)
    peak = max(out[1][1], out[2][1])
    row("peak RSS per worker (batch)", f"{peak / 1024:.0f} MB", "≤ 200 MB", peak / 1024 <= 200)


def run_big(files: dict[str, Path], pages: dict[str, int], row: Any, raw: dict[str, Any]) -> None:
    big = files["big.pdf"]
    med, cpu, rss_big = timed([*EXE, "check", "--format", "json", str(big)], 1)
    _, _, rss_16 = timed([*EXE, "check", "--format", "json", str(files["16x.pdf"])], 1)
    _, _, rss_1 = timed([*EXE, "check", "--format", "json", str(files["1x.pdf"])], 1)
    raw["big pdf"] = {"s": med, "cpu_s": cpu, "rss_kib": rss_big, "pages": pages["big.pdf"]}
    row(
        f"{pages['big.pdf']}-page PDF (page cap 2000)",
        f"{med:.1f} s, peak RSS {rss_big / 1024:.0f} MB",
        "≤ 200 MB, flat",
        rss_big / 1024 <= 200,
        f"peak RSS at {pages['1x.pdf']} pages {rss_1 / 1024:.0f} MB, at {pages['16x.pdf']} pages "
        f"{rss_16 / 1024:.0f} MB",
    )


def print_table(args: Any, rows: list[tuple[str, str, str, str]], raw: dict[str, Any]) -> None:
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs "
        f"({_cpu_model()}), {_mem_gb():.0f} GB RAM, Python {platform.python_version()}"
    )
    print(
        f"command: uv run python benchmarks/run_all.py --runs {args.runs}; median of the runs after one warm-up\n"
    )
    print(
        f"load before/after: {LOAD[0]} / {_loadavg()}; waited {QUIET['waited']:.0f} s for an idle machine, "
        f"{QUIET['noisy']} sample(s) taken while other processes were busy\n"
    )
    print("| measurement | result | target | notes |")
    print("|---|---:|---|---|")
    for label, value, target, note in rows:
        print(f"| {label} | {value} | {target} | {note} |")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")


LOAD: list[str] = []


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


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
