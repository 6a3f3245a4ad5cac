"""Generate the 政府信息公开工作年度报告 examples under examples/gk/ (.md, .docx, .pdf).

The agency (云溪市临江区市场监督管理局) and every figure are fictional. ``gk-2023-clean`` satisfies every identity
of the format; each ``gk-2023-*`` variant breaks exactly one on purpose (its rule code is in ``VARIANTS``), and
``gk-2022-previous`` is the same agency's previous report for GK008.

    uv run python scripts/make_gk_examples.py [OUTDIR]

The .docx uses merged header and label cells as the national format lays them out; the .pdf draws ruled tables
with reportlab's built-in CJK font (STSong-Light) and lets the applications table run across a page break.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGENCY = "云溪市临江区市场监督管理局"

PDF_SPACER_MM = 60
NOTE = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"

# --- table 三 layout (2021 format) -------------------------------------------------------------------------

APPLY_HEAD_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "（三）不予公开",
        [
            ("r3_1", "1.属于国家秘密"),
            ("r3_2", "2.其他法律行政法规禁止公开"),
            ("r3_3", "3.危及“三安全一稳定”"),
            ("r3_4", "4.保护第三方合法权益"),
            ("r3_5", "5.属于三类内部事务信息"),
            ("r3_6", "6.属于四类过程性信息"),
            ("r3_7", "7.属于行政执法案卷"),
            ("r3_8", "8.属于行政查询事项"),
        ],
    ),
    (
        "（四）无法提供",
        [
            ("r4_1", "1.本机关不掌握相关政府信息"),
            ("r4_2", "2.没有现成信息需要另行制作"),
            ("r4_3", "3.补正后申请内容仍不明确"),
        ],
    ),
    (
        "（五）不予处理",
        [
            ("r5_1", "1.信访举报投诉类申请"),
            ("r5_2", "2.重复申请"),
            ("r5_3", "3.要求提供公开出版物"),
            ("r5_4", "4.无正当理由大量反复申请"),
            ("r5_5", "5.要求行政机关确认或重新出具已获取信息"),
        ],
    ),
    (
        "（六）其他处理",
        [
            ("r6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("r6_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("r6_3", "3.其他"),
        ],
    ),
]
ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_R1 = "（一）予以公开"
ROW_R2 = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
ROW_TOTAL = "（七）总计"
ROW_CARRY = "四、结转下年度继续办理"

REVIEW_HEAD = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

Row = list[str]  # 7 cells: 自然人, 5 legal-person kinds, 总计 (text, so a cell can be blank)


def row(*values: int) -> Row:
    """Six applicant counts; the 总计 is their sum."""
    assert len(values) == 6
    return [str(v) for v in values] + [str(sum(values))]


@dataclass
class Report:
    name: str
    year: int
    date: str
    apply: dict[str, Row]
    review: list[list[str]]
    """Three blocks (复议, 直接起诉, 复议后起诉) of 维持, 纠正, 其他, 尚未审结, 总计."""
    active: dict[str, list[str]]
    narrative: dict[str, str] = field(default_factory=dict)


def zero() -> Row:
    return row(0, 0, 0, 0, 0, 0)


def base_2023() -> Report:
    leaves = {k: zero() for _, items in GROUPS for k, _ in items}
    leaves.update(
        {
            "r3_4": row(1, 0, 0, 0, 0, 0),
            "r3_6": row(0, 1, 0, 0, 0, 0),
            "r4_1": row(4, 0, 0, 0, 0, 1),
            "r4_2": row(1, 0, 0, 0, 0, 0),
            "r5_1": row(1, 0, 0, 0, 0, 0),
            "r5_2": row(1, 0, 0, 0, 0, 0),
            "r6_1": row(1, 0, 0, 0, 0, 0),
        }
    )
    apply = {
        "new": row(18, 3, 0, 0, 1, 1),
        "carried": row(2, 0, 0, 0, 0, 0),
        "r1": row(8, 2, 0, 0, 1, 0),
        "r2": row(2, 0, 0, 0, 0, 0),
        **leaves,
        "total": row(19, 3, 0, 0, 1, 1),
        "carry_next": row(1, 0, 0, 0, 0, 0),
    }
    review = [["1", "0", "0", "1", "2"], ["1", "0", "0", "0", "1"], ["0", "0", "0", "0", "0"]]
    active = {
        "规章": ["0", "0", "0"],
        "行政规范性文件": ["3", "1", "12"],
        "行政许可": ["1260"],
        "行政处罚": ["356"],
        "行政强制": ["41"],
        "行政事业性收费": ["12.35"],
    }
    return Report("gk-2023-clean", 2023, "2024年1月22日", apply, review, active, narrative_2023())


def narrative_2023() -> dict[str, str]:
    return {
        "received": "全年共收到政府信息公开申请23件",
        "answered": "办结24件",
        "review": "因政府信息公开工作被申请行政复议2件",
        "litigation": "被提起行政诉讼1件",
    }


def previous_2022() -> Report:
    rep = base_2023()
    rep.name, rep.year, rep.date = "gk-2022-previous", 2022, "2023年1月18日"
    leaves = {k: zero() for _, items in GROUPS for k, _ in items}
    leaves.update({"r4_1": row(3, 1, 0, 0, 0, 0), "r5_2": row(1, 0, 0, 0, 0, 0)})
    rep.apply = {
        "new": row(15, 2, 0, 0, 0, 0),
        "carried": row(0, 0, 0, 0, 0, 0),
        "r1": row(8, 1, 0, 0, 0, 0),
        "r2": row(1, 0, 0, 0, 0, 0),
        **leaves,
        "total": row(13, 2, 0, 0, 0, 0),
        "carry_next": row(2, 0, 0, 0, 0, 0),
    }
    rep.review = [["1", "0", "0", "0", "1"], ["0", "0", "0", "0", "0"], ["0", "0", "0", "0", "0"]]
    rep.active = {
        "规章": ["0", "0", "0"],
        "行政规范性文件": ["2", "0", "10"],
        "行政许可": ["1138"],
        "行政处罚": ["329"],
        "行政强制": ["37"],
        "行政事业性收费": ["10.8"],
    }
    rep.narrative = {
        "received": "全年共收到政府信息公开申请17件",
        "answered": "办结15件",
        "review": "因政府信息公开工作被申请行政复议1件",
        "litigation": "未发生行政诉讼",
    }
    return rep


def _set(rep: Report, key: str, col: int, value: str) -> None:
    rep.apply[key][col] = value


def variants() -> list[tuple[Report, str | None]]:
    """Every example with the rule code it is meant to trigger (None for the clean ones)."""
    out: list[tuple[Report, str | None]] = [(base_2023(), None), (previous_2022(), None)]

    r = base_2023()
    r.name = "gk-2023-broken-balance"  # 上年结转 raised in one column: the column no longer balances
    _set(r, "carried", 0, "3")
    _set(r, "carried", 6, "3")
    out.append((r, "GK003"))

    r = base_2023()
    r.name = "gk-2023-broken-result-total"  # 予以公开 raised, （七）总计 left as it was
    _set(r, "r1", 0, "9")
    _set(r, "r1", 6, "12")
    out.append((r, "GK004"))

    r = base_2023()
    r.name = "gk-2023-broken-row-total"  # 自然人 raised in three rows whose 总计 stayed the same
    for key, value in (("new", "19"), ("r1", "9"), ("total", "20")):
        _set(r, key, 0, value)
    out.append((r, "GK005"))

    r = base_2023()
    r.name = "gk-2023-broken-review-total"  # 行政复议 结果维持 raised, 总计 unchanged
    r.review[0][0] = "2"
    out.append((r, "GK006"))

    r = base_2023()
    r.name = "gk-2023-text-mismatch"  # the narrative states 25 requests, the table 23
    r.narrative["received"] = "全年共收到政府信息公开申请25件"
    out.append((r, "GK007"))

    r = base_2023()
    r.name = "gk-2023-blank-cell"  # a 0 left blank
    _set(r, "r3_4", 1, "")
    out.append((r, "GK009"))
    return out


# --- text of the report -------------------------------------------------------------------------------------


def title(rep: Report) -> str:
    return f"{AGENCY}{rep.year}年政府信息公开工作年度报告"


def blocks(rep: Report) -> list[tuple[str, object]]:
    """The report as a list of (kind, content): title, para, heading, table-active/apply/review, sign."""
    y = rep.year
    n = rep.narrative
    return [
        ("title", title(rep)),
        (
            "para",
            f"本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》编制，"
            f"由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
            f"存在的主要问题及改进情况、其他需要报告的事项六个部分组成。本报告所列数据的统计期限自{y}年1月1日起至"
            f"{y}年12月31日止。本报告电子版可在临江区人民政府门户网站下载。",
        ),
        ("heading", "一、总体情况"),
        (
            "para",
            f"{y}年，我局坚持以公开为常态、不公开为例外，围绕市场监管重点工作，持续推进政府信息公开标准化规范化。",
        ),
        (
            "para",
            "（一）主动公开。全年通过区政府门户网站“政府信息公开”专栏主动公开各类政府信息，及时发布行政许可、"
            "行政处罚、抽查检查结果等信息，做到应公开尽公开。",
        ),
        (
            "para",
            f"（二）依申请公开。{n['received']}，{n['answered']}，均在法定期限内作出答复。"
            f"{n['review']}，{n['litigation']}。",
        ),
        (
            "para",
            "（三）政府信息管理。严格落实公开前保密审查制度，对拟公开信息逐条审核，动态更新政府信息公开目录。",
        ),
        ("para", "（四）平台建设。优化网站专栏栏目设置，完善检索功能，提升政务新媒体信息发布的时效性。"),
        (
            "para",
            "（五）监督保障。将政府信息公开工作纳入年度绩效考核，开展业务培训2次，全年未发生责任追究情形。",
        ),
        ("heading", "二、主动公开政府信息情况"),
        ("table-active", rep.active),
        ("heading", "三、收到和处理政府信息公开申请情况"),
        (
            "para",
            "我局按照“统一受理、分办答复、集中审核”的流程办理政府信息公开申请，申请事项主要涉及食品生产经营许可、"
            "行政处罚决定、企业登记档案和投诉举报处理结果等。具体情况见下表。",
        ),
        ("table-apply", rep.apply),
        ("heading", "四、政府信息公开行政复议、行政诉讼情况"),
        ("table-review", rep.review),
        ("heading", "五、存在的主要问题及改进情况"),
        (
            "para",
            "一是部分科室对依申请公开答复的规范性把握不够；二是主动公开信息的解读形式较为单一。"
            f"{y + 1}年，我局将加强答复文书审核，丰富图解、问答等解读形式。上年度报告所列问题均已整改到位。",
        ),
        ("heading", "六、其他需要报告的事项"),
        (
            "para",
            f"{y}年，我局未向申请人收取信息处理费。认真落实上级政务公开工作要点，办理人大代表建议和政协提案"
            "答复全文均已按规定公开。",
        ),
        ("sign", AGENCY),
        ("sign", rep.date),
    ]


def apply_grid(apply: dict[str, Row]) -> list[tuple[list[str], Row]]:
    """Rows of 表三 as (three label cells, seven values); empty label cells continue the cell above."""
    out: list[tuple[list[str], Row]] = [
        ([ROW_NEW, "", ""], apply["new"]),
        ([ROW_CARRIED, "", ""], apply["carried"]),
        ([ROW_RESULTS, ROW_R1, ""], apply["r1"]),
        (["", ROW_R2, ""], apply["r2"]),
    ]
    for group, items in GROUPS:
        for k, (key, label) in enumerate(items):
            out.append((["", group if k == 0 else "", label], apply[key]))
    out.append((["", ROW_TOTAL, ""], apply["total"]))
    out.append(([ROW_CARRY, "", ""], apply["carry_next"]))
    return out


ACTIVE_SECTIONS: list[tuple[str, list[str], list[str]]] = [
    (
        "第二十条第（一）项",
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "行政规范性文件"],
    ),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费"]),
]


# --- Markdown ------------------------------------------------------------------------------------------------


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(rep: Report) -> str:
    lines: list[str] = []
    for kind, content in blocks(rep):
        if kind in ("title", "para", "heading", "sign"):
            lines += [str(content), ""]
        elif kind == "table-active":
            active = rep.active
            lines.append(_md_row(["信息内容", "", "", ""]))
            lines.append(_md_row(["---"] * 4))
            for caption, head, rows in ACTIVE_SECTIONS:
                lines.append(_md_row([caption, "", "", ""]))
                lines.append(_md_row(head + [""] * (4 - len(head))))
                for r in rows:
                    vals = active[r]
                    lines.append(_md_row([r, *vals] + [""] * (3 - len(vals))))
            lines.append("")
        elif kind == "table-apply":
            head = [NOTE, "", "", "自然人"] + [f"法人或其他组织 {c}" for c in APPLY_HEAD_COLS[1:6]] + ["总计"]
            lines.append(_md_row(head))
            lines.append(_md_row(["---"] * 10))
            for labels, values in apply_grid(rep.apply):
                lines.append(_md_row(labels + values))
            lines.append("")
        elif kind == "table-review":
            head = [f"行政复议 {c}" for c in REVIEW_HEAD]
            head += [f"行政诉讼 未经复议直接起诉 {c}" for c in REVIEW_HEAD]
            head += [f"行政诉讼 复议后起诉 {c}" for c in REVIEW_HEAD]
            lines.append(_md_row(head))
            lines.append(_md_row(["---"] * 15))
            lines.append(_md_row([v for block in rep.review for v in block]))
            lines.append("")
    return "\n".join(lines)


# --- .docx ---------------------------------------------------------------------------------------------------


def to_docx(rep: Report, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")

    def cell_text(cell, text: str, size: int = 9) -> None:
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(size)

    for kind, content in blocks(rep):
        if kind == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(str(content))
            r.bold = True
            r.font.size = Pt(18)
        elif kind == "heading":
            p = doc.add_paragraph()
            r = p.add_run(str(content))
            r.bold = True
        elif kind == "para":
            doc.add_paragraph(str(content))
        elif kind == "sign":
            p = doc.add_paragraph(str(content))
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "table-active":
            t = doc.add_table(rows=0, cols=4)
            t.style = "Table Grid"
            for caption, head, rows in ACTIVE_SECTIONS:
                cells = t.add_row().cells
                cells[0].merge(cells[3])
                cell_text(cells[0], caption)
                cells = t.add_row().cells
                if len(head) == 2:
                    cells[1].merge(cells[3])
                for i, h in enumerate(head):
                    cell_text(cells[i], h)
                for r in rows:
                    cells = t.add_row().cells
                    vals = rep.active[r]
                    if len(vals) == 1:
                        cells[1].merge(cells[3])
                    cell_text(cells[0], r)
                    for i, v in enumerate(vals):
                        cell_text(cells[i + 1], v)
        elif kind == "table-apply":
            grid = apply_grid(rep.apply)
            t = doc.add_table(rows=3 + len(grid), cols=10)
            t.style = "Table Grid"
            rows = t.rows
            note = rows[0].cells[0].merge(rows[2].cells[2])
            cell_text(note, NOTE, 8)
            cell_text(rows[0].cells[3].merge(rows[0].cells[9]), "申请人情况")
            cell_text(rows[1].cells[3].merge(rows[2].cells[3]), "自然人")
            cell_text(rows[1].cells[4].merge(rows[1].cells[8]), "法人或其他组织")
            cell_text(rows[1].cells[9].merge(rows[2].cells[9]), "总计")
            for i, h in enumerate(APPLY_HEAD_COLS[1:6]):
                cell_text(rows[2].cells[4 + i], h)
            first = 3
            # label cells: 一/二/四 span three columns; 三 spans its 22 rows; groups span their items
            cell_text(rows[first].cells[0].merge(rows[first].cells[2]), ROW_NEW)
            cell_text(rows[first + 1].cells[0].merge(rows[first + 1].cells[2]), ROW_CARRIED)
            res_top, res_bottom = first + 2, first + len(grid) - 2
            cell_text(rows[res_top].cells[0].merge(rows[res_bottom].cells[0]), ROW_RESULTS)
            cell_text(rows[res_top].cells[1].merge(rows[res_top].cells[2]), ROW_R1)
            cell_text(rows[res_top + 1].cells[1].merge(rows[res_top + 1].cells[2]), ROW_R2)
            r_i = res_top + 2
            for group, items in GROUPS:
                cell_text(rows[r_i].cells[1].merge(rows[r_i + len(items) - 1].cells[1]), group)
                for k, (_, label) in enumerate(items):
                    cell_text(rows[r_i + k].cells[2], label, 8)
                r_i += len(items)
            cell_text(rows[r_i].cells[1].merge(rows[r_i].cells[2]), ROW_TOTAL)
            cell_text(rows[r_i + 1].cells[0].merge(rows[r_i + 1].cells[2]), ROW_CARRY)
            for k, (_, values) in enumerate(grid):
                for c, v in enumerate(values):
                    cell_text(rows[first + k].cells[3 + c], v)
        elif kind == "table-review":
            t = doc.add_table(rows=4, cols=15)
            t.style = "Table Grid"
            rows = t.rows
            cell_text(rows[0].cells[0].merge(rows[0].cells[4]), "行政复议")
            cell_text(rows[0].cells[5].merge(rows[0].cells[14]), "行政诉讼")
            for i, h in enumerate(REVIEW_HEAD):
                cell_text(rows[1].cells[i].merge(rows[2].cells[i]), h)
            cell_text(rows[1].cells[5].merge(rows[1].cells[9]), "未经复议直接起诉")
            cell_text(rows[1].cells[10].merge(rows[1].cells[14]), "复议后起诉")
            for b in range(2):
                for i, h in enumerate(REVIEW_HEAD):
                    cell_text(rows[2].cells[5 + 5 * b + i], h)
            for i, v in enumerate(v for block in rep.review for v in block):
                cell_text(rows[3].cells[i], v)
    import datetime as dt

    stamp = dt.datetime(rep.year + 1, 1, 15, 9, 0, 0)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.core_properties.author = AGENCY
    doc.core_properties.title = title(rep)
    doc.save(str(path))
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """Give every zip entry the same timestamp, so that regenerating an unchanged .docx changes no bytes."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


