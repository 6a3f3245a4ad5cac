"""Property-based tests: the text pipeline, the outline builder, the number extractor and the .docx/.pdf readers
(on damaged copies of the fixtures) never raise on arbitrary input, except with a contract file error."""

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


# --- the number extractor ------------------------------------------------------------------------------------

NUMBER_ALPHABET = st.sampled_from(
    [
        *"0123456789０１２３４５６７８９.,，。；、%％‰一二三四五六七八九十百千万亿两零件次人个项家余多约近超共其中分别同比增长下降百分点倍比率为达",
        "\u3000",
        " ",
        "-",
        "—",
        "~",
        "～",
        "至",
        "年",
        "月",
        "日",
        "（",
        "）",
        "“",
        "”",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(NUMBER_ALPHABET, max_size=120), st.text(max_size=80)), st.integers(0, 5))
def test_number_extractor_never_raises(text, paragraph):
    from reportlint.facts.numbers import extract, parse_cn_number

    statements, quantities = extract(text, paragraph)
    for q in quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert q.paragraph == paragraph
        assert q.value == q.value  # not NaN
        assert any(s.index == q.sentence for s in statements)
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
    parse_cn_number(text[:12])


# --- the .docx and .pdf readers on damaged copies of the committed fixtures ----------------------------------


def _read_or_file_error(path):
    from reportlint.errors import FILE_ERROR_CODES, FileError
    from reportlint.readers import read_document

    try:
        doc = read_document(path)
    except FileError as exc:
        assert exc.code in FILE_ERROR_CODES
        assert exc.message and "\n" not in exc.message
        return None
    assert all(p.index == i for i, p in enumerate(doc.paragraphs))
    build_outline(doc)
    return doc


def _mutate(data: bytes, how: str, where: float, value: int) -> bytes:
    if not data:
        return bytes([value % 256])
    i = min(len(data) - 1, int(where * len(data)))
    if how == "truncate":
        return data[:i]
    if how == "flip":
        return data[:i] + bytes([data[i] ^ (1 << (value % 8))]) + data[i + 1 :]
    if how == "delete":
        return data[:i] + data[i + 1 + value % 64 :]
    return data[:i] + bytes([value % 256]) * (1 + value % 16) + data[i:]  # insert


MUTATION = st.tuples(
    st.sampled_from(["truncate", "flip", "delete", "insert"]),
    st.floats(0, 1, allow_nan=False),
    st.integers(0, 1 << 16),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["features.docx", "tables.docx", "strict.docx"]),
    st.lists(MUTATION, min_size=1, max_size=3),
)
def test_docx_reader_on_mutated_bytes(tmp_path, name, mutations):
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "docx" / name).read_bytes()
    for how, where, value in mutations:
        data = _mutate(data, how, where, value)
    path = tmp_path / f"mutated-{name}"
    path.write_bytes(data)
    _read_or_file_error(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["features.docx", "tables.docx"]),
    st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml", "[Content_Types].xml"]),
    st.lists(MUTATION, min_size=1, max_size=3),
)
def test_docx_reader_on_mutated_xml_parts(tmp_path, name, part, mutations):
    """Damage one XML part inside a sound zip: exercises the XML parsing and the reader, not just unzip."""
    import zipfile
    from pathlib import Path

    src = Path(__file__).parent / "fixtures" / "docx" / name
    out = tmp_path / f"xml-{name}"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                for how, where, value in mutations:
                    data = _mutate(data, how, where, value)
            zout.writestr(info.filename, data)
    _read_or_file_error(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["report.pdf", "owner_only.pdf", "encrypted.pdf"]),
    st.lists(MUTATION, min_size=1, max_size=3),
)
def test_pdf_reader_on_mutated_bytes(tmp_path, name, mutations):
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "pdf" / name).read_bytes()
    for how, where, value in mutations:
        data = _mutate(data, how, where, value)
    path = tmp_path / f"mutated-{name}"
    path.write_bytes(data)
    _read_or_file_error(path)


def test_own_lines_never_continue_a_paragraph():
    from reportlint.readers.repair import continues

    long_line = "本年度共开展执法检查一百二十次，覆盖全部重点行业领域和企业的"
    assert not continues(long_line, "附件：某局2023年度法治政府建设情况报告")
    assert not continues(long_line, "附件")
    assert not continues("某局办公室                                  2024年1月26日印发", "附件")
    assert continues(long_line, "附件材料已按要求报送。")  # 附件 as an ordinary word runs on
