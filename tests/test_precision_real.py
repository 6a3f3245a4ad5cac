"""benchmarks/precision_real.py on a tiny self-written corpus (runs without ../shared/corpus)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent

REPORT = """某县司法局2025年度法治政府建设情况报告

2025年，我局认真落实法治政府建设各项任务，现将有关情况报告如下。

一、主要举措和成效

（一）加强组织领导。全年召开专题会议6次;研究解决问题12个。

（三）推进严格执法。全年办理行政许可事项300件，办结率100%。

二、存在的不足和原因

执法队伍专业化水平仍需提升。

三、党政主要负责人履行推进法治建设第一责任人职责情况

主要负责人带头学法，全年讲法治课2次。

四、下一年度工作安排

继续推进依法行政。

某县司法局
2026年1月20日
"""


@pytest.fixture(scope="module")
def pr() -> ModuleType:
    spec = importlib.util.spec_from_file_location("precision_real", ROOT / "benchmarks" / "precision_real.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["precision_real"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Two folders; the same report in both (counted once) and a copy under another name in the second."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "sfj.txt").write_text(REPORT, encoding="utf-8")
    (b / "sfj.txt").write_text(REPORT, encoding="utf-8")
    (b / "README.md").write_text("# not a report\n", encoding="utf-8")
    (b / "index.tsv").write_text(
        "file\trepo\tpath\tcommit\tgenre\tnote\nsfj.txt\towner/name\tdocs/sfj.txt\tabc123\tfazhi\tself-written\n",
        encoding="utf-8",
    )
    return a, b


def _codes(report) -> dict[str, object]:
    return {r.code: r for r in report.rows()}


def test_a_document_in_two_folders_is_linted_once(pr, corpus) -> None:
    report = pr.run(list(corpus), [])
    assert len(report.docs) == 1
    assert report.docs[0].path.name == "sfj.txt"
    rows = _codes(report)
    assert {"HD001", "PN001"} <= set(rows)
    assert rows["HD001"].severity == "error"
    assert rows["HD001"].unjudged == rows["HD001"].findings == 1


def _finding(report, code: str):
    return next(j for j in report.judged if j.finding.code == code)


def test_labels_match_by_fingerprint_then_by_excerpt(pr, corpus) -> None:
    first = pr.run(list(corpus), [])
    hd, pn = _finding(first, "HD001"), _finding(first, "PN001")
    sha = first.docs[0].sha1[:12]
    labels = pr.parse_labels(
        "file\tsha1\tcode\tfingerprint\texcerpt\tverdict\twhy\n"
        "# a comment line\n"
        f"renamed.txt\t{sha}\tHD001\t{hd.finding.fingerprint}\tno such text\ttrue\t（二） is missing\n"
        f"sfj.txt\t\tPN001\t0000\t{pr.label_excerpt(pn.finding)}\tfalse\tlisted for the test\n"
        f"other.txt\t\tPN001\t\t6次;\ttrue\tnot this document\n"
    )
    report = pr.run(list(corpus), labels)
    rows = _codes(report)
    assert (rows["HD001"].true, rows["HD001"].false, rows["HD001"].unjudged) == (1, 0, 0)
    assert (rows["PN001"].true, rows["PN001"].false) == (0, 1)
    assert rows["PN001"].precision == 0.0
    assert [lab.file for lab in report.unused_labels] == ["other.txt"]


def test_table_flags_rules_below_their_threshold(pr, corpus) -> None:
    first = pr.run(list(corpus), [])
    sha = first.docs[0].sha1[:12]
    lines = [
        f"sfj.txt\t{sha}\t{j.finding.code}\t{j.finding.fingerprint}\t\t{'false' if j.finding.code == 'PN001' else 'true'}\tx"
        for j in first.judged
    ]
    report = pr.run(list(corpus), pr.parse_labels("\n".join(lines)))
    text = pr.table(report, "## Precision")
    assert text.startswith("## Precision\n")
    assert "| HD001 | error | 1 | 1 | 0 | 0 | 100.0% |  |" in text
    assert "| PN001 | warning | 1 | 0 | 1 | 0 | 0.0% | **below 85%** |" in text
    assert "Documents: 1 linted (fazhi 1)" in text
    fails = report.failures()
    assert fails == ["PN001 (warning) precision 0.0% below threshold"]


def test_check_fails_on_an_unjudged_error(pr, corpus) -> None:
    report = pr.run(list(corpus), [])
    assert any(f.startswith("unjudged error HD001 in sfj.txt") for f in report.failures())


def test_unjudged_listing_shows_context_and_stubs_are_labels(pr, corpus) -> None:
    report = pr.run(list(corpus), [])
    listing = pr.unjudged_listing(report)
    assert "sfj.txt" in listing and "HD001" in listing
    assert "【（三）】" in listing or "【" in listing
    stubs = pr.stub_lines(report)
    assert len(stubs) == len(report.judged)
    parsed = pr.parse_labels("\n".join(stubs))
    assert all(lab.verdict is None and lab.sha1 == report.docs[0].sha1[:12] for lab in parsed)


def test_main_writes_table_stubs_and_manifest(pr, corpus, tmp_path: Path, capsys) -> None:
    out, stubs, manifest = tmp_path / "t.md", tmp_path / "s.tsv", tmp_path / "m.tsv"
    labels = tmp_path / "none.tsv"
    argv = ["--no-shared", *map(str, corpus), "--labels", str(labels), "--write", str(out)]
    argv += ["--stubs", str(stubs), "--manifest", str(manifest), "--check"]
    assert pr.main(argv) == 1
    assert "| HD001 | error |" in out.read_text(encoding="utf-8")
    assert "check: unjudged error HD001" in capsys.readouterr().err
    assert stubs.read_text(encoding="utf-8").count("\n") >= 2
    rows = manifest.read_text(encoding="utf-8").splitlines()
    # the document was linted from the first folder, whose index.tsv does not exist
    assert rows == ["file\trepo\tpath\tcommit\tsha1\tgenre\tnote"]


def test_manifest_names_documents_from_an_indexed_folder(pr, corpus, tmp_path: Path) -> None:
    _, b = corpus
    manifest = tmp_path / "m.tsv"
    assert (
        pr.main(["--no-shared", str(b), "--labels", str(tmp_path / "x.tsv"), "--manifest", str(manifest)])
        == 0
    )
    rows = manifest.read_text(encoding="utf-8").splitlines()
    assert rows[1].split("\t")[:4] == ["sfj.txt", "owner/name", "docs/sfj.txt", "abc123"]
    assert rows[1].split("\t")[5] == "fazhi"


def test_no_documents_is_exit_2(pr, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert pr.main(["--no-shared", str(empty)]) == 2
    assert pr.main(["--no-shared", str(tmp_path / "missing")]) == 2


def test_shared_corpus_is_found_by_walking_up(pr, tmp_path: Path) -> None:
    (tmp_path / "shared" / "corpus" / "real-text").mkdir(parents=True)
    repo = tmp_path / "wt" / "repo"
    repo.mkdir(parents=True)
    assert pr.find_shared_corpus(repo) == [tmp_path / "shared" / "corpus" / "real-text"]
    assert pr.find_shared_corpus(tmp_path / "elsewhere") == [tmp_path / "shared" / "corpus" / "real-text"]


def test_the_seed_report_is_part_of_the_shared_corpus(pr, tmp_path: Path) -> None:
    (tmp_path / "shared" / "corpus" / "real-pdf").mkdir(parents=True)
    (tmp_path / "shared" / "seed").mkdir()
    assert pr.find_shared_corpus(tmp_path / "repo") == [
        tmp_path / "shared" / "corpus" / "real-pdf",
        tmp_path / "shared" / "seed",
    ]
