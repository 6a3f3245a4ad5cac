"""The PDF reader on generated fixtures (tests/fixtures/make_pdf_fixtures.py) and on the robustness corpus."""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

import pytest

from reportlint.errors import FileError
from reportlint.model import Document
from reportlint.readers import Limits, read_document
from reportlint.readers.pdf import (
    Char,
    Line,
    PageContent,
    TableGrid,
    assemble,
    drop_repeated_page_heads,
    is_page_number,
    join_text,
    line_text,
    merge_tables,
)
from reportlint.structure.outline import build_outline

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "tests" / "fixtures" / "pdf"
REPORT_PDFS = ["report.pdf", "report_lo.pdf", "report_lo_ragged.pdf"]
HEADER = "云岭市青禾区司法局2025年法治政府建设年度报告"
# ../shared next to the checkout (or next to the worktrees folder)
CORPUS = next(
    (
        d / "shared" / "corpus" / "robustness"
        for d in (ROOT.parent, ROOT.parent.parent)
        if (d / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "corpus" / "robustness",
)


def expected_paragraphs() -> list[str]:
    return (PDF / "report.txt").read_text(encoding="utf-8").strip().split("\n\n")


def read(name: str) -> Document:
    return read_document(PDF / name)


@pytest.fixture(scope="module", params=REPORT_PDFS)
def report(request: pytest.FixtureRequest) -> Document:
    return read(request.param)


# --- body text --------------------------------------------------------------------------------------------


def test_body_paragraphs_are_exactly_as_written(report: Document) -> None:
    assert [p.text for p in report.body()] == expected_paragraphs()


def test_no_header_footer_or_page_number_text(report: Document) -> None:
    for p in report.body():
        assert not re.search(r"—\s*\d+\s*—", p.text)
        assert p.text != HEADER
    assert report.pages == 4
    assert any("running header" in n for n in report.notes)
    assert any(n.startswith("4 page number") for n in report.notes)


def test_no_spaces_between_cjk_and_latin_words_keep_theirs(report: Document) -> None:
    text = "\n".join(p.text for p in report.body())
    assert "ISO 9001" in text  # a real space between Latin words, here also across a line wrap
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff0-9]|[0-9] [\u4e00-\u9fff]", text)


def test_title_lines_are_centred(report: Document) -> None:
    title = [p for p in report.body()][:2]
    assert [p.centered for p in title] == [True, True]
    assert title[0].location.page == 1


def _page_texts(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]


@pytest.mark.parametrize("name", REPORT_PDFS)
def test_anchors_point_at_the_page_of_each_stretch(name: str) -> None:
    doc = read(name)
    pages = _page_texts(PDF / name)
    last_page = 1
    for p in doc.body():
        for k, a in enumerate(p.anchors):
            page = a.location.page
            assert page is not None and page >= last_page
            end = p.anchors[k + 1].start if k + 1 < len(p.anchors) else len(p.text)
            stretch = re.sub(r"\s+", "", p.text[a.start : end])
            assert stretch in pages[page - 1], (p.index, page, stretch[:20])
            last_page = page
    assert last_page == 4


def test_paragraphs_split_across_page_breaks_are_healed() -> None:
    doc = read("report.pdf")
    split = [p for p in doc.body() if len(p.anchors) > 1]
    assert len(split) == 2
    assert any("2 paragraph(s) rejoined" in n for n in doc.notes)
    title_split = next(p for p in split if "《云岭市行政执法案卷评查标准" in p.text)
    assert "《云岭市行政执法案卷评查标准（2024年修订版）》" in title_split.text
    first, second = title_split.anchors
    assert second.location.page == first.location.page + 1
    assert title_split.text[second.start :].startswith("2024年修订版）》")
    assert title_split.location_at(second.start - 1).page == first.location.page


# --- tables -------------------------------------------------------------------------------------------------


def expected_grid() -> list[list[str]]:
    return [row.split("|") for row in (PDF / "report_table.txt").read_text(encoding="utf-8").splitlines()]


def test_table_grid_and_merged_cells(report: Document) -> None:
    assert len(report.tables) == 1
    table = report.tables[0]
    grid = expected_grid()
    assert (table.n_rows, table.n_cols) == (len(grid), len(grid[0]))
    for r, row in enumerate(grid):
        for c, want in enumerate(row):
            cell = table.rows[r][c]
            if want == "<":
                owner = cell.merged_from
                assert owner is not None and owner[0] == r and owner[1] < c
            elif want == "^":
                owner = cell.merged_from
                assert owner is not None and owner[1] == c and owner[0] < r
            else:
                assert cell.merged_from is None
                assert cell.text == want
            if cell.merged_from is not None:
                r0, c0 = cell.merged_from
                top_left = table.rows[r0][c0]
                assert r0 + top_left.rowspan > r and c0 + top_left.colspan > c
                assert cell.paragraph is top_left.paragraph
    spans = {
        (c.row, c.col): (c.rowspan, c.colspan) for row in table.rows for c in row if c.merged_from is None
    }
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (2, 1) and spans[(0, 2)] == (1, 3)


def test_table_cells_are_paragraphs_in_reading_order(report: Document) -> None:
    table = report.tables[0]
    before = next(p for p in report.body() if p.text.endswith("行政复议案件办理情况见下表。"))
    after = next(p for p in report.body() if p.text.startswith("坚持和发展新时代"))
    assert table.after_paragraph == before.index
    cells = [p for p in report.paragraphs if p.in_table]
    assert [p.index for p in cells] == list(range(before.index + 1, after.index))
    assert all(p.table == 0 for p in cells)
    for p in report.paragraphs:
        assert report.paragraphs[p.index] is p
    body_text = "\n".join(p.text for p in report.body())
    assert "行政处罚" not in body_text and "维持" not in body_text
    loc = table.rows[2][0].paragraph.location
    assert (loc.table, loc.row, loc.col) == (1, 3, 1)
    assert loc.page == table.location.page


def test_table_continued_on_next_page_is_one_table() -> None:
    doc = read("report_lo.pdf")  # LibreOffice broke the table over pages 2 and 3
    table = doc.tables[0]
    pages = {c.paragraph.location.page for row in table.rows for c in row}
    assert pages == {2, 3}
    assert any("table(s) continued" in n for n in doc.notes)


# --- structure ------------------------------------------------------------------------------------------------


def _tree(doc: Document) -> tuple[list[str], list[tuple[int, str, str]]]:
    outline = build_outline(doc)
    title = [doc.paragraphs[i].text for i in outline.title]
    return title, [(h.depth, h.label, h.title) for h in outline.headings]


def test_outline_matches_the_plain_text_version(report: Document) -> None:
    text_doc = read_document(PDF / "report.txt")
    assert _tree(report) == _tree(text_doc)
    title, heads = _tree(report)
    assert title == ["云岭市青禾区司法局", "2025年法治政府建设年度报告"]
    assert [h[:2] for h in heads][:3] == [(1, "一、"), (2, "（一）"), (2, "（二）")]
    assert len(heads) == 8


# --- file-level errors ----------------------------------------------------------------------------------------


def test_scanned_pdf_has_no_text_layer() -> None:
    with pytest.raises(FileError) as err:
        read("scanned.pdf")
    assert err.value.code == "no-text-layer"
    assert "OCR" in err.value.message


def test_encrypted_pdf() -> None:
    with pytest.raises(FileError) as err:
        read("encrypted.pdf")
    assert err.value.code == "encrypted"
    assert "\n" not in str(err.value)


def test_pdf_with_owner_password_only_is_read() -> None:
    doc = read("owner_only.pdf")
    assert [p.text for p in doc.paragraphs] == [
        "Qinghe District Bureau of Justice",
        "Annual report on law-based government, 2025.",
    ]


def test_too_many_pages() -> None:
    with pytest.raises(FileError) as err:
        read_document(PDF / "report.pdf", Limits(max_pages=3))
    assert err.value.code == "too-large"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
        None,  # the first half of a real report
    ],
)
def test_corrupt_pdf_gives_a_file_error(tmp_path: Path, data: bytes | None) -> None:
    if data is None:
        whole = (PDF / "report.pdf").read_bytes()
        data = whole[: len(whole) // 2]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data)
    try:
        doc = read_document(bad)
    except FileError as exc:
        assert exc.code in ("unreadable", "no-text-layer")
        assert "\n" not in str(exc)
    else:
        assert doc.format == "pdf"


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_files_are_closed_on_every_path(tmp_path: Path) -> None:
    def open_fds() -> int:
        return len(list(Path("/proc/self/fd").iterdir()))

    before = open_fds()
    for name in ("report.pdf", "encrypted.pdf", "scanned.pdf"):
        with contextlib.suppress(FileError):
            read(name)
    with pytest.raises(FileError):
        read_document(PDF / "report.pdf", Limits(max_pages=1))
    assert open_fds() == before


# --- line assembly ------------------------------------------------------------------------------------------


def chars(spec: str, *, size: float = 10.0, gap: float = 0.0, x: float = 0.0) -> list[Char]:
    """Chars laid out left to right; ``_`` adds a 4pt gap (0.4 em) before the next character."""
    out: list[Char] = []
    extra = 0.0
    for ch in spec:
        if ch == "_":
            extra += 4.0
            continue
        width = size if ord(ch) > 0x2000 else size / 2
        x += extra
        out.append(Char(ch, x, x + width, 0.0, size, size))
        x += width + gap
        extra = 0.0
    return out


def test_no_space_between_cjk_even_when_justified() -> None:
    assert line_text(chars("依法行政工作", gap=1.5)) == "依法行政工作"


def test_cjk_digit_gap_of_autospacing_is_not_a_space() -> None:
    assert line_text(chars("召开会议_12_次")) == "召开会议12次"


def test_wide_gap_between_cjk_and_digit_is_kept() -> None:
    assert line_text(chars("召开会议___12次")) == "召开会议 12次"


def test_latin_words_keep_their_space_in_a_justified_line() -> None:
    assert line_text(chars("完善ISO_9001体系", gap=0.8)) == "完善ISO 9001体系"


def test_join_wrapped_lines() -> None:
    assert join_text("协助企业完善ISO", "9001质量管理") == "协助企业完善ISO 9001质量管理"
    assert join_text("评查标准（", "2024年修订版）》") == "评查标准（2024年修订版）》"
    assert join_text("推行证明", "事项告知") == "推行证明事项告知"


@pytest.mark.parametrize(
    ("text", "bottom", "expected"),
    [
        ("— 3 —", True, True),
        ("- 3 -", False, True),
        ("－3－", True, True),
        ("第3页", True, True),
        ("第 3 页 共 10 页", True, True),
        ("3/10", False, True),
        ("3", True, True),
        ("3", False, False),
        ("第三章", True, False),
        ("2025年", True, False),
        ("一、总体情况", True, False),
    ],
)
def test_page_number_forms(text: str, bottom: bool, expected: bool) -> None:
    assert is_page_number(text, bottom=bottom) is expected


# --- robustness corpus -------------------------------------------------------------------------------------


def _corpus_pdfs() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    out = []
    for f in sorted(CORPUS.rglob("*")):
        if f.is_file() and (f.suffix.lower() == ".pdf" or b"%PDF-" in f.read_bytes()[:1024]):
            out.append(f)
    return out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/robustness is not present")
@pytest.mark.parametrize("path", _corpus_pdfs(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_pdf_gives_a_document_or_a_file_error(path: Path) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        doc = read_document(path)
    except FileError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(doc, Document)
        assert all(p.index == i for i, p in enumerate(doc.paragraphs))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_dedupe_drops_fake_bold_copies_only() -> None:
    from reportlint.readers.pdf import dedupe

    def ch(text: str, x: float, top: float = 10.0) -> dict[str, object]:
        return {"text": text, "x0": x, "top": top, "fontname": "F", "size": 12.0}

    kept = dedupe([ch("法", 10.0), ch("法", 10.4), ch("治", 22.0), ch("法", 34.0), ch("法", 10.0, top=40.0)])
    assert [(c["text"], c["x0"], c["top"]) for c in kept] == [
        ("法", 10.0, 10.0),
        ("治", 22.0, 10.0),
        ("法", 34.0, 10.0),
        ("法", 10.0, 40.0),
    ]


def _grid(page: int, rows: list[list[str]]) -> TableGrid:
    owner: list[list[tuple[int, int] | None]] = [
        [(r, c) for c in range(len(row))] for r, row in enumerate(rows)
    ]
    texts = {(r, c): t for r, row in enumerate(rows) for c, t in enumerate(row)}
    spans = dict.fromkeys(texts, (1, 1))
    return TableGrid(
        page=page,
        top=0.0,
        texts=texts,
        spans=spans,
        owner=owner,
        xs=[0.0, 1.0, 2.0, 3.0],
        row_pages=[page] * len(rows),
    )


@pytest.mark.parametrize(
    ("last", "first", "joined"),
    [
        (["一、", "41", "49"], ["本年新收政府信息公开申请数量", "", ""], "一、本年新收政府信息公开申请数量"),
        (
            ["（二）部分公开（区分处理的，只计这一情形，不计其他", "5", "6"],
            ["情形）", "", ""],
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
    ],
)
def test_row_split_across_a_page_break_is_one_row(last: list[str], first: list[str], joined: str) -> None:
    prev = _grid(3, [["信息内容", "甲", "总计"], last])
    merged = merge_tables(prev, _grid(4, [first, ["二、上年结转", "3", "3"]]))
    assert [merged.row_texts(r)[0] for r in range(len(merged.owner))] == ["信息内容", joined, "二、上年结转"]
    assert merged.row_texts(1)[1:] == last[1:]


@pytest.mark.parametrize(
    "first",
    [
        ["第二十条第（六）项", "", ""],  # a finished last row: the next page starts a new row
        ["本年新收", "", "7"],  # it fills a column the last row left empty: a row of its own
    ],
)
def test_a_new_row_on_the_next_page_is_not_joined(first: list[str]) -> None:
    last = ["行政许可", "863", ""] if first[2] == "" else ["一、", "41", ""]
    merged = merge_tables(_grid(3, [["信息内容", "甲", "总计"], last]), _grid(4, [first]))
    assert len(merged.owner) == 3
    assert merged.row_texts(2)[0] == first[0]


# --- a real published report (WPS): white strips behind every line, a heading just above a table -----------

HONGZE = CORPUS.parent / "real-pdf" / "gk-hongze-2023.pdf"


@pytest.mark.skipif(not HONGZE.is_file(), reason="../shared/corpus/real-pdf is not present")
def test_published_wps_report_reads_as_published() -> None:
    from reportlint.api import Settings, lint_file

    doc = read_document(HONGZE)
    body = [p.text for p in doc.paragraphs if not p.in_table]
    assert "二、主动公开政府信息情况" in body  # the heading right above the first table is no table cell
    run_on = [t for t in body if "先审后发" in t]
    assert len(run_on) == 1 and "“分级审核、先审后发”" in run_on[0]  # healed across the page break
    assert not any("先审后发" in p.text for p in doc.paragraphs if p.in_table)
    res = lint_file(str(HONGZE), Settings())
    codes = sorted(f.code for f in res.findings if f.severity in ("warning", "error"))
    assert "GK001" not in codes and "HD001" not in codes and "PN002" not in codes
    # the authors' own slips are still reported: 总计 0 beside 维持 10 / 纠正 1, a truncated row label
    assert codes.count("GK006") == 2
    truncated = [f for f in res.findings if f.code == "GK002" and "其他法律行政止公开" in f.message]
    assert len(truncated) == 1
    # the finding stands on the label cell itself, the cell its message names
    assert truncated[0].excerpt.strip() == "2.其他法律行政止公开"
    assert truncated[0].location.describe() in truncated[0].message


# --- reading cases of issue 14 (tests/fixtures/pdf_reading/make.py: .md source, .docx, LibreOffice .pdf) ------

READING = ROOT / "tests" / "fixtures" / "pdf_reading"


def _reading_findings(name: str) -> list[tuple[str, str]]:
    from reportlint.api import Settings, lint_file

    res = lint_file(str(READING / name), Settings())
    assert res.error is None, res.error
    return sorted((f.code, f.excerpt[f.span[0] : f.span[1]] if f.span else f.key) for f in res.findings)


@pytest.mark.parametrize("ext", [".txt", ".docx", ".pdf"])
def test_renderings_of_the_reading_cases_give_the_findings_of_the_source(ext: str) -> None:
    want = _reading_findings("report.md")
    # the planted slip: the wrapped 附件说明 names last year's report, flagged on the whole name
    assert [c for c, _ in want] == ["FZ004", "GW003"]
    assert _reading_findings("report" + ext) == want


def test_wrapped_attachment_note_with_a_hanging_indent_is_one_paragraph() -> None:
    body = [p.text for p in read_document(READING / "report.pdf").paragraphs if not p.in_table]
    notes = [t for t in body if t.startswith("附件：")]
    assert notes == ["附件：澄江县医疗保障局（澄江县医疗保障基金监督管理中心）2024年度法治政府建设情况报告"]
    assert "澄江县医疗保障局关于报送2025年度法治政府建设情况报告的报告" in body  # a wrapped centred title


def test_sentence_broken_by_a_page_break_before_a_table_is_healed() -> None:
    doc = read_document(READING / "report.pdf")
    para = next(p for p in doc.paragraphs if p.text.startswith("围绕群众反映集中的问题"))
    assert para.text.endswith("全年追回医保基金和违约金情况见下表。")
    assert [a.location.page for a in para.anchors] == [2, 3]
    first_cell = doc.tables[0].rows[0][0].paragraph
    assert first_cell.text == "项目" and first_cell.index == para.index + 1


def test_heading_above_a_three_line_table_stays_a_heading() -> None:
    doc = read_document(READING / "report.pdf")
    heading = next(p for p in doc.paragraphs if p.text == "二、主要指标完成情况")
    assert not heading.in_table
    assert len(doc.tables) == 2
    grid = [[c.paragraph.text for c in row] for row in doc.tables[1].rows]
    assert grid == [
        ["指标", "目标", "完成"],
        ["行政执法案卷合格率", "95%", "100%"],
        ["规范性文件备案审查率", "100%", "100%"],
        ["工作人员学法考试参考率", "100%", "100%"],
    ]
    assert doc.tables[1].after_paragraph == heading.index
    docx_grid = [
        [c.paragraph.text for c in row] for row in read_document(READING / "report.docx").tables[1].rows
    ]
    assert grid == docx_grid


def test_white_strips_above_and_below_a_ruled_table_are_not_rows() -> None:
    from reportlint.readers.pdf import trim_unruled_rows

    strips = [(70.0, y, 520.0, y + 27.0) for y in (100.0, 127.0, 154.0)]  # one strip per body line
    table = [(70.0, 181.0, 300.0, 210.0), (300.0, 181.0, 520.0, 210.0), (70.0, 210.0, 520.0, 240.0)]
    tail = [(70.0, 240.0, 520.0, 267.0)]
    rules = [(70.0, 181.0, 70.0, 240.0), (520.0, 181.0, 520.0, 240.0)]
    assert trim_unruled_rows(strips + table + tail, rules) == table
    # a full-width row with visible rules beside it (a 第二十条 caption row) is kept
    assert trim_unruled_rows(table, rules) == table


# --- the PDFium fast path (readers/pdf_pdfium.py) reads what pdfplumber reads ---------------------------------

FAST_PATH_PDFS = sorted(
    [
        *PDF.glob("report*.pdf"),
        *READING.glob("*.pdf"),
        *(ROOT / "tests" / "fixtures" / "precision").glob("*.pdf"),
        *(ROOT / "examples").glob("*.pdf"),
        *(ROOT / "examples" / "gk").glob("*.pdf"),
    ]
)


def _layout(doc: Document) -> tuple[list[tuple[bool, str, list[int | None]]], list[list[list[str]]]]:
    paras = [(p.in_table, p.text, [a.location.page for a in p.anchors]) for p in doc.paragraphs]
    tables = [[[c.paragraph.text for c in row] for row in t.rows] for t in doc.tables]
    return paras, tables


@pytest.mark.parametrize("path", FAST_PATH_PDFS, ids=lambda p: p.name)
def test_fast_path_gives_the_paragraphs_anchors_and_tables_of_pdfplumber(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reportlint.readers.pdf as pdf_reader

    fast = read_document(path)
    monkeypatch.setattr(pdf_reader, "FAST_PATH", False)
    assert _layout(fast) == _layout(read_document(path))


def test_streams_that_inflate_without_end_go_to_pdfplumber() -> None:
    import zlib

    from reportlint.readers.pdf_pdfium import inflates_modestly

    stream = zlib.compress(b" " * (4 << 20), 9)
    data = b"1 0 obj <</Length %d /Filter /FlateDecode>> stream\n" % len(stream) + stream + b"\nendstream"
    assert inflates_modestly(data, budget=8 << 20)
    assert not inflates_modestly(data, budget=1 << 20)


@pytest.mark.parametrize("fast", [True, False], ids=["pdfium", "pdfplumber"])
def test_white_strips_behind_lines_do_not_make_a_table_of_the_text(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WPS habits (tests/fixtures/pdf_reading/make_wps_like.py): a white rectangle behind every line."""
    import reportlint.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "FAST_PATH", fast)
    doc = read_document(READING / "wps_like.pdf")
    body = [p for p in doc.paragraphs if not p.in_table]
    heading = next(p for p in body if p.text == "二、主动公开政府信息情况")
    run_on = next(p for p in body if "先审后发" in p.text)
    assert "严格执行“分级审核、先审后发”程序" in run_on.text
    assert [a.location.page for a in run_on.anchors] == [1, 2]
    assert len(doc.tables) == 1 and doc.tables[0].after_paragraph == heading.index
    assert [[c.paragraph.text for c in row] for row in doc.tables[0].rows] == [
        ["信息内容", "本年制发件数", "本年废止件数"],
        ["规章", "0", "0"],
        ["行政规范性文件", "3", "1"],
    ]
    assert body[-1].text.startswith("本年度共收到") and body[-2].text.startswith("三、")


def _page(number: int, texts: list[str]) -> PageContent:
    lines = [
        Line(
            text=t,
            x0=72.0,
            x1=500.0,
            top=80.0 + 20 * k,
            bottom=92.0 + 20 * k,
            size=12.0,
            bold=False,
            page=number,
        )
        for k, t in enumerate(texts)
    ]
    return PageContent(number=number, width=595.0, height=842.0, lines=lines)


def test_a_block_repeated_through_a_clip_window_on_the_next_page_is_read_once() -> None:
    def pages() -> list[PageContent]:
        return [
            _page(
                1,
                [
                    "（一）制定年度普法计划并组织实施。",
                    "（二）负责行政执法监督工作。",
                    "（三）完成交办的其他任务。",
                ],
            ),
            _page(2, ["（二）负责行政执法监督工作。", "（三）完成交办的其他任务。", "二、部门预算单位构成"]),
        ]

    first, second = pages()
    assert drop_repeated_page_heads([first, second]) == 2
    assert [ln.text for ln in second.lines] == ["二、部门预算单位构成"]
    doc = assemble("x.pdf", pages())
    assert [p.text for p in doc.paragraphs].count("（三）完成交办的其他任务。") == 1
    assert any("clipped copy" in n for n in doc.notes)


def test_one_repeated_line_or_a_short_repeat_is_kept() -> None:
    first = _page(1, ["本单位主要职责如下：", "（一）负责行政执法监督工作。"])
    second = _page(2, ["（一）负责行政执法监督工作。", "（二）完成交办的其他任务。"])
    assert drop_repeated_page_heads([first, second]) == 0
    short = [_page(1, ["甲", "乙。"]), _page(2, ["甲", "乙。"])]
    assert drop_repeated_page_heads(short) == 0
