"""``reportlint outline``: the structure the tool recognised, for when a section "isn't found"."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from reportlint.model import Document
from reportlint.structure.outline import Outline, Section

if TYPE_CHECKING:
    from reportlint.engine.run import Settings


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


def render_outline(doc: Document, out: Outline, settings: Settings, stream: TextIO) -> None:
    from reportlint.engine.run import choose_pack
    from reportlint.structure.parts import match_parts

    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 120, soft_wrap=True)
    pack = choose_pack(out, settings)
    parts = match_parts(out, pack.parts)
    part_at: dict[int, list[str]] = {}
    for pm in parts.values():
        if pm.paragraph is not None:
            part_at.setdefault(pm.paragraph, []).append(pm.label)

    head = Text(doc.path, style="bold")
    n_body = sum(1 for p in doc.paragraphs if not p.in_table)
    head.append(f"  {doc.format} · {n_body} paragraphs · {len(doc.tables)} tables", style="dim")
    if doc.pages:
        head.append(f" · {doc.pages} pages", style="dim")
    console.print(head)
    for note in doc.notes:
        console.print(Text(f"note: {note}", style="dim"))
    console.print(Text(f"pack: {pack.name} ({pack.title})"))
    title = Text("title: ", style="bold")
    if out.title:
        title.append(out.title_text)
        title.append(f"  ({_where(doc, out.title[0])})", style="dim")
    else:
        title.append("not found", style="red")
    console.print(title)
    yr = Text("report year: ", style="bold")
    if out.year:
        yr.append(str(out.year))
        sources = sorted({f"{c.source}={c.year}" for c in out.year_claims})
        yr.append(f"  ({', '.join(sources)})", style="dim")
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
    for t in doc.tables:
        console.print(
            Text(f"table {t.index + 1}: {t.n_rows} × {t.n_cols}  ({t.location.describe()})", style="bold")
        )
        for row in t.text_grid()[:40]:
            console.print(Text("  | " + " | ".join(c.replace("\n", " ")[:14] for c in row) + " |"))
