"""GW: official-document format of the cover letter (GB/T 9704-2012, 《党政机关公文处理工作条例》).

发文字号, 签发人, 附件说明 against the attachment's title, the 版记's place, the 发文字号 year against the
成文日期, and punctuation after the 附件说明. Spaces inside these lines are PDF extraction artefacts and are
ignored; titles are compared with ``same_title`` (spaces and bracket widths ignored for the comparison only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from reportlint.engine.context import Context
from reportlint.engine.registry import RuleDoc, rule
from reportlint.findings import Finding
from reportlint.patterns import DATE_YMD_RE, SIGNER_RE, SIGNER_VALUE_RE
from reportlint.structure.outline import same_title
from reportlint.textutil import norm_for_compare

# The 发文机关代字 is a run of letters (``[^\W\d_]``: CJK ideographs, Latin and any other script), as in
# _spans.py; a class over the CJK block would cost ~2 ms to compile at every start-up.
_NUMBER = re.compile(
    r"(?P<org>[^\W\d_](?:[^\W\d_]|\s){0,19}?)\s*(?P<lb>[〔\[【（(［﹝{])\s*(?P<year>\d{2,4})\s*"
    r"(?P<rb>[〕\]】）)］﹞}])\s*(?P<di>第)?\s*(?P<seq>\d+)\s*号"
)
_DATE = DATE_YMD_RE


class DocNumber(msgspec.Struct):
    paragraph: int
    match: re.Match[str]

    @property
    def org(self) -> str:
        return re.sub(r"\s+", "", self.match.group("org"))

    @property
    def year(self) -> int:
        return int(self.match.group("year"))

    @property
    def seq(self) -> str:
        return self.match.group("seq")


def doc_number(ctx: Context) -> DocNumber | None:
    """The 发文字号 of the cover letter, or of a report that carries its own 版头."""
    o = ctx.outline
    candidates: list[int] = []
    if o.cover is not None and o.cover.doc_number is not None:
        candidates.append(o.cover.doc_number)
    else:
        stop = min([*o.title, o.report_start + 12]) if o.title else o.report_start + 12
        for p in ctx.doc.paragraphs[o.report_start : stop]:
            if not p.in_table and len(p.text.strip()) <= 60:
                candidates.append(p.index)
    for i in candidates:
        text = ctx.doc.paragraphs[i].text
        m = _NUMBER.search(text)
        if m is None:
            continue
        rest = (text[: m.start()] + text[m.end() :]).strip()
        if rest and not SIGNER_RE.match(rest):
            continue  # a sentence that cites another document's number
        return DocNumber(i, m)
    return None


@rule(
    "GW001",
    "doc-number-format",
    "warning",
    "发文字号 not in the form 机关代字〔年份〕序号号.",
    RuleDoc(
        what="Reads the 发文字号 of the cover letter (or of a report with its own 版头) and checks its form: the "
        "year in full Arabic numerals inside 六角括号 〔〕 (not [] （） 【】 ﹝﹞), a sequence number without "
        "leading zeros and without 第, followed by 号. Spaces that PDF extraction puts inside the number are "
        "ignored.",
        why="The 发文字号 identifies the document in registers and citations; a wrong bracket or a padded "
        "number makes it differ from how the document is filed and cited.",
        example="浦人社[2022]005号   浦人社（22）第5号",
        use_instead="浦人社〔2022〕5号",
        source="GB/T 9704-2012 7.2.5 (发文字号: 机关代字、年份、发文顺序号; 年份用六角括号〔〕, 序号不加“第”字, "
        "不编虚位); 《党政机关公文处理工作条例》 art. 9.",
    ),
)
def doc_number_format(ctx: Context) -> Iterator[Finding]:
    dn = doc_number(ctx)
    if dn is None:
        return
    m = dn.match
    problems: list[str] = []
    if m.group("lb") != "〔" or m.group("rb") != "〕":
        problems.append(f"年份应使用六角括号〔〕，不用“{m.group('lb')}{m.group('rb')}”")
    if len(m.group("year")) != 4:
        problems.append("年份应写全四位")
    if m.group("di"):
        problems.append("序号前不加“第”")
    if len(dn.seq) > 1 and dn.seq.startswith("0"):
        problems.append("序号不编虚位（不加前导 0）")
    if not problems:
        return
    year = m.group("year") if len(m.group("year")) == 4 else "20" + m.group("year")[-2:]
    right = f"{dn.org}〔{year}〕{int(dn.seq)}号"
    yield ctx.finding(
        dn.paragraph,
        m.start(),
        m.end(),
        "发文字号格式不规范：" + "；".join(problems),
        evidence=re.sub(r"\s+", "", m.group(0)),
        suggestion=right,
    )


_UPWARD = ("报告", "请示")
_SIGNER = SIGNER_VALUE_RE


@rule(
    "GW002",
    "signer-missing",
    "warning",
    "An upward document (报告/请示) without 签发人.",
    RuleDoc(
        what="When the cover letter (or a report with its own 版头) is a 报告 or 请示 and carries a 发文字号, "
        "looks for the 签发人 line in its 版头 and checks that it names someone. Letters without a 发文字号 "
        "(no 版头) and 函 are not checked.",
        why="A 报告 or 请示 goes up to a superior organ, which needs to know which principal signed it off; "
        "the regulation requires the 签发人 on every upward document.",
        example="浦人社〔2022〕5号 (no 签发人 line) … 关于报送2021年度法治政府建设情况报告的报告",
        use_instead="浦人社〔2022〕5号　　签发人：王××",
        source="《党政机关公文处理工作条例》 art. 9 (上行文应当标注签发人姓名); GB/T 9704-2012 7.2.6.",
    ),
)
def signer_missing(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    dn = doc_number(ctx)
    if dn is None or "函" in dn.org:
        return
    if o.cover is not None:
        kind = o.cover.kind
        signer = o.cover.signer
        head_end = o.cover.title if o.cover.title is not None else dn.paragraph + 3
    else:
        title = o.title_text
        kind = next((k for k in _UPWARD if re.sub(r"\s+", "", title).endswith(k)), None)
        signer = None
        head_end = min(o.title) if o.title else dn.paragraph + 3
        for p in ctx.doc.paragraphs[dn.paragraph : head_end + 1]:
            if _SIGNER.search(p.text) and "签" in p.text:
                signer = p.index
                break
    if kind not in _UPWARD:
        return
    if signer is None:
        yield ctx.finding(
            dn.paragraph,
            dn.match.start(),
            dn.match.end(),
            f"上行文（{kind}）未标注签发人",
            evidence=f"文种：{kind}；版头中没有“签发人：”",
            suggestion="在发文字号同一行右侧标注“签发人：姓名”",
        )
        return
    text = ctx.doc.paragraphs[signer].text
    sm = SIGNER_VALUE_RE.search(text)
    if sm is not None and not sm.group(1).strip():
        yield ctx.finding(
            signer,
            sm.start(),
            sm.end(),
            "签发人后未写姓名",
            evidence=text.strip(),
            suggestion="签发人：姓名",
        )


def _note_name(text: str) -> tuple[int, str] | None:
    m = re.match(r"^\s*附\s*件\s*\d*\s*[：:]\s*(?:1\s*[.．、]\s*)?(\S.*?)\s*$", text)
    if m is None:
        return None
    return m.start(1), m.group(1)


@rule(
    "GW003",
    "attachment-title-mismatch",
    "error",
    "The 附件说明 and the attachment's own title name different documents.",
    RuleDoc(
        what="Compares the name in the cover letter's 附件说明 (附件：…) with the title of the enclosed report, "
        "ignoring spaces, bracket widths and a final mark for the comparison only. When one title merely "
        "contains the other (the issuing organ left out on one side) the finding is a warning, not an error. "
        "Cover letters with several attachments are not checked.",
        why="The 附件说明 tells the receiver what is enclosed; when it names another document — last year's "
        "report, an older title — the receiver cannot tell which text is the one submitted.",
        example="附件：XX局2020年度法治政府建设情况报告 (the enclosed report is titled XX局2021年度…)",
        use_instead="附件：XX局2021年度法治政府建设情况报告",
        source="GB/T 9704-2012 7.3.4 and 7.3.7 (附件的序号和名称与附件说明一致).",
    ),
)
def attachment_title_mismatch(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    if o.cover is None or o.cover.attachment_note is None or not o.title:
        return
    note_p = ctx.doc.paragraphs[o.cover.attachment_note]
    parsed = _note_name(note_p.text)
    if parsed is None:
        return
    start, name = parsed
    after = ctx.doc.paragraphs[o.cover.attachment_note + 1 : o.cover.end]
    if any(re.match(r"^\s*2\s*[.．、]", p.text) for p in after if not p.in_table):
        return  # several attachments
    name_cmp = name.rstrip("。；;，,.")
    title = o.title_text
    if same_title(name_cmp, title):
        return
    a, b = norm_for_compare(name_cmp).strip("《》“”"), norm_for_compare(title).strip("《》“”")
    partial = bool(a and b and (a in b or b in a))
    yield ctx.finding(
        note_p.index,
        start,
        start + len(name),
        "附件说明与附件标题不一致" + ("（一方缺少部分文字）" if partial else ""),
        evidence=f"附件说明：{name_cmp}；附件标题：{title}",
        suggestion=title,
        at_most="warning" if partial else None,
    )


@rule(
    "GW004",
    "colophon-before-attachment",
    "info",
    "The 版记 (印发/抄送 lines) comes before the attachment.",
    RuleDoc(
        what="When the report is enclosed as an attachment, checks whether the cover letter's 版记 (抄送, "
        "印发机关和印发日期) stands before the attachment instead of after it.",
        why="The 版记 closes the whole document on its last page; attachments are bound with the body and come "
        "before it. A 版记 in the middle splits the document and the attachment looks like a separate file.",
        example="… 2022年1月30日 / XX局办公室 2022年1月30日印发 / 附件 / XX局2021年度法治政府建设情况报告 …",
        use_instead="… 2022年1月30日 / 附件 / XX局2021年度…报告 … (report text) … / XX局办公室 2022年1月30日印发",
        source="GB/T 9704-2012 7.3.7 (附件应置于版记之前) and 7.4 (版记).",
    ),
)
def colophon_before_attachment(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    if o.cover is None or not o.cover.colophon or o.attachment_label is None:
        return
    first = min(o.cover.colophon)
    if first >= o.attachment_label:
        return
    text = ctx.doc.paragraphs[first].text
    s = len(text) - len(text.lstrip())
    yield ctx.finding(
        first,
        s,
        len(text.rstrip()),
        "版记位于附件之前，应置于附件之后、公文最后一页",
        evidence=f"版记在{ctx.doc.paragraphs[first].location.describe()}，附件从"
        f"{ctx.doc.paragraphs[o.attachment_label].location.describe()}开始",
        suggestion="把印发机关和印发日期（及抄送）移到附件之后",
    )


@rule(
    "GW005",
    "doc-number-year-mismatch",
    "warning",
    "The year in the 发文字号 differs from the year of the 成文日期.",
    RuleDoc(
        what="Compares the year inside the 发文字号 (〔2022〕) with the year of the cover letter's 成文日期. A "
        "number of the previous year on a document dated in January is reported as info only, since numbers "
        "are sometimes reserved in late December.",
        why="The 发文字号 year is the year the document was issued; a different year usually means the number "
        "or the date was copied from last year's file.",
        example="浦人社〔2021〕5号 … 2022年1月30日",
        use_instead="浦人社〔2022〕5号 … 2022年1月30日",
        source="GB/T 9704-2012 7.2.5 (年份 of the 发文字号) and 7.3.5.4 (成文日期); practice.",
    ),
)
def doc_number_year_mismatch(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    dn = doc_number(ctx)
    if dn is None or o.cover is None or o.cover.date is None or len(dn.match.group("year")) != 4:
        return
    dm = _DATE.search(ctx.doc.paragraphs[o.cover.date].text)
    if dm is None:
        return
    dy, month = int(dm.group(1)), int(dm.group(2))
    if dy == dn.year:
        return
    soft = dy == dn.year + 1 and month == 1
    written = re.sub(r"\s+", "", dm.group(0))
    yield ctx.finding(
        dn.paragraph,
        dn.match.start("year"),
        dn.match.end("year"),
        f"发文字号年份 {dn.year} 与成文日期年份 {dy} 不一致",
        evidence=f"发文字号〔{dn.year}〕；成文日期 {written}",
        suggestion=str(dy),
        at_most="info" if soft else None,
    )


@rule(
    "GW006",
    "attachment-note-trailing-punctuation",
    "warning",
    "The name in the 附件说明 ends with a punctuation mark.",
    RuleDoc(
        what="Checks that the attachment name in the cover letter's 附件说明 (附件：…) is not followed by a "
        "punctuation mark such as 。 or ；.",
        why="The 附件说明 gives the attachment's name, not a sentence; a final mark makes it differ from the "
        "attachment's title, which carries none.",
        example="附件：XX局2021年度法治政府建设情况报告。",
        use_instead="附件：XX局2021年度法治政府建设情况报告",
        source="GB/T 9704-2012 7.3.4 (附件名称后不加标点符号).",
    ),
)
def attachment_note_trailing_punctuation(ctx: Context) -> Iterator[Finding]:
    o = ctx.outline
    if o.cover is None or o.cover.attachment_note is None:
        return
    p = ctx.doc.paragraphs[o.cover.attachment_note]
    text = p.text.rstrip()
    if text and text[-1] in "。；，、.;,":
        yield ctx.finding(
            p.index,
            len(text) - 1,
            len(text),
            f"附件名称后不加标点符号“{text[-1]}”",
            evidence=text[-12:],
            suggestion="删除句末标点",
        )


_REQUEST = re.compile(
    r"(?:妥否|当否|可否|是否妥当)\s*[，,]?\s*请\s*(?:批示|审批|示复|指示|批复)"
    r"|请予(?:以)?(?:批准|审批|批复|批示)"
    r"|特此请示"
)


def _kind(ctx: Context) -> str | None:
    o = ctx.outline
    if o.cover is not None and o.cover.kind:
        return o.cover.kind
    title = re.sub(r"\s+", "", o.title_text)
    return "报告" if title.endswith("报告") else None


@rule(
    "GW007",
    "approval-request-in-report",
    "warning",
    "A 报告 asks for approval with a 请示 formula (妥否，请批示; 请予批准; 特此请示).",
    RuleDoc(
        what="In a document whose kind is 报告 (from the cover letter's title, else the report's title), looks "
        "for the closing formulas that ask a superior to approve something: 妥否，请批示; 当否，请示复; 请予批准; "
        "特此请示. Polite requests to read (请审阅, 请审议) are not approval requests and are not flagged.",
        why="A 报告 reports; it does not ask for a decision, and the receiving office does not reply to it. A "
        "request hidden in a 报告 goes unanswered; it belongs in a separate 请示.",
        example="以上报告，妥否，请批示。",
        use_instead="以上报告，请审阅。 (and send the request as a 请示)",
        source="《党政机关公文处理工作条例》 art. 15(4) (不得在报告等非请示性公文中夹带请示事项) and art. 8 (报告, 请示).",
    ),
)
def approval_request_in_report(ctx: Context) -> Iterator[Finding]:
    if _kind(ctx) != "报告":
        return
    for p in ctx.doc.paragraphs:
        if p.in_table:
            continue
        for m in _REQUEST.finditer(p.text):
            yield ctx.finding(
                p.index,
                m.start(),
                m.end(),
                f"报告中夹带请示事项：“{m.group(0)}”",
                evidence="文种为报告",
                suggestion="改为“请审阅”，请示事项另行行文",
            )
