"""The .docx reader, on fixtures made by tests/fixtures/make_docx_fixtures.py and on the shared corpus."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from reportlint.errors import FileError
from reportlint.model import Document
from reportlint.readers import Limits, read_document
from reportlint.readers.docx import body_paragraph_elements, format_number, read_docx
from reportlint.structure.outline import Section, build_outline

HERE = Path(__file__).resolve().parent
DOCX = HERE / "fixtures" / "docx"
# ../shared next to the repository (a worktree may sit one level deeper)
CORPUS = (
    next(
        (c for c in (HERE.parents[1] / "shared", HERE.parents[2] / "shared") if c.exists()),
        HERE.parents[1] / "shared",
    )
    / "corpus"
    / "robustness"
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(name: str) -> Document:
    return read_document(DOCX / name)


def by_text(doc: Document, fragment: str):
    found = [p for p in doc.paragraphs if fragment in p.text]
    assert len(found) == 1, [p.text for p in found]
    return found[0]


# ---------------------------------------------------------------------------------------------------------
# paragraph numbering


def _element_text(p) -> str:
    return "".join(
        t.text or "" for t in p.iter(f"{W}t") if not any(a.tag == f"{W}del" for a in t.iterancestors())
    )


def test_body_paragraph_elements_follow_the_numbering_rule():
    package = docx.Document(str(DOCX / "features.docx"))
    elements = body_paragraph_elements(package)
    # 1 title, 4 paragraphs, 3 in the body-level content control (one empty), 11 more
    assert len(elements) == 18
    assert _element_text(elements[6]) == ""  # the empty paragraph inside the content control is counted
    doc = read("features.docx")
    for para in doc.body():
        if len(para.anchors) > 1 or para.text == "文本框中的说明文字。":
            continue
        number = para.location.paragraph
        assert number is not None
        source = _element_text(elements[number - 1])
        assert para.text.removeprefix(para.numbering_label or "")[:4] in source, (number, para.text)


def test_empty_paragraphs_are_counted_not_emitted():
    doc = read("numbered_report.docx")
    numbers = [p.location.paragraph for p in doc.paragraphs]
    assert 11 not in numbers  # the empty paragraph between （二） and its body text
    assert numbers == sorted(numbers)
    assert by_text(doc, "全面推行告知承诺制").location.paragraph == 12
    assert all(p.text == p.text.strip() and p.text for p in doc.paragraphs)
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))


# ---------------------------------------------------------------------------------------------------------
# Word numbering


def test_word_numbering_is_rendered_and_prefixed():
    doc = read("numbered_report.docx")
    labels = [p.numbering_label for p in doc.paragraphs if p.numbering_label]
    assert labels == [
        "一、",
        "（一）",
        "1.",
        "2.",
        "（1）",
        "（2）",
        "（二）",
        "二、",
        "三、",
        "四、",
        "（一）",
    ]
    h1 = by_text(doc, "主要举措和成效")
    assert h1.text == "一、2025年度推进法治政府建设的主要举措和成效"  # no space after 、
    assert h1.style == "Heading 1"  # numbered through the style's numPr
    h2 = by_text(doc, "加强党对法治政府建设的领导")
    assert h2.text == "（一）加强党对法治政府建设的领导"  # numbered through basedOn inheritance
    assert by_text(doc, "健全学法制度").text.startswith("1.健全学法制度。")  # tab suffix: nothing
    assert (
        by_text(doc, "领导干部年度述法").text == "（1）领导干部年度述法"
    )  # space suffix after （1）: nothing
    assert by_text(doc, "持续深化执法规范化建设").text.startswith("（一）")  # 四、 restarts level 2


def test_outline_of_word_numbered_headings_matches_plain_text():
    from_docx = build_outline(read("numbered_report.docx"))
    from_txt = build_outline(read("numbered_report.txt"))

    def tree(section: Section) -> list:
        return [
            (c.heading.label, c.heading.title, c.heading.run_in, tree(c))
            for c in section.children
            if c.heading
        ]

    assert tree(from_docx.root) == tree(from_txt.root)
    assert len(from_docx.top_sections()) == 4
    assert from_docx.title_text == from_txt.title_text == "云溪市生态环境局2025年度法治政府建设情况报告"
    assert from_docx.year == 2025


def test_list_overrides_circled_numbers_and_bullets():
    doc = read("features.docx")
    assert by_text(doc, "第五项工作").text == "5.第五项工作。"  # lvlOverride/startOverride
    assert by_text(doc, "第六项工作").text == "6.第六项工作。"
    assert by_text(doc, "圈码条目").text == "①圈码条目。"
    bullet = by_text(doc, "项目符号条目")
    assert bullet.text == "项目符号条目。"
    assert bullet.numbering_label is None


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCountingThousand", "二十三"),
        (101, "chineseCountingThousand", "一百零一"),
        (110, "chineseCountingThousand", "一百一十"),
        (1005, "chineseCountingThousand", "一千零五"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (3, "ideographTraditional", "丙"),
        (11, "ideographTraditional", "甲"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircleChinese", "㉑"),
        (50, "decimalEnclosedCircle", "㊿"),
        (51, "decimalEnclosedCircle", "51"),
        (12, "decimalFullWidth", "１２"),
        (7, "decimal", "7"),
        (7, "decimalZero", "07"),
        (3, "decimalEnclosedParen", "⑶"),
        (2, "upperLetter", "B"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (9, "lowerRoman", "ix"),
        (5, "someFutureFormat", "5"),
    ],
)
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


# ---------------------------------------------------------------------------------------------------------
# what is read and what is left out


def test_tracked_changes_fields_tabs_and_breaks():
    doc = read("features.docx")
    texts = [p.text for p in doc.paragraphs]
    assert "全年共办理行政复议案件12件，均在法定期限内办结。" in texts  # w:ins kept, w:del dropped
    assert "具体数据详见附件2。" in texts  # field result kept, instrText (HYPERLINK, PAGE) dropped
    assert "通过ISO 9001认证，开展执法检查工作。" in texts  # tab: a space between Latin/digits only
    assert "移动后的文字" in texts  # moveTo kept, moveFrom dropped
    assert not any(s in doc.text for s in ("10件", "HYPERLINK", "PAGE", "被移走", "整段删除"))
    assert "tracked changes read as accepted" in doc.notes


def test_deleted_paragraph_mark_joins_paragraphs_with_anchors():
    doc = read("features.docx")
    joined = by_text(doc, "第一部分文字")
    assert joined.text == "第一部分文字，第二部分文字。"
    first, second = joined.anchors
    assert first.location.paragraph is not None
    assert second.location.paragraph == first.location.paragraph + 1
    assert joined.location_at(joined.text.index("第二")).paragraph == second.location.paragraph


def test_text_box_read_once_after_its_anchor():
    doc = read("features.docx")
    box = by_text(doc, "文本框中的说明文字")  # DrawingML choice and VML fallback: read once
    host = by_text(doc, "本段锚定一个文本框")
    assert box.index == host.index + 1
    assert box.location.paragraph == host.location.paragraph
    assert not box.in_table


def test_content_controls_read():
    doc = read("features.docx")
    assert by_text(doc, "内容控件中的第一段").location.paragraph == 6
    assert by_text(doc, "内容控件中的第二段").text == "内容控件中的第二段，行内控件文字。"


def test_headers_footers_notes_and_comments_stay_out_of_the_text():
    doc = read("features.docx")
    for outside in ("页眉文字", "页脚文字", "脚注文字", "reportlint: ignore"):
        assert outside not in doc.text
    assert by_text(doc, "依据有关规定").text == "依据有关规定开展专项检查。"


def test_comments_attach_to_their_paragraph():
    doc = read("features.docx")
    commented = by_text(doc, "本段落带有审核批注")
    assert commented.comments == ["reportlint: ignore FZ001"]
    assert doc.comments == {commented.index: ["reportlint: ignore FZ001"]}
    assert all(not p.comments for p in doc.paragraphs if p is not commented)


def _features_with_body(tmp_path: Path, body: str) -> Path:
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"{body}</w:body></w:document>"
    ).encode()
    return _rezip(DOCX / "features.docx", tmp_path / "custom.docx", replace={"word/document.xml": xml})


def test_comment_range_over_several_paragraphs(tmp_path):
    path = _features_with_body(
        tmp_path,
        '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>第一段。</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>第二段。</w:t></w:r></w:p>"
        '<w:p><w:r><w:t>第三段。</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
        "<w:p><w:r><w:t>第四段。</w:t></w:r></w:p>",
    )
    doc = read_document(path)
    assert [p.comments for p in doc.paragraphs] == [["reportlint: ignore FZ001"]] * 3 + [[]]
    assert sorted(doc.comments) == [0, 1, 2]


def test_hidden_runs_are_dropped(tmp_path):
    path = _features_with_body(
        tmp_path,
        "<w:p><w:r><w:t>可见文字</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>。</w:t></w:r></w:p>',
    )
    assert read_document(path).paragraphs[0].text == "可见文字。"


def test_hints():
    doc = read("numbered_report.docx")
    title = doc.paragraphs[0]
    assert (title.style, title.outline_level, title.bold, title.centered) == ("Title", 0, True, True)
    h1 = by_text(doc, "存在的不足和原因")
    assert (h1.outline_level, h1.bold) == (0, True)  # Heading 1: bold from the style
    body = by_text(doc, "局党组把法治政府建设")
    assert (body.style, body.outline_level, body.bold, body.centered) == ("Normal", None, False, False)
    assert by_text(doc, "加强党对法治政府建设的领导").bold  # bold from the inherited style


# ---------------------------------------------------------------------------------------------------------
# tables


def test_tables_with_merged_cells():
    doc = read("tables.docx")
    assert len(doc.tables) == 2
    table = doc.tables[0]
    assert table.text_grid() == [
        ["类别", "办理情况", "", ""],
        ["", "受理", "办结", "在办"],
        ["行政许可", "120", "118", "2"],
        ["行政处罚", "45", "43", "2"],
    ]
    kind, status = table.rows[0][0], table.rows[0][1]
    assert (kind.rowspan, kind.colspan) == (2, 1)
    assert (status.rowspan, status.colspan) == (1, 3)
    assert table.rows[0][2].merged_from == (0, 1)
    assert table.rows[0][3].merged_from == (0, 1)
    assert table.rows[1][0].merged_from == (0, 0)
    assert table.rows[2][1].merged_from is None
    assert table.location.table == 1
    assert table.after_paragraph == by_text(doc, "2025年度行政执法数据统计").index


def test_table_cells_in_reading_order():
    doc = read("tables.docx")
    cell = by_text(doc, "118")
    assert cell.in_table and cell.table == 0
    assert (cell.location.table, cell.location.row, cell.location.col) == (1, 3, 3)
    assert cell.location.paragraph is None
    before = by_text(doc, "2025年度行政执法数据统计").index
    after = by_text(doc, "以上数据截至").index
    assert all(p.in_table for p in doc.paragraphs[before + 1 : after])
    assert by_text(doc, "以上数据截至").location.paragraph == 2
    two = by_text(doc, "第一段说明")
    assert two.text == "第一段说明。\n第二段说明。"
    assert two.table == 1
    assert doc.tables[1].after_paragraph == after
    assert by_text(doc, "报告正文继续").location.paragraph == 4  # tables are not counted


# ---------------------------------------------------------------------------------------------------------
# robustness


def test_strict_ooxml_is_read():
    doc = read("strict.docx")
    assert [p.text for p in doc.paragraphs] == ["严格格式文档中的正文段落。", "第二段正文。"]
    assert doc.paragraphs[0].outline_level == 0
    assert "ISO 29500 Strict package read" in doc.notes


def test_empty_document():
    with pytest.raises(FileError) as err:
        read("empty.docx")
    assert err.value.code == "unreadable"
    assert err.value.message == "the document has no text"


def _rezip(
    src: Path,
    dst: Path,
    *,
    drop: str | None = None,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == drop:
                continue
            zout.writestr(info.filename, (replace or {}).get(info.filename, zin.read(info)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def test_zip_bomb_ratio_guard(tmp_path):
    bomb = _rezip(DOCX / "features.docx", tmp_path / "bomb.docx", add={"word/media/pad.bin": bytes(4 << 20)})
    with pytest.raises(FileError) as err:
        read_document(bomb)
    assert err.value.code == "too-large"
    assert "expands" in err.value.message


def test_zip_total_size_guard():
    with pytest.raises(FileError) as err:
        read_docx(DOCX / "features.docx", Limits(max_unzipped_bytes=10_000))
    assert err.value.code == "too-large"


def test_truncated_zip(tmp_path):
    data = (DOCX / "features.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    for reader in (read_document, lambda p: read_docx(p, Limits())):
        with pytest.raises(FileError) as err:
            reader(cut)
        assert err.value.code == "unreadable"
        assert "\n" not in err.value.message


def test_missing_main_part(tmp_path):
    broken = _rezip(DOCX / "features.docx", tmp_path / "nodoc.docx", drop="word/document.xml")
    with pytest.raises(FileError) as err:
        read_document(broken)
    assert err.value.code == "unreadable"
    assert "\n" not in err.value.message


def test_macro_enabled_main_part_is_read(tmp_path):
    with zipfile.ZipFile(DOCX / "features.docx") as zf:
        types = zf.read("[Content_Types].xml")
    docm = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert docm != types
    path = _rezip(DOCX / "features.docx", tmp_path / "macro.docx", replace={"[Content_Types].xml": docm})
    assert by_text(read_document(path), "第五项工作").text == "5.第五项工作。"


def test_malformed_xml(tmp_path):
    broken = _rezip(
        DOCX / "features.docx", tmp_path / "bad.docx", replace={"word/document.xml": b"<w:document><w:body>"}
    )
    with pytest.raises(FileError) as err:
        read_document(broken)
    assert err.value.code == "unreadable"
    assert "\n" not in err.value.message


def test_alternate_content_falls_back_when_the_choice_has_no_text(tmp_path):
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex"><w:body><w:p>'
        "<w:r><w:t>满意度</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="w16se"><w16se:symEx w16se:font="Segoe UI Emoji" w16se:char="2764"/></mc:Choice>'
        "<mc:Fallback><w:t>❤</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>"
    ).encode()
    path = _rezip(DOCX / "empty.docx", tmp_path / "emoji.docx", replace={"word/document.xml": body})
    assert read_document(path).paragraphs[0].text == "满意度❤"


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER", encoding="utf-8")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>正文开始&xxe;正文结束</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    doc_path = _rezip(DOCX / "empty.docx", tmp_path / "xxe.docx", replace={"word/document.xml": xml})
    doc = read_document(doc_path)
    assert "SECRET-MARKER" not in doc.text
    assert doc.paragraphs[0].text.startswith("正文开始")


def _main_part_has_text(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        rels = zf.read("_rels/.rels").decode("utf-8", "replace")
        target = re.search(
            r'Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"|Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"',
            rels,
        )
        assert target is not None
        xml = zf.read(target.group(1) or target.group(2)).decode("utf-8", "replace")
    return re.search(r"<w:t(?:\s[^>]*)?>[^<]*\S", xml) is not None


def _corpus_docx() -> list[Path]:
    return sorted(CORPUS.rglob("*.docx")) if CORPUS.exists() else []


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/robustness is not present")
@pytest.mark.parametrize("path", _corpus_docx(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_file_gives_document_or_file_error(path: Path):
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        doc = read_document(path)
    except FileError as exc:
        assert exc.message and "\n" not in exc.message
        assert "Traceback" not in exc.message
    else:
        assert doc.format == "docx"
        assert any(p.text for p in doc.paragraphs)
        assert all(p.location.paragraph or p.location.table for p in doc.paragraphs)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/robustness is not present")
def test_corpus_files_python_docx_reads_give_documents():
    """Files python-docx opens and that carry body text must read (not end in a blanket 'unreadable')."""
    index = CORPUS / "index.tsv"
    rows = list(csv.DictReader(io.StringIO(index.read_text(encoding="utf-8")), delimiter="\t"))
    expected = [
        r["path"]
        for r in rows
        if r["kind"] == "docx" and "python-docx: ok" in r["special"] and r["chinese"] != "no text"
    ]
    assert expected
    for rel in expected:
        try:
            read_document(CORPUS / rel)
        except FileError as exc:
            # only a file whose main part has no w:t text at all may end as "no text"
            assert exc.message.startswith("the document has no text"), (rel, exc.message)
            assert not _main_part_has_text(CORPUS / rel), rel
    strict = read_document(CORPUS / "python-mammoth" / "strict-format.docx")
    assert strict.paragraphs[0].text == "Test"


# ---------------------------------------------------------------------------------------------------------
# the real pipeline


def test_cli_outline_and_check_show_paragraph_numbers():
    from reportlint.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["outline", str(DOCX / "numbered_report.docx")])
    assert out.exit_code == 0, out.output
    assert "一、2025年度推进法治政府建设的主要举措和成效" in out.output
    assert "第13段" in out.output  # 二、存在的不足和原因
    res = runner.invoke(app, ["check", "--no-color", str(DOCX / "numbered_report.docx")])
    assert res.exit_code in (0, 1), res.output
    assert "¶" in res.output
    assert "Traceback" not in res.output


def test_numbering_counters():
    from lxml import etree

    from reportlint.readers.docx import _Numbering, _Styles

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    root = etree.fromstring(
        f"""<w:numbering {ns}>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
          <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
          <w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/><w:lvlText w:val="%3)"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/>
          <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        </w:numbering>"""
    )
    numbering = _Numbering(root, _Styles(None))
    seq = [("1", 0), ("1", 1), ("1", 2), ("1", 1), ("1", 2), ("2", 0), ("2", 1), ("1", 2), ("3", 0)]
    labels = [numbering.label(n, lvl) for n, lvl in seq]
    assert [lab[0] if lab else None for lab in labels] == [
        "第一章",
        "1.1",  # isLgl: the upper level shows as a decimal
        "1)",
        "1.2",
        "2)",  # lvlRestart 0: never restarts
        "第二章",  # numId 2 shares the abstract list and continues it
        "2.1",  # level 1 restarted under the new chapter
        "3)",
        "第一章",  # numId 3 restarts level 0 with startOverride
    ]


def test_word2010_custom_number_format():
    from lxml import etree

    from reportlint.readers.docx import _Numbering, _Styles

    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    )

    def level(choice: str, fallback: str) -> str:
        return (
            '<w:lvl w:ilvl="0"><mc:AlternateContent><mc:Choice Requires="w14">'
            f'<w:numFmt w:val="custom" w:format="{choice}"/></mc:Choice>'
            f'<mc:Fallback><w:numFmt w:val="{fallback}"/></mc:Fallback></mc:AlternateContent>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
        )

    root = etree.fromstring(
        f"""<w:numbering {ns}>
        <w:abstractNum w:abstractNumId="1">{level("一, 二, 三, ...", "decimal")}</w:abstractNum>
        <w:abstractNum w:abstractNumId="2">{level("001, 002, 003, ...", "decimal")}</w:abstractNum>
        <w:abstractNum w:abstractNumId="3">{level("A-1, A-2", "upperLetter")}</w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
        </w:numbering>"""
    )
    numbering = _Numbering(root, _Styles(None))
    assert [numbering.label(n, 0) for n in ("1", "2", "3")] == [("一、", ""), ("001、", ""), ("A、", "")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_numbering_labels_agree_with_libreoffice(tmp_path):
    """LibreOffice renders Word numbering independently: its labels must be the ones we put in front."""
    src = tmp_path / "numbered_report.docx"
    shutil.copy(DOCX / "numbered_report.docx", src)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    lines = [
        ln.strip() for ln in (tmp_path / "numbered_report.txt").read_text(encoding="utf-8-sig").splitlines()
    ]
    rendered = [ln for ln in lines if ln]
    ours = read("numbered_report.docx").paragraphs
    assert len(rendered) == len(ours)
    for line, para in zip(rendered, ours, strict=True):
        if para.numbering_label:
            label = para.numbering_label
            assert line.startswith(label), (line, label)
            assert line[len(label) :].strip() == para.text[len(label) :]
        else:
            assert line == para.text


def test_table_of_contents_entries_are_not_body_text(tmp_path):
    import docx as pydocx

    from reportlint.readers import Limits
    from reportlint.readers.docx import read_docx

    d = pydocx.Document()
    for name in ("TOC 1", "TOC 2"):
        if name not in [s.name for s in d.styles]:
            d.styles.add_style(name, 1)
    d.add_paragraph("某局2023年度法治政府建设情况报告")
    d.add_paragraph("一、主要举措和成效\t1", style="TOC 1")
    d.add_paragraph("（一）健全制度\t2", style="TOC 2")
    d.add_paragraph("一、主要举措和成效")
    path = tmp_path / "toc.docx"
    d.save(str(path))
    doc = read_docx(path, Limits())
    assert [p.text for p in doc.paragraphs] == ["某局2023年度法治政府建设情况报告", "一、主要举措和成效"]
    assert doc.paragraphs[1].location.paragraph == 4


def test_truncated_docx_says_the_zip_is_damaged(tmp_path):
    from pathlib import Path

    from reportlint.errors import FileError
    from reportlint.readers import read_document

    src = Path(__file__).parent.parent / "examples" / "clean.docx"
    bad = tmp_path / "cut.docx"
    bad.write_bytes(src.read_bytes()[:300])
    try:
        read_document(bad)
    except FileError as exc:
        assert exc.code == "unreadable"
        assert "damaged or truncated zip" in exc.message
    else:
        raise AssertionError("a truncated .docx must not read")
