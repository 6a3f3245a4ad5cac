"""Read .pdf reports: lines from character geometry, paragraphs from layout.

Characters and ruling lines come from PDFium (``readers/pdf_pdfium.py``, ruled tables found by
``readers/pdf_lattice.py``); pdfplumber (pdfminer.six) reads rotated pages, pages with form XObjects and files
PDFium should not be trusted with (see that module). Both feed the same layout code below.

Ruled tables: the top and bottom rows of a table candidate that are one white strip across its width with no
visible vertical rule beside them are body text (WPS paints a white rectangle behind every line). Three-line
tables (三线表) are found from three horizontal rules of one width, columns from the gutters between texts.

Pages are processed one at a time (and closed) so memory stays flat on long files. For each page the reader
takes the characters (duplicates from fake-bold removed), finds ruled tables with pdfplumber's table finder,
and groups the remaining characters into lines, deciding spaces from character gaps: a space is never put
between two CJK characters, and between CJK and a Latin letter or digit only when the gap is a real space
(not the letter spacing of a justified line or Word's automatic CJK/Latin spacing).

Then, over the whole document: running headers and footers (the same line, page numbers aside, in the top or
bottom band of several pages) and page numbers (``— 3 —``, ``第3页``, ``3/10`` …) are removed, and lines are
joined into paragraphs from their geometry: a first-line indent, a centred or right-aligned line, a change of
font size, a larger vertical gap or a line that stops short of the right margin ends a paragraph; a line
that starts at the left margin after a full line continues it, across page breaks too. Every paragraph keeps
one anchor per page it spans (``Location(page=N)``); table cells become paragraphs with ``in_table=True`` in
reading order.

The layout part works on plain :class:`Char` records, so it can be fed from another extraction engine (see
``benchmarks/pdf_extraction.py``).
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import msgspec

from reportlint.errors import FileError
from reportlint.model import Anchor, Cell, Document, Location, Paragraph, Table
from reportlint.readers import Limits
from reportlint.readers.repair import ends_own_line, starts_own_line
from reportlint.textutil import ends_complete, heading_match, is_cjk

for _name in ("pdfminer", "pdfplumber"):
    # pdfminer logs every oddity of a broken file; they are not the user's business (only formatters print)
    logging.getLogger(_name).addHandler(logging.NullHandler())

MIN_TEXT_CHARS = 5
"""Fewer visible characters than this in the whole file: there is no text layer."""

_FULLWIDTH_PUNCT = set("，。、；：？！“”‘’（）《》〈〉「」『』〔〕【】—…·～－％＋")
_BOLD_FONT = re.compile(r"bold|black|heavy|hei|黑", re.IGNORECASE)
_DASHES = "—–\\-－―─‒⁃﹣"
PAGE_NUMBER_PATTERNS = (
    re.compile(rf"^[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+$"),
    re.compile(r"^第\s*\d{1,4}\s*页\s*[,，/]?\s*(共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(r"^(page\s*)?\d{1,4}(\s*of\s*\d{1,4})?$", re.IGNORECASE),
    re.compile(r"^[\[(（]\s*\d{1,4}\s*[\])）]$"),
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_CONTINUED_TABLE = re.compile(r"^\s*续\s*表")


# --- plain records ---------------------------------------------------------------------------------------


class Char(msgspec.Struct):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""


class Line(msgspec.Struct):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    lead: float = 0.0
    """Width of the line's first unbreakable piece (a Latin word or number, a CJK character with the marks
    that may not be separated from it): a line before it that stops short may have been wrapped because
    this piece did not fit."""


class TableGrid(msgspec.Struct):
    """A ruled table found on a page: cell texts on a grid, ``owner[r][c]`` the top-left of the covering cell."""

    page: int
    top: float
    texts: dict[tuple[int, int], str]
    spans: dict[tuple[int, int], tuple[int, int]]
    owner: list[list[tuple[int, int] | None]]
    xs: list[float]
    """Column edges."""
    row_pages: list[int]
    """The page of each row (a table continued on the next page is merged into one grid)."""

    def row_texts(self, r: int) -> list[str]:
        return [self.texts.get(own, "") if own == (r, c) else "" for c, own in enumerate(self.owner[r])]


class PageContent(msgspec.Struct):
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[TableGrid] = msgspec.field(default_factory=list)
    n_chars: int = 0
    n_images: int = 0
    n_unmapped: int = 0


# --- characters to lines -----------------------------------------------------------------------------------


def _is_wide(ch: str) -> bool:
    return is_cjk(ch) or ch in _FULLWIDTH_PUNCT or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.,:;!?'\")(+-/&@#$")


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Cluster characters into lines (vertical overlap), each sorted left to right; lines top to bottom."""
    visible = [c for c in chars if c.text and not c.text.isspace() and c.x1 >= c.x0]
    visible.sort(key=lambda c: ((c.top + c.bottom) / 2, c.x0))
    lines: list[list[Char]] = []
    bounds: list[tuple[float, float]] = []
    for c in visible:
        h = max(c.bottom - c.top, 0.1)
        mid = (c.top + c.bottom) / 2
        if lines:
            top, bottom = bounds[-1]
            overlap = min(bottom, c.bottom) - max(top, c.top)
            if overlap >= 0.5 * min(h, bottom - top) or top <= mid <= bottom:
                lines[-1].append(c)
                bounds[-1] = (min(top, c.top), max(bottom, c.bottom))
                continue
        lines.append([c])
        bounds.append((c.top, c.bottom))
    for ln in lines:
        ln.sort(key=lambda c: c.x0)
    return lines


