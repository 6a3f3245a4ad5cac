"""Render every example report in ``examples/src/*.yaml`` into all the formats reportlint reads.

For each source ``NAME.yaml`` this writes, into ``examples/``:

- ``NAME.txt``          UTF-8, one paragraph per block, paragraphs separated by blank lines
- ``NAME.md``           Markdown (``#`` title, ``##``/``###``/``####`` own-line headings, pipe tables)
- ``NAME.docx``         headings in Word's Heading 1–3 styles
- ``NAME-bold.docx``    headings as plain bold text in the Normal style
- ``NAME-autonum.docx`` headings numbered by Word's automatic numbering (numbering.xml: chineseCounting for
                        一、 and （一）, decimal for 1.); the heading text has no number typed
- ``NAME.pdf``          reportlab with its built-in CJK font STSong-Light, A4, GB/T 9704-like page
- ``NAME-lo.pdf``       NAME.docx converted by LibreOffice headless, when ``soffice`` is installed

Everything is deterministic: fixed document metadata, fixed zip timestamps, reportlab's invariant mode, and
the creation dates and IDs of LibreOffice's PDFs pinned. Run ``uv run python scripts/make_examples.py``
(``--no-lo`` skips LibreOffice, ``--only NAME`` renders one source).

Source format: a mapping with ``name``, ``title``, ``author`` and ``blocks``, a list of one-key mappings:
``org`` (发文机关标志), ``docno`` (发文字号), ``signer`` (签发人), ``cover_title``, ``recipient`` (主送),
``p`` (body paragraph), ``attach_note`` (附件说明), ``signature`` (署名), ``date`` (成文日期), ``attach_label``
(附件, starts a new page), ``title`` (with optional ``break_after``: where the printed title wraps),
``h1``/``h2``/``h3`` (``{n: 一、, t: 标题, body: …}``; with ``body`` the heading is run-in: 段首句标题),
``table`` (``{caption, rows}``, first row the header) and ``colophon`` (版记 lines: 抄送, 印发).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "examples" / "src"
OUT = ROOT / "examples"

FIXED_TIME = dt.datetime(2024, 1, 1, 9, 0, 0)
ZIP_TIME = (2024, 1, 1, 9, 0, 0)

TEXT_KINDS = (
    "org",
    "docno",
    "signer",
    "cover_title",
    "recipient",
    "p",
    "attach_note",
    "signature",
    "date",
    "attach_label",
    "title",
    "colophon",
)
HEADING_KINDS = {"h1": 1, "h2": 2, "h3": 3}


@dataclass
class Block:
    kind: str
    text: str = ""
    level: int = 0
    number: str = ""
    """The heading number as typed (一、, （二）, 1.)."""
    title: str = ""
    body: str = ""
    """Text after a run-in heading's first sentence."""
    break_after: str | None = None
    caption: str = ""
    rows: list[list[str]] | None = None

    @property
    def run_in(self) -> bool:
        return bool(self.body)

    @property
    def full_text(self) -> str:
        """The paragraph as it reads in plain text."""
        if self.kind in HEADING_KINDS:
            return self.number + self.title + self.body
        return self.text


@dataclass
class Report:
    name: str
    title: str
    author: str
    blocks: list[Block]


def load(path: Path) -> Report:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    blocks: list[Block] = []
    for raw in data["blocks"]:
        extra = {k: v for k, v in raw.items() if k not in (*TEXT_KINDS, *HEADING_KINDS, "table")}
        kinds = [k for k in raw if k not in extra]
        if len(kinds) != 1:
            raise SystemExit(f"{path}: a block needs exactly one kind, got {list(raw)}")
        kind = kinds[0]
        value = raw[kind]
        if kind in HEADING_KINDS:
            if not isinstance(value.get("n"), str):
                raise SystemExit(
                    f"{path}: quote the heading number {value.get('n')!r} (YAML reads 1. as a float)"
                )
            blocks.append(
                Block(
                    kind,
                    level=HEADING_KINDS[kind],
                    number=str(value["n"]),
                    title=str(value["t"]),
                    body=str(value.get("body", "")),
                )
            )
        elif kind == "table":
            rows = [[str(c) for c in r] for r in value["rows"]]
            blocks.append(Block(kind, caption=str(value.get("caption", "")), rows=rows))
        else:
            blocks.append(Block(kind, text=str(value), break_after=extra.get("break_after")))
    return Report(str(data["name"]), str(data["title"]), str(data["author"]), blocks)


