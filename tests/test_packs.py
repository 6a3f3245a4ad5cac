"""Rule packs: schema validation with errors that name the file and the key; user packs; the wheel ships them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from reportlint.engine.pack import builtin_packs, load_pack, packs_dir
from reportlint.engine.run import registry_for
from reportlint.errors import PackError

ROOT = Path(__file__).resolve().parent.parent


def _write(tmp_path: Path, data: dict) -> Path:
    p = tmp_path / "pack.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def _fazhi() -> dict:
    return yaml.safe_load((packs_dir() / "fazhi" / "pack.yaml").read_text(encoding="utf-8"))


def test_shipped_packs_load():
    packs = builtin_packs()
    assert {"fazhi", "gk"} <= set(packs)
    for pack in packs.values():
        assert len(registry_for(pack)) > 0
        pack.check_patterns()  # built-in packs are loaded without compiling their patterns: check them here


def test_bad_severity_names_file_and_key(tmp_path):
    data = _fazhi()
    data["rules"][1]["severity"] = "fatal"
    path = _write(tmp_path, data)
    with pytest.raises(PackError) as err:
        load_pack(path)
    msg = str(err.value)
    assert str(path) in msg and "rules[1].severity" in msg and "fatal" in msg


def test_unknown_key_is_refused(tmp_path):
    data = _fazhi()
    data["parts"][0]["headings"] = ["举措"]
    with pytest.raises(PackError, match=r"parts\[0\]"):
        load_pack(_write(tmp_path, data))


def test_bad_regex_names_the_rule(tmp_path):
    data = _fazhi()
    data["rules"][1]["patterns"] = ["原因("]
    with pytest.raises(PackError, match=r"FZ002.*invalid regular expression"):
        load_pack(_write(tmp_path, data))


def test_part_reference_must_exist(tmp_path):
    data = _fazhi()
    data["rules"][1]["part"] = "causes"
    with pytest.raises(PackError, match=r"rules\[1\]\.part"):
        load_pack(_write(tmp_path, data))


def test_code_clash_with_a_builtin_check_is_a_load_error(tmp_path):
    data = _fazhi()
    data["rules"][0]["code"] = "DT001"
    with pytest.raises(PackError, match="DT001 is already used"):
        registry_for(load_pack(_write(tmp_path, data)))


def test_invalid_yaml(tmp_path):
    p = tmp_path / "pack.yaml"
    p.write_text("pack: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackError, match="not valid YAML"):
        load_pack(p)


def test_user_pack_with_its_own_part_wording(tmp_path, lint_text):
    data = _fazhi()
    data["pack"] = "local"
    for part in data["parts"]:
        if part["id"] == "plan":
            part["heading"] = ["明年打算"]
            part.pop("exclude", None)
    path = _write(tmp_path, data)
    text = (
        "某局2023年度法治政府建设情况报告\n\n一、主要举措和成效\n\n正文。\n\n二、存在的不足和原因\n\n原因是培训不足。\n\n"
        "三、主要负责人履行推进法治建设第一责任人职责情况\n\n正文。\n\n四、来年展望\n\n正文。\n"
    )
    assert [f.key for f in lint_text(text, select=["FZ001"]).findings] == []  # shipped pack: 展望 is a plan
    res = lint_text(text, select=["FZ001"], pack=str(path))
    assert [f.key for f in res.findings] == ["plan"]  # the user pack only knows 明年打算
    assert res.pack == "local"
    res = lint_text(text.replace("四、来年展望", "四、明年打算"), select=["FZ001"], pack=str(path))
    assert res.findings == []


@pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")
def test_wheel_ships_the_packs_and_runs_from_anywhere(tmp_path):
    out = tmp_path / "dist"
    subprocess.run(
        ["uv", "build", "--wheel", "--python", sys.executable, "-o", str(out), "-q"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wheel = next(out.glob("reportlint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "reportlint/_packs/fazhi/pack.yaml" in names and "reportlint/_packs/gk/pack.yaml" in names
    assert "reportlint/data/domain_words.txt" in names
    venv = tmp_path / "venv"
    subprocess.run(
        ["uv", "venv", "-q", "--python", sys.executable, str(venv)], check=True, capture_output=True
    )
    py = venv / "bin" / "python"
    subprocess.run(
        ["uv", "pip", "install", "-q", "--python", str(py), str(wheel)], check=True, capture_output=True
    )
    report = tmp_path / "r.txt"
    report.write_text((ROOT / "examples" / "defects.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run(
        [str(venv / "bin" / "reportlint"), "check", str(report), "--format", "json", "--timeout", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert '"FZ001"' in run.stdout and '"pack": "fazhi"' in run.stdout
