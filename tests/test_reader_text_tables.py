"""Tables in .txt given as tab-separated rows (a table copied out of Word or WPS as text).

The GK examples are turned into text two ways (tests/txt_tables_helpers.py): as Word copies a table (a merged
cell written once, a vertically merged continuation written empty) and as a full grid (one cell per column).
Either way the .txt must give the same GK findings as the .docx.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES
from reportlint.api import PreviousReport, Settings, lint_file
from reportlint.facts.gk_tables import map_tables
from reportlint.readers import read_document
from reportlint.readers.text import place_rows
from txt_tables_helpers import full_grid_text, word_copy_text

GK = EXAMPLES / "gk"
NAMES = sorted(p.stem for p in GK.glob("gk-*.docx"))
STYLES = ("word", "grid")


def _write(tmp_path: Path, name: str, style: str) -> Path:
    docx = GK / f"{name}.docx"
    text = word_copy_text(docx) if style == "word" else full_grid_text(docx.with_suffix(".md"))
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _gk(path: Path, **kw: object) -> set[str]:
    res = lint_file(str(path), Settings(**kw))  # type: ignore[arg-type]
    assert res.error is None
    return {f.code for f in res.findings if f.code.startswith("GK")}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", NAMES)
def test_txt_tables_give_the_docx_findings(tmp_path, name, style):
    path = _write(tmp_path, name, style)
    res = lint_file(str(path), Settings())
    assert res.error is None and res.pack == "gk" and res.year == int(name[3:7])
    assert _gk(path) == _gk(GK / f"{name}.docx")
    assert not [f for f in res.findings if f.severity == "error" and not f.code.startswith("GK")]
    mapped = map_tables(read_document(path))
    assert mapped.apply is not None and mapped.apply.how == "table"
    assert mapped.review is not None and mapped.review.how == "table"
    assert mapped.active is not None
    assert len(mapped.apply.cells) == 175 and len(mapped.review.cells) == 15


@pytest.mark.parametrize("style", STYLES)
def test_findings_point_at_the_line_and_cell(tmp_path, style):
    path = _write(tmp_path, "gk-2023-broken-balance", style)
    res = lint_file(str(path), Settings(select=["GK003"]))
    assert sorted(f.location.col for f in res.findings) == [4, 10]
    lines = path.read_text(encoding="utf-8").split("\n")
    for f in res.findings:
        assert f.location.table is not None and f.location.line is not None
        assert lines[f.location.line - 1].startswith("四、结转下年度继续办理\t")


def test_previous_report_in_txt(tmp_path):
    (tmp_path / "prev").mkdir()
    prev = _write(tmp_path / "prev", "gk-2022-previous", "word")
    ok = lint_file(
        str(_write(tmp_path, "gk-2023-clean", "word")),
        Settings(select=["GK008"], previous=PreviousReport(str(prev))),
    )
    assert ok.error is None and ok.findings == []


# --- the reader on small inputs --------------------------------------------------------------------------------


def _read(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return read_document(p)


def test_a_tab_indented_line_is_not_a_table(tmp_path):
    doc = _read(tmp_path, "标题\n\n\t一、总体情况\n\t今年我们做了三件事。\n\t二、下一步\n")
    assert doc.tables == []
    assert all(not p.in_table for p in doc.paragraphs)


def test_one_row_of_tabs_is_not_a_table(tmp_path):
    doc = _read(tmp_path, "前言。\n\n项目\t数量\n\n后记。\n")
    assert doc.tables == []


def test_tab_rows_become_a_table_with_line_locations(tmp_path):
    text = "前一段文字。\n\n\t说明行\n项目\t本年\t上年\n甲\t3\t2\n乙\t\t1\n\n后一段文字。\n"
    doc = _read(tmp_path, text)
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.text_grid() == [["项目", "本年", "上年"], ["甲", "3", "2"], ["乙", "", "1"]]
    assert t.location.line == 4
    cell = t.rows[1][1]
    assert (cell.paragraph.location.line, cell.paragraph.location.row, cell.paragraph.location.col) == (
        5,
        2,
        2,
    )
    body = [p.text for p in doc.body()]
    assert body == [
        "前一段文字。",
        "说明行",
        "后一段文字。",
    ]  # the indented line next to the table stays text
    assert t.after_paragraph == doc.paragraphs.index(next(p for p in doc.paragraphs if p.text == "说明行"))
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))


def test_md_pipe_tables_are_unchanged(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("文字。\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n| 3 |\n", encoding="utf-8")
    doc = read_document(p)
    assert doc.tables[0].text_grid() == [["甲", "乙"], ["1", "2"], ["3"]]


def test_word_copied_header_rows_are_placed_over_their_columns():
    rows = [
        ["勾稽关系说明", "申请人情况"],
        ["", "自然人", "法人或其他组织", "总计"],
        ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ["一、本年新收政府信息公开申请数量", "1", "2", "3", "4", "5", "6", "21"],
        ["三、本年度办理结果", "（一）予以公开", "1", "0", "0", "0", "0", "0", "1"],
        ["", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
    ]
    placed = place_rows(rows)
    assert placed[0] == [(0, 3), (3, 7)]
    assert placed[1] == [(0, 3), (3, 1), (4, 5), (9, 1)]
    assert placed[2] == [(0, 3), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1)]
    assert placed[3] == [(0, 3), *[(c, 1) for c in range(3, 10)]]
    assert placed[4][0] == (0, 2) and placed[4][2] == (3, 1)
    assert placed[5] == [(c, 1) for c in range(10)]


def test_merged_positions_point_at_their_origin(tmp_path):
    text = "文字。\n\n甲\t乙\n\t丙\t丁\n一\t1\t2\n"
    doc = _read(tmp_path, text)
    t = doc.tables[0]
    assert t.n_cols == 3
    first = t.rows[0]  # 甲 over the empty cell below it, 乙 over 丙 and 丁
    assert first[0].text == "甲" and first[0].colspan == 1
    assert first[1].text == "乙" and first[1].colspan == 2
    assert first[2].merged_from == (0, 1) and first[2].text == ""
    assert first[2].paragraph.index == first[1].paragraph.index


def test_notepad_gbk_and_crlf(tmp_path):
    """Text pasted into Notepad and saved as ANSI (GBK) with CRLF line ends reads the same."""
    text = word_copy_text(GK / "gk-2023-broken-row-total.docx").replace("\n", "\r\n")
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("gb18030"))
    assert _gk(path) == {"GK005"}
