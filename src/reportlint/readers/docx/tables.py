"""Tables: the cell grid with horizontal and vertical merges, each cell's text as one paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlint.model import Anchor, Cell, Location, Paragraph, Table
from reportlint.readers.docx.numbering import _int
from reportlint.readers.docx.ooxml import VAL, _all_paragraphs, _cells, _rows, _w
from reportlint.readers.docx.runs import _Collected

if TYPE_CHECKING:
    from reportlint.readers.docx.body import _Reader


def _covered(origin: Paragraph, t_index: int, r: int, c: int) -> Paragraph:
    """The placeholder paragraph of a grid position covered by a merge: no text, the origin's index."""
    return Paragraph(
        index=origin.index,
        text="",
        anchors=[Anchor(0, Location(table=t_index + 1, row=r + 1, col=c + 1))],
        in_table=True,
        table=t_index,
    )


def table(self: _Reader, tbl: Any) -> None:
    t_index = len(self.tables)
    grid: list[list[Cell]] = []
    by_col: list[dict[int, Cell]] = []
    for r, tr in enumerate(_rows(tbl)):
        row: list[Cell] = []
        cols: dict[int, Cell] = {}
        trpr = tr.find(_w("trPr"))
        col = _int(trpr.find(_w("gridBefore")), 0) if trpr is not None else 0
        for c in range(col or 0):
            cell = Cell(r, c, self._cell_paragraph([], t_index, r, c))
            row.append(cell)
            cols[c] = cell
        col = col or 0
        for tc in _cells(tr):
            tcpr = tc.find(_w("tcPr"))
            span = 1
            vmerge: str | None = None
            if tcpr is not None:
                span = max(_int(tcpr.find(_w("gridSpan")), 1) or 1, 1)
                vm = tcpr.find(_w("vMerge"))
                if vm is not None:
                    vmerge = vm.get(VAL, "continue")
            origin: Cell | None = None
            if vmerge == "continue" and r > 0 and col in by_col[r - 1]:
                above = by_col[r - 1][col]
                if above.merged_from is not None:
                    origin = by_col[above.merged_from[0]].get(above.merged_from[1])
                else:
                    origin = above
                if origin is not None and origin.row + origin.rowspan != r:
                    origin = None
            if origin is not None:
                origin.rowspan += 1
                # the text of a continuation cell is read (counters advance) but belongs to the origin
                self._cell_texts(tc)
                for k in range(span):
                    cell = Cell(r, col + k, _covered(origin.paragraph, t_index, r, col + k))
                    cell.merged_from = (origin.row, origin.col)
                    row.append(cell)
                    cols[col + k] = cell
            else:
                texts = self._cell_texts(tc)
                para = self._cell_paragraph(texts, t_index, r, col)
                cell = Cell(r, col, para, colspan=span)
                row.append(cell)
                cols[col] = cell
                for k in range(1, span):
                    cov = Cell(r, col + k, _covered(para, t_index, r, col + k))
                    cov.merged_from = (r, col)
                    row.append(cov)
                    cols[col + k] = cov
            col += span
        grid.append(row)
        by_col.append(cols)
    self.tables.append(
        Table(
            index=t_index,
            rows=grid,
            location=Location(table=t_index + 1),
            after_paragraph=self.last_body,
        )
    )


def cell_texts(self: _Reader, tc: Any) -> list[tuple[str, _Collected, Any, str | None]]:
    out = []
    for p in _all_paragraphs(tc):
        text, _label, got, style_id = self._paragraph_text(p)
        out.append((text, got, p, style_id))
        for box in got.textboxes:
            for bp in _all_paragraphs(box):
                btext, _bl, bgot, bstyle = self._paragraph_text(bp)
                out.append((btext, bgot, bp, bstyle))
    return out


def cell_paragraph(
    self: _Reader, texts: list[tuple[str, _Collected, Any, str | None]], t_index: int, r: int, c: int
) -> Paragraph:
    body = [(t, g, p, s) for t, g, p, s in texts if t]
    hints: dict[str, Any] = {}
    if body:
        hints = self._hints(body[0][2], body[0][3], body[0][1])
        hints["bold"] = all(self._hints(p, s, g)["bold"] for _, g, p, s in body)
    para = self._emit(
        "\n".join(t for t, _, _, _ in body),
        [Anchor(0, Location(table=t_index + 1, row=r + 1, col=c + 1))],
        hints,
        in_table=True,
        table=t_index,
    )
    for _, got, _, _ in texts:
        self._attach_comments(para, got)
    return para
