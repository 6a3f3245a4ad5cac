"""Configuration files and CLI exit codes (through typer's CliRunner)."""

from __future__ import annotations

import json
import tomllib

import pytest

from ci_helpers import cli, copy_fixtures
from reportlint.config import ConfigError, find_config, glob_to_regex, load_config


@pytest.fixture
def project(tmp_path, monkeypatch):
    copy_fixtures(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(stdout: str) -> list[str]:
    return sorted(f["code"] for r in json.loads(stdout)["files"] for f in r["findings"])


def test_exit_codes(project):
    assert cli("check", "yunxi-2023.txt", "-f", "json").exit_code == 1
    assert cli("check", "yunxi-2023.txt", "-f", "json", "--ignore", "DT001,FZ003").exit_code == 0
    assert cli("check", "yunxi-2023.txt", "missing.txt", "-f", "json").exit_code == 2
    assert cli("check", "yunxi-2023.txt", "--format", "yaml").exit_code == 2
    assert cli("check", "yunxi-2023.txt", "--select", "XY").exit_code == 2
    assert cli("check", "yunxi-2023.txt", "--jobs", "0").exit_code == 2


def test_config_file_applies_and_cli_overrides(project):
    (project / "reportlint.toml").write_text(
        'ignore = ["invalid-date"]\nfail-on = "warning"\n[severity]\nFZ003 = "warning"\n', encoding="utf-8"
    )
    res = cli("check", "yunxi-2023.txt", "-f", "json")
    data = json.loads(res.stdout)
    assert _codes(res.stdout) == ["FZ003"]
    assert data["files"][0]["findings"][0]["severity"] == "warning"
    assert res.exit_code == 1  # fail-on = warning
    assert cli("check", "yunxi-2023.txt", "-f", "json", "--fail-on", "error").exit_code == 0
    assert (
        _codes(cli("check", "yunxi-2023.txt", "-f", "json", "--select", "DT").stdout) == []
    )  # ignore still applies


def test_pyproject_table_found_upwards(project, monkeypatch):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.reportlint]\nselect = ["FZ003"]\n')
    sub = project / "reports" / "2023"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_config() == project / "pyproject.toml"
    res = cli("check", str(project / "yunxi-2023.txt"), "-f", "json")
    assert _codes(res.stdout) == ["FZ003"]


