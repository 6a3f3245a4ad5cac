"""The example reports in examples/: every rendering reads the same, clean ones stay clean, defects stay found.

Every example is rendered from one source (examples/src/NAME.yaml) by scripts/make_examples.py into .txt, .md,
.docx (Heading styles), -bold.docx (plain bold headings), -autonum.docx (Word automatic numbering), .pdf
(reportlab) and -lo.pdf (LibreOffice, when it was installed at generation time). The .txt is the reference:
every other rendering must give the same FZ/DT findings, flagging the same text.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from reportlint.api import Settings, lint_file
from reportlint.findings import FileResult, Finding
from reportlint.formatters.ruledocs import all_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SOURCES = sorted(p.stem for p in (EXAMPLES / "src").glob("*.yaml"))
RENDERINGS = [".md", ".docx", "-bold.docx", "-autonum.docx", ".pdf", "-lo.pdf"]
CLEAN = ["clean", "layout"]
EQUIVALENCE_FAMILIES = ("FZ", "DT")
FAILING = ("warning", "error")


def _load_script():
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "scripts" / "make_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_examples", module)
    spec.loader.exec_module(module)
    return module


def _lint(path: Path) -> FileResult:
    res = lint_file(str(path), Settings())
    assert res.error is None, res.error
    return res


def _flagged(f: Finding) -> str:
    if f.span:
        return f.excerpt[f.span[0] : f.span[1]]
    return f.key


def _signature(res: FileResult, families: tuple[str, ...]) -> list[tuple[str, str]]:
    return sorted((f.code, _flagged(f)) for f in res.findings if f.code.startswith(families))


def _failing(res: FileResult) -> list[Finding]:
    return [f for f in res.findings if f.severity in FAILING]


def _expected_defects() -> dict[str, int]:
    data = yaml.safe_load((EXAMPLES / "defects.expected.yaml").read_text(encoding="utf-8"))
    return {str(k): int(v) for k, v in data.items()}


def _registered() -> set[str]:
    return {r.code for r in all_rules()}


def test_three_sources():
    assert set(SOURCES) >= {"clean", "defects", "layout"}


@pytest.mark.parametrize("name", SOURCES)
def test_committed_text_renderings_are_current(name):
    """examples/NAME.txt and .md are what the script makes from the source (run scripts/make_examples.py)."""
    m = _load_script()
    report = m.load(EXAMPLES / "src" / f"{name}.yaml")
    assert (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8") == m.to_txt(report)
    assert (EXAMPLES / f"{name}.md").read_text(encoding="utf-8") == m.to_md(report)
    for suffix in RENDERINGS[1:-1]:
        assert (EXAMPLES / f"{name}{suffix}").stat().st_size > 0


@pytest.mark.parametrize("name", SOURCES)
def test_source_reads_like_a_report(name):
    """3,000–6,000 characters of text, full-width punctuation, no 其它/截止 slips outside deliberate defects."""
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    chars = len(re.sub(r"\s", "", text))
    assert 3000 <= chars <= 6000, chars
    if name in CLEAN:
        assert "其它" not in text and "截止" not in text
        assert not re.search(r"[\u4e00-\u9fff][,;:?!()][\u4e00-\u9fff]", text)


@pytest.mark.parametrize("name", SOURCES)
@pytest.mark.parametrize("suffix", RENDERINGS)
def test_rendering_matches_text(name, suffix):
    """Every rendering gives the FZ/DT findings of the .txt, on the same text."""
    path = EXAMPLES / f"{name}{suffix}"
    if not path.exists():
        pytest.skip(f"{path.name} was not generated (LibreOffice missing when scripts/make_examples.py ran)")
    want = _signature(_lint(EXAMPLES / f"{name}.txt"), EQUIVALENCE_FAMILIES)
    got = _signature(_lint(path), EQUIVALENCE_FAMILIES)
    assert got == want


@pytest.mark.parametrize("name", CLEAN)
@pytest.mark.parametrize("suffix", [".txt", *RENDERINGS])
def test_clean_examples_have_no_warnings(name, suffix):
    path = EXAMPLES / f"{name}{suffix}"
    if not path.exists():
        pytest.skip(f"{path.name} was not generated")
    res = _lint(path)
    assert [(f.code, f.message, _flagged(f)) for f in _failing(res)] == []
    assert all(p.found for p in res.parts if p.required)


def test_clean_examples_cover_both_profiles():
    assert _lint(EXAMPLES / "clean.txt").profile == "department"
    assert _lint(EXAMPLES / "layout.txt").profile == "government"


def test_defects_expected_codes_are_documented():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for code in _expected_defects():
        assert re.fullmatch(r"[A-Z]{2,4}\d{3}", code)
        assert code in readme, f"{code} is expected but not documented in examples/README.md"


def test_defects_fz_dt_are_all_registered_now():
    """The FZ/DT rules exist already: every expected FZ/DT code must be checked, not skipped."""
    missing = [
        c for c in _expected_defects() if c.startswith(EQUIVALENCE_FAMILIES) and c not in _registered()
    ]
    assert missing == []


@pytest.mark.parametrize("suffix", [".txt", *RENDERINGS])
def test_defects_give_exactly_the_expected_codes(suffix):
    """Registered rules give exactly the documented defects (warning/error); unregistered codes are skipped."""
    path = EXAMPLES / f"defects{suffix}"
    if not path.exists():
        pytest.skip(f"{path.name} was not generated")
    registered = _registered()
    expected = {c: n for c, n in _expected_defects().items() if c in registered}
    res = _lint(path)
    got = Counter(f.code for f in _failing(res))
    assert dict(got) == expected, [(f.code, f.message, _flagged(f)) for f in _failing(res)]


def test_defects_txt_flags_the_documented_text():
    """The reference side of the equivalence test, spelled out: what each FZ/DT finding flags in defects.txt."""
    res = _lint(EXAMPLES / "defects.txt")
    assert _signature(res, EQUIVALENCE_FAMILIES) == sorted(
        [
            ("DT001", "2023年2月30日"),
            ("FZ001", "principal"),
            ("FZ002", "二、存在的问题"),
            ("FZ003", "2023"),
            ("FZ004", "2022年度"),
            ("FZ006", "统计期限自2022年1月1日起至12月31日"),
            ("FZ007", "2024年3月15日"),
            ("FZ008", "“党政主要负责人履职情况”"),
        ]
    )
    assert res.year == 2023
    assert res.profile == "department"
