"""Read .txt and .md reports: encoding detection, CRLF, paragraphs by blank lines, page-break splits healed."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from reportlint.errors import FileError
from reportlint.model import Anchor, Cell, Document, Format, Location, Paragraph, Table
from reportlint.readers.repair import Piece, join_pieces


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


_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


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
    tables: list[tuple[int, list[tuple[int, str]]]] = []  # (index in pieces, rows)
    i = 0
    while i < len(lines):
        raw = lines[i]
        loc = Location(line=i + 1)
        if i in directive_only:  # neither text nor a paragraph break
            i += 1
            continue
        if fmt == "md" and _MD_TABLE_ROW.match(raw):
            rows: list[tuple[int, str]] = []
            while i < len(lines) and _MD_TABLE_ROW.match(lines[i]):
                if not _MD_TABLE_RULE.match(lines[i]):
                    rows.append((i + 1, lines[i]))
                i += 1
            tables.append((len(pieces), rows))
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
    paragraphs: list[Paragraph] = []
    healed = 0
    for j in joined:
        paragraphs.append(
            Paragraph(index=len(paragraphs), text=j.text, anchors=j.anchors, outline_level=j.outline_level)
        )
        healed += j.healed
    doc = Document(path=str(path), format=fmt, paragraphs=paragraphs)
    if tables:
        _attach_md_tables(doc, tables)
    if directives:
        _attach_directives(doc, directives)
    if encoding not in ("utf-8", "utf-8-sig"):
        doc.notes.append(f"encoding {encoding}")
    if healed:
        doc.notes.append(f"{healed} paragraph(s) rejoined across page breaks")
    return doc


def _attach_directives(doc: Document, directives: dict[int, list[str]]) -> None:
    """Hand each directive to the paragraph(s) holding its line, as a comment (like a Word comment)."""
    for p in doc.paragraphs:
        for a in p.anchors:
            if a.location.line in directives:
                p.comments.extend(d for d in directives[a.location.line] if d not in p.comments)


def _attach_md_tables(doc: Document, tables: list[tuple[int, list[tuple[int, str]]]]) -> None:
    """Add Markdown tables as Table objects, their cells placed in reading order among the paragraphs."""
    for t_index, (_, rows) in enumerate(tables):
        first_line = rows[0][0] if rows else 0
        grid: list[list[Cell]] = []
        for r, (line_no, row) in enumerate(rows):
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            out_row: list[Cell] = []
            for c, value in enumerate(cells):
                loc = Location(line=line_no, table=t_index + 1, row=r + 1, col=c + 1)
                para = Paragraph(index=-1, text=value, anchors=[Anchor(0, loc)], in_table=True, table=t_index)
                doc.paragraphs.append(para)
                out_row.append(Cell(row=r, col=c, paragraph=para))
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
    for t in doc.tables:
        t.after_paragraph = first_cell.get(t.index)