def line_text(chars: Sequence[Char]) -> str:
    """The text of one line, with spaces only where the gaps say the source had one."""
    if not chars:
        return ""
    sizes = sorted(c.size for c in chars)
    em = max(sizes[len(sizes) // 2], 1.0)
    gaps = [b.x0 - a.x1 for a, b in pairwise(chars)]
    wide_gaps = [
        g
        for g, a, b in zip(gaps, chars, chars[1:], strict=False)
        if _is_wide(a.text[-1]) and _is_wide(b.text[0])
    ]
    base = statistics.median(wide_gaps or gaps) if gaps else 0.0
    base = max(base, 0.0)
    out = [chars[0].text]
    for gap, a, b in zip(gaps, chars, chars[1:], strict=False):
        excess = (gap - base) / em
        left, right = a.text[-1], b.text[0]
        if _is_wide(left) and _is_wide(right):
            space = excess > 1.5  # a layout gap (distributed text), never letter spacing
        elif _is_wide(left) or _is_wide(right):
            # 0.01: a gap of exactly half an em (a half-width space) must not tip over on rounding noise
            space = excess > 0.51 and (_is_latin(left) or _is_latin(right))
        else:
            space = excess > 0.15
        if space:
            out.append(" ")
        out.append(b.text)
    return "".join(out)


_OPENING = set("“‘（《〈「『〔【([{")
_QUOTES = set("“”‘’")
_NO_LINE_START = set("，。、；：？！”’）》〉」』〕】…—·%％),.;:!?]}")


def lead_width(chars: Sequence[Char]) -> float:
    """Width of the first unbreakable piece of a line (see :attr:`Line.lead`)."""
    if not chars:
        return 0.0
    i, n = 0, len(chars)
    while i + 1 < n and chars[i].text in _OPENING:
        i += 1
    if _is_latin(chars[i].text[0]) and not _is_wide(chars[i].text[0]):
        em = max(chars[i].size, 1.0)
        while (
            i + 1 < n
            and _is_latin(chars[i + 1].text[0])
            and not _is_wide(chars[i + 1].text[0])
            and chars[i + 1].x0 - chars[i].x1 < 0.15 * em
        ):
            i += 1
    # closing marks stay with what they close; curly quotes (ambiguous width, line-break class QU in
    # LibreOffice/ICU) also glue to the character after them
    while i + 1 < n and (chars[i + 1].text in _NO_LINE_START or chars[i + 1].text in _QUOTES):
        i += 1
        if chars[i].text in _QUOTES and i + 1 < n:
            i += 1
    return chars[i].x1 - chars[0].x0


def make_lines(chars: Iterable[Char], page: int) -> list[Line]:
    lines: list[Line] = []
    for group in group_lines(chars):
        text = line_text(group)
        if not text.strip():
            continue
        sizes = sorted(c.size for c in group)
        lines.append(
            Line(
                text=text,
                x0=min(c.x0 for c in group),
                x1=max(c.x1 for c in group),
                top=min(c.top for c in group),
                bottom=max(c.bottom for c in group),
                size=sizes[len(sizes) // 2],
                bold=all(_BOLD_FONT.search(c.font) for c in group if not c.text.isspace()),
                page=page,
                lead=lead_width(group),
            )
        )
    return lines


def join_text(left: str, right: str) -> str:
    """Join a wrapped line: a space only between two Latin words (or a Latin mark and a word)."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    latin_left = a.isascii() and (a.isalnum() or a in ",.;:!?)")
    latin_right = b.isascii() and (b.isalnum() or b in "(\"'")
    return left + (" " if latin_left and latin_right else "") + right


# --- tables -------------------------------------------------------------------------------------------------


def _cluster(values: Iterable[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def grid_from_cells(
    cells: Sequence[tuple[float, float, float, float]], chars: Sequence[Char], page: int
) -> TableGrid | None:
    """Turn pdfplumber's cell boxes (x0, top, x1, bottom) into a grid with spans; None for a mere frame."""
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 2 or len(cells) < 2:
        return None
    owner: list[list[tuple[int, int] | None]] = [[None] * n_cols for _ in range(n_rows)]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    boxes: dict[tuple[int, int], tuple[float, float, float, float]] = {}
    for box in cells:
        c0, c1 = _nearest(xs, box[0]), _nearest(xs, box[2])
        r0, r1 = _nearest(ys, box[1]), _nearest(ys, box[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in spans:
            continue
        spans[(r0, c0)] = (r1 - r0, c1 - c0)
        boxes[(r0, c0)] = box
        for r in range(r0, r1):
            for c in range(c0, c1):
                if owner[r][c] is None:
                    owner[r][c] = (r0, c0)
    texts: dict[tuple[int, int], str] = {}
    for key, (x0, top, x1, bottom) in boxes.items():
        inside = [
            ch for ch in chars if x0 <= (ch.x0 + ch.x1) / 2 < x1 and top <= (ch.top + ch.bottom) / 2 < bottom
        ]
        text = ""
        for ln in make_lines(inside, page):
            text = join_text(text, ln.text.strip())
        texts[key] = text
    return TableGrid(
        page=page, top=ys[0], texts=texts, spans=spans, owner=owner, xs=xs, row_pages=[page] * n_rows
    )


def continues_table(prev: TableGrid, nxt: TableGrid, tol: float = 3.0) -> bool:
    """``nxt`` (first thing on its page) carries on ``prev`` (last thing on the page before): same columns."""
    return (
        nxt.page == prev.row_pages[-1] + 1
        and len(prev.xs) == len(nxt.xs)
        and all(abs(a - b) <= tol for a, b in zip(prev.xs, nxt.xs, strict=True))
    )


_OPEN_CLOSE = {"（": "）", "(": ")", "《": "》", "“": "”", "‘": "’", "〔": "〕", "【": "】"}
_UNFINISHED_END = tuple("、，,：:；;（(《“‘〔【—-")


def _unfinished(text: str) -> bool:
    """A cell text visibly cut off: it ends on a mark that cannot end a cell (``一、``) or leaves a pair open."""
    t = text.rstrip()
    if not t:
        return False
    if t.endswith(_UNFINISHED_END):
        return True
    return any(t.count(o) > t.count(c) for o, c in _OPEN_CLOSE.items() if o != c)


def _continues_row(prev: TableGrid, nxt: TableGrid, r: int) -> bool:
    """Row ``r`` of ``nxt`` is the rest of ``prev``'s last row, split by the page break (Word and LibreOffice
    let a row break across pages): it fills no column that the last row leaves empty, spans no rows, and a
    cell of the last row is visibly cut off where the fragment carries on (``一、`` | ``本年新收…数量``)."""
    last = prev.row_texts(len(prev.owner) - 1)
    cont = nxt.row_texts(r)
    if len(last) != len(cont) or not any(cont):
        return False
    for c, own in enumerate(nxt.owner[r]):
        if own == (r, c) and nxt.spans.get(own, (1, 1))[0] != 1:
            return False
    if any(t and not lt for t, lt in zip(cont, last, strict=True)):
        return False
    # the last row's cells as displayed (a cell merged down from an earlier row shows its owner's text)
    shown = [prev.texts.get(o, "") if o is not None else "" for o in prev.owner[-1]]
    return any(t and _unfinished(st) for t, st in zip(cont, shown, strict=True))


def merge_tables(prev: TableGrid, nxt: TableGrid) -> TableGrid:
    """Append the rows of ``nxt`` to ``prev``, dropping a header repeated at the top of the new page."""
    skip = 0
    while (
        skip < len(nxt.owner)
        and skip < len(prev.owner) - 1
        and any(nxt.row_texts(skip))
        and nxt.row_texts(skip) == prev.row_texts(skip)
    ):
        skip += 1
    if skip < len(nxt.owner) and _continues_row(prev, nxt, skip):
        last = len(prev.owner) - 1
        for c, own in enumerate(nxt.owner[skip]):
            text = nxt.texts.get(own, "") if own == (skip, c) else ""
            target = prev.owner[last][c]
            if text and target is not None:
                prev.texts[target] = join_text(prev.texts.get(target, ""), text)
        skip += 1
    offset = len(prev.owner) - skip

    def shift(key: tuple[int, int]) -> tuple[int, int]:
        return (key[0] + offset, key[1])

    for r in range(skip, len(nxt.owner)):
        prev.owner.append([None if o is None or o[0] < skip else shift(o) for o in nxt.owner[r]])
        prev.row_pages.append(nxt.page)
    for key, text in nxt.texts.items():
        if key[0] >= skip:
            prev.texts[shift(key)] = text
    for key, span in nxt.spans.items():
        if key[0] >= skip:
            prev.spans[shift(key)] = span
    return prev


# --- pdfplumber page extraction ------------------------------------------------------------------------------


Box = tuple[float, float, float, float]


def _rotator(page: Any) -> tuple[Any, float, float]:
    """A function mapping an (x0, top, x1, bottom) box to the displayed page, and the displayed size.

    pdfplumber gives coordinates on the unrotated page; on a page with ``/Rotate 90`` or ``270`` (a landscape
    table page) the text reads upright only once the page is turned, so boxes are turned with it.
    """
    w, h = float(page.width), float(page.height)
    rotation = int(getattr(page, "rotation", 0) or 0) % 360
    chars = page.chars
    sideways = sum(1 for c in chars if not c.get("upright", True))
    if rotation not in (90, 270) or sideways <= len(chars) // 2:
        return (lambda b: b), w, h
    if rotation == 90:
        return (lambda b: (b[1], w - b[2], b[3], w - b[0])), h, w
    return (lambda b: (h - b[3], b[0], h - b[1], b[2])), h, w


def dedupe(chars: Sequence[dict[str, Any]], tol: float = 1.0) -> list[dict[str, Any]]:
    """Drop a character drawn again at (almost) the same place: fake bold, shadows.

    Same job as pdfplumber's ``dedupe_chars`` (text, font and size equal, position within ``tol``), but
    bucketed, which takes a fraction of its time on long files.
    """
    seen: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    out: list[dict[str, Any]] = []
    for c in chars:
        text = c.get("text") or ""
        x, y = float(c["x0"]), float(c["top"])
        bx, by = int(x // tol), int(y // tol)
        dup = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for o in seen.get((text, bx + dx, by + dy), ()):
                    if (
                        abs(float(o["x0"]) - x) <= tol
                        and abs(float(o["top"]) - y) <= tol
                        and o.get("fontname") == c.get("fontname")
                        and o.get("size") == c.get("size")
                    ):
                        dup = True
                        break
        if not dup:
            seen.setdefault((text, bx, by), []).append(c)
            out.append(c)
    return out


def _chars_of(page: Any, turn: Any) -> list[Char]:
    out: list[Char] = []
    for c in dedupe(page.chars):
        text = c.get("text") or ""
        x0, top, x1, bottom = turn((float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])))
        upright_now = bool(c.get("upright", True)) == (turn((0.0, 0.0, 1.0, 2.0)) == (0.0, 0.0, 1.0, 2.0))
        if not upright_now:
            continue
        out.append(
            Char(
                text=text,
                x0=x0,
                x1=x1,
                top=top,
                bottom=bottom,
                size=float(c.get("size") or 0.0) if c.get("upright", True) else bottom - top,
                font=str(c.get("fontname") or ""),
            )
        )
    return out


def _is_white(color: Any) -> bool:
    """A fill colour that does not show on a white page (gray 1, RGB 1,1,1 or CMYK 0,0,0,0)."""
    if color is None:
        return False
    values = list(color) if isinstance(color, (tuple, list)) else [color]
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(nums) == 4:
        return all(v <= 0.02 for v in nums)
    return bool(nums) and all(v >= 0.98 for v in nums)


def _invisible_fill(obj: dict[str, Any]) -> bool:
    """A white rectangle without an outline (WPS paints one behind every text line and every table cell)."""
    return bool(obj.get("fill")) and not obj.get("stroke") and _is_white(obj.get("non_stroking_color"))


def visible_verticals(page: Any, turn: Any) -> list[Box]:
    """Vertical rules a reader can see: vertical lines, the sides of outlined or coloured rectangles."""
    out: list[Box] = []
    for ln in page.lines:
        x0, top, x1, bottom = turn((float(ln["x0"]), float(ln["top"]), float(ln["x1"]), float(ln["bottom"])))
        if x1 - x0 <= 2.0 and bottom - top > 2.0:
            out.append((x0, top, x1, bottom))
    for r in page.rects:
        if _invisible_fill(r):
            continue
        x0, top, x1, bottom = turn((float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])))
        if bottom - top > 2.0:
            out.append((x0, top, x0, bottom))
            out.append((x1, top, x1, bottom))
    return out


def trim_unruled_rows(cells: list[Box], rules: Sequence[Box]) -> list[Box]:
    """Drop the top and bottom rows of a table candidate that are one cell across the whole width with no
    visible vertical rule beside them: the white strips WPS paints behind body lines, which would otherwise
    pull the paragraphs (and a heading such as ``二、主动公开政府信息情况``) above or below a table into it."""
    if not cells:
        return cells
    left, right = min(c[0] for c in cells), max(c[2] for c in cells)

    def strip(row_top: float) -> Box | None:
        row = [c for c in cells if abs(c[1] - row_top) <= 2.0]
        if len(row) != 1 or row[0][0] - left > 2.0 or right - row[0][2] > 2.0:
            return None
        return row[0]

    def ruled(box: Box) -> bool:
        h = box[3] - box[1]
        return any(min(r[3], box[3]) - max(r[1], box[1]) >= 0.5 * h for r in rules)

    while cells:
        top = min(c[1] for c in cells)
        box = strip(top)
        if box is None or ruled(box):
            break
        cells = [c for c in cells if c is not box]
    while cells:
        bottom = max(c[3] for c in cells)
        row_top = max(c[1] for c in cells if abs(c[3] - bottom) <= 2.0)
        box = strip(row_top)
        if box is None or abs(box[3] - bottom) > 2.0 or ruled(box):
            break
        cells = [c for c in cells if c is not box]
    return cells


def horizontal_rules(page: Any, turn: Any) -> list[Box]:
    """Visible horizontal rules: horizontal lines and thin outlined or coloured rectangles."""
    out: list[Box] = []
    for obj in [*page.lines, *page.rects]:
        if obj.get("object_type") == "rect" and _invisible_fill(obj):
            continue
        x0, top, x1, bottom = turn(
            (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
        )
        if bottom - top <= 2.0 and x1 - x0 > 20.0:
            out.append((x0, top, x1, bottom))
    return out


_BANJI = re.compile(r"抄\s*送|印\s*发\s*$|[（(]\s*共\s*印")


def _columns(chars: Sequence[Char], em: float) -> list[float]:
    """Column edges of a ruled-less table: the middles of the vertical gutters (at least an em wide) that
    no character of the region crosses."""
    spans = sorted((c.x0, c.x1) for c in chars)
    edges = [spans[0][0]]
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= em:
            edges.append((x0 + reach) / 2)
        reach = max(reach, x1)
    edges.append(reach)
    return edges


def three_line_tables_from(
    hrules: Sequence[Box], chars: Sequence[Char], taken: Sequence[Box], number: int, width: float
) -> list[tuple[TableGrid, Box]]:
    """Three-line tables (三线表): a rule above the header, one below it and one under the last row, all of
    one width, no vertical rules. Columns come from the gutters between the texts; a body line that fills
    only columns the line above fills, and fewer of them, is the wrapped rest of that row."""
    rules = [
        r
        for r in hrules
        if r[2] - r[0] >= 0.3 * width
        and not any(t[0] - 3 <= r[0] and r[2] <= t[2] + 3 and t[1] - 3 <= r[1] <= t[3] + 3 for t in taken)
    ]
    if len(rules) < 3:
        return []
    groups: dict[tuple[int, int], list[float]] = {}
    for x0, top, x1, bottom in rules:
        key = next((k for k in groups if abs(k[0] - x0) <= 3 and abs(k[1] - x1) <= 3), (round(x0), round(x1)))
        groups.setdefault(key, []).append((top + bottom) / 2)
    out: list[tuple[TableGrid, Box]] = []
    for (x0, x1), ys_raw in groups.items():
        ys = _cluster(ys_raw, 1.5)
        i = 0
        while i + 2 < len(ys):
            top, sep, bottom = ys[i], ys[i + 1], ys[i + 2]
            grid = _three_line_grid(chars, x0 - 1, x1 + 1, top, sep, bottom, number)
            if grid is None:
                i += 1
                continue
            out.append((grid, (x0 - 1, top, x1 + 1, bottom)))
            i += 3
    return out


def _three_line_grid(
    chars: Sequence[Char], x0: float, x1: float, top: float, sep: float, bottom: float, number: int
) -> TableGrid | None:
    inside = [c for c in chars if x0 <= (c.x0 + c.x1) / 2 <= x1 and top < (c.top + c.bottom) / 2 < bottom]
    if not inside:
        return None
    em = statistics.median(c.size for c in inside) or 1.0
    edges = _columns(inside, em)
    n_cols = len(edges) - 1
    if n_cols < 2:
        return None
    head = [g for g in group_lines(inside) if (g[0].top + g[0].bottom) / 2 < sep]
    body = [g for g in group_lines(inside) if (g[0].top + g[0].bottom) / 2 > sep]
    if not head or not body:
        return None

    def cells(group: list[Char]) -> list[str]:
        out = []
        for c in range(n_cols):
            part = [ch for ch in group if edges[c] <= (ch.x0 + ch.x1) / 2 <= edges[c + 1]]
            out.append(line_text(part) if part else "")
        return out

    rows: list[list[str]] = []
    header = [""] * n_cols
    for g in head:
        header = [join_text(a, b) for a, b in zip(header, cells(g), strict=True)]
    rows.append(header)
    prev_filled: set[int] = set()
    for g in body:
        row = cells(g)
        filled = {c for c, t in enumerate(row) if t}
        if len(rows) > 1 and filled < prev_filled:
            rows[-1] = [join_text(a, b) for a, b in zip(rows[-1], row, strict=True)]
            continue
        rows.append(row)
        prev_filled = filled
    if sum(1 for t in header if t) < 2 or sum(1 for r in rows[1:] if sum(1 for t in r if t) >= 2) < 1:
        return None
    if any(_BANJI.search(t) for r in rows for t in r):
        return None  # the 版记 between its rules is no table
    texts = {(r, c): t for r, row in enumerate(rows) for c, t in enumerate(row)}
    return TableGrid(
        page=number,
        top=top,
        texts=texts,
        spans={(r, c): (1, 1) for r in range(len(rows)) for c in range(n_cols)},
        owner=[[(r, c) for c in range(n_cols)] for r in range(len(rows))],
        xs=edges,
        row_pages=[number] * len(rows),
    )


def page_tables(
    cell_groups: Sequence[list[Box]],
    verticals: Sequence[Box],
    hrules: Sequence[Box],
    chars: Sequence[Char],
    number: int,
    width: float,
) -> tuple[list[TableGrid], list[Box]]:
    """The tables of a page and their boxes: ruled tables from the table finder's cell groups (white unruled
    strips trimmed off), then three-line tables from the horizontal rules left over."""
    tables: list[TableGrid] = []
    boxes: list[Box] = []
    for group in cell_groups:
        cells = trim_unruled_rows(list(group), verticals)
        grid = grid_from_cells(cells, chars, number)
        if grid is None:
            continue
        tables.append(grid)
        boxes.append(
            (
                min(c[0] for c in cells),
                min(c[1] for c in cells),
                max(c[2] for c in cells),
                max(c[3] for c in cells),
            )
        )
    if len(hrules) >= 3:
        for grid, box in three_line_tables_from(hrules, chars, boxes, number, width):
            tables.append(grid)
            boxes.append(box)
    return tables, boxes


def extract_page(page: Any, number: int) -> PageContent:
    """Lines and tables of one pdfplumber page."""
    turn, width, height = _rotator(page)
    chars = [  # text placed off the page is not shown to the reader
        c
        for c in _chars_of(page, turn)
        if -1 <= (c.x0 + c.x1) / 2 <= width + 1 and -1 <= (c.top + c.bottom) / 2 <= height + 1
    ]
    unmapped = sum(1 for c in chars if c.text.startswith("(cid:"))
    if unmapped:
        chars = [c for c in chars if not c.text.startswith("(cid:")]
    found = page.find_tables()
    groups = [[turn(tuple(map(float, c))) for c in t.cells] for t in found]
    verticals = visible_verticals(page, turn) if found else []
    tables, boxes = page_tables(groups, verticals, horizontal_rules(page, turn), chars, number, width)

    def in_table(c: Char) -> bool:
        mx, my = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        return any(x0 <= mx <= x1 and top <= my <= bottom for x0, top, x1, bottom in boxes)

    body = [c for c in chars if not in_table(c)] if boxes else chars
    return PageContent(
        number=number,
        width=width,
        height=height,
        lines=make_lines(body, number),
        tables=sorted(tables, key=lambda t: t.top),
        n_chars=sum(1 for c in chars if not c.text.isspace()),
        n_images=len(page.images),
        n_unmapped=unmapped,
    )


# --- headers, footers, page numbers ------------------------------------------------------------------------


def is_page_number(text: str, *, bottom: bool) -> bool:
    t = text.strip()
    if _BARE_NUMBER.match(t):
        return bottom
    return any(p.match(t) for p in PAGE_NUMBER_PATTERNS)


def _band_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def remove_running_lines(pages: list[PageContent], band: float = 0.12) -> tuple[int, int]:
    """Drop running headers/footers and page numbers in place; (running lines, page numbers) removed."""

    def candidates(p: PageContent) -> list[Line]:
        if len(p.lines) < 2:
            return []  # the only line of a page is its content
        top = [ln for ln in p.lines[:2] if ln.bottom <= band * p.height]
        bottom = [ln for ln in p.lines[-2:] if ln.top >= (1 - band) * p.height]
        return top + [ln for ln in bottom if ln not in top]

    counts: Counter[str] = Counter()
    for p in pages:
        counts.update({_band_key(ln.text) for ln in candidates(p)})
    threshold = max(2, round(0.3 * len(pages)))
    running = numbers = 0
    for p in pages:
        drop: list[int] = []
        for ln in candidates(p):
            is_bottom = ln.top >= (1 - band) * p.height
            if is_page_number(ln.text, bottom=is_bottom):
                numbers += 1
                drop.append(id(ln))
            elif counts[_band_key(ln.text)] >= threshold:
                running += 1
                drop.append(id(ln))
        if drop:
            p.lines = [ln for ln in p.lines if id(ln) not in drop]
    return running, numbers


# --- lines to paragraphs -------------------------------------------------------------------------------------


def _mode_bin(values: Iterable[float], width: float = 2.0) -> list[tuple[float, int]]:
    bins: Counter[int] = Counter(round(v / width) for v in values)
    return [(k * width, n) for k, n in bins.items()]


class Margins(msgspec.Struct):
    left: float
    right: float


def find_margins(lines: Sequence[Line]) -> Margins | None:
    """Body left margin (the leftmost x0 shared by many lines) and right margin (the commonest x1)."""
    if not lines:
        return None
    n = len(lines)
    lefts = sorted(_mode_bin(ln.x0 for ln in lines))
    need = max(2, round(0.1 * n)) if n >= 4 else 1
    left = next((x for x, k in lefts if k >= need), min(ln.x0 for ln in lines))
    rights = _mode_bin(ln.x1 for ln in lines if len(ln.text) >= 8) or _mode_bin(ln.x1 for ln in lines)
    right = max(rights, key=lambda xk: (xk[1], xk[0]))[0]
    return Margins(left, max(right, left + 1))


class _Para(msgspec.Struct):
    text: str
    anchors: list[Anchor]
    lines: list[Line]


class Layout(msgspec.Struct):
    margins: dict[int, Margins]
    """Margins by page parity (0 even, 1 odd)."""
    uses_indent: bool
    line_gap: float


def analyse_layout(pages: Sequence[PageContent]) -> Layout:
    all_lines = [ln for p in pages for ln in p.lines]
    overall = find_margins(all_lines) or Margins(0.0, 1.0)
    margins = {0: overall, 1: overall}
    for parity in (0, 1):
        own = [ln for p in pages if p.number % 2 == parity for ln in p.lines]
        m = find_margins(own) if len(own) >= 10 else None
        if m is not None:
            margins[parity] = m
    indented = 0
    for ln in all_lines:
        m = margins[ln.page % 2]
        if 1.2 <= (ln.x0 - m.left) / max(ln.size, 1.0) <= 4.5:
            indented += 1
    gaps: list[float] = []
    for p in pages:
        for a, b in zip(p.lines, p.lines[1:], strict=False):
            if abs(a.size - b.size) < 0.5:
                gaps.append(b.top - a.bottom)
    return Layout(
        margins,
        uses_indent=indented >= 2 and indented >= 0.05 * len(all_lines),
        line_gap=statistics.median(gaps) if gaps else 0.0,
    )


def _kind(ln: Line, m: Margins) -> str:
    em = max(ln.size, 1.0)
    left = (ln.x0 - m.left) / em
    right = (m.right - ln.x1) / em
    if abs(left) < 0.6:
        return "left"
    if left > 1.0 and right > 1.0 and abs(left - right) < 1.5:
        return "centered"
    if 1.2 <= left <= 4.5:
        return "indented"
    return "other"


_NOTE_LABEL = re.compile(r"^\s*附\s*件\s*\d*\s*[：:]\s*(\d+\s*[.．、]\s*)?")
_ITEM_START = re.compile(r"^\s*\d+\s*[.．、]")


def _em_width(text: str) -> float:
    """Width of ``text`` in ems: a wide (CJK) character one, anything else half."""
    return sum(1.0 if _is_wide(ch) else 0.5 for ch in text if not ch.isspace())


def _hanging_continuation(prev: _Para, a: Line, b: Line, m: Margins) -> bool:
    """``b`` is the wrapped rest of a 附件说明 set with a hanging indent (GB/T 9704 7.3.4: a wrapped name
    starts under the name's first character): the line before reaches the right margin and ``b`` starts
    where the name (after ``附件：`` or ``附件：1.``) starts on the first line. A numbered line (``2.…``) is
    the next attachment, not a continuation."""
    first = prev.lines[0]
    label = _NOTE_LABEL.match(prev.text)
    if label is None or b.page != a.page or _ITEM_START.match(b.text):
        return False
    em = max(first.size, 1.0)
    name_x = first.x0 + _em_width(label.group(0)) * em
    if abs(b.x0 - name_x) > 0.6 * em:
        return False
    return m.right - a.x1 <= 1.5 * em or b.lead >= m.right - a.x1 - 0.25 * a.size


def _wrapped_centred(prev: _Para, a: Line, b: Line, ma: Margins, mb: Margins) -> bool:
    """``b`` is the second line of a centred title too long for one line: the title's first line fills the
    whole text width, ``b`` is centred below it in the same size and weight, and the first line does not
    end a sentence."""
    em = max(a.size, 1.0)
    return (
        len(prev.lines) == 1
        and b.page == a.page
        and a.bold == b.bold
        and _kind(b, mb) == "centered"
        and (a.x0 - ma.left) / em < 1.0
        and (ma.right - a.x1) / em < 1.5
        and not ends_complete(prev.text)
    )


def continues_line(prev: _Para, a: Line, b: Line, layout: Layout, *, same_page: bool) -> bool:
    """Whether line ``b`` continues the paragraph whose last line is ``a``."""
    ma, mb = layout.margins[a.page % 2], layout.margins[b.page % 2]
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return False
    if same_page and b.top - a.bottom > layout.line_gap + 0.35 * a.size:
        return False
    if _hanging_continuation(prev, a, b, ma):
        return True
    if _wrapped_centred(prev, a, b, ma, mb):
        return True
    if _kind(b, mb) != "left":
        return False
    short = ma.right - a.x1
    forced = b.lead >= short - 0.25 * a.size
    """The first piece of ``b`` would not have fit at the end of ``a``: the wrap was forced."""
    if short > 1.5 * a.size and not forced:
        return False  # the previous line stops short though the next one's first word would have fit
    if _kind(a, ma) == "centered" and len(prev.lines) == 1 and not forced:
        return False
    if same_page and b.top - a.bottom > layout.line_gap + 0.35 * a.size:
        return False
    if heading_match(b.text) and ends_complete(prev.text):
        return False
    if starts_own_line(b.text) or ends_own_line(prev.text):
        return False  # 附件 label, 附件说明, 抄送 line; a 版记 line ending in 印发
    return layout.uses_indent or not ends_complete(prev.text)


def build_paragraphs(
    pages: Sequence[PageContent], layout: Layout
) -> tuple[list[Paragraph], list[Table], int, int]:
    """Paragraphs and tables in reading order; how many paragraphs and tables were joined across pages."""
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    healed = merged = 0
    cur: _Para | None = None
    pending: TableGrid | None = None

    def emit() -> None:
        nonlocal pending
        if pending is not None:
            tables.append(_make_table(pending, len(tables), paragraphs))
            pending = None

    def flush() -> None:
        nonlocal cur
        if cur is None:
            return
        text = cur.text.strip()
        if text:
            first = cur.lines[0]
            m = layout.margins[first.page % 2]
            paragraphs.append(
                Paragraph(
                    index=len(paragraphs),
                    text=text,
                    anchors=cur.anchors,
                    bold=all(ln.bold for ln in cur.lines),
                    centered=len(cur.lines) == 1 and _kind(first, m) == "centered",
                )
            )
        cur = None

    for page in pages:
        items: list[tuple[float, int, Line | TableGrid]] = [(ln.top, 0, ln) for ln in page.lines]
        items += [(t.top, 1, t) for t in page.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        first_on_page = True
        for _, _, item in items:
            if isinstance(item, TableGrid):
                flush()
                if pending is not None and first_on_page and continues_table(pending, item):
                    pending = merge_tables(pending, item)
                    merged += 1
                else:
                    emit()
                    pending = item
                first_on_page = False
                continue
            ln = item
            if pending is not None and first_on_page and _CONTINUED_TABLE.match(ln.text):
                continue  # "续表" above the rest of a table
            emit()
            if cur is not None and continues_line(
                cur, cur.lines[-1], ln, layout, same_page=not first_on_page
            ):
                joined = join_text(cur.text, ln.text.strip())
                if ln.page != cur.lines[-1].page:
                    cur.anchors.append(Anchor(len(joined) - len(ln.text.strip()), Location(page=ln.page)))
                    healed += 1
                cur.text = joined
                cur.lines.append(ln)
            else:
                flush()
                cur = _Para(ln.text.strip(), [Anchor(0, Location(page=ln.page))], [ln])
            first_on_page = False
    flush()
    emit()
    return paragraphs, tables, healed, merged


def _make_table(grid: TableGrid, t_index: int, paragraphs: list[Paragraph]) -> Table:
    body_before = [p.index for p in paragraphs if not p.in_table]
    rows: list[list[Cell]] = []
    held: dict[tuple[int, int], Paragraph] = {}
    for r, owners in enumerate(grid.owner):
        row: list[Cell] = []
        for c, own in enumerate(owners):
            key = own if own is not None else (r, c)
            para = held.get(key)
            if para is None:
                loc = Location(page=grid.row_pages[key[0]], table=t_index + 1, row=key[0] + 1, col=key[1] + 1)
                para = Paragraph(
                    index=len(paragraphs),
                    text=grid.texts.get(key, ""),
                    anchors=[Anchor(0, loc)],
                    in_table=True,
                    table=t_index,
                )
                paragraphs.append(para)
                held[key] = para
            if key == (r, c):
                rowspan, colspan = grid.spans.get(key, (1, 1))
                row.append(Cell(row=r, col=c, paragraph=para, rowspan=rowspan, colspan=colspan))
            else:
                row.append(Cell(row=r, col=c, paragraph=para, merged_from=key))
        rows.append(row)
    return Table(
        index=t_index,
        rows=rows,
        location=Location(page=grid.page, table=t_index + 1),
        after_paragraph=body_before[-1] if body_before else None,
    )


# --- the reader ----------------------------------------------------------------------------------------------


def drop_repeated_page_heads(pages: Sequence[PageContent], min_lines: int = 2, min_chars: int = 20) -> int:
    """Drop the head of a page that repeats the tail of the page before it line for line.

    Some report generators draw a text block that overflows its page once more on the next page, shifted up,
    and clip each copy to its page's frame. A PDF viewer shows every line once, but the text layer holds the
    clipped-away lines too, so the block comes out twice. The first copy is kept (its lines that were shown
    on the next page are then located on the page before). Returns how many lines were dropped.
    """
    dropped = 0
    for prev, page in pairwise(pages):
        tail = [ln.text.strip() for ln in prev.lines]
        head = [ln.text.strip() for ln in page.lines]
        for n in range(min(len(tail), len(head)), min_lines - 1, -1):
            if tail[-n:] != head[:n] or sum(map(len, head[:n])) < min_chars:
                continue
            last = page.lines[n - 1]
            if all(t.top >= last.bottom for t in page.tables):
                del page.lines[:n]
                dropped += n
            break
    return dropped


def assemble(path: str, pages: list[PageContent]) -> Document:
    """Build the Document from extracted pages (shared by the reader and the benchmark)."""
    running, numbers = remove_running_lines(pages)
    repeated = drop_repeated_page_heads(pages)
    layout = analyse_layout(pages)
    paragraphs, tables, healed, merged = build_paragraphs(pages, layout)
    doc = Document(path=path, format="pdf", paragraphs=paragraphs, tables=tables, pages=len(pages))
    if running:
        doc.notes.append(f"{running} running header/footer line(s) removed")
    if numbers:
        doc.notes.append(f"{numbers} page number(s) removed")
    if repeated:
        doc.notes.append(f"{repeated} line(s) repeated at the top of the next page (a clipped copy) dropped")
    if healed:
        doc.notes.append(f"{healed} paragraph(s) rejoined across page breaks")
    if merged:
        doc.notes.append(f"{merged} table(s) continued across a page break joined")
    return doc


def read_pdf(path: Path, limits: Limits) -> Document:
    """Read a PDF. Raises :class:`FileError` (encrypted, no-text-layer, too-large, unreadable)."""
    try:
        with path.open("rb") as fh:
            return _read(fh, path, limits)
    except FileError:
        raise
    except MemoryError:
        raise FileError("too-large", "the PDF needs more memory than is available") from None
    except RecursionError:
        raise FileError("unreadable", "corrupt PDF (object structure nested too deeply)") from None
    except OSError as exc:
        raise FileError("unreadable", exc.strerror or str(exc)) from None
    except Exception as exc:
        inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
        if isinstance(inner, MemoryError):  # pdfplumber wraps what pdfminer raises
            raise FileError("too-large", "the PDF needs more memory than is available") from None
        raise FileError("unreadable", f"corrupt PDF ({_describe(exc)})") from None


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    name = type(inner).__name__
    msg = " ".join(str(inner).split())[:120]
    return f"{name}: {msg}" if msg else name


def _open(fh: Any) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(fh, password="", raise_unicode_errors=False)
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, PDFPasswordIncorrect):
            raise FileError(
                "encrypted", "the PDF is password-protected; remove the password and save again"
            ) from None
        if isinstance(inner, PDFEncryptionError):
            raise FileError(
                "encrypted", f"the PDF uses an encryption that cannot be opened ({inner})"
            ) from None
        raise


FAST_PATH = True
"""Read characters with PDFium where no rules are drawn (readers/pdf_pdfium.py); False: pdfplumber only."""


def _read(fh: Any, path: Path, limits: Limits) -> Document:
    if FAST_PATH:
        from reportlint.readers.pdf_pdfium import read_pages

        opened: list[Any] = []

        def plumber_page() -> Any:
            pdf = _open(fh)
            opened.append(pdf)

            def extract(k: int) -> PageContent:
                page = pdf.pages[k]
                try:
                    return extract_page(page, k + 1)
                finally:
                    page.close()

            return extract

        try:
            fast = read_pages(path, limits.max_pages, plumber_page)
        finally:
            for pdf in opened:
                pdf.close()
        if fast is not None:
            return _finish(str(path), fast)
        fh.seek(0)
    pdf = _open(fh)
    try:
        n_pages = len(pdf.pages)
        if n_pages > limits.max_pages:
            raise FileError(
                "too-large", f"{n_pages} pages is over the --max-pages limit of {limits.max_pages}"
            )
        if n_pages == 0:
            raise FileError("unreadable", "the PDF has no pages")
        pages: list[PageContent] = []
        for k, page in enumerate(pdf.pages):
            try:
                pages.append(extract_page(page, k + 1))
            finally:
                page.close()
    finally:
        pdf.close()
    return _finish(str(path), pages)


def _finish(path: str, pages: list[PageContent]) -> Document:
    n_chars = sum(p.n_chars for p in pages)
    n_unmapped = sum(p.n_unmapped for p in pages)
    if n_unmapped > n_chars:
        raise FileError(
            "no-text-layer",
            "the PDF's fonts have no Unicode mapping, its text cannot be extracted: run OCR first",
        )
    image_only = [p.number for p in pages if p.n_images and p.n_chars == 0]
    if n_chars < MIN_TEXT_CHARS:
        what = "scanned PDF" if image_only else "the PDF has no text"
        raise FileError("no-text-layer", f"{what}: run OCR first")
    if image_only and len(image_only) == len(pages):
        raise FileError("no-text-layer", "scanned PDF: run OCR first")
    doc = assemble(path, pages)
    if image_only:
        listed = ", ".join(map(str, image_only[:10])) + (" …" if len(image_only) > 10 else "")
        doc.notes.append(f"page(s) {listed} have no text layer (scanned images?) and are not checked")
    if n_unmapped:
        doc.notes.append(f"{n_unmapped} character(s) without a Unicode mapping were skipped")
    return doc
