"""What the PDF reader gets right on real published PDFs, file by file.

Run from the repository root:

    uv run python benchmarks/pdf_reader_real.py [--out benchmarks/README-pdf-real.md] [--json FILE]
        [--details FILE] [--timeout 120] [DIR_OR_PDF ...]

Inputs: ``../shared/corpus/real-pdf`` (the shared real PDFs), ``/work/corpus-extra/pdf`` (PDFs collected this
session, outside the project; see ``benchmarks/pdf_corpus.tsv`` for where each came from) and any folders or
files given. Missing folders are skipped.

For each file, through the library API (``read_document``, ``lint_document``, ``build_outline``,
``map_tables``), in a child process with a time limit so that one bad file never stops the run:

- genre: the pack chosen and the report year;
- parts: required parts of the pack found / missing;
- headings: how many 一、-level and （一）-level headings the outline has, and the gaps in their numbering
  (一、 → 三、 usually means a heading lost to a table or a page break);
- tables: tables the reader found, and the GK tables mapped (表二/三/四: from a table or from flattened text,
  and how many of the format's cells were filled);
- broken paragraphs: a body paragraph that ends without terminal punctuation followed by one that carries on
  the sentence, a paragraph that starts with a closing bracket, quote or clause punctuation, and a very short
  lone piece after an unfinished paragraph;
- the file-level error, if any, and the CPU time (user+sys of the child) for reading and for linting.

The markdown table never quotes the documents (their sentences stay out of the repository); ``--details``
writes the suspect paragraphs to a local JSON file for a person to look at. The manual judgement column
comes from the ``manual`` column of ``benchmarks/pdf_corpus.tsv`` (matched by SHA-1).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import re
import resource
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "benchmarks" / "pdf_corpus.tsv"
DEFAULT_OUT = ROOT / "benchmarks" / "README-pdf-real.md"
EXTRA = Path("/work/corpus-extra/pdf")


def shared_dir() -> Path | None:
    for parent in [ROOT, *ROOT.parents]:
        cand = parent / "shared" / "corpus" / "real-pdf"
        if cand.is_dir():
            return cand
    return None


# --- helpers (unit-tested in tests/test_pdf_reader_real.py) -------------------------------------------------

_CONTINUATION_START = set("）)」』”’》〕】，。、；：？！%％")
_DATE_ONLY = re.compile(r"^\s*[\d０-９一二三四五六七八九〇○零十]{2,4}\s*年.{1,6}日\s*$")
_PROSE = re.compile(r"[，。；、]")
_NUMBERISH = re.compile(r"^[\s\d.,，%％\-—－/（）()]*$")


def numbering_gaps(numbers: list[tuple[int, int]]) -> list[str]:
    """Gaps in heading numbering: ``numbers`` is (rank, number) in reading order, rank 1 一、 and 2 （一）.

    A （一）-level sequence starts again under every 一、-level heading. A jump forward (一 → 三) or a number
    that does not follow (二 after 四) is reported as ``"一→三"`` / ``"（二）→（四）"``.
    """
    from reportlint.textutil import int_to_cn

    def show(rank: int, n: int) -> str:
        cn = int_to_cn(n) if 0 < n < 100 else str(n)
        return f"{cn}、" if rank == 1 else f"（{cn}）"

    gaps: list[str] = []
    last: dict[int, int] = {}
    for rank, n in numbers:
        if rank == 1:
            last.pop(2, None)
        prev = last.get(rank)
        expected = 1 if prev is None else prev + 1
        if n != expected and (prev is not None or n > 1):
            gaps.append(f"{show(rank, prev) if prev else '∅'}→{show(rank, n)}")
        last[rank] = n
    return gaps


def broken_paragraphs(texts: list[str], headings: set[int]) -> list[tuple[int, str]]:
    """Suspect breaks among body paragraph ``texts`` (``headings`` are indices of heading paragraphs).

    Returns (index, kind): ``split`` (a paragraph of prose, with clause punctuation inside, ends unfinished
    and the next one carries on: not a heading, a date or a number), ``starts-closing``
    (starts with a closing bracket, quote or clause punctuation) and ``lone`` (a very short piece after an
    unfinished paragraph).
    """
    from reportlint.textutil import ends_complete, heading_match

    out: list[tuple[int, str]] = []
    for i, text in enumerate(texts):
        t = text.strip()
        if not t:
            continue
        if t[0] in _CONTINUATION_START:
            out.append((i, "starts-closing"))
        if i == 0:
            continue
        prev = texts[i - 1].strip()
        if not prev or ends_complete(prev) or (i - 1) in headings:
            continue
        if i in headings or heading_match(t) is not None:
            continue
        if len(prev) < 20 or heading_match(prev) is not None or not _PROSE.search(prev):
            continue  # a title, a name, a short label, a table caption: no clause punctuation inside
        if _DATE_ONLY.match(t) or _NUMBERISH.match(t):
            continue
        if len(t) <= 4:
            out.append((i, "lone"))
        elif t[0] not in _CONTINUATION_START:
            out.append((i, "split"))
    return out


def required_cells(kind: str, layout: str | None) -> int:
    """How many cells the national format has in 表三 (``apply``) or 表四 (``review``)."""
    from reportlint.facts import gk_tables as g

    if kind == "apply":
        return len(g.apply_rows("2021" if layout not in ("2019", "2021") else layout)) * 7  # type: ignore[arg-type]
    return 15


@dataclass
class FileReport:
    file: str
    sha1: str
    pages: int | None = None
    pack: str | None = None
    year: int | None = None
    parts_required: int = 0
    parts_found: int = 0
    parts_missing: list[str] = field(default_factory=list)
    h1: int = 0
    h2: int = 0
    gaps: list[str] = field(default_factory=list)
    tables: int = 0
    gk: dict[str, str] = field(default_factory=dict)
    """表二/三/四 -> short summary (``table 175/175``, ``flattened 140/175``, ``-``)."""
    gk_missing_rows: list[str] = field(default_factory=list)
    broken: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    cpu_read: float = 0.0
    cpu_lint: float = 0.0
    notes: list[str] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def sha1_of(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def analyze(path: Path) -> FileReport:
    """Everything the table reports about one file (errors become ``error``, never an exception)."""
    rep = FileReport(file=path.name, sha1=sha1_of(path))
    try:
        from reportlint.engine.run import Settings, lint_document
        from reportlint.errors import FileError
        from reportlint.facts.gk_tables import map_tables
        from reportlint.readers import read_document
        from reportlint.structure.outline import build_outline

        t0 = _cpu()
        try:
            doc = read_document(path)
        except FileError as exc:
            rep.cpu_read = _cpu() - t0
            rep.error = f"{exc.code}: {exc.message}"
            return rep
        rep.cpu_read = _cpu() - t0
        rep.pages = doc.pages
        rep.tables = len(doc.tables)
        rep.notes = list(doc.notes)
        t1 = _cpu()
        res = lint_document(doc, Settings())
        rep.cpu_lint = _cpu() - t1
        rep.pack, rep.year = res.pack, res.year
        if res.error is not None:
            rep.error = f"{res.error[0]}: {res.error[1]}"
        required = [p for p in res.parts if p.required]
        rep.parts_required = len(required)
        rep.parts_found = sum(p.found for p in required)
        rep.parts_missing = [p.id for p in required if not p.found]
        outline = build_outline(doc)
        nums = [(h.rank, h.number) for h in outline.headings if h.rank in (1, 2) and h.number is not None]
        rep.h1 = sum(1 for r, _ in nums if r == 1)
        rep.h2 = sum(1 for r, _ in nums if r == 2)
        rep.gaps = numbering_gaps(nums)
        body = [p for p in doc.paragraphs if not p.in_table]
        pos = {p.index: k for k, p in enumerate(body)}
        head_idx = {pos[h.paragraph] for h in outline.headings if h.paragraph in pos}
        broken = broken_paragraphs([p.text for p in body], head_idx)
        for k, kind in broken:
            rep.broken[kind] = rep.broken.get(kind, 0) + 1
            p = body[k]
            prev = body[k - 1].text if k else ""
            rep.details.append(
                {"kind": kind, "page": p.location.page, "prev_tail": prev[-30:], "head": p.text[:30]}
            )
        if res.pack == "gk":
            mapped = map_tables(doc)
            for kind, name in (("active", "表二"), ("apply", "表三"), ("review", "表四")):
                m = getattr(mapped, kind)
                if m is None:
                    rep.gk[name] = "-"
                    continue
                layout = m.layout or _layout_of(res.year)
                if kind == "active":
                    from reportlint.facts.gk_tables import ACTIVE_REQUIRED

                    need = ACTIVE_REQUIRED[layout or "2021"]
                    rep.gk[name] = f"{m.how} rows {sum(1 for r in need if r in m.rows)}/{len(need)}"
                    continue
                filled = sum(1 for v in m.cells.values() if not v.blank)
                rep.gk[name] = f"{m.how} {len(m.cells)}/{required_cells(kind, layout)}"
                if filled != len(m.cells):
                    rep.gk[name] += f" ({len(m.cells) - filled} blank)"
                if kind == "apply":
                    from reportlint.facts.gk_tables import apply_rows

                    rep.gk_missing_rows = [r for r in apply_rows(layout or "2021") if r not in m.rows]
    except Exception as exc:  # the benchmark reports, it never stops
        rep.error = f"crash: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        rep.details.append({"kind": "traceback", "text": traceback.format_exc()[-2000:]})
    return rep


def _layout_of(year: int | None) -> str | None:
    if year is None:
        return None
    return "2019" if year <= 2020 else "2021"


def _child(path: str, conn: Any) -> None:
    try:
        conn.send(asdict(analyze(Path(path))))
    finally:
        conn.close()


def analyze_isolated(path: Path, timeout: float) -> FileReport:
    """:func:`analyze` in a child process: a hang or a crash of the process becomes the file's error."""
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), child))
    start = time.monotonic()
    proc.start()
    child.close()
    data: dict[str, Any] | None = None
    if parent.poll(timeout):
        try:
            data = parent.recv()
        except EOFError:
            data = None
    proc.join(max(0.0, timeout - (time.monotonic() - start)) + 5)
    if proc.is_alive():
        proc.kill()
        proc.join()
    if data is None:
        rep = FileReport(file=path.name, sha1=sha1_of(path))
        rep.error = (
            f"timeout after {timeout:.0f} s"
            if proc.exitcode in (None, -9)
            else f"child died ({proc.exitcode})"
        )
        return rep
    return FileReport(**data)


