"""Rebuild a report's structure: title, cover letter, attachment, introduction and the section tree.

A published report is usually a cover letter (报告/函: 发文字号, 签发人, title, 主送, a line of body, 附件说明,
署名, 成文日期, 版记) enclosing the report itself as 附件, whose sections are numbered 一、/（一）/1./（1）. Headings
are recognised by their numbering (own-line or run-in, ``（一）加强领导。正文…``), by Word's numbering labels and
by heading styles or outline levels; styles are hints, never required.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from reportlint.model import Document, Paragraph
from reportlint.patterns import DATE_LINE_RE, SIGNER_LABEL_RE, SIGNER_LINE_RE, SIGNER_RE
from reportlint.textutil import ends_complete, heading_match, is_cjk, lazy_compile, norm_for_compare

RANK_LABELS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}

_DOC_NUMBER = re.compile(
    r"^\s*\S{1,20}?\s*[〔\[【（(［﹝]\s*(\d{2,4})\s*[〕\]】）)］﹞]\s*(第)?\s*0*\d+\s*号\s*$"
)
_DOC_NUMBER_IN = lazy_compile(r"[〔\[【（(［﹝]\s*\d{2,4}\s*[〕\]】）)］﹞]\s*第?\s*\d+\s*号")
_SIGNER = SIGNER_LINE_RE
_COVER_TITLE = re.compile(r"关于.{2,120}的(报告|请示|函|通知|意见)\s*$")
_ATTACH_NOTE = re.compile(r"^\s*附\s*件\s*\d*\s*[：:]\s*(\S.*)$")
_ATTACH_LABEL = re.compile(r"^\s*附\s*件\s*\d*\s*[：:]?\s*$")
_DATE_LINE = DATE_LINE_RE
_COLOPHON = re.compile(r"(印\s*发\s*$)|(^\s*抄\s*送\s*[：:])|(印\s*发\s*[\s(（]*共印)")
_INTRO_LABEL = re.compile(r"^\s*(引\s*言|前\s*言)\s*$")
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年\s*(度)?")
_REPORT_WORD = re.compile(r"报\s*告|总\s*结")


class Heading(msgspec.Struct):
    paragraph: int
    """Index of the paragraph that carries the heading."""
    rank: int
    """Numbering form: 1 一、, 2 （一）, 3 1., 4 （1）; 0 for an unnumbered heading known from its style."""
    number: int | None
    label: str
    """The numbering as written (``三、``, ``（十）``), empty for an unnumbered heading."""
    title: str
    """The heading text without its label; for a run-in heading, up to the first 。"""
    run_in: bool
    depth: int = 0
    """Nesting depth in the section tree (1 = top level)."""

    @property
    def display(self) -> str:
        return f"{self.label}{self.title}"


class Section(msgspec.Struct):
    heading: Heading | None
    start: int
    end: int
    """Paragraph index range [start, end): the heading paragraph and everything under it."""
    parent: Section | None = None
    children: list[Section] = msgspec.field(default_factory=list)

    @property
    def depth(self) -> int:
        return 0 if self.heading is None else self.heading.depth

    def path(self, width: int = 18) -> str:
        parts: list[str] = []
        node: Section | None = self
        while node is not None and node.heading is not None:
            text = node.heading.display
            parts.append(text if len(text) <= width else text[:width] + "…")
            node = node.parent
        return " / ".join(reversed(parts))

    def walk(self) -> Iterator[Section]:
        yield self
        for c in self.children:
            yield from c.walk()


class CoverLetter(msgspec.Struct):
    """The 报送 letter that encloses the report (GB/T 9704 版头, 主体, 版记)."""

    start: int
    end: int
    title: int | None = None
    """The first line of the letter's title (a title set on two or three lines is common)."""
    title_lines: list[int] = msgspec.field(default_factory=list)
    """Every paragraph of the letter's title, in order."""
    kind: str | None = None
    """报告, 请示, 函 … from the end of the letter's title."""
    doc_number: int | None = None
    signer: int | None = None
    recipient: int | None = None
    attachment_note: int | None = None
    signature: int | None = None
    date: int | None = None
    colophon: list[int] = msgspec.field(default_factory=list)


