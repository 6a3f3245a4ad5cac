"""Genre detection (structure/genre.py): what the document is decides the pack, weak evidence gives ``general``.

The texts here are written for these tests (no sentence of a real document): a 法治 report pasted without its
title, a 政府工作报告-like speech, a 司法局 budget explanation that lists 法治政府建设 among its duties, a 政府信息
公开 report, and a short notice. The last test runs over the shared real corpus when it is present.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ci_helpers import cli
from conftest import EXAMPLES, SHARED
from reportlint.api import Settings, lint_file
from reportlint.engine.pack import builtin_packs
from reportlint.findings import FileResult
from reportlint.readers import read_document
from reportlint.structure.genre import THRESHOLD, detect_genre
from reportlint.structure.outline import build_outline

FAZHI_FRAGMENT = """一、统筹谋划，扎实部署年度法治工作

局党组把法治政府建设摆在全局工作的突出位置，年初制定法治政府建设工作要点，明确任务分工和完成时限。全年召开党组会议专题研究法治工作4次，推动依法行政各项任务落地见效。

二、聚焦重点，持续规范行政执法行为

全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，开展行政执法案卷评查2次，评查案卷56卷。组织执法人员参加法律知识培训，执法人员持证上岗率达到100%。推进普法责任制落实，开展普法宣传活动12场。

三、存在的不足和原因

一是执法队伍专业化水平有待提高；二是规范性文件合法性审查力量较为薄弱。究其原因，主要是法治专业人员配备不足。

四、党政主要负责人履行推进法治建设第一责任人职责情况

主要负责人切实履行推进法治建设第一责任人职责，亲自部署重要法治工作，带头学法用法。

五、2020年法治政府建设工作计划

一是深化行政执法体制改革；二是加强法治宣传教育；三是提升依法行政能力。
"""

SPEECH = """各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。

一、过去一年工作回顾

过去一年，全市地区生产总值增长5.2%，城镇新增就业3.1万人。我们坚持依法行政，推进法治政府建设，政务公开水平进一步提高。

二、今年政府工作的总体要求和主要任务

今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业3万人以上。

（一）着力扩大有效需求。加快重大项目建设，全年完成固定资产投资增长6%。

（二）持续优化营商环境。深化“放管服”改革，严格规范公正文明执法。

三、全面加强政府自身建设

各级政府要坚持依法行政，自觉接受人大监督和政协民主监督。
"""

BUDGET = """青山县司法局2024年部门预算

一、部门主要职能

（一）负责推进全县法治政府建设工作，承担依法治县委员会办公室日常工作。

（二）负责全县行政执法监督工作，承担行政复议和行政应诉工作。

（三）负责全县普法宣传和公共法律服务体系建设。

二、部门机构设置

本部门下设法律援助中心1个事业单位。

三、部门预算编制说明

2024年部门收入预算总额1200万元，其中财政拨款收入1150万元，其他收入50万元。部门支出预算总额1200万元，其中基本支出800万元，项目支出400万元。一般公共预算支出1150万元。

四、“三公”经费预算情况说明

2024年“三公”经费预算数为12万元，其中因公出国（境）费0万元，公务接待费2万元，公务用车运行维护费10万元。
"""

GK = """云岭县农业农村局2023年政府信息公开工作年度报告

一、总体情况

2023年，我局认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息126条。本年新收政府信息公开申请5件，均按时答复。

二、主动公开政府信息情况

三、收到和处理政府信息公开申请情况

四、政府信息公开行政复议、行政诉讼情况

五、存在的主要问题及改进情况

依申请公开答复的规范化程度有待提高。

六、其他需要报告的事项

本年度未收取信息处理费。
"""

NOTICE = """各科室：

请于本周五前将本科室上半年工作情况报送办公室，逾期不报的，视为无情况。