# --- .pdf ----------------------------------------------------------------------------------------------------


def to_pdf(rep: Report, path: Path) -> None:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1  # no timestamps or random ids: the same input gives the same bytes
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, firstLineIndent=22, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, firstLineIndent=0)
    ttl = ParagraphStyle(
        "title", parent=body, fontSize=16, leading=24, alignment=TA_CENTER, firstLineIndent=0
    )
    sign = ParagraphStyle("sign", parent=body, alignment=TA_RIGHT, firstLineIndent=0)
    cell = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9, wordWrap="CJK")

    def P(text: str) -> Paragraph:
        return Paragraph(text, cell)

    base_style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    story: list[object] = []
    width = A4[0] - 40 * mm
    for kind, content in blocks(rep):
        if kind == "title":
            story += [Paragraph(str(content), ttl), Spacer(1, 6 * mm)]
        elif kind == "heading":
            story.append(Paragraph(str(content), head))
        elif kind == "para":
            story.append(Paragraph(str(content), body))
        elif kind == "sign":
            story.append(Paragraph(str(content), sign))
        elif kind == "table-active":
            data: list[list[object]] = []
            style = list(base_style)
            for caption, hd, rows in ACTIVE_SECTIONS:
                style.append(("SPAN", (0, len(data)), (3, len(data))))
                data.append([caption, "", "", ""])
                if len(hd) == 2:
                    style.append(("SPAN", (1, len(data)), (3, len(data))))
                data.append([P(h) for h in hd] + [""] * (4 - len(hd)))
                for r in rows:
                    vals = rep.active[r]
                    if len(vals) == 1:
                        style.append(("SPAN", (1, len(data)), (3, len(data))))
                    data.append([r, *vals] + [""] * (3 - len(vals)))
            t = Table(data, colWidths=[width * 0.31] + [width * 0.23] * 3)
            t.setStyle(TableStyle(style))
            story += [Spacer(1, 2 * mm), t, Spacer(1, 3 * mm)]
        elif kind == "table-apply":
            grid = apply_grid(rep.apply)
            data = [
                [P(NOTE), "", "", "申请人情况", "", "", "", "", "", ""],
                ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
                ["", "", "", "", *[P(h) for h in APPLY_HEAD_COLS[1:6]], ""],
            ]
            for labels, values in grid:
                data.append([P(x) for x in labels] + list(values))
            style = list(base_style)
            style += [
                ("SPAN", (0, 0), (2, 2)),
                ("SPAN", (3, 0), (9, 0)),
                ("SPAN", (3, 1), (3, 2)),
                ("SPAN", (4, 1), (8, 1)),
                ("SPAN", (9, 1), (9, 2)),
                ("SPAN", (0, 3), (2, 3)),
                ("SPAN", (0, 4), (2, 4)),
                ("SPAN", (1, 5), (2, 5)),
                ("SPAN", (1, 6), (2, 6)),
                ("SPAN", (0, len(data) - 1), (2, len(data) - 1)),
                ("SPAN", (1, len(data) - 2), (2, len(data) - 2)),
                ("ALIGN", (3, 3), (-1, -1), "CENTER"),
            ]
            # group labels span their items; 三、本年度办理结果 is not spanned so that the table can split
            r_i = 7
            for _, items in GROUPS:
                style.append(("SPAN", (1, r_i), (1, r_i + len(items) - 1)))
                r_i += len(items)
            widths = [width * 0.07, width * 0.09, width * 0.3] + [width * 0.54 / 7] * 7
            t = Table(data, colWidths=widths, repeatRows=3)
            t.setStyle(TableStyle(style))
            # push the table down the page so that it runs across a page break
            story += [Spacer(1, PDF_SPACER_MM * mm), t, Spacer(1, 3 * mm)]
        elif kind == "table-review":
            data = [
                ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
                [P(h) for h in REVIEW_HEAD]
                + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
                [""] * 5 + [P(h) for h in REVIEW_HEAD] * 2,
                [v for block in rep.review for v in block],
            ]
            style = list(base_style)
            style += [("SPAN", (0, 0), (4, 0)), ("SPAN", (5, 0), (14, 0))]
            style += [("SPAN", (i, 1), (i, 2)) for i in range(5)]
            style += [
                ("SPAN", (5, 1), (9, 1)),
                ("SPAN", (10, 1), (14, 1)),
                ("ALIGN", (0, 3), (-1, 3), "CENTER"),
            ]
            t = Table(data, colWidths=[width / 15] * 15)
            t.setStyle(TableStyle(style))
            story += [Spacer(1, 2 * mm), t, Spacer(1, 3 * mm)]
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        title=title(rep),
        author=AGENCY,
    )
    doc.build(story)


