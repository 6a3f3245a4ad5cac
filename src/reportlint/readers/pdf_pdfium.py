"""The fast path of the PDF reader: characters from PDFium (pypdfium2), pdfplumber only where rules are drawn.

Measured (benchmarks/README.md, issue 14): pdfminer's content-stream interpretation behind pdfplumber's
``Page.chars`` is most of the time of reading a text PDF; PDFium gives the same characters with boxes several
times faster. The reader's layout works on plain :class:`~reportlint.readers.pdf.Char` records, so the two
sources meet there. A page is handed to pdfplumber (characters and table finder, as before) when PDFium sees
anything that may be a table rule or a page the fast path does not model:

- a path object that shows (stroked, or filled in a colour other than white) and is not a thin horizontal
  rule — a ruled table may be there (horizontal rules alone are read here: three-line tables, 版记 rules);
- a form XObject (its contents are not walked here), a rotated page.

The whole file goes to pdfplumber when its cross-reference table is broken (PDFium would repair what
pdfminer reports as corrupt), when its streams inflate to more than :data:`INFLATE_BUDGET` (PDFium aborts
the process when an allocation fails; pdfminer raises MemoryError, which the reader turns into too-large),
when PDFium cannot open it (encrypted, corrupt: pdfplumber's error
messages are the ones users see), when a character has no Unicode mapping, or when a page has no text (the
scanned-page notes are pdfplumber's). On files this path takes, paragraphs and page anchors are the same as
pdfplumber's (tests/test_reader_pdf.py compares both on every PDF fixture).
"""

from __future__ import annotations

import ctypes
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from reportlint.readers.pdf import Box, Char, PageContent, make_lines, page_tables
from reportlint.readers.pdf_lattice import Edge, find_tables

PlumberPage = Callable[[int], PageContent]
"""Extract page ``k`` (0-based) with pdfplumber."""


INFLATE_BUDGET = 64 * 1024 * 1024
"""Total inflated size of a file's streams up to which PDFium reads it (real reports: a few MB)."""

_STREAM = re.compile(rb"stream\r?\n")


def inflates_modestly(data: bytes, budget: int = INFLATE_BUDGET) -> bool:
    """Whether the Flate streams of ``data`` inflate to at most ``budget`` bytes in all."""
    left = budget
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return True
        end = data.find(b"endstream", m.end())
        if end < 0:
            end = len(data)
        d = zlib.decompressobj()
        chunk = data[m.end() : end]
        try:
            while chunk and left >= 0:
                out = d.decompress(chunk, left + 1)
                left -= len(out)
                chunk = d.unconsumed_tail
        except zlib.error:
            pass  # not Flate (or damaged): PDFium reads no more of it than its length
        if left < 0:
            return False
        pos = end + 9


def _visible_path(raw: Any, obj: Any) -> bool:
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return True
    if stroke.value:
        return True
    if not fill.value:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFPageObj_GetFillColor(
        obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
    ):
        return True
    white = r.value >= 250 and g.value >= 250 and b.value >= 250
    return not white and a.value > 0


class Survey(msgspec.Struct):
    """What the page's drawn paths say (page coordinates, y downwards)."""

    plumber: bool = False
    """Something this path does not model (a rotated page, a form XObject): hand the page to pdfplumber."""
    images: int = 0
    edges: list[Edge] = msgspec.field(default_factory=list)
    """Every horizontal and vertical segment, shown or not (what pdfplumber's table finder uses)."""
    verticals: list[Box] = msgspec.field(default_factory=list)
    """Vertical rules that show."""
    hrules: list[Box] = msgspec.field(default_factory=list)
    """Horizontal rules that show."""


def _survey(raw: Any, page: Any, height: float) -> Survey:
    out = Survey()
    if raw.FPDFPage_GetRotation(page) % 4:
        out.plumber = True
        return out
    m = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    close = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            out.images += 1
            continue
        if kind == raw.FPDF_PAGEOBJ_FORM:
            out.plumber = True
            return out
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        visible = _visible_path(raw, obj)
        if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            out.plumber = True
            return out
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        segs: list[tuple[tuple[float, float], tuple[float, float]]] = []
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            pt = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            kind_seg = raw.FPDFPathSegment_GetType(seg)
            if kind_seg == close[0]:
                start = prev = pt
                continue
            if kind_seg == close[1] and prev is not None:
                segs.append((prev, pt))
            prev = pt
            if raw.FPDFPathSegment_GetClose(seg) and start is not None and prev != start:
                segs.append((prev, start))
                prev = start
        for p0, p1 in segs:
            x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
            top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
            if abs(p0[1] - p1[1]) < 1e-3:
                out.edges.append(("h", x0, top, x1, top))
            elif abs(p0[0] - p1[0]) < 1e-3:
                out.edges.append(("v", x0, top, x0, bottom))
        if visible:
            left, bottom_, right, top_ = (ctypes.c_float() for _ in range(4))
            raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom_, right, top_)))
            box = (left.value, height - top_.value, right.value, height - bottom_.value)
            if box[3] - box[1] <= 2.0 and box[2] - box[0] > 20.0:
                out.hrules.append(box)
            elif box[3] - box[1] > 2.0:
                if box[2] - box[0] <= 2.0:
                    out.verticals.append(box)
                else:  # the sides of an outlined or coloured box
                    out.verticals.append((box[0], box[1], box[0], box[3]))
                    out.verticals.append((box[2], box[1], box[2], box[3]))
    return out


