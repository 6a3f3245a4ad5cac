"""Precision of every rule on real published documents (GitHub issue 12).

Usage (from the repository root):
    uv run python benchmarks/precision_real.py [FOLDER ...] [--write FILE] [--unjudged] [--stubs FILE] [--check]

Runs reportlint (the library API, default settings: every file gets the pack the tool detects for it and every
rule its default severity) over the real documents of ``../shared/corpus/real-text``, ``real-pdf`` and
``../shared/seed`` (found by
walking up from the repository) and over every folder given on the command line, and prints a markdown table per
rule code: severity, findings, judged true, judged false, unjudged, precision = true / (true + false), and a flag
where an ``error`` rule is below 95 % or a ``warning`` rule below 85 %; then totals per severity and the number of
documents. A document found twice (same bytes in two folders) is counted once.

Judgements live in ``benchmarks/precision_labels.tsv`` (tab-separated, ``#`` starts a comment line)::

    file  sha1  code  fingerprint  excerpt  verdict  why

``file`` is the document's file name and ``sha1`` a prefix of the sha1 of its bytes: a label applies to the
document with that sha1 prefix (whatever its folder or name), or, when ``sha1`` is empty, to documents of that
name. Within a document a label judges the finding with the same code and ``fingerprint``; a finding no label
fingerprints is judged by a label of the same code whose ``excerpt`` (the flagged text with a few characters
around it) occurs in the finding's excerpt, so labels survive small rule changes. ``verdict`` is ``true`` (the
authors' real slip) or ``false`` (reportlint is wrong); ``why`` is one line in the labeller's own words. Labels
hold only the short excerpt that identifies a finding, never the documents' sentences.

``--manifest FILE`` writes file, repo, path, commit, sha1, genre and note of every document that an ``index.tsv``
in its folder names (benchmarks/precision_corpus.tsv, so that a later session can fetch the documents again).
``--unjudged`` lists the unjudged findings (file, location, code, message, evidence, the text around the finding);
``--stubs FILE`` writes them as label lines with an empty verdict, to fill in. ``--check`` exits 1 when an
error-severity finding is unjudged or judged false or a rule is below its threshold (2 when no document is found).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportlint.api import Settings, collect_files, lint_paths  # noqa: E402
from reportlint.findings import FileResult, Finding  # noqa: E402

LABELS = Path(__file__).resolve().parent / "precision_labels.tsv"
THRESHOLDS = {"error": 0.95, "warning": 0.85}
"""Minimum precision per severity; info rules have none."""
COLUMNS = ("file", "sha1", "code", "fingerprint", "excerpt", "verdict", "why")
SHA_PREFIX = 12
EXCERPT_AROUND = 6
EXCERPT_MAX = 40
CONTEXT = 40


def find_shared_corpus(start: Path = ROOT) -> list[Path]:
    """``shared/corpus/real-text``, ``real-pdf`` and ``shared/seed`` (a real published 法治 report) of the
    nearest folder above ``start`` that has them."""
    for d in (start, *start.parents):
        shared = d / "shared"
        found = [
            folder
            for folder in (shared / "corpus" / "real-text", shared / "corpus" / "real-pdf", shared / "seed")
            if folder.is_dir()
        ]
        if found:
            return found
    return []


def sha1_of(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def _clean(s: str) -> str:
    return " ".join(s.replace("\t", " ").split())


@dataclass(frozen=True, slots=True)
class Label:
    file: str
    sha1: str
    code: str
    fingerprint: str
    excerpt: str
    verdict: bool | None
    why: str
    line: int


def parse_labels(text: str) -> list[Label]:
    """Label lines of a labels file (a header line ``file<TAB>sha1…`` and ``#`` comments are skipped)."""
    out: list[Label] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.split("\t", 1)[0] == "file":
            continue
        cells = (raw.split("\t") + [""] * len(COLUMNS))[: len(COLUMNS)]
        file, sha, code, fp, excerpt, verdict, why = (c.strip() for c in cells)
        v = {"true": True, "false": False}.get(verdict.lower())
        out.append(Label(file, sha.lower(), code, fp, excerpt, v, why, n))
    return out


def load_labels(path: Path) -> list[Label]:
    return parse_labels(path.read_text(encoding="utf-8")) if path.is_file() else []


def label_excerpt(f: Finding) -> str:
    """The flagged text with a few characters either side (at most 40), or the key of a finding without span."""
    if f.span is None:
        return _clean(f.key or f.message)[:EXCERPT_MAX]
    s, e = f.span
    text = f.excerpt[max(0, s - EXCERPT_AROUND) : e + EXCERPT_AROUND]
    return _clean(text)[:EXCERPT_MAX]


def context_of(f: Finding, res: FileResult) -> str:
    """The text around the finding: ``CONTEXT`` characters either side, the flagged part in 【】."""
    text, s, e = f.excerpt, *(f.span or (0, 0))
    para = next((p for p in res.paragraphs if p.index == f.paragraph_index), None)
    if para is not None and f.span is not None:
        # the finding's offset is where the flagged text starts in the paragraph
        text, s, e = para.text, f.offset, f.offset + (f.span[1] - f.span[0])
    if f.span is None:
        return _clean(text)[: 2 * CONTEXT]
    return _clean(text[max(0, s - CONTEXT) : s]) + "【" + text[s:e] + "】" + _clean(text[e : e + CONTEXT])


@dataclass(slots=True)
class Doc:
    path: Path
    sha1: str
    result: FileResult


@dataclass(slots=True)
class Judged:
    doc: Doc
    finding: Finding
    label: Label | None


@dataclass(slots=True)
class Row:
    code: str
    severity: str
    findings: int = 0
    true: int = 0
    false: int = 0

    @property
    def unjudged(self) -> int:
        return self.findings - self.true - self.false

    @property
    def precision(self) -> float | None:
        judged = self.true + self.false
        return self.true / judged if judged else None

    @property
    def below(self) -> bool:
        limit = THRESHOLDS.get(self.severity)
        p = self.precision
        return limit is not None and p is not None and p < limit


@dataclass(slots=True)
class Report:
    docs: list[Doc]
    judged: list[Judged]
    unreadable: list[Doc] = field(default_factory=list)
    unused_labels: list[Label] = field(default_factory=list)

    def rows(self) -> list[Row]:
        by_code: dict[str, Row] = {}
        sev: dict[str, Counter[str]] = defaultdict(Counter)
        for j in self.judged:
            row = by_code.setdefault(j.finding.code, Row(j.finding.code, j.finding.severity))
            sev[j.finding.code][j.finding.severity] += 1
            row.findings += 1
            if j.label is not None and j.label.verdict is not None:
                if j.label.verdict:
                    row.true += 1
                else:
                    row.false += 1
        for code, row in by_code.items():
            row.severity = sev[code].most_common(1)[0][0]
        rank = {"error": 0, "warning": 1, "info": 2}
        return sorted(by_code.values(), key=lambda r: (rank.get(r.severity, 3), r.code))

    def failures(self) -> list[str]:
        """Why ``--check`` fails: error findings unjudged or false, rules below their threshold."""
        out: list[str] = []
        for j in self.judged:
            if j.finding.severity != "error":
                continue
            if j.label is None or j.label.verdict is None:
                out.append(
                    f"unjudged error {j.finding.code} in {j.doc.path.name}: {label_excerpt(j.finding)}"
                )
            elif not j.label.verdict:
                out.append(f"false error {j.finding.code} in {j.doc.path.name}: {label_excerpt(j.finding)}")
        for row in self.rows():
            if row.below:
                out.append(f"{row.code} ({row.severity}) precision {_pct(row.precision)} below threshold")
        return out


def _pct(p: float | None) -> str:
    return "–" if p is None else f"{100 * p:.1f}%"


def judge(docs: Sequence[Doc], labels: Sequence[Label]) -> tuple[list[Judged], list[Label]]:
    """Attach to every finding the label that judges it (fingerprint first, then code and excerpt)."""
    by_doc: dict[str, list[Label]] = defaultdict(list)
    by_name: dict[str, list[Label]] = defaultdict(list)
    for lab in labels:
        if lab.sha1:
            by_doc[lab.sha1].append(lab)
        else:
            by_name[lab.file].append(lab)
    used: set[int] = set()
    out: list[Judged] = []
    for doc in docs:
        mine = [lab for prefix, labs in by_doc.items() if doc.sha1.startswith(prefix) for lab in labs]
        mine += by_name.get(doc.path.name, [])
        by_fp = {(lab.code, lab.fingerprint): lab for lab in mine if lab.fingerprint}
        for f in doc.result.findings:
            lab = by_fp.get((f.code, f.fingerprint))
            if lab is None:
                lab = next(
                    (
                        x
                        for x in mine
                        if x.code == f.code
                        and x.excerpt
                        and (x.excerpt in _clean(f.excerpt) or x.excerpt in f.key)
                    ),
                    None,
                )
            if lab is not None:
                used.add(lab.line)
            out.append(Judged(doc, f, lab))
    return out, [lab for lab in labels if lab.line not in used]


def gather(folders: Iterable[Path]) -> list[tuple[Path, str]]:
    """Report files under the folders, each document once (by sha1), in a stable order."""
    seen: set[str] = set()
    out: list[tuple[Path, str]] = []
    for folder in folders:
        for f in collect_files([str(folder)]):
            p = Path(f)
            if not p.is_file():
                continue
            sha = sha1_of(p)
            if sha not in seen:
                seen.add(sha)
                out.append((p, sha))
    return out


def run(
    folders: Sequence[Path], labels: Sequence[Label], *, jobs: int = 1, timeout: float | None = 120
) -> Report:
    files = gather(folders)
    result = lint_paths([str(p) for p, _ in files], Settings(), jobs=jobs, timeout=timeout)
    docs: list[Doc] = []
    unreadable: list[Doc] = []
    for (p, sha), res in zip(files, result.files, strict=True):
        (unreadable if res.error is not None else docs).append(Doc(p, sha, res))
    judged, unused = judge(docs, labels)
    return Report(docs, judged, unreadable, unused)


def table(report: Report, title: str = "") -> str:
    rows = report.rows()
    lines = [title, ""] if title else []
    lines += [
        "| code | severity | findings | judged true | judged false | unjudged | precision | flag |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        limit = THRESHOLDS.get(r.severity)
        flag = f"**below {int(100 * limit)}%**" if r.below and limit else ""
        lines.append(
            f"| {r.code} | {r.severity} | {r.findings} | {r.true} | {r.false} | {r.unjudged} | {_pct(r.precision)} | {flag} |"
        )
    lines += [
        "",
        "| severity | findings | judged true | judged false | unjudged | precision |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for sev in ("error", "warning", "info"):
        of = [r for r in rows if r.severity == sev]
        t = Row("", sev, sum(r.findings for r in of), sum(r.true for r in of), sum(r.false for r in of))
        lines.append(f"| {sev} | {t.findings} | {t.true} | {t.false} | {t.unjudged} | {_pct(t.precision)} |")
    packs = Counter(d.result.pack or "none" for d in report.docs)
    pack_text = ", ".join(f"{k} {v}" for k, v in sorted(packs.items()))
    lines += [
        "",
        f"Documents: {len(report.docs)} linted ({pack_text}), {len(report.unreadable)} unreadable. "
        f"Labels that matched no finding: {len(report.unused_labels)}.",
    ]
    return "\n".join(lines) + "\n"


def unjudged_listing(report: Report) -> str:
    out: list[str] = []
    for j in report.judged:
        if j.label is not None and j.label.verdict is not None:
            continue
        f = j.finding
        out.append(
            f"{j.doc.path.name} [{j.doc.sha1[:SHA_PREFIX]}] {f.location.describe() or '-'} {f.code} {f.severity}: "
            f"{f.message}\n    evidence: {f.evidence or '-'}\n    context: {context_of(f, j.doc.result)}\n"
            f"    fingerprint: {f.fingerprint}"
        )
    return "\n".join(out) + ("\n" if out else "")


def stub_lines(report: Report) -> list[str]:
    """Label lines (verdict and why empty) for every unjudged finding."""
    out: list[str] = []
    for j in report.judged:
        if j.label is not None and j.label.verdict is not None:
            continue
        f = j.finding
        cells = [j.doc.path.name, j.doc.sha1[:SHA_PREFIX], f.code, f.fingerprint, label_excerpt(f), "", ""]
        out.append("\t".join(_clean(c) for c in cells))
    return out


def read_index(folder: Path) -> dict[str, dict[str, str]]:
    """The ``index.tsv`` of a corpus folder (file, repo, path, commit, genre, note …) by file name."""
    index = folder / "index.tsv"
    if not index.is_file():
        return {}
    lines = index.read_text(encoding="utf-8").splitlines()
    if not lines:
        return {}
    head = lines[0].split("\t")
    return {
        row[0]: dict(zip(head, row, strict=False))
        for row in (line.split("\t") for line in lines[1:])
        if row[0]
    }


def manifest_lines(report: Report, folders: Sequence[Path]) -> list[str]:
    """``file repo path commit sha1 genre note`` for every linted document an ``index.tsv`` names."""
    out = ["file\trepo\tpath\tcommit\tsha1\tgenre\tnote"]
    indexes = [(f.resolve(), read_index(f)) for f in folders]
    for d in sorted(report.docs + report.unreadable, key=lambda d: d.path.name):
        for folder, index in indexes:
            entry = index.get(d.path.name)
            if entry is not None and d.path.resolve().parent == folder:
                cells = [d.path.name, entry.get("repo", ""), entry.get("path", ""), entry.get("commit", "")]
                cells += [d.sha1, entry.get("genre", ""), entry.get("note", "")]
                out.append("\t".join(_clean(c) for c in cells))
                break
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "folders", nargs="*", type=Path, help="more folders of real documents (searched recursively)"
    )
    ap.add_argument("--labels", type=Path, default=LABELS, help=f"labels file (default {LABELS.name})")
    ap.add_argument(
        "--no-shared", action="store_true", help="leave out ../shared/corpus/real-text and real-pdf"
    )
    ap.add_argument("--write", type=Path, help="also write the table to this file")
    ap.add_argument("--title", default="", help="a heading line above the table")
    ap.add_argument("--unjudged", action="store_true", help="list the unjudged findings with their context")
    ap.add_argument("--stubs", type=Path, help="write label lines for the unjudged findings to this file")
    ap.add_argument(
        "--check", action="store_true", help="exit 1 on an unjudged or false error, or a rule below threshold"
    )
    ap.add_argument(
        "--manifest",
        type=Path,
        help="write file/repo/path/commit/sha1/genre of the documents that an index.tsv names",
    )
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per file")
    args = ap.parse_args(argv)

    folders = ([] if args.no_shared else find_shared_corpus()) + list(args.folders)
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        print(f"not a folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    report = run(folders, load_labels(args.labels), jobs=args.jobs, timeout=args.timeout)
    if not report.docs:
        print(
            "no documents found (expected ../shared/corpus/real-text or a folder argument)", file=sys.stderr
        )
        return 2
    text = table(report, args.title)
    print(text, end="")
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    for d in report.unreadable:
        assert d.result.error is not None
        print(f"unreadable: {d.path}: {d.result.error[0]}: {d.result.error[1]}", file=sys.stderr)
    if args.unjudged:
        print()
        print(unjudged_listing(report), end="")
    if args.stubs:
        args.stubs.write_text("\n".join(stub_lines(report)) + "\n", encoding="utf-8")
    if args.manifest:
        args.manifest.write_text(
            "\n".join(manifest_lines(report, list(args.folders))) + "\n", encoding="utf-8"
        )
    if args.check:
        fails = report.failures()
        for line in fails:
            print(f"check: {line}", file=sys.stderr)
        return 1 if fails else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
