"""End to end on examples/gk: the clean report gives no GK finding, each broken one exactly its own code.

The .md renderings run through the text reader today. The .docx and .pdf renderings (merged header and label
cells; in the PDF the applications table runs across a page break with its header repeated) run through the
.docx/.pdf readers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import EXAMPLES, SEED, needs_seed
from reportlint.api import PreviousReport, Settings, choose, lint_file
from reportlint.readers import read_document

GK = EXAMPLES / "gk"
EXPECTED: dict[str, set[str]] = {
    "gk-2023-clean": set(),
    "gk-2022-previous": set(),
    "gk-2023-broken-balance": {"GK003"},
    "gk-2023-broken-result-total": {"GK004"},
    "gk-2023-broken-row-total": {"GK005"},
    "gk-2023-broken-review-total": {"GK006"},
    "gk-2023-text-mismatch": {"GK007"},
    "gk-2023-blank-cell": {"GK009"},
}
SUFFIXES = (".md", ".docx", ".pdf")
CASES = [(name, suffix) for name in EXPECTED for suffix in SUFFIXES]


def _readable(path: Path) -> None:
    """The rendering reads (a reader error fails the test with its message)."""
    read_document(path)


@pytest.mark.parametrize(("name", "suffix"), CASES, ids=[f"{n}{s}" for n, s in CASES])
def test_example_gives_exactly_its_code(name, suffix):
    path = GK / f"{name}{suffix}"
    _readable(path)
    res = lint_file(str(path), Settings())
    assert res.error is None and res.pack == "gk" and res.year == int(name[3:7])
    gk = {f.code for f in res.findings if f.code.startswith("GK")}
    assert gk == EXPECTED[name], [(f.code, f.message) for f in res.findings]
    assert not [f for f in res.findings if f.severity == "error" and not f.code.startswith("GK")]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_findings_point_at_the_table_cell(suffix):
    path = GK / f"gk-2023-broken-balance{suffix}"
    _readable(path)
    res = lint_file(str(path), Settings(select=["GK003"]))
    cols = sorted(f.location.col for f in res.findings)
    assert cols == [4, 10]  # 自然人 and 总计 of the table with three label columns
    for f in res.findings:
        assert f.location.table is not None and f.location.row is not None
        assert "“四、结转下年度继续办理”行" in f.message
        assert "≠" in (f.evidence or "")
        assert f.section.startswith("三、")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_previous_report_carry_over(suffix):
    prev = GK / f"gk-2022-previous{suffix}"
    _readable(prev)
    ok = lint_file(
        str(GK / f"gk-2023-clean{suffix}"), Settings(select=["GK008"], previous=PreviousReport(str(prev)))
    )
    bad = lint_file(
        str(GK / f"gk-2023-broken-balance{suffix}"),
        Settings(select=["GK008"], previous=PreviousReport(str(prev))),
    )
    assert ok.findings == []
    assert sorted(f.location.col for f in bad.findings) == [4, 10]


def test_gk_pack_does_not_run_fazhi_rules():
    res = lint_file(str(GK / "gk-2023-clean.md"), Settings())
    assert res.pack == "gk"
    assert not [c for c in res.rules if c.startswith("FZ")]
    assert {"GK001", "GK003", "GK009", "DT001"} <= set(res.rules)


def test_pack_override():
    res = lint_file(str(GK / "gk-2023-clean.md"), Settings(pack="fazhi"))
    assert res.pack == "fazhi"
    assert not [c for c in res.rules if c.startswith("GK")]


@needs_seed
def test_fazhi_report_still_detected_as_fazhi(tmp_path):
    p = tmp_path / "seed.txt"
    p.write_bytes(SEED.read_bytes())
    assert lint_file(str(p), Settings()).pack == "fazhi"


def test_cli_previous_option(tmp_path):
    from typer.testing import CliRunner

    from reportlint.cli import app

    runner = CliRunner()
    args = ["check", "-q", "--select", "GK008", str(GK / "gk-2023-broken-balance.md")]
    out = runner.invoke(app, [*args, "--previous", str(GK / "gk-2022-previous.md")])
    assert out.exit_code == 0 and out.output.count("GK008") == 2, out.output
    missing = runner.invoke(app, [*args, "--previous", str(tmp_path / "none.md")])
    assert missing.exit_code == 2


def test_outline_shows_mapped_grid():
    from reportlint.api import outline_file
    from reportlint.formatters.outline import render_outline

    doc, out = outline_file(str(GK / "gk-2023-blank-cell.md"))
    buf = io.StringIO()
    pack, genre, forced = choose(out, Settings())
    render_outline(doc, out, pack, buf, genre=genre, forced=forced)
    text = buf.getvalue()
    assert "收到和处理政府信息公开申请情况 ← table 2" in text
    assert "（四）无法提供·1.本机关不掌握相关政府信息" in text
    assert "社会公益组织" in text and "结果维持" in text
    line = next(ln for ln in text.splitlines() if "保护第三方合法权益" in ln)
    assert "空" in line  # the blank cell is shown as blank, not as 0


def test_unreadable_previous_report_is_a_run_error(tmp_path):
    from typer.testing import CliRunner

    from reportlint.cli import app

    bad = tmp_path / "2022.pdf"
    bad.write_bytes(b"not a pdf at all")
    r = CliRunner().invoke(
        app, ["check", str(GK / "gk-2023-clean.md"), "--previous", str(bad), "--timeout", "0"]
    )
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        f"reportlint: --previous {bad}: unreadable: named .pdf but the content is text data (corrupt or mislabelled)"
    ]