办公室
2024年6月3日
"""


def _lint(tmp_path: Path, text: str, name: str = "doc.txt", **kw: object) -> FileResult:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return lint_file(str(p), Settings(**kw))  # type: ignore[arg-type]


def _genre(tmp_path: Path, text: str):
    p = tmp_path / "g.txt"
    p.write_text(text, encoding="utf-8")
    return detect_genre(build_outline(read_document(str(p))), builtin_packs())


def _families(res: FileResult) -> set[str]:
    return {f.code[:2] for f in res.findings}


def test_fazhi_report_without_title_is_recognised_by_headings_and_content(tmp_path: Path) -> None:
    g = _genre(tmp_path, FAZHI_FRAGMENT)
    assert g.name == "fazhi" and g.score >= THRESHOLD
    sources = {s.source for s in g.evidence}
    assert "title" not in sources and {"words", "heading"} <= sources
    res = _lint(tmp_path, FAZHI_FRAGMENT)
    assert res.pack == "fazhi" and not res.pack_forced
    # the plan heading 2020年…工作计划 gives the report year 2019
    assert (res.year, res.year_source) == (2019, "plan-heading")
    # 一、统筹谋划… 二、聚焦重点… are the measures part; every required part is there
    assert [f for f in res.findings if f.code == "FZ001"] == []
    measures = next(p for p in res.parts if p.id == "measures")
    assert measures.found and measures.heading is not None and measures.heading.startswith("一、统筹谋划")
    # the opening heading is not taken for the title (no HD001 "starts at 二、")
    assert not [f for f in res.findings if f.code == "HD001"]


def test_government_work_report_is_general(tmp_path: Path) -> None:
    g = _genre(tmp_path, SPEECH)
    assert g.name == "general" and g.kind == "政府工作报告"
    assert g.score >= THRESHOLD and any(s.source == "heading" for s in g.evidence)
    res = _lint(tmp_path, SPEECH)
    assert res.pack == "general"
    assert not [c for c in res.rules if c.startswith(("FZ", "GK"))]
    assert not _families(res) & {"FZ", "GK"}


def test_budget_of_a_justice_bureau_is_general_despite_its_duties(tmp_path: Path) -> None:
    g = _genre(tmp_path, BUDGET)
    assert g.name == "general" and g.kind == "预算/决算"
    assert g.evidence[0].source == "title" and "部门预算" in g.evidence[0].text
    assert dict(g.scores)["预算/决算"] > dict(g.scores).get("fazhi", 0)
    res = _lint(tmp_path, BUDGET)
    assert res.pack == "general" and not _families(res) & {"FZ", "GK"}


def test_budget_without_its_title_is_still_not_fazhi(tmp_path: Path) -> None:
    body = BUDGET.split("\n", 2)[2]
    g = _genre(tmp_path, body)
    assert g.name == "general"


def test_gk_report_is_gk(tmp_path: Path) -> None:
    g = _genre(tmp_path, GK)
    assert g.name == "gk" and g.evidence[0].source == "title"
    assert _lint(tmp_path, GK).pack == "gk"
    g2 = _genre(tmp_path, GK.split("\n", 2)[2])  # without its title: headings and vocabulary
    assert g2.name == "gk"


def test_weak_evidence_gives_general_without_a_kind(tmp_path: Path) -> None:
    g = _genre(tmp_path, NOTICE)
    assert (g.name, g.kind, g.label) == ("general", None, "其他公文")
    assert "no genre reaches" in g.reason


def test_a_passing_mention_of_rule_of_law_is_not_enough(tmp_path: Path) -> None:
    text = NOTICE.replace("逾期不报的，视为无情况。", "内容包括推进法治政府建设和依法行政的情况。")
    assert _genre(tmp_path, text).name == "general"


def test_pack_option_still_forces_the_pack(tmp_path: Path) -> None:
    res = _lint(tmp_path, BUDGET, pack="fazhi")
    assert res.pack == "fazhi" and res.pack_forced
    assert res.genre is not None and res.genre.name == "general"
    assert "FZ001" in res.rules


def test_year_from_the_period_statement(tmp_path: Path) -> None:
    text = FAZHI_FRAGMENT.replace(
        "一、统筹谋划", "本报告所列数据的统计期限自2019年1月1日起至12月31日止。\n\n一、统筹谋划", 1
    ).replace("2020年法治政府建设工作计划", "下一步工作计划")
    res = _lint(tmp_path, text)
    assert (res.year, res.year_source) == (2019, "period")


def test_year_from_the_opening_sentence(tmp_path: Path) -> None:
    text = "2021年，我局在县委、县政府的领导下，全面推进依法行政。\n\n" + FAZHI_FRAGMENT.replace(
        "2020年法治政府建设工作计划", "下一步工作计划"
    )
    res = _lint(tmp_path, text)
    assert (res.year, res.year_source) == (2021, "intro")


def test_a_stated_year_wins_over_inference(tmp_path: Path) -> None:
    text = "青山县司法局2019年度法治政府建设情况报告\n\n" + FAZHI_FRAGMENT
    res = _lint(tmp_path, text)
    assert (res.year, res.year_source) == (2019, "title")
    assert res.genre is not None and res.genre.evidence[0].source == "title"


def test_an_inferred_year_is_not_a_claim_fz004_compares(tmp_path: Path) -> None:
    res = _lint(tmp_path, FAZHI_FRAGMENT, select=["FZ003", "FZ004"])
    assert res.year == 2019 and res.findings == []


def test_no_year_without_evidence(tmp_path: Path) -> None:
    res = _lint(tmp_path, FAZHI_FRAGMENT.replace("2020年法治政府建设工作计划", "下一步工作计划"))
    assert res.year is None and res.year_source is None


def test_mixed_folder_gets_each_genre_its_own_pack(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copyfile(EXAMPLES / "clean.txt", folder / "fazhi-clean.txt")
    shutil.copyfile(EXAMPLES / "defects.docx", folder / "fazhi-defects.docx")
    shutil.copyfile(EXAMPLES / "gk" / "gk-2023-clean.md", folder / "gk-clean.md")
    (folder / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (folder / "budget.txt").write_text(BUDGET, encoding="utf-8")
    (folder / "notice.txt").write_text(NOTICE, encoding="utf-8")
    res = cli("check", str(folder), "--format", "json", "--no-progress")
    doc = json.loads(res.stdout)
    got = {Path(f["path"]).name: f for f in doc["files"]}
    want = {
        "fazhi-clean.txt": "fazhi",
        "fazhi-defects.docx": "fazhi",
        "gk-clean.md": "gk",
        "speech.txt": "general",
        "budget.txt": "general",
        "notice.txt": "general",
    }
    assert {k: v["genre"] for k, v in got.items()} == want
    for name, f in got.items():
        assert f["pack"] == want[name] and f["pack_forced"] is False
        ev = f["genre_evidence"]
        assert ev["threshold"] == THRESHOLD and ev["reason"]
        codes = {x["code"][:2] for x in f["findings"]}
        if want[name] != "fazhi":
            assert "FZ" not in codes, name
        if want[name] != "gk":
            assert "GK" not in codes, name
    assert got["budget.txt"]["genre_evidence"]["kind"] == "预算/决算"
    assert got["fazhi-defects.docx"]["genre_evidence"]["signals"][0]["source"] == "title"
    assert got["fazhi-clean.txt"]["year_source"] == "title"
    # the same files, forced: --pack still wins
    forced = json.loads(
        cli("check", str(folder), "--format", "json", "--no-progress", "--pack", "fazhi").stdout
    )
    assert {f["pack"] for f in forced["files"]} == {"fazhi"}
    assert all(f["pack_forced"] for f in forced["files"])


def test_text_header_and_outline_show_genre_and_year_source(tmp_path: Path) -> None:
    p = tmp_path / "frag.txt"
    p.write_text(FAZHI_FRAGMENT, encoding="utf-8")
    out = cli("check", str(p), "--no-progress").stdout
    assert "genre fazhi" in out and "year 2019 (plan-heading)" in out
    b = tmp_path / "budget.txt"
    b.write_text(BUDGET, encoding="utf-8")
    assert "genre general (预算/决算)" in cli("check", str(b), "--no-progress").stdout
    md = cli("check", str(p), "--no-progress", "-f", "markdown").stdout
    assert "</code> (fazhi): " in md
    html = cli("check", str(b), "--no-progress", "-f", "html").stdout
    assert "文种 预算/决算" in html and "年度 2024（据标题）" in html
    outline = cli("outline", str(p)).stdout
    assert "genre: fazhi" in outline and "from plan-heading" in outline
    assert outline.count("⇐ 主要举措和成效") == 2  # both leading measure sections are marked


REAL_TEXT = SHARED / "corpus" / "real-text"
REAL_PDF = SHARED / "corpus" / "real-pdf"


@pytest.mark.skipif(
    not REAL_TEXT.is_dir() and not REAL_PDF.is_dir(), reason="../shared/corpus is not present"
)
def test_real_corpus_gets_no_finding_of_a_genre_it_is_not() -> None:
    paths = [str(d) for d in (REAL_TEXT, REAL_PDF) if d.is_dir()]
    doc = json.loads(cli("check", *paths, "--format", "json", "--no-progress", "--jobs", "1").stdout)
    assert doc["files"]
    for f in doc["files"]:
        name = Path(f["path"]).name
        assert f["error"] is None, (name, f["error"])
        assert f["genre"] in ("fazhi", "gk", "general"), name
        assert f["genre_evidence"]["reason"], name
        codes = {x["code"] for x in f["findings"]}
        if name.startswith("gk-"):
            assert f["genre"] == "gk" and f["pack"] == "gk", name
            assert not {c for c in codes if c.startswith("FZ")}, name
        else:
            assert f["genre"] == "general" and f["pack"] == "general", name
            assert not {c for c in codes if c.startswith(("FZ", "GK"))}, (name, codes)
        if name.startswith("budget-"):
            assert f["genre_evidence"]["kind"] == "预算/决算", name
