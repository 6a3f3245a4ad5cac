"""Run the whole robustness corpus (../shared/corpus/robustness) through reportlint and check its promise.

Usage (from the repository root):
    uv run python benchmarks/robustness.py [--corpus DIR] [--jobs 2] [--timeout 60] [--no-timing] [--list]

Every file must end as findings or as a one-line file-level error with a code from the JSON contract, within the
per-file timeout, with no traceback or library warning on stderr, and byte-identical afterwards. Two passes:

1. the real CLI: one `reportlint check --format json --jobs N --timeout T FILE…` process over the whole corpus
   (worker pool, killable workers, Python warnings turned on with PYTHONWARNINGS=default); its JSON is checked
   file by file and its stderr must be empty;
2. timing: `api.lint_paths(files, jobs=1, timeout=T)` - the same worker pool with one worker, so files run one
   after another and the time between two results is one file's time (reading, checking and the round trip to
   the worker). Skipped with --no-timing.

Prints files, read, file-level errors by code, crashes, timeouts, inputs unchanged, the slowest files; exits 1
when the promise is broken (a crash, a traceback or warning on stderr, a code outside the contract, a changed
input) and 2 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportlint.errors import FILE_ERROR_CODES  # noqa: E402

CRASH_MARKS = ("internal error", "the worker process crashed", "the result could not be passed back")
"""Messages of the ``unreadable`` errors that stand for a crash of reportlint, not for a bad file."""
NOISE_MARKS = ("Traceback", "Warning", "WARNING", "Error:", "Exception")


def find_corpus() -> Path | None:
    for d in (ROOT, *ROOT.parents):
        c = d / "shared" / "corpus" / "robustness"
        if c.is_dir():
            return c
    return None


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name not in ("index.tsv", "README.md"))


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def cli_pass(files: list[Path], jobs: int, timeout: float) -> tuple[int, float, dict, str]:
    cmd = [sys.executable, "-m", "reportlint", "check", "--format", "json", "--no-progress"]
    cmd += ["--jobs", str(jobs), "--timeout", f"{timeout:g}", *map(str, files)]
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    env.pop("REPORTLINT_STRICT", None)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = {"files": []}
    return proc.returncode, wall, report, proc.stderr


def timing_pass(files: list[Path], timeout: float) -> list[tuple[float, str, str | None]]:
    from reportlint.api import Settings, lint_paths

    os.environ.pop("REPORTLINT_STRICT", None)
    stamps: dict[int, float] = {}
    t0 = time.perf_counter()
    run = lint_paths(
        [str(f) for f in files],
        Settings(),
        jobs=1,
        timeout=timeout,
        on_result=lambda i, _r: stamps.__setitem__(i, time.perf_counter()),
    )
    out = []
    prev = t0
    for i, r in enumerate(run.files):
        out.append((stamps[i] - prev, r.path, r.error[0] if r.error else None))
        prev = stamps[i]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=None, help="default: the nearest shared/corpus/robustness")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--no-timing", action="store_true", help="skip the one-worker timing pass")
    ap.add_argument("--list", action="store_true", help="list every file-level error")
    ap.add_argument("--top", type=int, default=10, help="how many of the slowest files to show")
    args = ap.parse_args()

    corpus = args.corpus or find_corpus()
    if corpus is None or not corpus.is_dir():
        print("robustness corpus not found (expected ../shared/corpus/robustness)", file=sys.stderr)
        return 2
    files = corpus_files(corpus)
    before = {f: digest(f) for f in files}
    rel = {str(f): f.relative_to(corpus).as_posix() for f in files}

    status, wall, report, stderr = cli_pass(files, args.jobs, args.timeout)
    results = report.get("files", [])
    problems: list[str] = []
    if len(results) != len(files):
        problems.append(f"the JSON lists {len(results)} files for {len(files)} inputs")
    codes: Counter[str] = Counter()
    crashes: list[str] = []
    read = 0
    for r in results:
        err = r.get("error")
        if err is None:
            read += 1
            continue
        codes[err["code"]] += 1
        if err["code"] not in FILE_ERROR_CODES:
            problems.append(f"{rel.get(r['path'], r['path'])}: code {err['code']!r} is not in the contract")
        if "\n" in err["message"] or not err["message"]:
            problems.append(f"{rel.get(r['path'], r['path'])}: the message is empty or has several lines")
        if err["code"] == "unreadable" and err["message"].startswith(CRASH_MARKS):
            crashes.append(f"{rel.get(r['path'], r['path'])}: {err['message']}")
    noisy = [line for line in stderr.splitlines() if any(m in line for m in NOISE_MARKS)]
    tracebacks = stderr.count("Traceback")
    changed = [rel[str(f)] for f in files if digest(f) != before[f]]

    print(f"corpus:        {os.path.relpath(corpus, ROOT)} ({len(files)} files)")
    print(f"python:        {platform.python_version()} on {platform.system()} {platform.machine()}")
    print(
        f"command:       reportlint check --format json --jobs {args.jobs} --timeout {args.timeout:g} "
        f"<{len(files)} files>  (PYTHONWARNINGS=default)"
    )
    print(f"exit status:   {status}    wall time: {wall:.1f} s")
    print(f"files:         {len(results)}")
    print(f"read:          {read}")
    print(f"file errors:   {sum(codes.values())}")
    for code in FILE_ERROR_CODES:
        if codes[code]:
            print(f"  {code:<20}{codes[code]:>4}")
    print(f"crashes:       {len(crashes)}")
    print(f"timeouts:      {codes['timeout']}")
    print(
        f"stderr:        {len(stderr.splitlines())} line(s), {tracebacks} traceback(s), {len(noisy)} warning/error line(s)"
    )
    print(f"inputs unchanged: {len(files) - len(changed)}/{len(files)}")
    for c in crashes:
        print(f"  CRASH {c}")
    for line in noisy[:20]:
        print(f"  STDERR {line}")
    for c in changed:
        print(f"  CHANGED {c}")
    for p in problems:
        print(f"  PROBLEM {p}")
    if args.list:
        print("\nfile-level errors:")
        for r in results:
            if r.get("error"):
                msg = r["error"]["message"]
                print(f"  {r['error']['code']:<19} {rel.get(r['path'], r['path'])}: {msg[:100]}")

    if not args.no_timing:
        times = timing_pass(files, args.timeout)
        total = sum(t for t, _, _ in times)
        slow = sorted(times, reverse=True)
        print(
            f"\ntiming pass:   one worker, --timeout {args.timeout:g}: {total:.1f} s in all, "
            f"median {1000 * sorted(t for t, _, _ in times)[len(times) // 2]:.0f} ms per file"
        )
        t, path, code = slow[0]
        print(f"slowest file:  {rel.get(path, path)}  {t:.1f} s  ({code or 'read'})")
        print(f"slowest {args.top}:")
        for t, path, code in slow[: args.top]:
            print(f"  {t:6.1f} s  {code or 'read':<18} {rel.get(path, path)}")
        changed = [rel[str(f)] for f in files if digest(f) != before[f]]
        if changed:
            print(f"inputs changed after the timing pass: {', '.join(changed)}")

    broken = crashes or noisy or tracebacks or changed or problems
    print(f"\nresult:        {'FAIL' if broken else 'OK'}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
