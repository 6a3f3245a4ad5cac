"""Inline suppressions: Word comments, Markdown and text-file directives, unused suppressions."""

from __future__ import annotations

import pytest

from ci_helpers import REPORT_MD, REPORT_TXT
from reportlint.api import Settings, lint_file
from reportlint.engine.run import lint_document
from reportlint.engine.suppress import parse_directive
from reportlint.readers import read_document


def test_parse_directive():
    assert parse_directive("reportlint: ignore DT001 引用原文") == (("DT001",), "引用原文")
    assert parse_directive("reportlint：ignore DT001,FZ003") == (("DT001", "FZ003"), "")
    assert parse_directive("reportlint: ignore invalid-date，PN 原文如此") == (
        ("invalid-date", "PN"),
        "原文如此",
    )
    assert parse_directive("请核对此处日期") is None
    assert parse_directive("reportlint: ignore") is None


def test_markdown_directives_are_not_report_text():
    doc = read_document(REPORT_MD)
    assert not any("reportlint" in p.text or "<!--" in p.text for p in doc.paragraphs)
    by_text = {p.text[:7]: p.comments for p in doc.paragraphs}
    assert by_text["（一）完善制度"] == ["reportlint: ignore DT001 引用原文件日期，原文如此"]
    assert by_text["主要负责人专题"] == ["reportlint: ignore FZ003"]
    # lines keep their numbers although the directive line carries no text
    [p] = [p for p in doc.paragraphs if p.text.startswith("（一）完善制度")]
    assert p.location.line == 8


def test_markdown_suppression_and_unused():
    r = lint_file(str(REPORT_MD), Settings())
    assert [f.message for f in r.findings] == ["日期“2023年6月31日”不存在"]  # 4月31日 is suppressed
    assert r.suppressed == 1
    assert [s.text for s in r.unused_suppressions] == ["reportlint: ignore FZ003"]
    # a suppression of a rule that did not run is not reported as unused
    r2 = lint_file(str(REPORT_MD), Settings(ignore=["FZ003"]))
    assert r2.unused_suppressions == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "（二）规范行政执法。",
            "# reportlint: ignore DT001 引用文件原文\n（二）规范行政执法。",
        ),
        ("普通程序65件。", "普通程序65件。  # reportlint: ignore invalid-date"),
        ("（二）规范行政执法。", "<!-- reportlint: ignore DT -->\n（二）规范行政执法。"),
    ],
)
def test_text_file_directives(tmp_path, old, new):
    p = tmp_path / "r.txt"
    text = REPORT_TXT.read_text(encoding="utf-8")
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    doc = read_document(p)
    assert not any("reportlint" in par.text for par in doc.paragraphs)
    r = lint_file(str(p), Settings())
    assert [f.code for f in r.findings] == ["FZ003"] and r.suppressed == 1
    assert r.unused_suppressions == []


def test_hash_in_report_text_is_not_a_directive(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT_TXT.read_text(encoding="utf-8").replace("普通程序65件。", "普通程序65件（#3号文）。"))
    assert any("#3号文" in par.text for par in read_document(p).paragraphs)


def test_word_comment_suppresses_on_its_paragraph():
    doc = read_document(REPORT_TXT)
    [para] = [p for p in doc.paragraphs if "2月30日" in p.text]
    para.comments.append("reportlint: ignore DT001 原文件日期")
    [heading] = [p for p in doc.paragraphs if p.text.startswith("三、")]
    heading.comments.extend(["请补充数据来源", "reportlint: ignore FZ003"])
    [title] = [p for p in doc.paragraphs if p.index == 0]
    title.comments.append("reportlint: ignore XX123 typo in the code")
    r = lint_document(doc, Settings())
    assert [f.code for f in r.findings] == ["FZ003"]
    assert r.suppressed == 1
    # FZ003 is reported on 四、, not on 三、; a code no rule has is reported too
    assert sorted(s.text for s in r.unused_suppressions) == [
        "reportlint: ignore FZ003",
        "reportlint: ignore XX123 typo in the code",
    ]