def test_pyproject_without_table_is_skipped(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(project) != project / "pyproject.toml"


def test_per_file_ignores(project):
    (project / "reportlint.toml").write_text(
        '[per-file-ignores]\n"*.md" = ["DT001"]\n"yunxi-2023.txt" = ["FZ"]\n'
    )
    res = cli("check", ".", "-f", "json")
    by_file = {r["path"]: sorted(f["code"] for f in r["findings"]) for r in json.loads(res.stdout)["files"]}
    assert by_file == {"yunxi-2023.md": [], "yunxi-2023.txt": ["DT001"]}


@pytest.mark.parametrize(
    ("toml", "expect"),
    [
        ("selct = ['FZ']\n", "unknown key 'selct'"),
        ("fail-on = 'fatal'\n", "fail-on"),
        ("select = ['FZ001', 'XQ']\n", "select[1]"),
        ("[severity]\nPN999 = 'error'\n", "severity.PN999"),
        ("[severity]\nFZ003 = 'fatal'\n", "severity.FZ003"),
        ("jobs = 0\n", "jobs"),
        ("timeout = 'soon'\n", "timeout"),
        ("[per-file-ignores]\n'a/**' = ['not a code']\n", "per-file-ignores"),
        ("select = \n", "not valid TOML"),
    ],
)
def test_bad_config_exits_2_naming_the_key(project, toml, expect):
    (project / "reportlint.toml").write_text(toml, encoding="utf-8")
    res = cli("check", "yunxi-2023.txt")
    assert res.exit_code == 2
    assert expect in res.stderr and "reportlint.toml" in res.stderr
    with pytest.raises(ConfigError, match=expect.replace("[", r"\[").replace("]", r"\]")):
        load_config(project / "reportlint.toml")


def test_explicit_config_and_missing_config(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere") / "ci.toml"
    other.write_text('select = ["DT001"]\n')
    assert _codes(cli("check", "yunxi-2023.txt", "-f", "json", "--config", str(other)).stdout) == ["DT001"]
    res = cli("check", "yunxi-2023.txt", "--config", "nope.toml")
    assert res.exit_code == 2 and "--config" in res.stderr


def test_config_command_prints_effective_toml(project):
    (project / "reportlint.toml").write_text(
        'select = ["FZ", "invalid-date"]\njobs = 2\n[severity]\nFZ003 = "warning"\n'
        '[per-file-ignores]\n"archive/**" = ["FZ004"]\n[options.FZ007]\ngrace-days = 3\n'
    )
    res = cli("config")
    assert res.exit_code == 0
    assert "reportlint.toml" in res.stdout.splitlines()[0]
    data = tomllib.loads(res.stdout)
    assert data["select"] == ["FZ", "invalid-date"]
    assert data["severity"] == {"FZ003": "warning"}
    assert data["per-file-ignores"] == {"archive/**": ["FZ004"]}
    assert data["options"] == {"FZ007": {"grace-days": 3}}
    assert data["jobs"] == 2


def test_glob_semantics():
    assert glob_to_regex("archive/**").match("archive/2021/a.docx")
    assert glob_to_regex("**/*.md").match("a.md") and glob_to_regex("**/*.md").match("x/y/a.md")
    assert not glob_to_regex("*.md").match("x/a.md")


def test_bad_pack_or_profile_is_one_run_error(project):
    res = cli("check", ".", "--pack", "nope")
    assert res.exit_code == 2 and "unknown pack 'nope'" in res.stderr and res.stdout == ""
    (project / "reportlint.toml").write_text('pack = "fazhi"\nprofile = "county"\n')
    res = cli("check", ".")
    assert res.exit_code == 2 and "unknown profile 'county'" in res.stderr


def test_max_bytes_gives_too_large(tmp_path):
    import json

    from typer.testing import CliRunner

    from reportlint.cli import app

    p = tmp_path / "r.txt"
    p.write_text("某局2023年度法治政府建设情况报告\n\n" + "正文。" * 200, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(p), "--max-bytes", "100", "--format", "json", "--timeout", "0"])
    assert r.exit_code == 2
    err = json.loads(r.stdout)["files"][0]["error"]
    assert err["code"] == "too-large" and "--max-bytes" in err["message"]


def test_max_pages_in_config_reaches_the_limits(tmp_path, monkeypatch):
    from reportlint.config import build_settings, resolve_config

    (tmp_path / "reportlint.toml").write_text("max-pages = 12\nmax-bytes = 5000\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    s = build_settings(resolve_config(None))
    assert (s.limits.max_pages, s.limits.max_bytes) == (12, 5000)
    assert build_settings(resolve_config(None), max_pages=3).limits.max_pages == 3


def test_exclude_drops_walked_files_but_not_named_ones(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from reportlint.cli import app

    reports = tmp_path / "reports"
    (reports / "old").mkdir(parents=True)
    good = "某局2023年度法治政府建设情况报告\n\n一、主要举措和成效\n\n正文。\n"
    (reports / "2023.txt").write_text(good, encoding="utf-8")
    (reports / "old" / "2019.txt").write_text(good, encoding="utf-8")
    (reports / "old" / "2018.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def paths(*args):
        r = runner.invoke(app, ["check", *args, "--format", "json", "--timeout", "0"])
        import json

        return r.exit_code, [f["path"] for f in json.loads(r.stdout)["files"]]

    code, found = paths("reports")
    assert code == 2  # the legacy .doc found in the folder is reported, not skipped
    assert sorted(found) == ["reports/2023.txt", "reports/old/2018.doc", "reports/old/2019.txt"]
    code, found = paths("reports", "--exclude", "reports/old/*")
    assert found == ["reports/2023.txt"]
    (tmp_path / "reportlint.toml").write_text('exclude = ["*.doc"]\n', encoding="utf-8")
    code, found = paths("reports")
    assert sorted(found) == ["reports/2023.txt", "reports/old/2019.txt"]
    code, found = paths("reports/old/2018.doc")  # named on the command line: kept
    assert found == ["reports/old/2018.doc"] and code == 2


@pytest.mark.parametrize(
    "toml",
    [
        '[tool.reportlint]\nselect = ["FZ003"]\n',
        '[ tool . "reportlint" ]\nselect = ["FZ003"]\n',
        "[tool.reportlint.severity]\nFZ003 = 'warning'\n",
        '[tool]\nreportlint = { select = ["FZ003"] }\n',
        "[tool] # the tools\nreportlint.select = ['FZ003']\n",
        'tool.reportlint.select = ["FZ003"]\n[project]\nname = "x"\n',
        '"tool" = { reportlint = { select = ["FZ003"] } }\n',
        "'tool'.'reportlint'.select = ['FZ003']\n",
    ],
)
def test_every_way_to_write_the_tool_table_is_found(project, toml):
    (project / "pyproject.toml").write_text(toml)
    assert find_config(project) == project / "pyproject.toml"


@pytest.mark.parametrize(
    "toml",
    [
        '[project]\nname = "x"\ndependencies = ["reportlint>=0.1"]\n',
        '[project.scripts]\nreportlint = "reportlint.entry:main"\n[tool.ruff]\nline-length = 110\n',
        '[tool.ruff]\nsrc = ["reportlint"]\n',
    ],
)
def test_pyproject_naming_reportlint_elsewhere_is_skipped(project, toml):
    (project / "pyproject.toml").write_text(toml)
    assert find_config(project) != project / "pyproject.toml"
