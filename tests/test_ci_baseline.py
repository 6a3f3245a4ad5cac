"""Baselines: round trip, stability of fingerprints under unrelated edits, stale entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ci_helpers import REPORT_TXT, cli
from reportlint.api import Settings, lint_file, lint_paths, load_baseline, write_baseline


def _fps(path: Path) -> dict[str, str]:
    r = lint_file(str(path), Settings())
    assert r.error is None
    return {f.fingerprint: f"{f.code} {f.message}" for f in r.findings}


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(REPORT_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    return p


EDITS = {
    "paragraph-added-above": (
        "本报告所列数据的统计期限自2023年1月1日起至12月31日止。\n",
        "本报告所列数据的统计期限自2023年1月1日起至12月31日止。\n\n"
        "2023年，我局坚持以习近平法治思想为指导，统筹推进法治政府建设各项工作，现将有关情况报告如下。\n",
    ),
    "number-changed-elsewhere": ("抽查案卷40卷，发现并整改问题9个", "抽查案卷48卷，发现并整改问题11个"),
    "number-changed-same-paragraph": ("全年办理行政处罚案件86件", "全年办理行政处罚案件93件"),
    "item-inserted-above": (
        "（一）健全依法决策机制。",
        "（一）加强党对法治建设的领导。局党组专题研究法治建设工作3次。\n\n（二）健全依法决策机制。",
    ),
    "section-inserted-above": (
        "一、2023年度主要举措和成效",
        "一、基本情况\n\n我局内设机构8个，持有行政执法证件人员52名。\n\n二、2023年度主要举措和成效",
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_fingerprints_survive_unrelated_edits(report, edit):
    before = _fps(report)
    assert len(before) == 2  # DT001 and FZ003
    old, new = EDITS[edit]
    text = report.read_text(encoding="utf-8")
    assert old in text
    report.write_text(text.replace(old, new, 1), encoding="utf-8")
    after = _fps(report)
    assert set(before) <= set(after), (before, after)


def test_fingerprint_changes_when_the_finding_changes(report):
    before = _fps(report)
    text = report.read_text(encoding="utf-8").replace("2023年2月30日", "2023年2月29日")
    report.write_text(text, encoding="utf-8")
    after = _fps(report)
    assert len(after) == 2 and set(after) != set(before)


def test_baseline_round_trip_and_stale(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bl = tmp_path / "reportlint-baseline.json"
    run = lint_paths([report.name])
    assert run.count("error") == 2
    write_baseline(run, bl)
    data = json.loads(bl.read_text(encoding="utf-8"))
    assert list(data["files"]) == ["report.txt"] and len(data["files"]["report.txt"]) == 2

    hidden = lint_paths([report.name], baseline=load_baseline(bl), show_stale=True)
    assert hidden.files[0].findings == [] and hidden.files[0].baselined == 2
    assert hidden.exit_code() == 0 and hidden.stale == []

    # fix one finding, introduce a new one: the new one shows, the fixed one is stale
    text = report.read_text(encoding="utf-8")
    text = text.replace("2023年2月30日", "2023年3月1日").replace("抽查案卷40卷", "2023年9月31日抽查案卷40卷")
    report.write_text(text, encoding="utf-8")
    again = lint_paths([str(report)], baseline=load_baseline(bl), show_stale=True)
    assert [f.message for f in again.files[0].findings] == ["日期“2023年9月31日”不存在"]
    assert again.stale is not None and [e.code for e in again.stale] == ["DT001"]
    assert lint_paths([str(report)], baseline=load_baseline(bl)).stale is None


def test_baseline_through_the_cli(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = cli("check", "report.txt", "--write-baseline", "bl.json", "-f", "json")
    assert res.exit_code == 0 and "wrote 2 finding(s)" in res.stderr
    res = cli("check", "report.txt", "--baseline", "bl.json", "-f", "json", "--show-stale")
    data = json.loads(res.stdout)
    assert res.exit_code == 0
    assert data["summary"]["baselined"] == 2 and data["baseline"]["stale"] == []
    # the baseline is found relative to its own directory from anywhere
    sub = tmp_path / "elsewhere"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert cli("check", "../report.txt", "--baseline", "../bl.json").exit_code == 0
    # configured baseline
    (tmp_path / "reportlint.toml").write_text('baseline = "bl.json"\n')
    assert cli("check", "../report.txt").exit_code == 0
    assert cli("check", "../report.txt", "--baseline", "../missing.json").exit_code == 2
    (tmp_path / "bad.json").write_text('{"files": {}}')
    res = cli("check", "../report.txt", "--baseline", "../bad.json")
    assert res.exit_code == 2 and "reportlint_baseline" in res.stderr


def test_write_baseline_never_onto_an_input(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = report.read_bytes()
    res = cli("check", "report.txt", "--write-baseline", "report.txt")
    assert res.exit_code == 2 and "input" in res.stderr
    assert report.read_bytes() == before