class YearClaim(msgspec.Struct):
    """A place that says which year the report covers."""

    paragraph: int
    start: int
    end: int
    year: int
    source: str
    """title, cover-title, attachment-note, heading; for an inferred year: period, intro, plan-heading."""


class Outline(msgspec.Struct):
    doc: Document
    title: list[int]
    """Paragraph indices of the report's title (one or two lines)."""
    cover: CoverLetter | None
    attachment_label: int | None
    report_start: int
    """First paragraph of the report itself (after the attachment label, else 0)."""
    intro: tuple[int, int]
    """[start, end) of the text between the title and the first top-level heading."""
    root: Section
    headings: list[Heading]
    year: int | None = None
    year_claims: list[YearClaim] = msgspec.field(default_factory=list)
    """The places that state the report year (title, cover letter, 附件说明, achievements heading)."""
    year_source: str | None = None
    """Where ``year`` comes from: a claim's source, or ``period``, ``intro``, ``plan-heading`` when inferred."""
    year_evidence: YearClaim | None = None
    """The claim ``year`` was taken from (for an inferred year, the text it was inferred from; such a claim is
    not in ``year_claims``, which only holds places that state the year)."""
    colophon_after_attachment: list[int] = msgspec.field(default_factory=list)
    _section_of: dict[int, Section] = msgspec.field(default_factory=dict)

    @property
    def title_text(self) -> str:
        return "".join(self.doc.paragraphs[i].text.strip() for i in self.title)

    def section_of(self, paragraph: int) -> Section:
        """The innermost section that contains ``paragraph``."""
        if not self._section_of:
            for sec in self.root.walk():
                for i in range(sec.start, sec.end):
                    self._section_of[i] = sec
        return self._section_of.get(paragraph, self.root)

    def top_sections(self) -> list[Section]:
        return self.root.children

    def section_text(self, section: Section) -> str:
        return "\n".join(p.text for p in self.doc.paragraphs[section.start : section.end] if not p.in_table)


def _run_in_title(body: str) -> tuple[str, bool]:
    """Split ``加强组织领导。全面落实…`` into the heading and whether it runs on into body text."""
    m = re.search(r"[。！？]", body)
    if m and m.end() < len(body.rstrip()):
        return body[: m.start()], True
    return body.rstrip("。"), False


# A table-of-contents entry: the heading text, a run of leader dots, the page number.
_TOC_LEADER = re.compile(r"(?:…{3,}|[.．·・]{5,})\s*\d{0,4}\s*$")


# A table row written as text: a figure standing as a cell between tabs (一、本年新收申请数量\t821\t35).
_CELLS = re.compile(r"\t\s*[\d.,%]+\s*(?:\t|$)")


def is_table_row(text: str) -> bool:
    """A table row written as tab-separated text, with a figure standing as a cell."""
    return bool(_CELLS.search(text))


def _lines_among_table_rows(body: list[Paragraph]) -> set[int]:
    """Short lines standing between two table rows written as tab-separated text (rows whose cells are empty
    lost their tabs): rows of that table, not headings — except a 一、 line, the heading of the next part."""
    out: set[int] = set()
    last_row: int | None = None
    pending: list[int] = []
    for k, p in enumerate(body):
        t = p.text.strip()
        if is_table_row(t):
            if last_row is not None:
                out.update(pending)
            last_row, pending = k, []
        elif last_row is not None and len(t) <= 40 and not re.search(r"[。；，]", t) and len(pending) < 6:
            hm = heading_match(t)
            if hm is None or hm[0] != 1:  # a 一、 line between two tables is the next part's heading
                pending.append(p.index)
        else:
            last_row, pending = None, []
    return out