def _page_chars(raw: Any, textpage: Any, height: float, width: float) -> list[Char] | None:
    """The page's characters as reader records; None when one has no Unicode mapping."""
    out: list[Char] = []
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    buf = ctypes.create_string_buffer(256)
    left, right, low, high = (ctypes.c_double() for _ in range(4))
    objects: dict[int, tuple[str, float]] = {}  # text object -> (font name, font size on the page)
    for i in range(raw.FPDFText_CountChars(textpage)):
        if raw.FPDFText_IsGenerated(textpage, i):
            continue
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code in (0, 0xFFFE, 0xFFFF, 0xFFFD) or raw.FPDFText_HasUnicodeMapError(textpage, i) == 1:
            return None
        ch = chr(code)
        if ch.isspace():
            continue
        obj = raw.FPDFText_GetTextObject(textpage, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        info = objects.get(key)
        if info is None:
            # pdfminer's size is the font size times the text matrix scale (WPS sets Tf 319 under a 0.05 cm)
            raw.FPDFText_GetMatrix(textpage, i, ctypes.byref(matrix))
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
            size = float(raw.FPDFText_GetFontSize(textpage, i)) * scale
            n = raw.FPDFFont_GetBaseFontName(raw.FPDFTextObj_GetFont(obj), buf, len(buf)) if obj else 0
            font = buf.raw[: max(n - 1, 0)].decode("utf-8", "replace") if n else ""
            info = objects[key] = (font, size)
        size = info[1]
        raw.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(rect))
        x0, x1, top, bottom = rect.left, rect.right, height - rect.top, height - rect.bottom
        if bottom - top > 1.6 * size or x1 - x0 > 1.6 * size:
            # a loose box stretched by a font's odd metrics (seen on vertical text in a WPS table cell):
            # the glyph's tight box, on an em-high band around its middle
            raw.FPDFText_GetCharBox(
                textpage, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(low), ctypes.byref(high)
            )
            mid = height - (low.value + high.value) / 2
            x0, x1, top, bottom = left.value, right.value, mid - size / 2, mid + size / 2
        if not (-1 <= (x0 + x1) / 2 <= width + 1 and -1 <= (top + bottom) / 2 <= height + 1):
            continue  # text placed off the page is not shown to the reader
        out.append(Char(ch, x0, x1, top, bottom, size, info[0]))
    return dedupe_chars(out)


def dedupe_chars(chars: list[Char], tol: float = 1.0) -> list[Char]:
    """Drop a character drawn again at (almost) the same place (fake bold): the rule of ``pdf.dedupe``."""
    seen: dict[tuple[str, int, int], list[Char]] = {}
    out: list[Char] = []
    for c in chars:
        bx, by = int(c.x0 // tol), int(c.top // tol)
        dup = any(
            abs(o.x0 - c.x0) <= tol and abs(o.top - c.top) <= tol and o.font == c.font and o.size == c.size
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for o in seen.get((c.text, bx + dx, by + dy), ())
        )
        if not dup:
            seen.setdefault((c.text, bx, by), []).append(c)
            out.append(c)
    return out


def _inside(c: Char, box: Box) -> bool:
    mx, my = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return box[0] <= mx <= box[2] and box[1] <= my <= box[3]


def read_pages(
    path: Path, max_pages: int, plumber_page: Callable[[], PlumberPage]
) -> list[PageContent] | None:
    """Pages of ``path``, PDFium first; None when the whole file should go to pdfplumber.

    ``plumber_page`` opens the file with pdfplumber on first use and returns the page extractor.
    """
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError:  # pragma: no cover - pypdfium2 is a dependency of pdfplumber
        return None
    try:
        data = path.read_bytes()
        if not inflates_modestly(data):
            return None
        pdf = pdfium.PdfDocument(data)
    except Exception:
        return None
    try:
        if not raw.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
            return None  # PDFium rebuilt a broken file: pdfplumber decides what is readable
        n_pages = len(pdf)
        if n_pages == 0 or n_pages > max_pages:
            return None  # the size errors come from the pdfplumber path
        extract: PlumberPage | None = None
        pages: list[PageContent] = []
        for k in range(n_pages):
            page = pdf[k]
            try:
                width, height = page.get_size()
                survey = _survey(raw, page.raw, height)
                if survey.plumber:
                    if extract is None:
                        extract = plumber_page()
                    pages.append(extract(k))
                    continue
                textpage = page.get_textpage()
                try:
                    chars = _page_chars(raw, textpage.raw, height, width)
                finally:
                    textpage.close()
                if not chars:
                    return None  # unmapped characters, or an empty (scanned?) page: pdfplumber's notes
                groups = find_tables(survey.edges) if survey.edges else []
                verticals = survey.verticals if groups else []
                tables, boxes = page_tables(groups, verticals, survey.hrules, chars, k + 1, width)
                body = [c for c in chars if not any(_inside(c, box) for box in boxes)] if boxes else chars
                pages.append(
                    PageContent(
                        number=k + 1,
                        width=width,
                        height=height,
                        lines=make_lines(body, k + 1),
                        tables=sorted(tables, key=lambda t: t.top),
                        n_chars=len(chars),
                        n_images=survey.images,
                    )
                )
            finally:
                page.close()
        return pages
    except Exception:
        return None
    finally:
        pdf.close()