# --- plain text and Markdown ---------------------------------------------------------------------------


def to_txt(report: Report) -> str:
    paras: list[str] = []
    for b in report.blocks:
        if b.kind == "table":
            assert b.rows is not None
            if b.caption:
                paras.append(b.caption)
            paras.extend("\t".join(r) for r in b.rows)
        else:
            paras.append(b.full_text)
    return "\n\n".join(paras) + "\n"


def to_md(report: Report) -> str:
    paras: list[str] = []
    for b in report.blocks:
        if b.kind == "title":
            paras.append("# " + b.text)
        elif b.kind in HEADING_KINDS and not b.run_in:
            paras.append("#" * (b.level + 1) + " " + b.full_text)
        elif b.kind == "table":
            assert b.rows is not None
            if b.caption:
                paras.append(b.caption)
            head, *rest = b.rows
            lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
            lines += ["| " + " | ".join(r) + " |" for r in rest]
            paras.append("\n".join(lines))
        else:
            paras.append(b.full_text)
    return "\n\n".join(paras) + "\n"


# --- .docx -----------------------------------------------------------------------------------------------

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XBS = "方正小标宋简体"
BODY_PT = 16  # 三号
LINE_PT = 28.95  # 22 lines in the 225 mm type area


def _numbering_xml() -> str:
    def lvl(i: int, fmt: str, text: str) -> str:
        return (
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        )

    return (
        '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        + lvl(0, "chineseCounting", "%1、")
        + lvl(1, "chineseCounting", "（%2）")
        + lvl(2, "decimal", "%3.")
        + "</w:abstractNum>"
    )


