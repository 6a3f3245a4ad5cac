"""The library API resolves configuration and finds files the way the CLI does (issue 13)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportlint import api
from reportlint.config import DEFAULT_TIMEOUT, ConfigError
from reportlint.errors import UsageError

REPORT = Path(__file__).resolve().parent / "fixtures" / "ci" / "yunxi-2023.txt"


def _tree(tmp_path: Path, config: str | None) -> Path:
    (tmp_path / "reports" / "drafts").mkdir(parents=True)
    shutil.copyfile(REPORT, tmp_path / "reports" / "2023.txt")
    shutil.copyfile(REPORT, tmp_path / "reports" / "drafts" / "2023-draft.txt")
    if config is not None:
        (tmp_path / "reportlint.toml").write_text(config, encoding="utf-8")
    return tmp_path


def test_defaults_when_there_is_no_configuration(tmp_path):
    setup = api.resolve(api.Options(), cwd=tmp_path)
    assert setup.config.path is None
    assert setup.root == str(tmp_path)
    assert setup.settings.fail_on == "error"
    assert setup.settings.select == []
    assert (setup.timeout, setup.timeout_explicit) == (DEFAULT_TIMEOUT, False)
    assert setup.jobs is None
    assert setup.exclude == []
    assert setup.baseline is None


def test_the_configuration_file_is_found_from_cwd_and_overrides_the_defaults(tmp_path):
    root = _tree(
        tmp_path,
        'select = ["PN"]\nignore = ["PN001"]\nfail-on = "warning"\njobs = 3\ntimeout = 30\n'
        'exclude = ["reports/drafts/**"]\nbaseline = "bl.json"\n',
    )
    setup = api.resolve(cwd=root / "reports")  # found upwards from a sub-folder
    assert setup.config.path == root / "reportlint.toml"
    assert setup.settings.select == ["PN"]
    assert setup.settings.ignore == ["PN001"]
    assert setup.settings.fail_on == "warning"
    assert (setup.jobs, setup.timeout, setup.timeout_explicit) == (3, 30, True)
    assert setup.baseline == str(root / "bl.json")
    assert setup.exclude == ["reports/drafts/**"]


def test_options_override_the_configuration_file(tmp_path):
    root = _tree(
        tmp_path, 'select = ["PN"]\nignore = ["PN001"]\nfail-on = "warning"\njobs = 3\ntimeout = 30\n'
    )
    setup = api.resolve(
        api.Options(
            select=["FZ"], ignore=["FZ002"], fail_on="info", jobs=1, timeout=0, exclude=["x*"], baseline="b"
        ),
        cwd=root,
    )
    assert setup.settings.select == ["FZ"]  # replaces
    assert setup.settings.ignore == ["PN001", "FZ002"]  # adds
    assert setup.settings.fail_on == "info"
    assert (setup.jobs, setup.timeout, setup.timeout_explicit) == (1, None, True)  # 0: off
    assert setup.baseline == "b"


def test_isolated_and_explicit_configuration(tmp_path):
    root = _tree(tmp_path, 'fail-on = "warning"\n')
    assert api.resolve(api.Options(isolated=True), cwd=root).settings.fail_on == "error"
    other = root / "other.toml"
    other.write_text('fail-on = "info"\n', encoding="utf-8")
    assert api.resolve(api.Options(config="other.toml"), cwd=root).settings.fail_on == "info"
    with pytest.raises(ConfigError):
        api.resolve(api.Options(config="missing.toml"), cwd=root)
    with pytest.raises(ConfigError):
        api.resolve(api.Options(select=["NOT A CODE"]), cwd=root)
    with pytest.raises(UsageError):
        api.resolve(api.Options(previous=str(root / "nothing.txt")), cwd=root)


def test_discover_applies_the_configured_and_the_given_exclude(tmp_path, monkeypatch):
    root = _tree(tmp_path, 'exclude = ["reports/drafts/**"]\n')
    monkeypatch.chdir(root)
    setup = api.resolve()
    assert api.discover(["reports"], setup) == [str(Path("reports") / "2023.txt")]
    # the options' exclude adds to the file's
    both = api.resolve(api.Options(exclude=["2023.txt"]))
    assert api.discover(["reports"], both) == []
    # a file named outright is always kept
    named = str(Path("reports") / "drafts" / "2023-draft.txt")
    assert api.discover([named], setup) == [named]


def test_check_paths_is_the_cli_run_without_printing(tmp_path, monkeypatch):
    root = _tree(tmp_path, 'exclude = ["reports/drafts/**"]\nselect = ["PN"]\n')
    monkeypatch.chdir(root)
    run = api.check_paths(["reports"])
    assert [r.path for r in run.files] == [str(Path("reports") / "2023.txt")]
    assert all(f.code.startswith("PN") for r in run.files for f in r.findings)
    with pytest.raises(UsageError):
        api.check_paths(["reports/drafts"], api.Options(exclude=["*.txt"]))


def test_lint_paths_keeps_its_old_meaning(tmp_path, monkeypatch):
    root = _tree(tmp_path, 'exclude = ["reports/drafts/**"]\n')
    monkeypatch.chdir(root)
    # no configuration file is read by lint_paths: both files are linted, unless it is given the exclude
    assert len(api.lint_paths(["reports"], jobs=1).files) == 2
    assert len(api.lint_paths(["reports"], jobs=1, exclude=["**/drafts/**"]).files) == 1


def test_a_single_small_text_file_runs_in_process_under_the_default_timeout(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text("一、标题\n正文。\n", encoding="utf-8")
    pdf_named_txt = tmp_path / "b.txt"
    pdf_named_txt.write_bytes(b"%PDF-1.4\n" + b"0" * 100)
    big = tmp_path / "c.txt"
    big.write_text("字" * (api.IN_PROCESS_MAX_BYTES // 3 + 10), encoding="utf-8")
    assert not api.needs_worker([str(small)], 1, 120, timeout_explicit=False)
    assert api.needs_worker([str(small)], 1, 120, timeout_explicit=True)  # a timeout the user asked for
    assert api.needs_worker([str(pdf_named_txt)], 1, 120, timeout_explicit=False)  # by its bytes
    assert api.needs_worker([str(big)], 1, 120, timeout_explicit=False)
    assert api.needs_worker([str(small), str(small)], 1, 120, timeout_explicit=False)
    assert api.needs_worker([str(small), str(small)], 2, None)
    assert not api.needs_worker([str(small)], 2, None)


def test_the_cli_and_the_api_give_the_same_report(tmp_path, monkeypatch):
    import io

    from ci_helpers import cli
    from reportlint.formatters import render

    root = _tree(tmp_path, 'exclude = ["reports/drafts/**"]\nignore = ["PN"]\nfail-on = "warning"\n')
    monkeypatch.chdir(root)
    out = cli("check", "--format", "json", "--no-progress", "--select", "FZ,PN,DT", "reports")
    run = api.check_paths(["reports"], api.Options(select=["FZ", "PN", "DT"]))
    buf = io.StringIO()
    render("json", run, buf, fail_on=api.resolve().settings.fail_on)
    assert out.stdout == buf.getvalue()
    assert out.exit_code == run.exit_code("warning")
