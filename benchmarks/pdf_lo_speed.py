"""Issue 14: `check` on a 15-page LibreOffice-rendered CJK PDF against the same report as .docx and .txt.

Usage (from the repository root; needs LibreOffice ``soffice``, fonts-noto-cjk and the dev dependencies):

    uv run python benchmarks/pdf_lo_speed.py [--runs 9] [--keep DIR] [--src OTHER/src]

The report is run_all.py's report (examples/src/clean.yaml with part 一's subsections repeated until the
LibreOffice rendering has at least 15 pages), written as .txt and .docx by the example renderer and converted
to .pdf by LibreOffice headless. Each ``check --format json`` runs as a fresh process (one warm-up run, then
``--runs`` runs, the three files interleaved); the table gives the median CPU time (user+sys of the process
and its worker: the machine is shared, wall time is not comparable) and the PDF's ratio to the .docx. The
reader alone is timed in-process too (best CPU time), with the PDFium fast path on and off.

``--src`` runs ``check`` from another checkout's ``src`` (e.g. ``git archive <commit> src | tar -x -C /tmp/x``)
on the same files, for before/after numbers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_all

import reportlint.readers.pdf as pdf_reader
from reportlint.readers import read_document


def to_lo_pdf(docx: Path, out: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("soffice not found: install libreoffice-writer-nogui and fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), str(docx)]  # fmt: skip
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    return out / (docx.stem + ".pdf")


def make_files(tmp: Path, min_pages: int) -> list[Path]:
    mk = run_all._examples()
    copies = 2
    while True:
        report = run_all.scaled_report(mk, copies)
        txt = tmp / "report.txt"
        txt.write_text(mk.to_txt(report), encoding="utf-8")
        docx = tmp / "report.docx"
        docx.write_bytes(mk.DocxWriter(report, "styles").build())
        pdf = to_lo_pdf(docx, tmp)
        if run_all.pdf_pages(pdf) >= min_pages:
            return [txt, docx, pdf]
        copies += 1


def cpu_of(cmd: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def reader_cpu(path: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        read_document(path)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--pages", type=int, default=15)
    ap.add_argument("--keep", type=Path, help="write the generated files here (or reuse them if present)")
    ap.add_argument("--src", type=Path, help="run `check` from this src folder instead of the installed one")
    args = ap.parse_args()
    if args.keep and (args.keep / "report.pdf").is_file():
        files = [args.keep / f"report.{e}" for e in ("txt", "docx", "pdf")]
    else:
        files = make_files(Path(tempfile.mkdtemp()), args.pages)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            files = [Path(shutil.copy(f, args.keep / f.name)) for f in files]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    exe = [sys.executable, "-m", "reportlint", "check", "--format", "json"]
    cpus: dict[str, list[float]] = {f.suffix: [] for f in files}
    for f in files:
        cpu_of([*exe, str(f)], env)  # warm-up: bytecode caches
    for _ in range(args.runs):
        for f in files:
            cpus[f.suffix].append(cpu_of([*exe, str(f)], env))
    med = {k: statistics.median(v) for k, v in cpus.items()}
    pages = run_all.pdf_pages(files[2])
    print(f"{files[2].name}: {pages} pages; `check` from {args.src or 'this checkout'}; {args.runs} runs")
    print("| file | `check` CPU, median | reader in-process, CPU best |")
    print("|---|---|---|")
    for f in files:
        extra = ""
        if f.suffix == ".pdf" and not args.src:
            pdf_reader.FAST_PATH = False
            slow = reader_cpu(f, 5)
            pdf_reader.FAST_PATH = True
            extra = f"{reader_cpu(f, 5) * 1000:.0f} ms (pdfplumber only: {slow * 1000:.0f} ms)"
        elif not args.src:
            extra = f"{reader_cpu(f, 5) * 1000:.0f} ms"
        print(f"| {pages}-page {f.suffix} | {med[f.suffix] * 1000:.0f} ms | {extra} |")
    print(f"pdf/docx: {med['.pdf'] / med['.docx']:.2f}×, pdf/txt: {med['.pdf'] / med['.txt']:.2f}×")


if __name__ == "__main__":
    main()
