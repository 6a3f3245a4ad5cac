"""Render tests/fixtures/num/num-report.txt as .docx (python-docx) and .pdf (LibreOffice from the .docx).

Usage: uv run python scripts/make_num_fixtures.py   (needs soffice on PATH for the .pdf)
The generated files are committed so tests read them without these tools.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "num"


def main() -> None:
    src = HERE / "num-report.txt"
    paras = [p for p in src.read_text(encoding="utf-8").split("\n") if p.strip()]
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for i, text in enumerate(paras):
        p = d.add_paragraph(text)
        if i == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = HERE / "num-report.docx"
    d.core_properties.author = "reportlint"
    d.save(str(out))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(out)],
            check=True,
            capture_output=True,
            timeout=180,
        )


if __name__ == "__main__":
    main()
