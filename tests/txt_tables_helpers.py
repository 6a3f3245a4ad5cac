"""Turn a .docx report into the plain text Word gives when the document is copied into a text editor.

Body paragraphs become lines separated by a blank line; each table row becomes one line of tab-separated cells,
with a horizontally merged cell written once and the continuation of a vertically merged cell written empty,
the way Word and WPS copy a table as text. Used to test the .txt reader on tab-separated tables without
keeping copies of the same report in the repository.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def _cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def word_copy_text(docx_path: Path) -> str:
    doc = Document(str(docx_path))
    out: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                out += [text, ""]
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells: list[str] = []
                for tc in tr.iterchildren(qn("w:tc")):
                    tcpr = tc.find(qn("w:tcPr"))
                    vm = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                    cont = vm is not None and vm.get(qn("w:val"), "continue") == "continue"
                    cells.append("" if cont else _cell_text(tc))
                out.append("\t".join(cells))
            out.append("")
    return "\n".join(out) + "\n"


def full_grid_text(md_path: Path) -> str:
    """The Markdown rendering with its pipe tables turned into tab-separated rows, one cell per column."""
    out: list[str] = []
    for line in md_path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("|") and s.endswith("|"):
            if set(s) <= set("|-: "):
                continue
            out.append("\t".join(c.strip() for c in s.strip("|").split("|")))
        else:
            out.append(line)
    return "\n".join(out) + "\n"