class DocxWriter:
    """Build one .docx in one of three heading styles: ``styles``, ``bold`` or ``autonum``."""

    def __init__(self, report: Report, mode: str) -> None:
        from docx import Document
        from docx.enum.section import WD_SECTION  # noqa: F401  (import check)
        from docx.shared import Mm

        self.report = report
        self.mode = mode
        self.doc = Document()
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
        sec.left_margin, sec.right_margin = Mm(28), Mm(26)
        sec.footer_distance = Mm(28)
        self._setup_styles()
        self._setup_footer()
        self.counters = [0, 0, 0]
        self.num_id: int | None = None
        if mode == "autonum":
            self._setup_numbering()

    # styles and page furniture
    def _fonts(self, rpr_owner: Any, east_asia: str, ascii_font: str = "Times New Roman") -> None:
        from docx.oxml.ns import qn

        rpr = rpr_owner.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), ascii_font)
        fonts.set(qn("w:eastAsia"), east_asia)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(theme)) is not None:
                del fonts.attrib[qn(theme)]

    def _setup_styles(self) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt, RGBColor

        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        self._fonts(normal.element, FANGSONG)
        pf = normal.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PT)
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.widow_control = False
        for name, font, bold in (
            ("Heading 1", HEITI, False),
            ("Heading 2", KAITI, False),
            ("Heading 3", FANGSONG, True),
        ):
            st = styles[name]
            st.font.size = Pt(BODY_PT)
            st.font.bold = bold
            st.font.italic = False
            st.font.color.rgb = RGBColor(0, 0, 0)
            self._fonts(st.element, font)
            spf = st.paragraph_format
            spf.space_before = Pt(0)
            spf.space_after = Pt(0)
            spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            spf.line_spacing = Pt(LINE_PT)
            spf.first_line_indent = Pt(2 * BODY_PT)
            spf.keep_with_next = True
        title = styles["Title"]
        title.font.size = Pt(22)
        title.font.color.rgb = RGBColor(0, 0, 0)
        self._fonts(title.element, XBS)
        title.paragraph_format.space_after = Pt(LINE_PT)
        title.paragraph_format.line_spacing = Pt(36)
        # the template's Title style has a bottom border; a report title has none
        ppr = title.element.pPr
        if ppr is not None:
            from docx.oxml.ns import qn

            for el in ppr.findall(qn("w:pBdr")):
                ppr.remove(el)

    def _setup_footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        from docx.shared import Pt

        self.doc.settings.odd_and_even_pages_header_footer = True
        sec = self.doc.sections[0]
        for footer, align in (
            (sec.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = align
            pf = p.paragraph_format
            pf.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else None
            pf.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
            r = p.add_run("— ")
            r.font.size = Pt(14)
            self._fonts(r._r, "宋体")
            fld = parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
                "<w:t>1</w:t></w:r></w:fldSimple>"
            )
            p._p.append(fld)
            r2 = p.add_run(" —")
            r2.font.size = Pt(14)
            self._fonts(r2._r, "宋体")

    def _setup_numbering(self) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        numbering = self.doc.part.numbering_part.element
        abstract = parse_xml(_numbering_xml())
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )
        self.num_id = 90

    # paragraphs
    def _para(
        self,
        text: str = "",
        *,
        style: str | None = None,
        align: str | None = None,
        indent_chars: float = 0,
        size: float | None = None,
        east_asia: str | None = None,
        bold: bool = False,
        color: tuple[int, int, int] | None = None,
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        p = self.doc.add_paragraph(style=style)
        if align:
            p.alignment = {
                "center": WD_ALIGN_PARAGRAPH.CENTER,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
                "left": WD_ALIGN_PARAGRAPH.LEFT,
            }[align]
        if indent_chars:
            p.paragraph_format.first_line_indent = Pt(indent_chars * BODY_PT)
            self._chars_indent(p, indent_chars)
        if text:
            r = p.add_run(text)
            if size:
                r.font.size = Pt(size)
            if east_asia:
                self._fonts(r._r, east_asia)
            if bold:
                r.bold = True
            if color:
                r.font.color.rgb = RGBColor(*color)
        return p

    def _chars_indent(self, p: Any, chars: float) -> None:
        from docx.oxml.ns import qn

        ind = p._p.get_or_add_pPr().find(qn("w:ind"))
        if ind is not None:
            ind.set(qn("w:firstLineChars"), str(int(chars * 100)))

    def _border(self, p: Any, side: str, color: str = "000000", size: int = 8) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        ppr = p._p.get_or_add_pPr()
        bdr = parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" w:space="1" w:color="{color}"/></w:pBdr>'
        )
        ppr.insert(0, bdr)

    def _numbered(self, p: Any, level: int) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        ppr = p._p.get_or_add_pPr()
        ppr.insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="{self.num_id}"/></w:numPr>'
            ),
        )

    def heading(self, b: Block) -> None:
        from docx.shared import Pt

        # what automatic numbering would print here; a typed number that breaks the sequence stays typed
        from reportlint.textutil import cn_to_int

        i = b.level - 1
        digits = re.sub(r"[^0-9一二三四五六七八九十]", "", b.number)
        typed = int(digits) if digits.isdigit() else cn_to_int(digits)
        auto = self.mode == "autonum" and typed == self.counters[i] + 1
        if auto or self.mode != "autonum":
            self.counters[i] = typed or self.counters[i] + 1
            for j in range(i + 1, len(self.counters)):
                self.counters[j] = 0
        label = "" if auto else b.number
        fonts = {1: HEITI, 2: KAITI, 3: FANGSONG}
        if b.run_in:
            p = self._para(indent_chars=2)
            r = p.add_run(label + b.title)
            r.bold = b.level != 2
            if b.level == 2:
                self._fonts(r._r, KAITI)
            p.add_run(b.body)
        elif self.mode == "bold":
            p = self._para(label + b.title, indent_chars=2, bold=True, east_asia=fonts[b.level])
            p.paragraph_format.keep_with_next = True
        else:
            p = self._para(label + b.title, style=f"Heading {b.level}")
            p.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
            self._chars_indent(p, 2)
        if auto:
            self._numbered(p, b.level)

    def table(self, b: Block) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        assert b.rows is not None
        if b.caption:
            self._para(b.caption, align="center", east_asia=HEITI, size=14)
        t = self.doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(b.rows):
            for c, value in enumerate(row):
                cell = t.cell(r, c)
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.line_spacing = Pt(22)
                run = p.add_run(value)
                run.font.size = Pt(14)
                if r == 0 or row[0] == "合计":
                    run.bold = True

    def build(self) -> bytes:
        from docx.shared import Pt

        colophon_paras: list[Any] = []
        for b in self.report.blocks:
            k = b.kind
            if k in HEADING_KINDS:
                self.heading(b)
            elif k == "table":
                self.table(b)
            elif k == "org":
                self._para(b.text, align="center", size=26, east_asia=XBS, color=(0xC0, 0, 0))
                self._para()
            elif k == "docno":
                self._para(b.text, indent_chars=1)
            elif k == "signer":
                p = self._para(b.text, align="right")
                p.paragraph_format.right_indent = Pt(BODY_PT)
                self._border(p, "bottom", "C00000", 12)
                self._para()
            elif k in ("cover_title", "title"):
                style = "Title" if k == "title" else None
                p = self._para(b.text, style=style, align="center", size=22, east_asia=XBS)
                if k == "cover_title":
                    p.paragraph_format.space_after = Pt(LINE_PT)
            elif k == "recipient":
                self._para(b.text)
            elif k == "p":
                self._para(b.text, indent_chars=2)
            elif k == "attach_note":
                p = self._para(b.text, indent_chars=2)
                p.paragraph_format.space_before = Pt(LINE_PT)
            elif k in ("signature", "date"):
                p = self._para(b.text, align="right")
                p.paragraph_format.right_indent = Pt(4 * BODY_PT)
                if k == "signature":
                    p.paragraph_format.space_before = Pt(2 * LINE_PT)
            elif k == "attach_label":
                p = self._para(b.text, east_asia=HEITI)
                p.paragraph_format.page_break_before = True
            elif k == "colophon":
                p = self._para(b.text, indent_chars=1, size=14)
                colophon_paras.append(p)
            else:  # pragma: no cover - load() rejects unknown kinds
                raise SystemExit(f"unknown block kind {k}")
        if colophon_paras:
            colophon_paras[0].paragraph_format.space_before = Pt(2 * LINE_PT)
            self._border(colophon_paras[0], "top")
            self._border(colophon_paras[-1], "bottom")
        core = self.doc.core_properties
        core.title = self.report.title
        core.author = self.report.author
        core.last_modified_by = self.report.author
        core.created = FIXED_TIME
        core.modified = FIXED_TIME
        core.revision = 1
        core.comments = ""
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalize_zip(buf.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so that equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --- .pdf (reportlab) ------------------------------------------------------------------------------------

SONG = "STSong-Light"
SONG_BOLD = "STSong-Light-Bold"


def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import CIDFontInfo, UnicodeCIDFont

    if SONG_BOLD in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(UnicodeCIDFont(SONG))

    class BoldSong(UnicodeCIDFont):  # type: ignore[misc]
        """STSong-Light under the name ``STSong-Light,Bold``: viewers embolden a non-embedded CID font."""

        def __init__(self) -> None:
            super().__init__(SONG)
            self.name = self.fontName = SONG_BOLD

        def addObjects(self, doc: Any) -> None:
            saved = CIDFontInfo[SONG]
            bold = copy.deepcopy(saved)
            bold["BaseFont"] = "/STSong-Light,Bold"
            for d in bold.get("DescendantFonts", []):
                if isinstance(d, dict):
                    d["BaseFont"] = "/STSong-Light,Bold"
            CIDFontInfo[SONG] = bold
            try:
                super().addObjects(doc)
            finally:
                CIDFontInfo[SONG] = saved

    pdfmetrics.registerFont(BoldSong())
    addMapping(SONG, 0, 0, SONG)
    addMapping(SONG, 1, 0, SONG_BOLD)
    addMapping(SONG, 0, 1, SONG)
    addMapping(SONG, 1, 1, SONG_BOLD)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_pdf(report: Report) -> bytes:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        CondPageBreak,
        HRFlowable,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    rl_config.invariant = 1
    _register_fonts()
    fs = float(BODY_PT)
    lead = LINE_PT
    base = ParagraphStyle(
        "body", fontName=SONG, fontSize=fs, leading=lead, wordWrap="CJK", alignment=TA_JUSTIFY
    )
    body = ParagraphStyle("p", parent=base, firstLineIndent=2 * fs)
    heading = ParagraphStyle("h", parent=body, fontName=SONG_BOLD, alignment=TA_LEFT, keepWithNext=1)
    plain = ParagraphStyle("plain", parent=base, alignment=TA_LEFT)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
    right = ParagraphStyle("right", parent=base, alignment=TA_RIGHT, rightIndent=4 * fs)
    title = ParagraphStyle(
        "title", parent=center, fontName=SONG_BOLD, fontSize=22, leading=36, spaceAfter=lead
    )
    org = ParagraphStyle(
        "org",
        parent=center,
        fontName=SONG_BOLD,
        fontSize=28,
        leading=40,
        textColor=colors.HexColor("#C00000"),
    )
    cell = ParagraphStyle("cell", parent=center, fontSize=14, leading=20)
    colophon = ParagraphStyle("colophon", parent=plain, fontSize=14, leading=24, leftIndent=14)
    colophon_right = ParagraphStyle(
        "colophon_r", parent=colophon, alignment=TA_RIGHT, leftIndent=0, rightIndent=14
    )

    story: list[Any] = []
    colophon_started = False
    for b in report.blocks:
        k = b.kind
        if k in HEADING_KINDS:
            if b.run_in:
                story.append(
                    Paragraph(
                        f'<font name="{SONG_BOLD}">{_esc(b.number + b.title)}</font>{_esc(b.body)}', body
                    )
                )
            else:
                story.append(CondPageBreak(3 * lead))
                story.append(Paragraph(_esc(b.number + b.title), heading))
        elif k == "table":
            assert b.rows is not None
            parts: list[Any] = []
            if b.caption:
                parts.append(
                    Paragraph(
                        _esc(b.caption), ParagraphStyle("cap", parent=center, fontName=SONG_BOLD, fontSize=14)
                    )
                )
            data = [[Paragraph(_esc(v), cell) for v in row] for row in b.rows]
            widths = [48 * mm, 34 * mm, 34 * mm, 40 * mm][: len(b.rows[0])]
            t = Table(data, colWidths=widths, hAlign="CENTER")
            t.setStyle(
                TableStyle(
                    [("GRID", (0, 0), (-1, -1), 0.75, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
                )
            )
            parts.append(t)
            story.append(KeepTogether(parts))
            story.append(Spacer(1, lead / 2))
        elif k == "org":
            story.append(Paragraph(_esc(b.text), org))
            story.append(Spacer(1, 10 * mm))
        elif k == "docno":
            story.append(Paragraph(_esc(b.text), ParagraphStyle("docno", parent=plain, leftIndent=fs)))
        elif k == "signer":
            story.append(Paragraph(_esc(b.text), ParagraphStyle("signer", parent=right, rightIndent=fs)))
            story.append(
                HRFlowable(
                    width="100%",
                    thickness=1.5,
                    color=colors.HexColor("#C00000"),
                    spaceBefore=4,
                    spaceAfter=lead,
                )
            )
        elif k in ("cover_title", "title"):
            text = _esc(b.text)
            if b.break_after and b.text.startswith(b.break_after):
                text = _esc(b.break_after) + "<br/>" + _esc(b.text[len(b.break_after) :])
            story.append(Paragraph(text, title))
        elif k == "recipient":
            story.append(Paragraph(_esc(b.text), plain))
        elif k == "p":
            story.append(Paragraph(_esc(b.text), body))
        elif k == "attach_note":
            story.append(Spacer(1, lead))
            story.append(Paragraph(_esc(b.text), body))
        elif k == "signature":
            story.append(Spacer(1, lead))
            story.append(Paragraph(_esc(b.text), right))
        elif k == "date":
            story.append(Paragraph(_esc(b.text), right))
        elif k == "attach_label":
            story.append(PageBreak())
            story.append(Paragraph(_esc(b.text), ParagraphStyle("label", parent=plain, fontName=SONG_BOLD)))
            story.append(Spacer(1, lead))
        elif k == "colophon":
            if not colophon_started:
                story.append(CondPageBreak(4 * lead))
                story.append(Spacer(1, lead))
                story.append(HRFlowable(width="100%", thickness=0.75, color=colors.black, spaceAfter=2))
                colophon_started = True
            left_text, gap, right_text = b.text.partition("\u3000\u3000")
            if gap:  # 印发机关 flush left, 印发日期 flush right
                row = [
                    [
                        Paragraph(_esc(left_text), colophon),
                        Paragraph(_esc(right_text.strip("\u3000")), colophon_right),
                    ]
                ]
                t = Table(row, colWidths=[100 * mm, 56 * mm])
                t.setStyle(
                    TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
                )
                story.append(t)
            else:
                story.append(Paragraph(_esc(b.text), colophon))
    if colophon_started:
        story.append(HRFlowable(width="100%", thickness=0.75, color=colors.black, spaceBefore=2))

    left, right_m, top, bottom = 28 * mm, 26 * mm, 37 * mm, 35 * mm

    def page_number(canvas: Any, doc: Any) -> None:
        n = doc.page
        label = f"— {n} —"
        canvas.saveState()
        canvas.setFont(SONG, 14)
        y = bottom - 7 * mm - 14
        if n % 2:
            canvas.drawRightString(A4[0] - right_m - 14, y, label)
        else:
            canvas.drawString(left + 14, y, label)
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=left,
        rightMargin=right_m,
        topMargin=top,
        bottomMargin=bottom,
        title=report.title,
        author=report.author,
        creator="reportlint scripts/make_examples.py",
        producer="ReportLab",
        invariant=1,
    )
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buf.getvalue()


# --- LibreOffice ------------------------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:[^)]*)\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def pin_pdf(data: bytes) -> bytes:
    """Replace creation dates and the file ID of a PDF with fixed values of the same length (xref stays valid)."""

    def date(m: re.Match[bytes]) -> bytes:
        fixed = b"D:20240101090000"
        raw = m.group(2)
        new = (fixed + raw[len(fixed) :]) if len(raw) >= len(fixed) else fixed[: len(raw)]
        return b"/" + m.group(1) + b"(" + new + b")"

    def ident(m: re.Match[bytes]) -> bytes:
        a, b = m.group(1), m.group(2)
        return m.group(0).replace(a, b"0" * len(a)).replace(b, b"0" * len(b))

    data = _PDF_DATE.sub(date, data)
    data = re.sub(
        rb"/DocChecksum\s*/([0-9A-Fa-f]+)",
        lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1))),
        data,
    )
    data = _PDF_ID.sub(ident, data)
    data = re.sub(
        rb"<xmp:CreateDate>[^<]*</xmp:CreateDate>",
        lambda m: b"<xmp:CreateDate>" + b"0" * (len(m.group(0)) - 33) + b"</xmp:CreateDate>",
        data,
    )
    return data


