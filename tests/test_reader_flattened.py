"""A report copied from a web page as one long line: the reader splits it at its run-in headings (issue 12)."""

from __future__ import annotations

from pathlib import Path

from reportlint.facts.gk_tables import split_row_label
from reportlint.model import Anchor, Location
from reportlint.readers.repair import FLAT_MIN, Joined, run_in_heading_starts, split_flattened
from reportlint.readers.text import read_text
from reportlint.structure.outline import build_outline


def _filler(n: int) -> str:
    return "".join(f"第{k}批检查事项已逐项核对并通报整改结果。" for k in range(1, n + 1))


FLAT = (
    "现将有关情况报告如下。一、主要工作情况（一）完善制度1.修订议事规则。"
    + _filler(25)
    + "2.规范合同审查。"
    + _filler(25)
    + "（二）规范执法"
    + _filler(25)
    + "二、存在的问题和不足当前我局法治建设仍有一些差距，主要表现在执法力量不足和培训不够系统。三、下一步工作计划 继续加强队伍建设。"
)


def _joined(text: str, line: int = 2) -> Joined:
    return Joined(text, [Anchor(0, Location(line=line))], None, None, 0)


def test_headings_of_a_flattened_paragraph_are_found_in_order() -> None:
    starts = run_in_heading_starts(FLAT)
    labels = [FLAT[s : s + 3] for s in starts]
    assert labels == ["一、主", "（一）", "1.修", "2.规", "（二）", "二、存", "三、下"]


def test_split_keeps_the_source_line_and_cuts_run_on_titles() -> None:
    assert len(FLAT) >= FLAT_MIN
    out, n = split_flattened([_joined(FLAT)])
    assert n == 1
    texts = [j.text for j in out]
    assert "一、主要工作情况" in texts
    assert "二、存在的问题和不足" in texts  # the title ran straight into its text
    assert "三、下一步工作计划" in texts
    assert all(j.anchors[0].location.line == 2 for j in out)


def test_long_paragraph_with_an_inline_list_is_not_split() -> None:
    text = "主要做法是：" + _filler(40) + "一是完善制度；（1）修订规则；（2）规范审查；（3）加强培训。"
    out, n = split_flattened([_joined(text)])
    assert n == 0 and out[0].text == text


def test_flattened_table_rows_are_not_headings() -> None:
    text = (
        "一、总体情况"
        + _filler(30)
        + "二、收到和处理申请情况 一、本年新收申请数量 3000003二、上年结转申请数量 0000000"
        + "三、存在的主要问题及改进情况 栏目更新不够及时。"
    )
    starts = run_in_heading_starts(text)
    assert [text[s : s + 4] for s in starts] == ["一、总体", "二、收到", "三、存在"]


def test_text_reader_splits_and_the_outline_sees_the_sections(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("某局2023年度法治政府建设情况报告\n" + FLAT + "\n", encoding="utf-8")
    doc = read_text(p, "txt", p.read_bytes())
    assert any("split at their run-in headings" in n for n in doc.notes)
    outline = build_outline(doc)
    tops = [s.heading.title for s in outline.top_sections() if s.heading is not None]
    assert tops == ["主要工作情况", "存在的问题和不足", "下一步工作计划"]


def test_a_cell_with_group_and_item_labels_is_split() -> None:
    assert split_row_label("（三）不予公开 1.属于国家秘密") == ["（三）不予公开", "1.属于国家秘密"]
    assert split_row_label("三、本年度办理结果（一）予以公开") == ["三、本年度办理结果", "（一）予以公开"]
    assert split_row_label("（二）部分公开（区分处理的）") == ["（二）部分公开（区分处理的）"]


def test_a_summary_title_running_into_its_text_is_cut_off() -> None:
    flat = (
        "一、2024年工作总结今年以来，我局围绕年度目标扎实推进各项工作，较好地完成了全年任务。（一）抓好项目建设。"
        + _filler(30)
        + "（二）抓好民生保障。"
        + _filler(30)
        + "二、2025年工作要点2025年，我局将继续围绕中心工作，着力补短板强弱项。（一）继续抓好项目建设。"
        + _filler(20)
    )
    out, n = split_flattened([_joined(flat)])
    assert n == 1
    texts = [j.text for j in out]
    assert "一、2024年工作总结" in texts
    assert "二、2025年工作要点" in texts
