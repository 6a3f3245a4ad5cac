"""``check --annotate``: a .docx copy with one Word comment per finding, anchored on the finding's text."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from typer.testing import CliRunner

from reportlint.api import lint_file
from reportlint.cli import app
from reportlint.errors import UsageError as OutputError
from reportlint.findings import FileResult, Finding, TextParagraph
from reportlint.formatters.annotate_docx import annotate, body_paragraph_elements, comment_text
from reportlint.model import Location
from review_helpers import (
    anchor_paragraph,
    anchored_text,
    body_paragraphs,
    bold_map,
    docx_twin,
    element_text,
)

REPORT = Path(__file__).parent / "fixtures" / "review" / "report.txt"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def twin(tmp_path) -> tuple[FileResult, Path]:
    res = lint_file(str(REPORT))
    assert res.error is None
    src = tmp_path / "report.docx"
    return docx_twin(res, src), src


def flagged(f: Finding) -> str:
    return f.excerpt[f.span[0] : f.span[1]] if f.span else ""


def test_fixture_report_has_findings_of_every_kind(twin):
    res, _ = twin
    assert len(res.findings) >= 5
    assert any(f.span is None for f in res.findings), "a document-level finding"
    assert any(f.span is not None for f in res.findings)


def test_one_comment_per_finding_in_its_paragraph_input_untouched(twin, tmp_path):
    res, src = twin
    before = sha(src)
    out = tmp_path / "reviewed.docx"
    n = annotate(res, src, out)
    assert sha(src) == before
    assert n == len(res.findings)
    d = docx.Document(str(out))
    comments = list(d.comments)
    assert len(comments) == len(res.findings)
    body = body_paragraphs(d)
    for f, c in zip(res.findings, comments, strict=True):
        assert c.author == "reportlint"
        assert f.code in c.text and f.message in c.text
        if f.evidence:
            assert f.evidence in c.text
        p = anchor_paragraph(d, c.comment_id)
        assert body.index(p) == f.location.paragraph - 1, (f.code, f.message)


def test_comment_covers_exactly_the_flagged_text(twin, tmp_path):
    res, src = twin
    out = tmp_path / "reviewed.docx"
    annotate(res, src, out)
    d = docx.Document(str(out))
    spans = 0
    for f, c in zip(res.findings, d.comments, strict=True):
        got = anchored_text(d, c.comment_id)
        if f.span:
            spans += 1
            assert got == flagged(f), f.code
        else:
            assert got == element_text(anchor_paragraph(d, c.comment_id))
    assert spans >= 3


def test_splitting_runs_keeps_text_and_formatting(twin, tmp_path):
    res, src = twin
    out = tmp_path / "reviewed.docx"
    annotate(res, src, out)
    before = body_paragraphs(docx.Document(str(src)))
    after = body_paragraphs(docx.Document(str(out)))
    assert len(before) == len(after)
    for a, b in zip(before, after, strict=True):
        assert element_text(a) == element_text(b)
        assert bold_map(a) == bold_map(b)


def test_document_level_finding_goes_on_the_title(twin, tmp_path):
    res, src = twin
    doc_level = [f for f in res.findings if f.span is None and f.code == "FZ001"]
    assert doc_level
    out = tmp_path / "reviewed.docx"
    annotate(res, src, out)
    d = docx.Document(str(out))
    c = next(c for f, c in zip(res.findings, d.comments, strict=True) if f is doc_level[0])
    assert element_text(anchor_paragraph(d, c.comment_id)).startswith("临川市生态环境局2023年度")


def test_body_paragraph_numbering_counts_empty_and_content_control_paragraphs(twin):
    _, src = twin
    d = docx.Document(str(src))
    mine = body_paragraph_elements(d)
    assert mine == body_paragraphs(d)
    assert element_text(mine[1]) == ""  # empty paragraphs are counted
    assert mine[2].getparent().tag == qn("w:sdtContent")


def _one_paragraph_result(
    text: str, view_text: str, label: str | None, offset: int, length: int
) -> FileResult:
    view = TextParagraph(0, view_text, "heading", Location(paragraph=1), 1, label, "")
    excerpt = view_text
    f = Finding(
        "FZ004",
        "report-year-inconsistent",
        "error",
        "章节标题写的是 2022 年度，报告年度为 2023 年",
        Location(paragraph=1),
        "",
        excerpt,
        span=(offset, offset + length),
        evidence="2022 ≠ 2023",
        paragraph_index=0,
        offset=offset,
    )
    return FileResult("x.docx", "docx", "fazhi", findings=[f], paragraphs=[view])


def test_numbering_label_is_subtracted(tmp_path):
    src = tmp_path / "numbered.docx"
    d = docx.Document()
    d.add_paragraph("2022年度主要举措和成效")  # Word renders "一、" from numbering; it is not in the runs
    d.save(str(src))
    res = _one_paragraph_result("", "一、2022年度主要举措和成效", "一、", 2, 6)
    out = tmp_path / "out.docx"
    annotate(res, src, out)
    d2 = docx.Document(str(out))
    (c,) = list(d2.comments)
    assert anchored_text(d2, c.comment_id) == "2022年度"


def test_span_inside_the_numbering_label_comments_the_paragraph(tmp_path):
    src = tmp_path / "numbered.docx"
    d = docx.Document()
    d.add_paragraph("2022年度主要举措和成效")
    d.save(str(src))
    res = _one_paragraph_result("", "一、2022年度主要举措和成效", "一、", 0, 2)
    out = tmp_path / "out.docx"
    annotate(res, src, out)
    d2 = docx.Document(str(out))
    (c,) = list(d2.comments)
    assert anchored_text(d2, c.comment_id) == "2022年度主要举措和成效"


def test_span_inside_a_hyperlink_is_anchored_inside_the_link(tmp_path):
    src = tmp_path / "link.docx"
    d = docx.Document()
    p = d.add_paragraph("详见")
    rid = d.part.relate_to("https://example.gov.cn/2022", RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): rid})
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2022年度报告全文"
    r.append(t)
    link.append(r)
    p._p.append(link)
    p.add_run("。")
    d.save(str(src))
    text = "详见2022年度报告全文。"
    res = _one_paragraph_result("", text, None, 2, 4)
    out = tmp_path / "out.docx"
    annotate(res, src, out)
    d2 = docx.Document(str(out))
    (c,) = list(d2.comments)
    assert anchored_text(d2, c.comment_id) == "2022"
    p2 = body_paragraphs(d2)[0]
    assert element_text(p2) == text
    links = p2.findall(qn("w:hyperlink"))
    assert len(links) == 1 and element_text(links[0]) == "2022年度报告全文"
    ref = next(p2.iter(qn("w:commentReference")))
    assert ref.getparent().getparent() is p2  # the reference mark is not inside the link


def test_table_cell_finding_is_anchored_in_its_cell(tmp_path):
    src = tmp_path / "table.docx"
    d = docx.Document()
    d.add_paragraph("一、收到和处理政府信息公开申请情况")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "本年新收申请数量"
    table.cell(0, 1).text = "合计"
    table.cell(1, 0).text = "办结率"
    table.cell(1, 1).text = "103.5%"
    d.save(str(src))
    loc = Location(table=1, row=2, col=2)
    view = TextParagraph(4, "103.5%", "cell", loc, 0, None, "")
    f = Finding(
        "NUM003", "rate-out-of-range", "error", "办结率超过100%", loc, "", "103.5%", span=(0, 6),
        paragraph_index=4, offset=0,
    )  # fmt: skip
    res = FileResult("t.docx", "docx", "fazhi", findings=[f], paragraphs=[view])
    out = tmp_path / "out.docx"
    annotate(res, src, out)
    d2 = docx.Document(str(out))
    (c,) = list(d2.comments)
    assert anchored_text(d2, c.comment_id) == "103.5%"
    p = anchor_paragraph(d2, c.comment_id)
    assert p is d2.tables[0].cell(1, 1).paragraphs[0]._p


def test_refuses_to_overwrite_the_input(twin):
    res, src = twin
    before = sha(src)
    with pytest.raises(OutputError):
        annotate(res, src, src)
    assert sha(src) == before


# -- the command line -------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_annotate_needs_docx(tmp_path):
    for name in ("report.txt", "report.pdf"):
        p = tmp_path / name
        p.write_bytes(REPORT.read_bytes())
        r = runner.invoke(app, ["check", str(p), "--annotate", str(tmp_path / "out.docx")])
        assert r.exit_code == 2
        assert "needs one .docx input" in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "out.docx").exists()


def test_cli_annotate_refuses_the_input(twin):
    _, src = twin
    before = sha(src)
    r = runner.invoke(app, ["check", str(src), "--annotate", str(src)])
    assert r.exit_code == 2
    assert "input file" in r.stderr
    assert sha(src) == before


def test_cli_annotate_end_to_end(twin, tmp_path):
    _, src = twin
    from reportlint.api import lint_file

    res = lint_file(str(src))  # the real .docx reader
    assert res.error is None and res.findings
    out = tmp_path / "reviewed.docx"
    before = sha(src)
    r = runner.invoke(app, ["check", str(src), "--annotate", str(out), "--format", "json"])
    assert r.exit_code == 1, r.stderr
    assert f"({len(res.findings)} comment(s))" in r.stderr
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == len(res.findings)
    assert sha(src) == before


# -- LibreOffice: the copy opens, converts to PDF and keeps its comments through a round trip ------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _soffice(args: list[str], profile: Path) -> None:
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *args]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copy_and_keeps_the_comments(twin, tmp_path):
    res, src = twin
    out = tmp_path / "reviewed.docx"
    annotate(res, src, out)
    profile = tmp_path / "lo-profile"
    pdf_dir, rt_dir = tmp_path / "pdf", tmp_path / "roundtrip"
    _soffice(["--convert-to", "pdf", "--outdir", str(pdf_dir), str(out)], profile)
    pdf = pdf_dir / "reviewed.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 1000
    _soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(rt_dir), str(out)], profile)
    back = docx.Document(str(rt_dir / "reviewed.docx"))
    # the report's text is intact after LibreOffice opened and saved the copy
    texts = [element_text(p) for p in body_paragraphs(docx.Document(str(src)))]
    assert [element_text(p) for p in body_paragraphs(back)] == texts
    comments = list(back.comments)
    assert len(comments) == len(res.findings)
    by_text = {c.text.lstrip("\n"): c for c in comments}
    original = docx.Document(str(out))
    for f, c0 in zip(res.findings, original.comments, strict=True):
        c1 = by_text[comment_text(f)]  # code, message, evidence, suggestion all survive
        assert c1.author == "reportlint"
        # anchored in a paragraph with the same text as before the round trip (LibreOffice 7.4 turns a
        # range inside a content control into a point comment, so its reference mark is accepted)
        assert element_text(anchor_paragraph(back, c1.comment_id, point_ok=True)) == element_text(
            anchor_paragraph(original, c0.comment_id)
        )


def _doc_level_result() -> FileResult:
    f = Finding("FZ005", "period-statement-missing", "warning", "未写明统计期限", Location(), "", "")
    return FileResult("x.docx", "docx", "fazhi", findings=[f])


def test_document_without_body_paragraphs_gets_the_comment_in_its_first_cell(tmp_path):
    src = tmp_path / "table-only.docx"
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "主动公开政府信息情况"
    for p in body_paragraphs(d):
        p.getparent().remove(p)
    d.save(str(src))
    out = tmp_path / "out.docx"
    assert annotate(_doc_level_result(), src, out) == 1
    d2 = docx.Document(str(out))
    (c,) = list(d2.comments)
    assert anchor_paragraph(d2, c.comment_id) is d2.tables[0].cell(0, 0).paragraphs[0]._p


def test_unresolved_entity_reference_still_gives_a_readable_copy(tmp_path):
    import zipfile

    plain = tmp_path / "plain.docx"
    d = docx.Document()
    d.add_paragraph("临川市生态环境局2023年度法治政府建设情况报告")
    d.add_paragraph("正文TOKEN。")
    d.save(str(plain))
    src = tmp_path / "entity.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(src, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                head, rest = text.split("?>", 1)
                doctype = '<!DOCTYPE w:document [<!ENTITY ent SYSTEM "http://127.0.0.1:9/never">]>'
                data = (head + "?>" + doctype + rest.replace("TOKEN", "&ent;")).encode("utf-8")
            zout.writestr(item, data)
    out = tmp_path / "out.docx"
    assert annotate(_doc_level_result(), src, out) == 1
    d2 = docx.Document(str(out))
    assert len(list(d2.comments)) == 1
    assert element_text(body_paragraphs(d2)[1]) == "正文。"