# --- rule cases (tests/cases/GK*.yaml) ------------------------------------------------------------------------


def _without(md: str, start: str, end: str) -> str:
    """The Markdown without the text from the line ``start`` up to (not including) the line ``end``."""
    i, j = md.index(start), md.index(end)
    return md[:i] + md[j:]


def _case(name: str, text: str, expect: list[str], **extra: object) -> dict[str, object]:
    return {"name": name, "suffix": ".md", "text": text, "expect": expect, **extra}


def rule_cases() -> dict[str, list[dict[str, object]]]:
    """Pass and fail cases for every GK rule, built from the same reports as the examples."""
    by_code = {code: rep for rep, code in variants()}
    clean = to_markdown(base_2023())
    prev = to_markdown(previous_2022())
    ok = _case("clean-2023-report", clean, [])
    cases: dict[str, list[dict[str, object]]] = {}

    no_review = _without(clean, "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况")
    # section 二 missing: the （一）主动公开 sub-heading of 总体情况 must not stand in for it
    no_active = _without(clean, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")
    cases["GK001"] = [
        ok,
        _case("review-section-missing", no_review, ["review"]),
        _case("active-section-missing-subheading-does-not-count", no_active, ["active"]),
        _case(
            "wording-variants",
            clean.replace("五、存在的主要问题及改进情况", "五、存在问题及改进情况").replace(
                "三、收到和处理政府信息公开申请情况", "三、依申请公开政府信息情况"
            ),
            [],
        ),
    ]

    old_layout = base_2023()
    r6 = [
        str(int(a) + int(b) + int(c))
        for a, b, c in zip(*(old_layout.apply[k] for k in ("r6_1", "r6_2", "r6_3")), strict=True)
    ]
    md_2019 = to_markdown(old_layout)
    lines = [ln for ln in md_2019.split("\n") if "| 2.申请人逾期" not in ln and "| 3.其他 |" not in ln]
    md_2019 = "\n".join(
        _md_row(["", "（六）其他处理", "", *r6]) if "| （六）其他处理 |" in ln else ln for ln in lines
    )
    cases["GK002"] = [
        ok,
        _case("2019-layout-in-2023-report", md_2019, ["apply:layout"]),
        _case(
            "2019-layout-in-2020-report",
            md_2019.replace("2023", "2020")
            .replace("2024", "2021")
            .replace(
                "| 行政许可 | 1260 |  |  |",
                "| 行政许可 | 1260 |  |  |\n" + _md_row(["其他对外管理服务事项", "35", "", ""]),
            )
            .replace(
                "| 行政事业性收费 | 12.35 |  |  |",
                "| 行政事业性收费 | 12.35 |  |  |\n" + _md_row(["政府集中采购", "6", "", ""]),
            ),
            [],
        ),
        _case(
            "2019-active-rows-in-2023-report",
            clean.replace(
                "| 行政事业性收费 | 12.35 |  |  |",
                "| 行政事业性收费 | 12.35 |  |  |\n" + _md_row(["政府集中采购", "6", "", ""]),
            ),
            ["active:layout"],
        ),
        _case(
            "review-table-missing",
            _without(clean, "| 行政复议 结果维持", "五、存在的主要问题及改进情况"),
            ["四、政府信息公开行政复议、行政诉讼情况"],
        ),
    ]
    cases["GK003"] = [
        ok,
        _case("carried-over-raised-in-one-column", to_markdown(by_code["GK003"]), ["1", "1"]),
    ]
    cases["GK004"] = [ok, _case("result-row-raised", to_markdown(by_code["GK004"]), ["19", "24"])]
    cases["GK005"] = [ok, _case("applicant-column-raised", to_markdown(by_code["GK005"]), ["23", "11", "24"])]
    cases["GK006"] = [ok, _case("review-upheld-raised", to_markdown(by_code["GK006"]), ["2"])]
    cases["GK007"] = [
        ok,
        _case("received-differs", to_markdown(by_code["GK007"]), ["25"]),
        _case(
            "two-different-values-is-ambiguous",
            to_markdown(by_code["GK007"]).replace(
                "五、存在的主要问题及改进情况\n", "本年度新收到申请23件。\n\n五、存在的主要问题及改进情况\n"
            ),
            [],
        ),
    ]
    cases["GK008"] = [
        _case("carried-matches-previous", clean, [], previous=prev),
        _case("carried-differs-from-previous", to_markdown(by_code["GK003"]), ["3", "3"], previous=prev),
        _case("no-previous-given", to_markdown(by_code["GK003"]), []),
    ]
    negative = base_2023()
    negative.apply["r3_1"][0] = "-1"
    negative.apply["r3_1"][6] = "-1"
    cases["GK009"] = [
        ok,
        _case("blank-cell", to_markdown(by_code["GK009"]), ["apply:r3_4:BIZ"]),
        _case("negative-and-zero", to_markdown(negative), ["-1", "-1"]),
    ]
    cases["GK010"] = [
        ok,
        _case("department-after-january", clean.replace("2024年1月22日", "2024年2月20日"), ["2024年2月20日"]),
        _case(
            "government-before-april",
            clean.replace(AGENCY, "云溪市临江区人民政府").replace("2024年1月22日", "2024年3月20日"),
            [],
        ),
        _case(
            "dated-inside-report-year", clean.replace("2024年1月22日", "2023年12月28日"), ["2023年12月28日"]
        ),
    ]
    return cases


def write_cases(out: Path) -> None:
    import yaml

    for code, cases in rule_cases().items():
        data = {"rule": code, "cases": cases}
        (out / f"{code}.yaml").write_text(
            "# Generated by scripts/make_gk_examples.py from the examples' reports; edit the script, not this file.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120),
            encoding="utf-8",
        )


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else ROOT / "examples" / "gk"
    out.mkdir(parents=True, exist_ok=True)
    for rep, _code in variants():
        rep = copy.deepcopy(rep)
        (out / f"{rep.name}.md").write_text(to_markdown(rep), encoding="utf-8")
        to_docx(rep, out / f"{rep.name}.docx")
        to_pdf(rep, out / f"{rep.name}.pdf")
    if not argv:
        write_cases(ROOT / "tests" / "cases")
    print(f"wrote {len(variants()) * 3} files to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
