"""One rule model: declared options validated where they are given, severity assigned by the engine only,
facts cached on the Context, --previous a typed object."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ci_helpers import cli, copy_fixtures
from reportlint.api import PreviousReport, Settings, lint_file
from reportlint.config import ConfigError, load_config
from reportlint.engine.catalog import all_rules, python_rules
from reportlint.engine.pack import load_pack, packs_dir
from reportlint.engine.registry import Option, effective_severity, selects
from reportlint.engine.run import registry_for
from reportlint.errors import PackError
from reportlint.findings import Finding
from reportlint.model import Location

CASES = Path(__file__).parent / "cases"


def _case(code: str, name: str) -> dict:
    data = yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8"))
    return next(c for c in data["cases"] if c["name"] == name)


def _lint(tmp_path: Path, text: str, **kw) -> list[Finding]:
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    res = lint_file(str(p), Settings(**kw))
    assert res.error is None, res.error
    return res.findings


# --- options --------------------------------------------------------------------------------------------------


def test_grace_days_is_declared_and_read(tmp_path):
    text = _case("FZ007", "department-past-deadline")["text"]  # 2024年3月15日, deadline 1 March
    assert [f.code for f in _lint(tmp_path, text, select=["FZ007"])] == ["FZ007"]
    assert _lint(tmp_path, text, select=["FZ007"], options={"FZ007": {"grace-days": 15}}) == []
    assert len(_lint(tmp_path, text, select=["FZ007"], options={"FZ007": {"grace-days": 14}})) == 1
    fz007 = python_rules()["FZ007"]
    assert [o.name for o in fz007.options] == ["grace-days"] and fz007.defaults() == {"grace-days": 0}


@pytest.mark.parametrize(
    ("toml", "expect"),
    [
        (
            "[options.FZ007]\ngrace-day = 3\n",
            "reportlint.toml: options.FZ007.grace-day: unknown option of FZ007",
        ),
        (
            "[options.FZ007]\ngrace-days = 'x'\n",
            "reportlint.toml: options.FZ007.grace-days: expected a whole number",
        ),
        ("[options.FZ007]\ngrace-days = true\n", "options.FZ007.grace-days: expected a whole number"),
        (
            "[options.PN001]\nstrict = true\n",
            "options.PN001.strict: unknown option of PN001 (its options: none)",
        ),
        ("[options.FZ]\ngrace-days = 3\n", "options.FZ: options are given per rule code"),
    ],
)
def test_bad_rule_options_name_the_file_and_key(tmp_path, monkeypatch, toml, expect):
    copy_fixtures(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reportlint.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "reportlint.toml")
    assert expect in str(exc.value)
    res = cli("check", "yunxi-2023.txt")
    assert res.exit_code == 2 and expect in res.stderr


def test_api_settings_options_are_validated_too(tmp_path):
    text = _case("FZ007", "department-past-deadline")["text"]
    with pytest.raises(PackError, match=r"options\.FZ007\.grace: unknown option of FZ007"):
        _lint(tmp_path, text, select=["FZ007"], options={"FZ007": {"grace": 1}})


def _pack_with_options(tmp_path: Path, options: dict, select: str = "FZ007") -> Path:
    data = yaml.safe_load((packs_dir() / "fazhi" / "pack.yaml").read_text(encoding="utf-8"))
    data["checks"].append({"select": select, "options": options})
    p = tmp_path / "pack.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def test_pack_options_are_validated_naming_file_and_key(tmp_path):
    path = _pack_with_options(tmp_path, {"grace-day": 2})
    with pytest.raises(
        PackError, match=r"pack\.yaml: checks\[\d+\]\.options\.grace-day: no rule selected by"
    ):
        registry_for(load_pack(path))
    path = _pack_with_options(tmp_path, {"grace-days": "two"})
    with pytest.raises(PackError, match=r"checks\[\d+\]\.options\.grace-days: expected a whole number"):
        registry_for(load_pack(path))


def test_pack_options_reach_the_check(tmp_path):
    path = _pack_with_options(tmp_path, {"grace-days": 30}, select="FZ")  # a prefix: every FZ rule taking it
    text = _case("FZ007", "department-past-deadline")["text"]
    assert _lint(tmp_path, text, select=["FZ007"], pack=str(path)) == []


def test_option_defaults_are_checked_at_declaration():
    assert Option("n", int, 0, "").convert(3, "x") == 3
    with pytest.raises(PackError, match="expected a whole number"):
        Option("n", int, 0, "").convert(True, "x")
    assert Option("n", list[str], [], "").convert(["a"], "x") == ["a"]


# --- severity -------------------------------------------------------------------------------------------------


def test_user_severity_wins_over_a_checks_downgrade(tmp_path):
    case = _case("ST001", "bare-form-after-definition")  # a finding the check reports at most as info
    found = _lint(tmp_path, case["text"], select=["ST001"])
    assert [f.severity for f in found] == ["info"]
    found = _lint(tmp_path, case["text"], select=["ST001"], severity={"ST001": "error"})
    assert [f.severity for f in found] == ["error"]
    found = _lint(tmp_path, case["text"], select=["ST001"], severity={"ST": "warning"})
    assert [f.severity for f in found] == ["warning"]


def _finding(severity: str) -> Finding:
    return Finding("GW005", "x", severity, "m", Location(), "", "")  # type: ignore[arg-type]


def test_effective_severity_order():
    gw005 = python_rules()["GW005"]  # default warning
    assert gw005.severity == "warning"
    assert effective_severity(gw005, _finding("warning"), "warning", None) == "warning"
    assert effective_severity(gw005, _finding("info"), "warning", None) == "info"  # at_most
    assert effective_severity(gw005, _finding("warning"), "error", None) == "error"  # the pack's
    assert effective_severity(gw005, _finding("info"), "error", None) == "info"  # at_most still caps
    assert effective_severity(gw005, _finding("info"), "warning", "error") == "error"  # the user's wins


def test_checks_do_not_pass_severity():
    """Checks mark uncertainty with ``at_most``; ``severity=`` is the engine's."""
    src = Path(__file__).resolve().parent.parent / "src" / "reportlint" / "checks"
    offenders = [
        p.name for p in src.glob("*.py") if "ctx.finding(" in p.read_text() and "severity=" in p.read_text()
    ]
    assert offenders == []


