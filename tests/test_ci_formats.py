"""Output formats: SARIF against the official schema, GitHub workflow commands, JUnit, Markdown, --output."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from msgspec.structs import replace

from ci_helpers import REPORT_MD, REPORT_TXT, SHARED, cli, copy_fixtures
from reportlint.api import Settings, lint_paths
from reportlint.engine.run import lint_document
from reportlint.findings import RunResult
from reportlint.formatters import FORMATS, render
from reportlint.model import Location
from reportlint.readers import read_document

SARIF_SCHEMA = SHARED / "spec" / "sarif" / "sarif-schema-2.1.0.json"


def _docx_like_run() -> RunResult:
    """A run over a document located by paragraph (as .docx input is), without lines."""
    doc = read_document(REPORT_TXT)
    doc.path = "reports/云溪 2023.docx"
    doc.format = "docx"
    for i, p in enumerate(doc.paragraphs):
        p.anchors = [replace(a, location=Location(paragraph=i + 1)) for a in p.anchors]
    r = lint_document(doc, Settings())
    r.path = doc.path
    return RunResult([r])


def _run(tmp_path, monkeypatch) -> RunResult:
    copy_fixtures(tmp_path)
    (tmp_path / "bad.pdf").write_text("不是PDF", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = lint_paths(["yunxi-2023.txt", "yunxi-2023.md", "bad.pdf"])
    run.files.extend(_docx_like_run().files)
    return run


def _render(fmt: str, run: RunResult, **options) -> str:
    buf = io.StringIO()
    render(fmt, run, buf, **options)
    return buf.getvalue()


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="../shared/spec/sarif is not present")
def test_sarif_is_valid_against_the_official_schema(tmp_path, monkeypatch):
    jsonschema = pytest.importorskip("jsonschema")
    run = _run(tmp_path, monkeypatch)
    doc = json.loads(_render("sarif", run))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    sarif_run = doc["runs"][0]
    rules = {r["id"]: r for r in sarif_run["tool"]["driver"]["rules"]}
    # helpUri is optional in SARIF: left out while no repository URL is declared (there is no docs site)
    assert "helpUri" not in rules["DT001"] and rules["DT001"]["help"]["markdown"]
    results = sarif_run["results"]
    assert all(r["partialFingerprints"]["reportlint/v1"] for r in results)
    assert all(sarif_run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    line_results = [
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "yunxi-2023.txt"
    ]
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in line_results} == {9, 21}
    docx = [r for r in results if "docx" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert docx and all("region" not in r["locations"][0]["physicalLocation"] for r in docx)
    assert all(isinstance(r["properties"]["paragraph"], int) for r in docx)
    assert docx[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "reports/%E4%BA%91"
    )
    [note] = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert (
        "bad.pdf" in note["message"]["text"] and sarif_run["invocations"][0]["executionSuccessful"] is False
    )


def test_github_workflow_commands(tmp_path, monkeypatch):
    out = _render("github", _run(tmp_path, monkeypatch)).splitlines()
    assert (
        "::error file=yunxi-2023.txt,line=9,title=DT001 invalid-date::日期“2023年2月30日”不存在%0A建议：核对原始记录，改为实际日期"
        in out
    )
    assert any(line.startswith("::error file=bad.pdf,title=unreadable::") for line in out)
    docx = [line for line in out if "docx" in line]
    assert docx and all(",line=" not in line and "::第" in line for line in docx)
    assert all("\n" not in line for line in out)
    fz003 = next(line for line in out if "FZ003" in line and "txt" in line)
    assert "%0A建议：2024年" in fz003


def test_github_escaping():
    from reportlint.formatters.github import escape_data, escape_property

    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert escape_data("50%\r\n") == "50%25%0D%0A"


def test_junit_testcase_per_file(tmp_path, monkeypatch):
    root = ET.fromstring(_render("junit", _run(tmp_path, monkeypatch), fail_on="error"))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [
        "yunxi-2023.txt",
        "yunxi-2023.md",
        "bad.pdf",
        "reports/云溪 2023.docx",
    ]
    assert cases[0].find("failure") is not None and cases[2].find("error") is not None
    assert root.get("tests") == "4" and root.get("errors") == "1" and root.get("failures") == "3"


def test_markdown_summary(tmp_path, monkeypatch):
    md = _render("markdown", _run(tmp_path, monkeypatch))
    assert "| file | pack | year | errors | warnings | infos | status |" in md
    assert "| `yunxi-2023.txt` | fazhi | 2023 | 2 | 0 | 0 | ❌ fail |" in md
    assert "⚠️ unreadable" in md


def test_text_summary_table(tmp_path, monkeypatch):
    text = _render("text", _run(tmp_path, monkeypatch), color=False)
    header = next(line for line in text.splitlines() if line.startswith("file"))
    assert header.split() == ["file", "pack", "year", "errors", "warnings", "infos", "status"]
    assert any(
        line.split()[:1] == ["bad.pdf"] and line.split()[-1] == "unreadable" for line in text.splitlines()
    )


def test_every_format_renders_through_the_cli(tmp_path, monkeypatch):
    copy_fixtures(tmp_path)
    monkeypatch.chdir(tmp_path)
    for fmt in FORMATS:
        res = cli("check", ".", "-f", fmt, "--no-progress")
        assert res.exit_code == 1, (fmt, res.stderr)
        assert res.stdout.strip()


def test_output_file_is_written_atomically_and_never_onto_an_input(tmp_path, monkeypatch):
    [_txt, md] = copy_fixtures(tmp_path)
    monkeypatch.chdir(tmp_path)
    res = cli("check", ".", "-f", "json", "-o", "out/report.json")
    assert res.exit_code == 2  # out/ does not exist
    (tmp_path / "out").mkdir()
    res = cli("check", ".", "-f", "json", "-o", "out/report.json")
    assert res.exit_code == 1 and res.stdout == ""
    assert (
        json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]["errors"] == 3
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report.json"]  # no temporary left behind
    before = md.read_bytes()
    res = cli("check", ".", "-o", "yunxi-2023.md")
    assert res.exit_code == 2 and "input" in res.stderr
    assert md.read_bytes() == before and REPORT_MD.read_bytes() == before


def test_sarif_help_uri_points_at_the_rule_section_of_the_repository_docs(tmp_path, monkeypatch):
    import reportlint.engine.registry as registry

    monkeypatch.setattr(registry, "repository_url", lambda: "https://example.org/team/reportlint")
    doc = json.loads(_render("sarif", _run(tmp_path, monkeypatch)))
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["DT001"]["helpUri"] == "https://example.org/team/reportlint/blob/main/docs/rules.md#dt001"
