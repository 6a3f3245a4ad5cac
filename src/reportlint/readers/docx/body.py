"""The body walk: paragraphs in reading order (runs, fields, tracked changes, text boxes, numbering), then tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlint.errors import FileError
from reportlint.model import Anchor, Document, Location, Paragraph, Table
from reportlint.readers.docx import comments as _comments_mod
from reportlint.readers.docx import tables as _tables_mod
from reportlint.readers.docx.numbering import _int, _Numbering
from reportlint.readers.docx.ooxml import (
    ALTERNATE_CONTENT,
    BR,
    C_RANGE_END,
    C_RANGE_START,
    C_REF,
    CR,
    FLD_CHAR,
    M_T,
    MC_CHOICE,
    MC_FALLBACK,
    NO_BREAK_HYPHEN,
    PTAB,
    RT_COMMENTS,
    RT_NUMBERING,
    RT_STYLES,
    SKIPPED,
    SYM,
    TAB,
    TBL,
    TXBX_CONTENT,
    VAL,
    P,
    R,
    T,
    _all_paragraphs,
    _block_items,
    _body_element,
    _part_root,
    _safe_hex,
    _w,
)
from reportlint.readers.docx.runs import _Collected, _resolve_tabs
from reportlint.readers.docx.styles import _is_toc_style, _level_from_name, _on, _Styles


class _Reader:
    def __init__(self, document: Any, path: Path) -> None:
        self.document = document
        self.path = path
        part = document.part
        self.styles = _Styles(_part_root(part, RT_STYLES))
        self.numbering = _Numbering(_part_root(part, RT_NUMBERING), self.styles)
        self.comment_texts = self._comments(_part_root(part, RT_COMMENTS))
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.fields: list[str] = []
        self.open_comments: set[str] = set()
        self.comments_by_index: dict[int, list[str]] = {}
        self.last_body: int | None = None
        self.textbox_paragraphs = 0
        self.tracked = False
        self.carry: list[tuple[str, int]] = []
        self.carry_comments: list[_Collected] = []

    # -- comments (comments.py) and tables (tables.py) ----------------------------------------------
    _comments = _comments_mod.comment_texts
    _attach_comments = _comments_mod.attach_comments
    table = _tables_mod.table
    _cell_texts = _tables_mod.cell_texts
    _cell_paragraph = _tables_mod.cell_paragraph

    # -- walking ------------------------------------------------------------------------------------------
    def _walk(self, el: Any, got: _Collected, fields: list[str], bold: bool | None = None) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (T, M_T):
                if "instr" not in fields:
                    text = child.text or ""
                    got.parts.append(text)
                    if bold is not None and text.strip():
                        got.run_bold.append(bold)
            elif tag in (TAB, PTAB, BR, CR):
                got.parts.append("\t")
            elif tag == R:
                if not self._hidden(child):
                    self._walk(child, got, fields, self._run_bold(child, got))
            elif tag == FLD_CHAR:
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
            elif tag == NO_BREAK_HYPHEN:
                got.parts.append("-")
            elif tag == SYM:
                code = _safe_hex(child.get(_w("char")))
                if code is not None and not 0xE000 <= code <= 0xF8FF:
                    got.parts.append(chr(code))
            elif tag == TXBX_CONTENT:
                got.textboxes.append(child)
            elif tag == ALTERNATE_CONTENT:
                self._alternate(child, got, fields, bold)
            elif tag == C_RANGE_START:
                got.comment_starts.append(child.get(_w("id"), ""))
            elif tag == C_RANGE_END:
                got.comment_ends.append(child.get(_w("id"), ""))
            elif tag == C_REF:
                got.comment_refs.append(child.get(_w("id"), ""))
            elif tag in SKIPPED or tag in (P, TBL):
                if tag in (_w("del"), _w("moveFrom"), _w("ins"), _w("moveTo")):
                    self.tracked = True
                continue
            else:
                if tag in (_w("ins"), _w("moveTo")):
                    self.tracked = True
                self._walk(child, got, fields, bold)

    def _alternate(self, alt: Any, got: _Collected, fields: list[str], bold: bool | None) -> None:
        """One branch of an ``mc:AlternateContent``: the first choice that yields text or a text box, else the
        fallback (an emoji's ``w16se:symEx`` choice carries no text; its fallback ``w:t`` does)."""
        branches = [*alt.iterchildren(MC_CHOICE), *alt.iterchildren(MC_FALLBACK)]
        for branch in branches:
            trial = _Collected(pstyle=got.pstyle)
            self._walk(branch, trial, fields, bold)
            if "".join(trial.parts).strip() or trial.textboxes or branch is branches[-1]:
                got.parts += trial.parts
                got.textboxes += trial.textboxes
                got.run_bold += trial.run_bold
                got.comment_starts += trial.comment_starts
                got.comment_ends += trial.comment_ends
                got.comment_refs += trial.comment_refs
                return

    def _hidden(self, run: Any) -> bool:
        """The run is hidden text (``w:vanish`` on the run or its character style): not part of the report."""
        rpr = run.find(_w("rPr"))
        if rpr is None:
            return False
        vanish = rpr.find(_w("vanish"))
        if vanish is None:
            rstyle = rpr.find(_w("rStyle"))
            if rstyle is not None:
                vanish = self.styles.find_rpr(rstyle.get(VAL), _w("vanish"))
        return vanish is not None and _on(vanish)

    def _run_bold(self, run: Any, got: _Collected) -> bool:
        style_id = got.pstyle
        rpr = run.find(_w("rPr"))
        if rpr is not None:
            b = rpr.find(_w("b"))
            if b is not None:
                return _on(b)
            rstyle = rpr.find(_w("rStyle"))
            if rstyle is not None:
                b = self.styles.find_rpr(rstyle.get(VAL), _w("b"))
                if b is not None:
                    return _on(b)
        b = self.styles.find_rpr(style_id, _w("b"))
        if b is None and self.styles.default_rpr is not None:
            b = self.styles.default_rpr.find(_w("b"))
        return b is not None and _on(b)

    # -- paragraphs ---------------------------------------------------------------------------------------
    def _style_of(self, p: Any) -> str | None:
        ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        if ps is not None and ps.get(VAL) in self.styles.by_id:
            return str(ps.get(VAL))
        return self.styles.default_paragraph

    def _label(self, p: Any, style_id: str | None) -> tuple[str, str] | None:
        numpr = p.find(f"{_w('pPr')}/{_w('numPr')}")
        num_id: str | None = None
        ilvl: int | None = None
        if numpr is not None:
            nid = numpr.find(_w("numId"))
            num_id = nid.get(VAL) if nid is not None else None
            ilvl = _int(numpr.find(_w("ilvl")))
        if num_id is None:
            snum = self.styles.find_ppr(style_id, f"{_w('numPr')}/{_w('numId')}")
            if snum is not None:
                num_id = snum.get(VAL)
                if ilvl is None:
                    ilvl = _int(self.styles.find_ppr(style_id, f"{_w('numPr')}/{_w('ilvl')}"))
                if ilvl is None and style_id is not None and num_id is not None:
                    ilvl = self.numbering.level_for_style(num_id, style_id)
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def _hints(self, p: Any, style_id: str | None, got: _Collected) -> dict[str, Any]:
        outline: int | None = None
        lvl = p.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if lvl is None:
            lvl = self.styles.find_ppr(style_id, _w("outlineLvl"))
        if lvl is not None:
            value = _int(lvl)
            outline = value if value is not None and 0 <= value <= 8 else None
        else:
            for st in self.styles.chain(style_id):
                outline = _level_from_name(st.name)
                if outline is not None:
                    break
        jc = p.find(f"{_w('pPr')}/{_w('jc')}")
        if jc is None:
            jc = self.styles.find_ppr(style_id, _w("jc"))
        style = self.styles.by_id[style_id].name if style_id in self.styles.by_id else None
        return {
            "style": style,
            "outline_level": outline,
            "bold": bool(got.run_bold) and all(got.run_bold),
            "centered": jc is not None and jc.get(VAL) == "center",
        }

    def _collect(self, p: Any) -> tuple[_Collected, str | None]:
        # a field instruction never runs on into a new paragraph; results (a TOC) may
        self.fields[:] = [f for f in self.fields if f != "instr"]
        got = _Collected()
        style_id = self._style_of(p)
        got.pstyle = style_id
        self._walk(p, got, self.fields)
        return got, style_id

    def _paragraph_text(self, p: Any) -> tuple[str, str | None, _Collected, str | None]:
        """(text, numbering label or None, collected, style id) of one ``w:p``, label prefixed."""
        got, style_id = self._collect(p)
        text = _resolve_tabs("".join(got.parts)).strip()
        label = self._label(p, style_id)
        if label is not None and text:
            return label[0] + label[1] + text, label[0], got, style_id
        return text, None, got, style_id

    def _emit(self, text: str, anchors: list[Anchor], hints: dict[str, Any], **extra: Any) -> Paragraph:
        para = Paragraph(index=len(self.paragraphs), text=text, anchors=anchors, **hints, **extra)
        self.paragraphs.append(para)
        return para

    def _mark_deleted(self, p: Any) -> bool:
        rpr = p.find(f"{_w('pPr')}/{_w('rPr')}")
        return rpr is not None and (rpr.find(_w("del")) is not None or rpr.find(_w("moveFrom")) is not None)

    def body_paragraph(self, p: Any, number: int) -> None:
        if self._mark_deleted(p):
            self.tracked = True
            got, _ = self._collect(p)
            text = _resolve_tabs("".join(got.parts)).strip()
            self.carry_comments.append(got)
            if text:
                self.carry.append((text, number))
            self._textboxes(got, number)
            return
        text, label, got, style_id = self._paragraph_text(p)
        anchors = [Anchor(0, Location(paragraph=number))]
        if self.carry:
            head = ""
            lead = label or ""
            if label is not None:
                text = text[len(label) :].lstrip()
            anchors = []
            for piece, num in self.carry:
                anchors.append(Anchor(len(lead) + len(head), Location(paragraph=num)))
                head += piece
            if text:
                anchors.append(Anchor(len(lead) + len(head), Location(paragraph=number)))
            text = lead + head + text
            self.carry = []
        para = None
        hints = self._hints(p, style_id, got)
        if text and _is_toc_style(hints.get("style")):
            text = ""  # a table-of-contents entry repeats a heading; it is not body text
        if text:
            para = self._emit(text, anchors, hints, numbering_label=label)
            self.last_body = para.index
        for carried in self.carry_comments:
            self._attach_comments(para, carried)
        self.carry_comments = []
        self._attach_comments(para, got)
        self._textboxes(got, number)

    def flush_carry(self) -> None:
        if not self.carry:
            for carried in self.carry_comments:
                self._attach_comments(None, carried)
            self.carry_comments = []
            return
        text = "".join(t for t, _ in self.carry)
        anchors = []
        offset = 0
        for piece, num in self.carry:
            anchors.append(Anchor(offset, Location(paragraph=num)))
            offset += len(piece)
        para = self._emit(text, anchors, {})
        self.last_body = para.index
        for carried in self.carry_comments:
            self._attach_comments(para, carried)
        self.carry = []
        self.carry_comments = []

    def _textboxes(self, got: _Collected, number: int) -> None:
        for box in got.textboxes:
            for p in _all_paragraphs(box):
                text, label, inner, style_id = self._paragraph_text(p)
                para = None
                if text:
                    para = self._emit(
                        text,
                        [Anchor(0, Location(paragraph=number))],
                        self._hints(p, style_id, inner),
                        numbering_label=label,
                    )
                    self.last_body = para.index
                    self.textbox_paragraphs += 1
                self._attach_comments(para, inner)
                self._textboxes(inner, number)

    # -- document -----------------------------------------------------------------------------------------
    def read(self) -> Document:
        body = _body_element(self.document)
        number = 0
        for item in _block_items(body):
            if item.tag == P:
                number += 1
                self.body_paragraph(item, number)
            else:
                self.flush_carry()
                self.table(item)
        self.flush_carry()
        if not any(p.text.strip() for p in self.paragraphs):
            if body.find(_w("altChunk")) is not None:
                raise FileError(
                    "unreadable",
                    "the document has no text of its own (its body is embedded HTML/MHT content, altChunk, "
                    "which is not read); open and save it again in Word",
                )
            raise FileError("unreadable", "the document has no text")
        doc = Document(
            path=str(self.path),
            format="docx",
            paragraphs=self.paragraphs,
            tables=self.tables,
            comments=self.comments_by_index,
        )
        if self.textbox_paragraphs:
            doc.notes.append(f"{self.textbox_paragraphs} text-box paragraph(s) read")
        if self.tracked:
            doc.notes.append("tracked changes read as accepted")
        if body.find(_w("altChunk")) is not None:
            doc.notes.append("embedded alternative-format content (altChunk) not read")
        return doc
