"""Property-based tests: the text pipeline and the outline builder never raise on arbitrary input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.engine.run import Settings, lint_document
from reportlint.readers.text import read_text
from reportlint.structure.outline import build_outline

# Text made of the characters reports are made of, plus anything Unicode has.
REPORT_ALPHABET = st.sampled_from(
    [
        *list(
            "一二三四五六七八九十（）()、，。；：？！“”《》〔〕【】—-~～.：:0123456789年月日共其中件率%附件报告关于的"
        ),
        "\n",
        " ",
        "\u3000",
        "\t",
        "\r",
        "\x0c",
    ]
)
LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "一、主要举措和成效",
                "（一）加强领导。正文。",
                "1.",
                "（1）",
                "附件：",
                "附件",
                "2024年1月25日",
                "关于报送的报告",
                "签发人：某某",
                "某〔2024〕3号",
                "全文包括“甲”“乙”。",
                "统计期限自2023年1月1日起至12月31日止。",
            ]
        ),
        st.text(REPORT_ALPHABET, max_size=80),
        st.text(max_size=40),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from(["txt", "md"]))
def test_text_pipeline_never_raises(lines, fmt):
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    try:
        doc = read_text("x." + fmt, fmt, data)  # type: ignore[arg-type]
    except UnicodeEncodeError:
        return
    outline = build_outline(doc)
    assert outline.report_start <= len(doc.paragraphs)
    result = lint_document(doc, Settings(strict=True))
    for f in result.findings:
        assert f.code and f.message
        if f.span is not None:
            assert 0 <= f.span[0] <= f.span[1] <= len(f.excerpt)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_text_reader_any_bytes(data):
    try:
        doc = read_text("x.txt", "txt", data)  # type: ignore[arg-type]
    except Exception as exc:  # only the contract's FileError is allowed
        from reportlint.errors import FileError

        assert isinstance(exc, FileError)
        return
    build_outline(doc)


def test_markdown_table_cells_stand_in_reading_order():
    text = "# 某局2023年度报告\n\n一、总体情况\n\n| 项目 | 数量 |\n|---|---|\n| 受理 | 3 |\n\n二、存在的问题\n\n问题。\n"
    doc = read_text("x.md", "md", text.encode("utf-8"))  # type: ignore[arg-type]
    texts = [(p.index, p.text, p.in_table) for p in doc.paragraphs]
    assert [t for _, t, _ in texts] == [
        "某局2023年度报告",
        "一、总体情况",
        "项目",
        "数量",
        "受理",
        "3",
        "二、存在的问题",
        "问题。",
    ]
    assert all(i == k for k, (i, _, _) in enumerate(texts))
    assert doc.tables[0].after_paragraph == 1
    outline = build_outline(doc)
    assert outline.section_of(4).heading is not None and outline.section_of(4).heading.title == "总体情况"