def detect_heading(p: Paragraph) -> Heading | None:
    """Recognise a numbered (or styled) heading at the start of a paragraph.

    A table-of-contents line (``一、主要职能……………3``) names a heading but is not one, nor is a table row
    written as tab-separated text.
    """
    text = p.text.strip()
    if not text or p.in_table or _TOC_LEADER.search(text) or _CELLS.search(text):
        return None
    hm = heading_match(text)
    if hm is not None:
        rank, number, m = hm
        label = text[: m.end()].strip()
        body = text[m.end() :].strip()
        if not body or not any(is_cjk(c) for c in body):
            return None  # 1. Introduction: not a heading of a Chinese report
        if rank in (1, 2) and body.startswith(("是", "方面")):
            return None  # 一、是… / （一）方面… are enumerations, not headings
        if len(text) <= 60 and not ends_complete(text):
            return Heading(p.index, rank, number, label, body, run_in=False)
        title, run_in = _run_in_title(body)
        if run_in and len(title) <= 50:
            return Heading(p.index, rank, number, label, title, run_in=True)
        if not run_in and len(body) <= 60:
            return Heading(p.index, rank, number, label, title, run_in=False)
        if rank >= 3 and len(title) <= 60:
            # a numbered paragraph whose first sentence is long: still an item of the level
            return Heading(p.index, rank, number, label, title[:60], run_in=True)
        return None
    if p.outline_level is not None and len(text) <= 60 and not ends_complete(text):
        return Heading(p.index, 0, None, "", text, run_in=False)
    return None


# A sentence that announces a list: ends with a colon, or names what follows (以下几个问题。).
_LEAD_IN = lazy_compile(r"([：:]|(以下|如下|下列|下面|几个|几点|几项|几件|几方面)[^。！？]*[。：:])\s*$")


def is_lead_in(text: str) -> bool:
    """``text`` announces a list that follows it (主要职责是： / 着重讲以下几个问题。)."""
    return bool(_LEAD_IN.search(text.strip()))


def _nested_list_items(doc: Document, heads: list[Heading]) -> set[int]:
    """Paragraphs of numbered lists inside a section that use a heading form of the section's level or
    above (（一）关于农业 → 主要措施是： → 一、…；二、…；): list items, not headings. The items are sentences
    (a short title stays a heading) and the list either follows a lead-in or is followed by the next heading
    of an enclosing section ((八) … 一、… 二、… (九)); it runs 1, 2, 3 … in its own form."""
    out: set[int] = set()
    stack: list[tuple[int, Heading]] = []
    i = 0
    while i < len(heads):
        h = heads[i]
        rank = h.rank if h.rank > 0 else _style_rank(doc.paragraphs[h.paragraph])
        if h.rank > 0 and h.number == 1 and stack and h.rank <= stack[-1][0]:
            first = doc.paragraphs[h.paragraph].text.strip()
            if h.run_in or ends_complete(first) or first.endswith(("；", ";")):
                j, last = i + 1, 1
                while j < len(heads):
                    x = heads[j]
                    if x.rank != h.rank or x.number is None or not _next_in_list(doc, heads[j - 1], x, last):
                        break
                    last = x.number
                    j += 1
                before = next(
                    (p for p in reversed(doc.paragraphs[: h.paragraph]) if p.text.strip() and not p.in_table),
                    None,
                )
                resumes = j < len(heads) and any(
                    heads[j].rank == r
                    and heads[j].number is not None
                    and heads[j].number == (o.number or 0) + 1
                    for r, o in stack
                )
                if resumes or (before is not None and is_lead_in(before.text)):
                    out.update(x.paragraph for x in heads[i:j])
                    i = j
                    continue
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, h))
        i += 1
    return out