def libreoffice_pdf(docx: Path, target: Path) -> bool:
    exe = soffice()
    if exe is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        src = Path(tmp) / docx.name
        shutil.copy(docx, src)
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(src),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        produced = outdir / (docx.stem + ".pdf")
        if not produced.exists():
            raise SystemExit(f"LibreOffice did not produce {produced.name}")
        target.write_bytes(pin_pdf(produced.read_bytes()))
    return True


# --- main -----------------------------------------------------------------------------------------------


def render(report: Report, out: Path, *, lo: bool) -> list[Path]:
    written: list[Path] = []

    def write(name: str, data: bytes | str) -> None:
        path = out / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(data)
        written.append(path)

    n = report.name
    write(f"{n}.txt", to_txt(report))
    write(f"{n}.md", to_md(report))
    write(f"{n}.docx", DocxWriter(report, "styles").build())
    write(f"{n}-bold.docx", DocxWriter(report, "bold").build())
    write(f"{n}-autonum.docx", DocxWriter(report, "autonum").build())
    write(f"{n}.pdf", to_pdf(report))
    if lo and libreoffice_pdf(out / f"{n}.docx", out / f"{n}-lo.pdf"):
        written.append(out / f"{n}-lo.pdf")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="render only this source (repeatable)")
    ap.add_argument("--no-lo", action="store_true", help="do not run LibreOffice")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    args.out.mkdir(parents=True, exist_ok=True)
    sources = sorted(SRC.glob("*.yaml"))
    if args.only:
        sources = [s for s in sources if s.stem in args.only]
    if not args.no_lo and soffice() is None:
        print("soffice not found: the -lo.pdf renderings are left as they are", file=sys.stderr)
    for src in sources:
        report = load(src)
        for path in render(report, args.out, lo=not args.no_lo):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
