"""pdfplumber (pdfminer.six) vs pypdfium2 for the PDF reader's text: speed and output.

Run from the repository root:

    uv run python benchmarks/pdf_extraction.py [--repeat 3] [--long-copies 40] [extra.pdf ...]

Inputs: the committed fixtures tests/fixtures/pdf/report.pdf (reportlab, STSong-Light) and report_lo.pdf
(LibreOffice, Noto Serif CJK), a long report generated on the fly (the fixture report's body repeated
``--long-copies`` times, reportlab) and any extra PDFs given.

For each file it times (best of ``--repeat``):
  plumber-chars   pdfplumber characters of every page, de-duplicated as the reader does
  plumber-read    the full reader, read_pdf (characters, table finder, layout)
  pdfium-text     pypdfium2 plain text of every page (FPDFText get_text_range)
  pdfium-chars    pypdfium2 characters with loose boxes and font sizes, as reader Char records
and compares the outputs:
  * the paragraphs and page anchors that the reader's layout step builds from pdfplumber's characters and
    from pdfium's characters (tables off on both sides, so that only the character source differs);
  * pdfium's plain text against the reader's text (spaces between CJK characters, lines).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reportlint.readers import Limits
from reportlint.readers.pdf import Char, PageContent, _chars_of, _rotator, assemble, make_lines, read_pdf

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CJK_SPACE = re.compile(r"[\u4e00-\u9fff，。、；：“”（）《》] +[\u4e00-\u9fff，。、；：“”（）《》]")


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def plumber_pages(path: Path) -> list[PageContent]:
    out = []
    with pdfplumber.open(path) as pdf:
        for k, page in enumerate(pdf.pages):
            turn, w, h = _rotator(page)
            chars = _chars_of(page, turn)
            out.append(PageContent(k + 1, w, h, make_lines(chars, k + 1), n_chars=len(chars)))
            page.close()
    return out


def pdfium_pages(path: Path) -> list[PageContent]:
    out = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for k in range(len(pdf)):
            page = pdf[k]
            w, h = page.get_size()
            tp = page.get_textpage()
            chars = []
            for i in range(tp.count_chars()):
                text = tp.get_text_range(i, 1)
                if not text or text.isspace():
                    continue
                left, bottom, right, top = tp.get_charbox(i, loose=True)
                size = pdfium_c.FPDFText_GetFontSize(tp.raw, i)
                chars.append(Char(text, left, right, h - top, h - bottom, size))
            out.append(PageContent(k + 1, w, h, make_lines(chars, k + 1), n_chars=len(chars)))
            tp.close()
            page.close()
    finally:
        pdf.close()
    return out


def pdfium_text(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for k in range(len(pdf)):
            page = pdf[k]
            tp = page.get_textpage()
            texts.append(tp.get_text_range())
            tp.close()
            page.close()
        return texts
    finally:
        pdf.close()


def plumber_chars_only(path: Path) -> int:
    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            turn, _, _ = _rotator(page)
            n += len(_chars_of(page, turn))
            page.close()
    return n


def stages(path: Path) -> dict[str, float]:
    """Where the reader's time goes on one file: parsing, de-duplicating chars, tables, lines, layout."""
    t = dict.fromkeys(("parse", "chars", "find_tables", "lines", "layout"), 0.0)
    pages = []
    with pdfplumber.open(path) as pdf:
        for k, page in enumerate(pdf.pages):
            a = time.perf_counter()
            _ = page.objects
            b = time.perf_counter()
            turn, w, h = _rotator(page)
            chars = _chars_of(page, turn)
            c = time.perf_counter()
            page.find_tables()
            d = time.perf_counter()
            lines = make_lines(chars, k + 1)
            e = time.perf_counter()
            pages.append(PageContent(k + 1, w, h, lines))
            page.close()
            t["parse"] += b - a
            t["chars"] += c - b
            t["find_tables"] += d - c
            t["lines"] += e - d
    a = time.perf_counter()
    assemble(str(path), pages)
    t["layout"] = time.perf_counter() - a
    return t


def paragraphs_of(pages: list[PageContent]) -> list[tuple[str, tuple[tuple[int, int | None], ...]]]:
    doc = assemble("x.pdf", pages)
    return [(p.text, tuple((a.start, a.location.page) for a in p.anchors)) for p in doc.paragraphs]


def compare(path: Path, repeat: int) -> dict[str, Any]:
    row: dict[str, Any] = {"file": path.name}
    with pdfplumber.open(path) as pdf:
        row["pages"] = len(pdf.pages)
    row["plumber-chars"], _ = best(lambda: plumber_chars_only(path), repeat)
    row["plumber-read"], doc = best(lambda: read_pdf(path, Limits()), repeat)
    row["pdfium-text"], ptext = best(lambda: pdfium_text(path), repeat)
    row["pdfium-chars"], _ = best(lambda: pdfium_pages(path), repeat)
    a = paragraphs_of(plumber_pages(path))
    b = paragraphs_of(pdfium_pages(path))
    row["paras plumber/pdfium"] = f"{len(a)}/{len(b)}"
    row["same paragraphs+anchors"] = a == b
    diff = next(((x, y) for x, y in zip(a, b, strict=False) if x != y), None)
    row["first difference"] = (
        "" if diff is None else f"{diff[0][0][:24]!r} {diff[0][1]} vs {diff[1][0][:24]!r} {diff[1][1]}"
    )
    reader_text = re.sub(r"\s+", "", doc.text)
    pdfium_joined = re.sub(r"\s+", "", "".join(ptext))
    row["pdfium text: CJK-space pairs"] = sum(len(CJK_SPACE.findall(t)) for t in ptext)
    with pdfplumber.open(path) as pdf:
        plumber_joined = re.sub(r"\s+", "", "".join(pg.extract_text() or "" for pg in pdf.pages))
    row["pdfium chars == pdfplumber chars"] = Counter(plumber_joined) == Counter(pdfium_joined)
    row["same order"] = plumber_joined == pdfium_joined
    row["reader chars in pdfium text"] = not (Counter(reader_text) - Counter(pdfium_joined))
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--long-copies", type=int, default=40)
    ap.add_argument("extra", nargs="*", type=Path)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(FIXTURES))
    import make_pdf_fixtures as fx
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(fx.FONT))
    files = [FIXTURES / "pdf" / "report.pdf", FIXTURES / "pdf" / "report_lo.pdf"]
    with tempfile.TemporaryDirectory() as tmp:
        long_pdf = Path(tmp) / f"report_long_x{args.long_copies}.pdf"
        fx.make_report_pdf(long_pdf, repeat=args.long_copies)
        files.append(long_pdf)
        rows = [compare(f, args.repeat) for f in [*files, *args.extra] if f.exists()]
        split = stages(long_pdf)
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        cells = [f"{v:.3f}s" if isinstance(v, float) else str(v) for v in r.values()]
        print("| " + " | ".join(cells) + " |")
    print()
    print(f"reader stages on {long_pdf.name}: " + ", ".join(f"{k} {v:.3f}s" for k, v in split.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