def _next_in_list(doc: Document, prev: Heading, x: Heading, last: int) -> bool:
    """``x`` continues a list that reached ``last``: it is the next number, or the numbers between stand on
    numbered paragraphs too long to be taken as headings."""
    if x.number == last + 1:
        return True
    found = []
    for p in doc.paragraphs[prev.paragraph + 1 : x.paragraph]:
        hm = heading_match(p.text.strip()) if not p.in_table else None
        if hm is not None and hm[0] == x.rank:
            found.append(hm[1])
    return x.number is not None and found == list(range(last + 1, x.number))


def _year_claims_in(doc: Document, index: int, source: str) -> list[YearClaim]:
    text = doc.paragraphs[index].text
    out = []
    for m in _YEAR_IN_TITLE.finditer(text):
        y = int(m.group(1))
        if 1990 <= y <= 2100:
            out.append(YearClaim(index, m.start(), m.end(), y, source))
    return out


def build_outline(doc: Document) -> Outline:
    body = [p for p in doc.paragraphs if not p.in_table and p.text.strip()]
    idx = [p.index for p in body]
    n_total = len(doc.paragraphs)

    # --- attachment label and cover letter --------------------------------------------------------
    attachment_label: int | None = None
    note_pos: int | None = None
    for k, p in enumerate(body):
        if note_pos is None and _ATTACH_NOTE.match(p.text) and k < len(body) - 1:
            note_pos = k
        elif _ATTACH_LABEL.match(p.text) and k > 0:
            attachment_label = k
            break
    cover: CoverLetter | None = None
    report_k = 0
    if attachment_label is not None:
        cover = _parse_cover(body[:attachment_label])
        report_k = attachment_label + 1
    else:
        # no explicit label: a cover letter still shows as 发文字号 + 关于…的报告 + 附件说明 before the report
        maybe = _parse_cover(body[: min(len(body), 40)])
        if maybe.attachment_note is not None and maybe.title is not None and maybe.date is not None:
            end_k = next(k for k, p in enumerate(body) if p.index == maybe.date) + 1
            while end_k < len(body) and _COLOPHON.search(body[end_k].text):
                maybe.colophon.append(body[end_k].index)
                end_k += 1
            maybe.end = body[end_k].index if end_k < len(body) else n_total
            cover = maybe
            report_k = end_k

    report = body[report_k:]
    colophon_after: list[int] = [p.index for p in report if _COLOPHON.search(p.text) and len(p.text) < 80]

    # --- title ------------------------------------------------------------------------------------
    title: list[int] = []
    first_heading_k = next((k for k, p in enumerate(report) if detect_heading(p)), len(report))
    for k, p in enumerate(report[: min(first_heading_k, 6)]):
        t = p.text.strip()
        if _INTRO_LABEL.match(t):
            break
        if _REPORT_WORD.search(t) and len(t) <= 80 and not ends_complete(t):
            prev = report[k - 1].text if k > 0 else ""
            if (
                k > 0
                and len(prev.strip()) <= 30
                and not ends_complete(prev)
                and not _DOC_NUMBER_IN.search(prev)  # the 发文字号 line of a report with its own 版头
                and not SIGNER_RE.search(prev)
            ):
                title.append(report[k - 1].index)
            title.append(p.index)
            break
    if (
        not title
        and report
        and not _numbered_heading(report[0])  # text pasted from the middle opens with 一、…, not a title
        and len(report[0].text) <= 80
        and not ends_complete(report[0].text)
    ):
        title = [report[0].index]

    # --- headings and section tree ------------------------------------------------------------------
    report_start = report[0].index if report else n_total
    heads: list[Heading] = []
    for p in report:
        if p.index in title:
            continue
        h = detect_heading(p)
        if h is not None:
            heads.append(h)
    listed = _nested_list_items(doc, heads) | _lines_among_table_rows(report)
    heads = [h for h in heads if h.paragraph not in listed]
    root = Section(None, report_start, n_total)
    stack: list[Section] = [root]
    for h in heads:
        rank = h.rank if h.rank > 0 else _style_rank(doc.paragraphs[h.paragraph])
        while len(stack) > 1 and _rank_of(stack[-1]) >= rank:
            closing = stack.pop()
            closing.end = h.paragraph
        parent = stack[-1]
        sec = Section(h, h.paragraph, n_total, parent=parent)
        h.depth = len(stack)
        parent.children.append(sec)
        stack.append(sec)
    for sec in stack[1:]:
        sec.end = n_total
    _clip_colophon(root, colophon_after)

    first_top = root.children[0].start if root.children else n_total
    intro_start = (max(title) + 1) if title else report_start
    intro = (intro_start, first_top)

    outline = Outline(
        doc,
        title,
        cover,
        idx[attachment_label] if attachment_label is not None else None,
        report_start,
        intro,
        root,
        heads,
        colophon_after_attachment=colophon_after,
    )
    _find_year(outline)
    return outline


