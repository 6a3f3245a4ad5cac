"""benchmarks/pdf_reader_real.py: its helpers, and one run over generated PDFs (no corpus needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("pdf_reader_real", ROOT / "benchmarks" / "pdf_reader_real.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["pdf_reader_real"] = bench
_spec.loader.exec_module(bench)

reportlab = pytest.importorskip("reportlab")

LINES = [
    ("title", "云岭市青禾区民政局"),
    ("title", "2025年法治政府建设年度报告"),
    ("body", "2025年，我局深入推进依法行政，现将有关情况报告如下。"),
    ("head", "一、主要举措和成效"),
    ("head", "（一）健全依法决策机制"),
    ("body", "全年审查合法性文件12件，提出修改意见30条，均被采纳。"),
    ("head", "（二）规范行政执法行为"),
    ("body", "开展执法案卷评查2次，评查案卷45卷，优秀率达到百分之九十。"),
    ("head", "三、下一步工作安排"),
    ("body", "2026年，我局将继续加强法治培训，提升执法人员能力。"),
]


def make_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    y = h - 90
    for kind, text in LINES:
        size = 20 if kind == "title" else 15
        c.setFont("STSong-Light", size)
        if kind == "title":
            c.drawCentredString(w / 2, y, text)
        else:
            c.drawString(80 + (30 if kind == "body" else 0), y, text)
        y -= 40
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("pdfs")
    make_pdf(d / "report.pdf")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return d


def test_numbering_gaps():
    assert bench.numbering_gaps([(1, 1), (2, 1), (2, 2), (1, 2), (2, 1)]) == []
    assert bench.numbering_gaps([(1, 1), (1, 3)]) == ["一、→三、"]
    assert bench.numbering_gaps([(1, 1), (2, 1), (2, 3)]) == ["（一）→（三）"]
    assert bench.numbering_gaps([(1, 2)]) == ["∅→二、"]
    assert bench.numbering_gaps([(1, 1), (2, 2)]) == ["∅→（二）"]
    assert bench.numbering_gaps([(1, 1), (1, 2), (1, 1)]) == ["二、→一、"]


def test_broken_paragraphs():
    texts = [
        "一、总体情况",
        "全年共办理申请二十件，其中予以公开十件，部分公开",
        "五件，其余均依法作出答复。",
        "）等文件的要求。",
        "本年度我们围绕重点工作开展业务培训三次，参训人员合计",
        "人",
        "2025年1月20日",
    ]
    got = bench.broken_paragraphs(texts, headings={0})
    assert (2, "split") in got
    assert (3, "starts-closing") in got
    assert (5, "lone") in got
    assert not [k for k, _ in got if k in (0, 1, 6)]
    # a caption or title without clause punctuation is not prose: the next line is no continuation
    assert (
        bench.broken_paragraphs(["2025年部门收支预算总表说明文字较长的一个标题行", "编制部门：某局"], set())
        == []
    )


def test_analyze_generated_pdf(pdf_dir):
    rep = bench.analyze(pdf_dir / "report.pdf")
    assert rep.error is None, rep.details
    assert rep.pack == "fazhi" and rep.year == 2025 and rep.pages == 1
    assert (rep.h1, rep.h2) == (2, 2)
    assert rep.gaps == ["一、→三、"]
    assert rep.broken == {}
    assert rep.parts_required > 0 and rep.parts_found <= rep.parts_required
    assert rep.cpu_read > 0


def test_a_bad_file_never_stops_the_run(pdf_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "EXTRA", tmp_path / "absent")
    monkeypatch.setattr(bench, "shared_dir", lambda: None)
    out, js = tmp_path / "t.md", tmp_path / "t.json"
    assert bench.main([str(pdf_dir), "--out", str(out), "--json", str(js), "--timeout", "60"]) == 0
    table = out.read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| file")]
    assert len(rows) == 2
    bad = next(r for r in rows if r.startswith("| broken.pdf"))
    good = next(r for r in rows if r.startswith("| report.pdf"))
    assert "unreadable" in bad or "crash" in bad
    assert "fazhi / 2025" in good and "一、→三、" in good
    assert "Files: 2; read without error: 1" in table


def test_isolated_run_reports_a_hang_as_the_file_error(pdf_dir, monkeypatch):
    import time

    def slow(path: Path):  # type: ignore[no-untyped-def]
        time.sleep(30)

    monkeypatch.setattr(bench, "analyze", slow)
    rep = bench.analyze_isolated(pdf_dir / "report.pdf", timeout=1)
    assert rep.error is not None and rep.error.startswith("timeout")


def test_manifest_is_read_by_sha1(tmp_path):
    m = tmp_path / "m.tsv"
    m.write_text("file\trepo\tpath\tcommit\tsha1\tgenre\tplace\tmanual\na.pdf\tr\tp\tc\tabc\tgk\tx\tlooked\n")
    got = bench.read_manifest(m)
    assert got["abc"]["genre"] == "gk" and got["abc"]["manual"] == "looked"
    assert bench.read_manifest(tmp_path / "missing.tsv") == {}