# --- one selector definition, one catalogue -------------------------------------------------------------------


def test_selects():
    assert selects("ALL", "FZ001", "x-y")
    assert selects("fz", "FZ001", "x-y") and selects("FZ00", "FZ001", "x-y")
    assert selects("x-y", "FZ001", "x-y") and not selects("x", "FZ001", "x-y")
    assert not selects("", "FZ001", "x-y") and not selects("  ", "FZ001", "x-y")


def test_catalogue_holds_python_and_pack_rules():
    reg = all_rules()
    assert {"FZ001", "GK001", "FZ007", "NUM001"} <= {r.code for r in reg}
    assert reg.get("FZ001").origin == "fazhi" and reg.get("FZ007").origin == "python"


# --- caches on the Context, typed --previous ------------------------------------------------------------------


def test_previous_report_is_typed_and_caches_its_outline_and_tables(tmp_path):
    gk = Path(__file__).resolve().parent.parent / "examples" / "gk"
    prev = PreviousReport(str(gk / "gk-2022-previous.md"))
    found = lint_file(str(gk / "gk-2023-broken-balance.md"), Settings(select=["GK008"], previous=prev))
    assert [f.code for f in found.findings] == ["GK008", "GK008"]
    assert prev.doc is not None and prev.year == 2022
    assert prev.outline is prev.outline and prev.gk_tables is prev.gk_tables
    assert all(str(gk / "gk-2022-previous.md") in (f.evidence or "") for f in found.findings)


# --- pack rule types ------------------------------------------------------------------------------------------


def test_substitution_pack_rule_uses_the_shared_engine(tmp_path):
    data = yaml.safe_load((packs_dir() / "fazhi" / "pack.yaml").read_text(encoding="utf-8"))
    data["pack"] = "mine"
    doc = {k: "x" for k in ("what", "why", "example", "use_instead", "source")}
    data["rules"] = [
        {
            "code": "ZZ001",
            "name": "house-word-misused",
            "type": "substitution",
            "severity": "info",
            "summary": "s",
            "message": "“{match}”应为“{right}”（{note}）",
            "doc": doc,
            "swap": [["请假制度", "休假制度", "本单位用语"]],
        }
    ]
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = "青川县市场监督管理局2023年度法治政府建设情况报告\n\n一、主要举措和成效\n\n严格执行请假制度，修订《请假制度》。\n"
    found = _lint(tmp_path, text, select=["ZZ001"], pack=str(path))
    assert [(f.message, f.suggestion) for f in found] == [
        ("“请假制度”应为“休假制度”（本单位用语）", "休假制度")
    ]
    data["rules"][0]["swap"] = [["请假(", "休假"]]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PackError, match=r"mine\.yaml: rules\[0\] \(ZZ001\): word list row .*bad regex"):
        registry_for(load_pack(path))


def test_pack_rule_types_without_users_are_gone(tmp_path):
    data = yaml.safe_load((packs_dir() / "fazhi" / "pack.yaml").read_text(encoding="utf-8"))
    data["rules"][0]["type"] = "forbidden-pattern"
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PackError, match=r"rules\[0\]\.type"):
        load_pack(path)


# --- the scaffold of docs/adding-a-rule.md --------------------------------------------------------------------


def test_new_rule_scaffold_adds_a_collected_check(tmp_path):
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    for d in ("src", "scripts", "rules", "docs"):
        shutil.copytree(root / d, tmp_path / d, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "tests" / "cases", tmp_path / "tests" / "cases")
    env = {**__import__("os").environ, "PYTHONPATH": str(tmp_path / "src")}
    run = [sys.executable, str(tmp_path / "scripts" / "new_rule.py"), "PN099", "ellipsis-doubled"]
    res = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "tests" / "cases" / "PN099.yaml").is_file()
    assert "## PN099 `ellipsis-doubled`" in (tmp_path / "docs" / "rules.md").read_text(encoding="utf-8")
    probe = "from reportlint.checks import python_rules; r = python_rules()['PN099']; print(r.name, r.doc.missing())"
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.stdout.split()[0] == "ellipsis-doubled"  # collected, with its doc headings still to write
    again = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 2 and "already used" in again.stderr