def _numbered_heading(p: Paragraph) -> bool:
    h = detect_heading(p)
    return h is not None and h.rank > 0


def _style_rank(p: Paragraph) -> int:
    return (p.outline_level or 0) + 1


def _rank_of(sec: Section) -> int:
    if sec.heading is None:
        return 0
    if sec.heading.rank > 0:
        return sec.heading.rank
    return 1


def _clip_colophon(root: Section, colophon: list[int]) -> None:
    if not colophon:
        return
    first = min(colophon)
    for sec in root.walk():
        if sec.start < first < sec.end:
            sec.end = first


def _parse_cover(paras: list[Paragraph]) -> CoverLetter:
    start = paras[0].index if paras else 0
    end = (paras[-1].index + 1) if paras else 0
    cover = CoverLetter(start=start, end=end)
    for k, p in enumerate(paras):
        t = p.text.strip()
        if cover.doc_number is None and _DOC_NUMBER.match(t) and "签发人" not in t:
            cover.doc_number = p.index
        if cover.signer is None and (_SIGNER.match(t) or SIGNER_LABEL_RE.search(t)):
            cover.signer = p.index
            if cover.doc_number is None and _DOC_NUMBER_IN.search(t):
                cover.doc_number = p.index
        lines = _cover_title_lines(paras, k) if cover.title is None else None
        if lines:
            cover.title_lines = [x.index for x in lines]
            cover.title = lines[0].index
            mk = _COVER_TITLE.search("".join(x.text.strip() for x in lines))
            cover.kind = mk.group(1) if mk else None
            if (
                k + 1 < len(paras)
                and re.search(r"[：:]\s*$", paras[k + 1].text)
                and len(paras[k + 1].text) < 80
            ):
                cover.recipient = paras[k + 1].index
        if cover.attachment_note is None and _ATTACH_NOTE.match(t):
            cover.attachment_note = p.index
        if _DATE_LINE.match(t) and cover.title is not None:
            cover.date = p.index
            if k > 0 and len(paras[k - 1].text) < 40 and not ends_complete(paras[k - 1].text):
                cover.signature = paras[k - 1].index
        if _COLOPHON.search(t) and len(t) < 100:
            cover.colophon.append(p.index)
    return cover


def _cover_title_lines(paras: list[Paragraph], k: int) -> list[Paragraph] | None:
    """The lines of a cover-letter title ending at ``paras[k]``: the line alone, or joined with the one or two
    short unfinished lines above it (``XX局关于报送2023年度`` / ``法治政府建设情况报告的报告``)."""
    t = paras[k].text.strip()
    if len(t) >= 160:
        return None
    if _COVER_TITLE.search(t):
        return [paras[k]]
    for j in (k - 1, k - 2):
        if j < 0:
            break
        head = paras[j:k]
        if any(
            len(x.text.strip()) > 60
            or ends_complete(x.text)
            or _DOC_NUMBER.match(x.text)
            or SIGNER_RE.search(x.text)
            for x in head
        ):
            break
        joined = "".join(x.text.strip() for x in [*head, paras[k]])
        if "关于" in paras[j].text and _COVER_TITLE.search(joined):
            return [*head, paras[k]]
    return None


