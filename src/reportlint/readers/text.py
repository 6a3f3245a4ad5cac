"""Read .txt and .md reports: encoding detection, CRLF, paragraphs by blank lines, page-break splits healed.

Tables: Markdown pipe tables (.md) and, in .txt, rows of tab-separated cells (a table copied out of Word or
WPS) become :class:`~reportlint.model.Table` objects with a location (line number and cell) for every cell.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import msgspec

from reportlint.errors import FileError
from reportlint.model import Anchor, Cell, Document, Format, Location, Paragraph, Table
from reportlint.readers.repair import Piece, join_pieces, split_flattened
from reportlint.textutil import lazy_compile


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; (text, encoding)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise FileError(
            "unreadable", "cannot tell the text encoding (not UTF-8, GB18030 or any known encoding)"
        )
    return str(best), best.encoding


_MD_HEADING = lazy_compile(r"^(#{1,6})\s+")
_MD_TABLE_ROW = lazy_compile(r"^\s*\|.*\|\s*$")
_MD_TABLE_RULE = lazy_compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


# Suppression directives (docs/ci.md): an HTML comment in .md and .txt, a ``#`` line comment in .txt only
# (``#`` starts a heading in Markdown). On a line of its own a directive applies to the next paragraph;
# at the end of a line, to the paragraph holding that line. Either way it is removed from the report text.
_HTML_DIRECTIVE = re.compile(r"\s*<!--\s*(reportlint\s*[:：].*?)\s*-->\s*$")
_HASH_DIRECTIVE = re.compile(r"(?:^|\s)#\s*(reportlint\s*[:：].*?)\s*$")


def split_directive(line: str, fmt: Format) -> tuple[str, str | None]:
    """``(line without the directive, directive text)``; the directive is None when the line has none."""
    m = _HTML_DIRECTIVE.search(line)
    if m is None and fmt == "txt":
        m = _HASH_DIRECTIVE.search(line)
    if m is None:
        return line, None
    return line[: m.start()].rstrip(), m.group(1)


def read_text(path: Path, fmt: Format, data: bytes) -> Document:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = text.split("\n")
    directives: dict[int, list[str]] = {}  # 1-based line -> directive texts
    directive_only: set[int] = set()  # 0-based lines that hold nothing but a directive
    pending: list[str] = []
    for n, line in enumerate(lines):
        rest, directive = split_directive(line, fmt)
        if directive is None:
            if pending and line.strip():
                directives.setdefault(n + 1, []).extend(pending)
                pending = []
            continue
        lines[n] = rest
        if rest.strip():
            directives.setdefault(n + 1, []).extend([*pending, directive])
            pending = []
        else:
            directive_only.add(n)
            pending.append(directive)
    pieces: list[Piece] = []
    tables: list[_RawTable] = []
    tab_tables = find_tab_tables(lines, directive_only) if fmt == "txt" else {}
    i = 0
    while i < len(lines):
        raw = lines[i]
        loc = Location(line=i + 1)
        if i in directive_only:  # neither text nor a paragraph break
            i += 1
            continue
        if i in tab_tables:
            end, tab_rows = tab_tables[i]
            tables.append(_RawTable(tab_rows, spans=True))
            if pieces:
                pieces[-1].hard_break = True
            i = end
            continue
        if fmt == "md" and _MD_TABLE_ROW.match(raw):
            rows: list[tuple[int, list[str]]] = []
            while i < len(lines) and _MD_TABLE_ROW.match(lines[i]):
                if not _MD_TABLE_RULE.match(lines[i]):
                    rows.append((i + 1, [c.strip() for c in lines[i].strip().strip("|").split("|")]))
                i += 1
            tables.append(_RawTable(rows, spans=False))
            if pieces:
                pieces[-1].hard_break = True
            continue
        level = None
        if fmt == "md":
            m = _MD_HEADING.match(raw)
            if m:
                level = len(m.group(1)) - 1
                raw = raw[m.end() :]
                raw = raw.strip().strip("*").strip()
        blank = not raw.strip()
        if blank:
            if pieces:
                pieces[-1].hard_break = True
        else:
            pieces.append(Piece(raw.strip(), loc, hard_break=level is not None, outline_level=level))
            if level is not None and len(pieces) > 1:
                pieces[-2].hard_break = True
        i += 1

    joined = join_pieces(pieces, heal_hard_breaks=True)
    joined, flattened = split_flattened(joined) if fmt == "txt" else (joined, 0)
    paragraphs: list[Paragraph] = []
    healed = 0
    for j in joined:
        paragraphs.append(
            Paragraph(index=len(paragraphs), text=j.text, anchors=j.anchors, outline_level=j.outline_level)
        )
        healed += j.healed
    doc = Document(path=str(path), format=fmt, paragraphs=paragraphs)
    if tables:
        _attach_tables(doc, tables)
    if directives:
        _attach_directives(doc, directives)
    if encoding not in ("utf-8", "utf-8-sig"):
        doc.notes.append(f"encoding {encoding}")
    if healed:
        doc.notes.append(f"{healed} paragraph(s) rejoined across page breaks")
    if flattened:
        doc.notes.append(f"{flattened} flattened paragraph(s) split at their run-in headings")
    return doc


def _attach_directives(doc: Document, directives: dict[int, list[str]]) -> None:
    """Hand each directive to the paragraph(s) holding its line, as a comment (like a Word comment)."""
    for p in doc.paragraphs:
        for a in p.anchors:
            if a.location.line in directives:
                p.comments.extend(d for d in directives[a.location.line] if d not in p.comments)


class _RawTable(msgspec.Struct):
    rows: list[tuple[int, list[str]]]
    """(1-based line number, cell texts) per row."""
    spans: bool
    """Place rows with fewer cells than the widest row as merged cells (tab-separated rows copied from Word)."""


# --- tab-separated tables (.txt) ----------------------------------------------------------------------------

_NUMBER_CELL = lazy_compile(r"^[+\-－−]?[\d０-９][\d０-９,，.．]*(件|个|项|起|次|万元|元|%)?$")


def _cells(line: str) -> list[str]:
    return [c.strip(" \u3000") for c in line.rstrip(" \u3000").split("\t")]


def _rich(cells: list[str]) -> bool:
    """A row that is a table row on its own: two or more cells with text (not a tab-indented paragraph)."""
    return sum(1 for c in cells if c) >= 2


def find_tab_tables(lines: list[str], skip: set[int]) -> dict[int, tuple[int, list[tuple[int, list[str]]]]]:
    """Runs of lines made of tab-separated cells: ``{first line index: (end index, rows)}`` (0-based lines).

    A run is the lines holding a tab, up to a blank line or a line without a tab. Lines at either end of a
    run with fewer than two cells of text are left out (an indented paragraph next to a table), and what is
    left is a table when at least two of its rows have two or more cells of text: a single tab-indented line,
    or a block of tab-indented paragraphs, stays text.
    """
    out: dict[int, tuple[int, list[tuple[int, list[str]]]]] = {}
    i = 0
    n = len(lines)
    while i < n:
        if i in skip or "\t" not in lines[i] or not lines[i].strip():
            i += 1
            continue
        j = i
        while j < n and j not in skip and "\t" in lines[j] and lines[j].strip():
            j += 1
        rows = [(k, _cells(lines[k])) for k in range(i, j)]
        rich = [r for r, (_, cells) in enumerate(rows) if _rich(cells)]
        if len(rich) >= 2:
            first, last = rich[0], rich[-1]
            kept = rows[first : last + 1]
            out[rows[first][0]] = (rows[last][0] + 1, [(k + 1, cells) for k, cells in kept])
        i = j
    return out


def _is_data_row(cells: list[str]) -> bool:
    return any(_NUMBER_CELL.match(c) for c in cells[1:] if c)


Placement = list[tuple[int, int]]
"""(first column, column span) of each cell of a row."""


def _first_spans(k: int, width: int) -> Placement:
    """A row of ``k < width`` cells: the first (label) cell spans the missing columns, the rest align right."""
    if k >= width:
        return [(c, 1) for c in range(k)]
    head = width - k + 1
    return [(0, head), *[(head + c, 1) for c in range(k - 1)]]


def _align_over(cells: list[str], below: list[str], placed: Placement) -> Placement | None:
    """Place a header row of merged cells over the row below it, the way Word copies merged cells as text.

    Word writes a horizontally merged cell once and a vertically merged cell's continuation as an empty cell.
    So a cell above an empty cell of the row below spans just that cell's columns (it continues down), and a
    run of cells with text below is shared out among the cells above it (``法人或其他组织`` over its five
    kinds). None when the counts do not fit.
    """
    segments: list[list[int]] = []  # indices into ``below``: one empty cell, or a run of cells with text
    for b, text in enumerate(below):
        if not text:
            segments.append([b])
        elif segments and below[segments[-1][-1]] and segments[-1][-1] == b - 1:
            segments[-1].append(b)
        else:
            segments.append([b])
    empties = sum(1 for s in segments if not below[s[0]])
    runs = [s for s in segments if below[s[0]]]
    need = len(cells) - empties
    if runs and need == len(runs):
        parts = {id(s): 1 for s in runs}
    elif len(runs) == 1 and need > 0 and len(runs[0]) % need == 0:
        parts = {id(runs[0]): need}
    elif not runs and need == 0:
        parts = {}
    else:
        return None
    out: Placement = []
    for s in segments:
        groups = [s] if not below[s[0]] else _split(s, parts[id(s)])
        for g in groups:
            start = placed[g[0]][0]
            end = placed[g[-1]][0] + placed[g[-1]][1]
            out.append((start, end - start))
    return out if len(out) == len(cells) else None


def _split(run: list[int], parts: int) -> list[list[int]]:
    size = len(run) // parts
    return [run[p * size : (p + 1) * size] for p in range(parts)]


def place_rows(rows: list[list[str]]) -> list[Placement]:
    """Grid positions of the cells of tab-separated rows whose merged cells were written once.

    Rows as wide as the widest row are placed cell by cell. A narrower data row (numbers right of its label)
    keeps its numbers aligned right under their columns, its first label cell spanning the rest. A narrower
    row without numbers (a header row) is placed over the row below it (:func:`_align_over`), else like a
    data row.
    """
    width = max((len(r) for r in rows), default=0)
    placed: list[Placement] = [[] for _ in rows]
    for r in range(len(rows) - 1, -1, -1):
        cells = rows[r]
        got: Placement | None = None
        if len(cells) < width and not _is_data_row(cells) and r + 1 < len(rows):
            got = _align_over(cells, rows[r + 1], placed[r + 1])
        placed[r] = got if got is not None else _first_spans(len(cells), width)
    return placed


def _attach_tables(doc: Document, tables: list[_RawTable]) -> None:
    """Add tables as Table objects, their cells placed in reading order among the paragraphs."""
    covered: list[tuple[Paragraph, Paragraph]] = []  # (placeholder of a merged position, its origin)
    for t_index, raw in enumerate(tables):
        rows = raw.rows
        first_line = rows[0][0] if rows else 0
        texts = [cells for _, cells in rows]
        placements = (
            place_rows(texts) if raw.spans else [[(c, 1) for c in range(len(cells))] for cells in texts]
        )
        grid: list[list[Cell]] = []
        for r, ((line_no, cells), placement) in enumerate(zip(rows, placements, strict=True)):
            out_row: list[Cell] = []
            for value, (c, span) in zip(cells, placement, strict=True):
                loc = Location(line=line_no, table=t_index + 1, row=r + 1, col=c + 1)
                para = Paragraph(index=-1, text=value, anchors=[Anchor(0, loc)], in_table=True, table=t_index)
                doc.paragraphs.append(para)
                out_row.append(Cell(row=r, col=c, paragraph=para, colspan=span))
                for k in range(1, span):
                    cov_loc = Location(line=line_no, table=t_index + 1, row=r + 1, col=c + k + 1)
                    cov = Paragraph(
                        index=-1, text="", anchors=[Anchor(0, cov_loc)], in_table=True, table=t_index
                    )
                    covered.append((cov, para))
                    out_row.append(Cell(row=r, col=c + k, paragraph=cov, merged_from=(r, c)))
            grid.append(out_row)
        doc.tables.append(
            Table(index=t_index, rows=grid, location=Location(line=first_line, table=t_index + 1))
        )

    def key(p: Paragraph) -> tuple[int, int]:
        loc = p.anchors[0].location
        return (loc.line or 0, loc.col or 0)

    doc.paragraphs.sort(key=key)  # stable: body paragraphs keep their order
    last_body: int | None = None
    first_cell: dict[int, int | None] = {}
    for i, p in enumerate(doc.paragraphs):
        p.index = i
        if not p.in_table:
            last_body = i
        elif p.table is not None and p.table not in first_cell:
            first_cell[p.table] = last_body
    for cov, origin in covered:
        cov.index = origin.index
    for t in doc.tables:
        t.after_paragraph = first_cell.get(t.index)