# --- inputs and output ------------------------------------------------------------------------------------


def read_manifest(path: Path = MANIFEST) -> dict[str, dict[str, str]]:
    """``benchmarks/pdf_corpus.tsv`` rows by SHA-1."""
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return {}
    head = lines[0].split("\t")
    rows = [dict(zip(head, line.split("\t"), strict=False)) for line in lines[1:] if line.strip()]
    return {r["sha1"]: r for r in rows if r.get("sha1")}


def collect(args: list[str]) -> list[Path]:
    roots: list[Path] = []
    shared = shared_dir()
    if shared is not None:
        roots.append(shared)
    if EXTRA.is_dir():
        roots.append(EXTRA)
    roots += [Path(a) for a in args]
    files: list[Path] = []
    seen: set[Path] = set()
    for r in roots:
        cands = [r] if r.is_file() else sorted(r.glob("*.pdf")) if r.is_dir() else []
        for f in cands:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(reports: list[FileReport], manifest: dict[str, dict[str, str]], title: str) -> str:
    head = (
        "| file | genre | pages | pack / year | parts found | 一、 | （一） | numbering gaps | tables | "
        "表二 | 表三 | 表四 | broken ¶ | error | CPU read+lint s | manual judgement |"
    )
    lines = [
        f"## {title}",
        "",
        head,
        "|" + "---|" * 16,
    ]
    for r in reports:
        m = manifest.get(r.sha1, {})
        parts = f"{r.parts_found}/{r.parts_required}" if r.parts_required else "-"
        if r.parts_missing:
            parts += " (missing " + ", ".join(r.parts_missing) + ")"
        broken = ", ".join(f"{k} {v}" for k, v in sorted(r.broken.items())) or "0"
        lines.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    r.file,
                    m.get("genre", "?"),
                    str(r.pages or "-"),
                    f"{r.pack or '-'} / {r.year or '-'}",
                    parts,
                    str(r.h1),
                    str(r.h2),
                    " ".join(r.gaps) or "-",
                    str(r.tables),
                    r.gk.get("表二", "") or "",
                    (r.gk.get("表三", "") or "")
                    + (f" (rows missing: {len(r.gk_missing_rows)})" if r.gk_missing_rows else ""),
                    r.gk.get("表四", "") or "",
                    broken,
                    r.error or "",
                    f"{r.cpu_read:.2f}+{r.cpu_lint:.2f}",
                    m.get("manual", ""),
                )
            )
            + " |"
        )
    ok = [r for r in reports if r.error is None]
    gk = [r for r in ok if r.pack == "gk"]
    lines += [
        "",
        f"Files: {len(reports)}; read without error: {len(ok)}; "
        f"pack gk: {len(gk)}, fazhi: {sum(1 for r in ok if r.pack == 'fazhi')}, "
        f"none: {sum(1 for r in ok if r.pack is None)}.",
        f"Required parts found: {sum(r.parts_found for r in ok)}/{sum(r.parts_required for r in ok)}; "
        f"files with numbering gaps: {sum(1 for r in ok if r.gaps)}; "
        f"suspect broken paragraphs: {sum(sum(r.broken.values()) for r in ok)}.",
        "GK tables mapped from a table: "
        + ", ".join(
            f"{n} {sum(1 for r in gk if r.gk.get(n, '-').startswith('table'))}/{len(gk)}"
            for n in ("表二", "表三", "表四")
        )
        + "; from flattened text: "
        + ", ".join(
            f"{n} {sum(1 for r in gk if r.gk.get(n, '-').startswith('flattened'))}" for n in ("表三", "表四")
        )
        + ".",
        f"CPU (user+sys, s): read {sum(r.cpu_read for r in reports):.2f}, "
        f"lint {sum(r.cpu_lint for r in reports):.2f}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--out", type=Path, default=None, help="write the markdown table here")
    ap.add_argument("--title", default="Run", help="heading of the table")
    ap.add_argument("--json", type=Path, default=None, help="write the per-file results as JSON")
    ap.add_argument(
        "--details", type=Path, default=None, help="local JSON of suspect paragraphs (not committed)"
    )
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--in-process", action="store_true", help="no child processes (for tests, debugging)")
    ns = ap.parse_args(argv)
    files = collect(ns.paths)
    manifest = read_manifest()
    reports: list[FileReport] = []
    for f in files:
        rep = analyze(f) if ns.in_process else analyze_isolated(f, ns.timeout)
        reports.append(rep)
        print(
            f"{rep.file}: pack={rep.pack} parts={rep.parts_found}/{rep.parts_required} "
            f"h={rep.h1}/{rep.h2} gaps={rep.gaps} tables={rep.tables} gk={rep.gk} "
            f"broken={rep.broken} error={rep.error} cpu={rep.cpu_read:.2f}+{rep.cpu_lint:.2f}",
            file=sys.stderr,
        )
    table = render(reports, manifest, ns.title)
    if ns.out is not None:
        ns.out.write_text(table, encoding="utf-8")
    else:
        print(table)
    if ns.json is not None:
        ns.json.write_text(
            json.dumps(
                [{k: v for k, v in asdict(r).items() if k != "details"} for r in reports],
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    if ns.details is not None:
        ns.details.write_text(
            json.dumps({r.file: r.details for r in reports}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
