"""jieba segmentation where word boundaries decide (loaded lazily, with the domain dictionary)."""

from __future__ import annotations

import subprocess
import sys

from reportlint.facts.segment import cut, is_whole_word


def test_domain_words_stay_whole():
    assert "三重一大" in cut("严格执行三重一大决策制度")
    assert "政府信息公开" in cut("全年收到政府信息公开申请29件")


def test_whole_word_decides_a_bare_short_form():
    assert is_whole_word("区大数据局全年推进工作。", 1, 5, ["大数据局"])
    assert not is_whole_word("克服大数据局限性，推进工作。", 2, 6, ["大数据局"])


def test_plain_runs_do_not_import_jieba(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "某局2023年度法治政府建设情况报告\n\n一、主要举措和成效\n\n全年办结案件12件。\n", encoding="utf-8"
    )
    code = (
        "import sys\nfrom reportlint.api import lint_file\n"
        f"lint_file({str(report)!r})\nprint('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