def _find_year(outline: Outline) -> None:
    doc = outline.doc
    claims: list[YearClaim] = []
    for i in outline.title:
        claims += _year_claims_in(doc, i, "title")
    cover = outline.cover
    if cover is not None:
        for i in cover.title_lines or ([cover.title] if cover.title is not None else []):
            claims += _year_claims_in(doc, i, "cover-title")
        if cover.attachment_note is not None:
            claims += _year_claims_in(doc, cover.attachment_note, "attachment-note")
    for h in outline.headings:
        if h.depth == 1 and re.search(
            r"\d{4}\s*年\s*(度)?[^\d]{0,6}(主要举措|工作|成效|基本情况|法治政府建设)", h.title
        ):
            m = _YEAR_IN_TITLE.search(h.title)
            if m and not re.search(r"(计划|安排|打算|思路|展望|目标|重点|设想|要点)", h.title):
                y = int(m.group(1))
                off = doc.paragraphs[h.paragraph].text.find(m.group(0))
                claims.append(YearClaim(h.paragraph, off, off + len(m.group(0)), y, "heading"))
    outline.year_claims = claims
    by_source = {c.source: c for c in reversed(claims)}
    for source in ("title", "attachment-note", "cover-title", "heading"):
        if source in by_source:
            outline.year_evidence = by_source[source]
            break
    else:
        outline.year_evidence = _inferred_year(outline)
    if outline.year_evidence is not None:
        outline.year = outline.year_evidence.year
        outline.year_source = outline.year_evidence.source


_PLAN_HEADING = lazy_compile(
    r"(\d{4})\s*年\s*度?[^\d。；]{0,24}(计划|安排|打算|思路|重点|要点|设想|目标|展望)"
)
_INTRO_YEAR = (
    lazy_compile(r"^\s*(\d{4})\s*年\s*度?\s*[，,以来]"),  # 2021年，在区委、区政府的领导下…
    lazy_compile(r"现将[^。]{0,40}?(\d{4})\s*年\s*度?[^。]{0,40}?报告如下"),  # 现将我局2021年…情况报告如下
)


def _inferred_year(outline: Outline) -> YearClaim | None:
    """The report year where no title or heading states it: from the statistical period (自2021年1月1日起至
    12月31日止), the opening sentence (2021年，… / 现将…2021年…报告如下), or the plan heading (2022年…工作计划
    is the plan of the 2021 report)."""
    from reportlint.facts.dates import find_dates
    from reportlint.facts.period import find_periods

    doc = outline.doc
    for per in find_periods(doc, find_dates(doc)):
        last, first = per.last, per.first
        if last is None or last.month != 12 or last.day != 31:
            continue
        year = last.year or (first.year if first is not None else None)
        if year is None or (first is not None and (first.year not in (None, year) or first.month != 1)):
            continue
        return YearClaim(per.paragraph, per.start, per.end, year, "period")
    start, end = outline.intro
    for p in doc.paragraphs[start:end]:
        if p.in_table:
            continue
        for pat in _INTRO_YEAR:
            m = pat.search(p.text)
            if m and 1990 <= int(m.group(1)) <= 2100:
                return YearClaim(p.index, m.start(1), m.end(1), int(m.group(1)), "intro")
    plans = [h for h in outline.headings if h.depth == 1 and _PLAN_HEADING.search(h.title)]
    if plans:
        h = plans[-1]
        m = _PLAN_HEADING.search(h.title)
        assert m is not None
        y = int(m.group(1))
        text = doc.paragraphs[h.paragraph].text
        off = text.find(m.group(1))
        if 1991 <= y <= 2101:
            return YearClaim(h.paragraph, off, off + 4, y - 1, "plan-heading")
    return None


def same_title(a: str, b: str) -> bool:
    """Two document titles name the same document once spaces and bracket widths are ignored."""

    def key(s: str) -> str:
        return norm_for_compare(s).strip("《》“”")

    return key(a) == key(b)
