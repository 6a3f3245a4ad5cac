"""``reportlint outline``: the structure the tool recognised, for when a section "isn't found"."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from reportlint.facts.gk_tables import MappedTable, map_tables
from reportlint.model import Document
from reportlint.structure.outline import Outline, Section

if TYPE_CHECKING:
    from reportlint.engine.pack import Pack
    from reportlint.findings import Genre


def _where(doc: Document, index: int | None) -> str:
    if index is None:
        return ""
    return doc.paragraphs[index].location.describe()


def _line(doc: Document, label: str, index: int | None) -> Text:
    t = Text(f"{label}: ", style="bold")
    if index is None:
        t.append("—", style="dim")
        return t
    t.append(doc.paragraphs[index].text.strip()[:80])
    t.append(f"  ({_where(doc, index)})", style="dim")
    return t


def render_outline(
    doc: Document,
    out: Outline,
    pack: Pack,
    stream: TextIO,
    *,
    genre: Genre | None = None,
    forced: bool = False,
) -> None:
    """Print the outline of ``doc``, its genre, and where the parts of ``pack`` (chosen by the caller) were found."""
    from reportlint.structure.parts import match_parts

    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 120, soft_wrap=True)
    parts = match_parts(out, pack.parts)
    part_at: dict[int, list[str]] = {}
    for pm in parts.values():
        starts = [s.start for s in pm.sections] if pm.how == "leading" else []
        for i in starts or ([pm.paragraph] if pm.paragraph is not None else []):
            part_at.setdefault(i, []).append(pm.label)

    head = Text(doc.path, style="bold")
    n_body = sum(1 for p in doc.paragraphs if not p.in_table)
    head.append(f"  {doc.format} · {n_body} paragraphs · {len(doc.tables)} tables", style="dim")
    if doc.pages:
        head.append(f" · {doc.pages} pages", style="dim")
    console.print(head)
    for note in doc.notes:
        console.print(Text(f"note: {note}", style="dim"))
    if genre is not None:
        g = Text("genre: ", style="bold")
        g.append(f"{genre.name} ({genre.label})")
        g.append(f"  {genre.reason}", style="dim")
        console.print(g)
        for sig in genre.evidence:
            where = f", {sig.location.describe()}" if sig.location is not None else ""
            console.print(
                Text(f"  +{sig.weight} {sig.source}: {sig.text}  ({sig.pattern}{where})", style="dim")
            )
        if genre.scores:
            console.print(Text("  scores: " + ", ".join(f"{n} {v}" for n, v in genre.scores), style="dim"))
    console.print(Text(f"pack: {pack.name} ({pack.title})" + ("  [forced by --pack]" if forced else "")))
    title = Text("title: ", style="bold")
    if out.title:
        title.append(out.title_text)
        title.append(f"  ({_where(doc, out.title[0])})", style="dim")
    else:
        title.append("not found", style="red")
    console.print(title)
    yr = Text("report year: ", style="bold")
    if out.year:
        yr.append(f"{out.year}  from {out.year_source}")
        ev = out.year_evidence
        if ev is not None:
            said = doc.paragraphs[ev.paragraph].text.strip()
            said = said if len(said) <= 40 else said[:40] + "…"
            rule = " (the plan is for the year after)" if ev.source == "plan-heading" else ""
            yr.append(f": {said}{rule} ({_where(doc, ev.paragraph)})", style="dim")
        sources = sorted({f"{c.source}={c.year}" for c in out.year_claims})
        if sources:
            yr.append(f"  stated: {', '.join(sources)}", style="dim")
    else:
        yr.append("not found", style="red")
    console.print(yr)
    if out.cover is not None:
        c = out.cover
        console.print(
            Text(
                f"cover letter: {_where(doc, c.start)} – {_where(doc, c.end - 1)}, 文种 {c.kind or '?'}",
                style="bold",
            )
        )
        for label, idx in (
            ("  发文字号", c.doc_number),
            ("  签发人", c.signer),
            ("  标题", c.title),
            ("  主送", c.recipient),
            ("  附件说明", c.attachment_note),
            ("  署名", c.signature),
            ("  成文日期", c.date),
        ):
            console.print(_line(doc, label, idx))
        for idx in c.colophon:
            console.print(_line(doc, "  版记", idx))
    else:
        console.print(Text("cover letter: none", style="dim"))
    console.print(_line(doc, "attachment label", out.attachment_label))
    s, e = out.intro
    if e > s:
        console.print(Text(f"introduction: {_where(doc, s)} – {_where(doc, e - 1)}", style="bold"))
    tree = Tree(Text("sections", style="bold"))

    def add(node: Tree, sec: Section) -> None:
        for child in sec.children:
            h = child.heading
            assert h is not None
            label = Text(h.display)
            if h.run_in:
                label.append(" [run-in]", style="dim")
            label.append(f"  ({_where(doc, h.paragraph)})", style="dim")
            for part in part_at.get(h.paragraph, []):
                label.append(f"  ⇐ {part}", style="green")
            add(node.add(label), child)

    add(tree, out.root)
    console.print(tree)
    console.print(Text("required parts:", style="bold"))
    for pm in parts.values():
        mark = "✓" if pm.found else ("✗" if pm.required else "–")
        line = Text(f"  {mark} {pm.label}", style="green" if pm.found else ("red" if pm.required else "dim"))
        if pm.found:
            line.append(f"  ← {pm.matched} ({pm.how}, {_where(doc, pm.paragraph)})", style="dim")
        console.print(line)
    mapped = map_tables(doc).all()
    shown = {i for m in mapped for i in m.tables}
    for m in mapped:
        console.print(_mapped_grid(m))
    for t in doc.tables:
        if t.index in shown:
            continue
        console.print(
            Text(f"table {t.index + 1}: {t.n_rows} × {t.n_cols}  ({t.location.describe()})", style="bold")
        )
        for row in t.text_grid()[:40]:
            console.print(Text("  | " + " | ".join(c.replace("\n", " ")[:14] for c in row) + " |"))


_GK_TABLE_TITLE = {
    "active": "主动公开政府信息情况",
    "apply": "收到和处理政府信息公开申请情况",
    "review": "政府信息公开行政复议、行政诉讼情况",
}


def _mapped_grid(m: MappedTable) -> RichTable:
    """A table of the GK format as recognised: the format's row and column labels, the values as written."""
    where = "+".join(str(i + 1) for i in m.tables) if m.tables else "body text"
    how = "flattened lines of numbers" if m.how == "flattened" else f"table {where}"
    layout = f", {m.layout} format" if m.layout else ""
    title = Text(f"{_GK_TABLE_TITLE[m.kind]} ← {how} ({m.location.describe()}{layout})", style="bold")
    title.append(f"  {len(m.rows)} rows × {len(m.cols)} columns", style="dim")
    grid = RichTable(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    grid.add_column("row")
    for col in m.cols:
        label = m.col_labels.get(col, col)
        grid.add_column(label.split("·")[-1], justify="right")
    for row in m.rows:
        cells: list[Text] = []
        for col in m.cols:
            v = m.get(row, col)
            if v is None:
                cells.append(Text("—", style="dim"))
            elif v.blank:
                cells.append(Text("空" if not v.text.strip() else v.text.strip(), style="yellow"))
            elif v.number is None:
                cells.append(Text(v.text.strip()[:8], style="red"))
            else:
                cells.append(Text(v.show()))
        grid.add_row(Text(m.row_label(row)), *cells)
    for label, cell in m.unknown_rows:
        grid.add_row(Text(f"? {label[:24]} ({cell.location.describe()})", style="red"))
    return grid
