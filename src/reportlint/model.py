"""The document model every reader produces and every later stage reads.

Data flows one way: a reader turns a file into a :class:`Document` (paragraphs and tables in reading order,
each carrying where it came from), ``structure`` builds the outline on top of it, ``facts`` extract dates and
quantities, checks turn those into findings. Nothing after the readers knows which library parsed the file.

Text is kept exactly as written (full-width punctuation is never folded); readers only repair extraction
artefacts (line wraps, page breaks, spaces that PDF extraction puts between CJK characters) and record, for
every repaired paragraph, which source location each stretch of text came from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Literal

import msgspec

Format = Literal["docx", "pdf", "txt", "md"]


class Location(msgspec.Struct, frozen=True):
    """Where a piece of text stands in the source file.

    ``page`` is 1-based (PDF, and .docx where a rendered page break says so), ``paragraph`` is the 1-based
    number of the body paragraph in reading order (.docx), ``line`` the 1-based line (.txt/.md, and the line
    within the page for PDF input is not kept). ``table``/``row``/``col`` are 1-based and set for table cells.
    """

    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def describe(self) -> str:
        """A short human label: ``第3页``, ``第12段``, ``第40行``, with the table cell where there is one."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.table is not None:
            cell = f"表{self.table}"
            if self.row is not None:
                cell += f" 第{self.row}行"
            if self.col is not None:
                cell += f"第{self.col}列"
            parts.append(cell)
        return " ".join(parts) or "全文"


class Anchor(msgspec.Struct, frozen=True):
    """Text offset ``start`` of a paragraph begins at source location ``location``."""

    start: int
    location: Location


class Paragraph(msgspec.Struct):
    """One paragraph of body text (or the text of one table cell).

    ``index`` is the 0-based position among all paragraphs of the document (cells included), which is what
    the outline and the checks use to refer to a paragraph. ``anchors`` map text offsets back to source
    locations; a paragraph healed across a page break has two or more anchors.
    """

    index: int
    text: str
    anchors: list[Anchor]
    style: str | None = None
    """Style name from the source (``Heading 1``, ``Title`` …), a hint only."""
    outline_level: int | None = None
    """0-based outline level from a heading style or ``w:outlineLvl``, a hint only."""
    bold: bool = False
    """Every visible run is bold (a hint for plain bold headings)."""
    centered: bool = False
    numbering_label: str | None = None
    """The label Word's automatic numbering renders in front of the text (``一、``), already prefixed to text."""
    in_table: bool = False
    table: int | None = None
    """0-based table index when the paragraph is a table cell."""
    comments: list[str] = msgspec.field(default_factory=list)
    """Texts of Word comments anchored on this paragraph (used for suppressions)."""

    @property
    def location(self) -> Location:
        return self.anchors[0].location if self.anchors else Location()

    def location_at(self, offset: int) -> Location:
        """The source location of the character at ``offset`` (clamped to the paragraph)."""
        if not self.anchors:
            return Location()
        starts = [a.start for a in self.anchors]
        i = bisect.bisect_right(starts, max(offset, 0)) - 1
        return self.anchors[max(i, 0)].location


class Cell(msgspec.Struct):
    """A table cell. Merged cells appear once, at their top-left position, with their spans."""

    row: int
    col: int
    paragraph: Paragraph
    rowspan: int = 1
    colspan: int = 1
    merged_from: tuple[int, int] | None = None
    """For a position covered by a merge: the (row, col) of the cell that holds the text."""

    @property
    def text(self) -> str:
        return self.paragraph.text


class Table(msgspec.Struct):
    """A table in reading order, as a grid of cells (0-based rows and columns)."""

    index: int
    rows: list[list[Cell]]
    location: Location
    after_paragraph: int | None = None
    """Index of the last body paragraph before the table (None when the table comes first)."""

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def text_grid(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


class Document(msgspec.Struct):
    """A report as read from one file."""

    path: str
    format: Format
    paragraphs: list[Paragraph]
    """Every paragraph in reading order: body paragraphs and the paragraphs of table cells."""
    tables: list[Table] = msgspec.field(default_factory=list)
    pages: int | None = None
    notes: list[str] = msgspec.field(default_factory=list)
    """Reader remarks worth showing (e.g. ``3 running headers removed``)."""
    comments: dict[int, list[str]] = msgspec.field(default_factory=dict)

    def body(self) -> Iterator[Paragraph]:
        """Body paragraphs only (no table cells)."""
        return (p for p in self.paragraphs if not p.in_table)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def make_paragraph(index: int, text: str, location: Location, **hints: object) -> Paragraph:
    """Build a single-anchor paragraph (the common case for .docx and text input)."""
    return Paragraph(index=index, text=text, anchors=[Anchor(0, location)], **hints)  # type: ignore[arg-type]


def with_index(paragraph: Paragraph, index: int) -> Paragraph:
    return msgspec.structs.replace(paragraph, index=index)
