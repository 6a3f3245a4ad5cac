"""The data flow the architecture promises, checked on the source: format libraries stay at the edges."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "reportlint"
FORMAT_LIBS = {"docx", "pdfplumber", "pdfminer", "lxml", "pypdfium2"}
# readers turn files into the model; the annotator writes a .docx copy (output side)
ALLOWED = {"readers", "formatters/annotate_docx.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


def _calls_print(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"
        for n in ast.walk(tree)
    )


def _modules() -> list[tuple[str, Path]]:
    return [(p.relative_to(SRC).as_posix(), p) for p in sorted(SRC.rglob("*.py"))]


def test_only_readers_and_the_annotator_import_format_libraries():
    offenders = []
    for rel, path in _modules():
        if rel.split("/")[0] in ALLOWED or rel in ALLOWED:
            continue
        bad = _imports(path) & FORMAT_LIBS
        if bad:
            offenders.append((rel, sorted(bad)))
    assert offenders == []


def test_nothing_below_the_formatters_prints():
    offenders = [rel for rel, path in _modules() if not rel.startswith("formatters/") and _calls_print(path)]
    assert offenders == []


def test_rules_do_not_read_files():
    offenders = []
    for rel, path in _modules():
        if rel.startswith(("checks/", "engine/", "structure/", "facts/")):
            text = path.read_text(encoding="utf-8")
            if "read_document" in text or ("from reportlint.readers" in text and "Limits" not in text):
                offenders.append(rel)
    assert offenders == []


# --- the layer contract (pyproject [tool.importlinter], docs/architecture.md) -----------------------------------

ROOT = SRC.parent.parent


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the tree under ``root`` (its ``src/`` first on the path, its pyproject's contracts)."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_layer_contract_holds():
    res = _lint_imports(ROOT)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 broken" in res.stdout


BACK_EDGES = {
    # the cycle of registration by import side effect: the rule model importing the checks
    "engine/registry.py": "import reportlint.checks",
    # the rule catalogue (config, `rules`, docs read it) taking its list from a formatter
    "engine/catalog.py": "import reportlint.formatters.ruledocs",
    # a formatter running the engine (the forbidden contract; formatters are above the engine)
    "formatters/outline.py": "import reportlint.engine.run",
    # the document model depending on a reader
    "model.py": "import reportlint.readers",
}


@pytest.mark.parametrize("module", sorted(BACK_EDGES))
def test_layer_contract_fails_on_a_deliberate_back_edge(tmp_path, module):
    shutil.copytree(SRC, tmp_path / "src" / "reportlint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / "reportlint" / module
    target.write_text(
        target.read_text(encoding="utf-8") + f"\n{BACK_EDGES[module]}  # noqa\n", encoding="utf-8"
    )
    res = _lint_imports(tmp_path)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "BROKEN" in res.stdout
    imported = BACK_EDGES[module].split()[-1]
    assert imported in res.stdout  # the report names the offending import


def test_checks_are_listed_in_one_place():
    """``reportlint.checks.MODULES`` lists every module of checks; the decorator registers nothing by itself."""
    import reportlint.checks as checks
    from reportlint.engine.registry import rule_of

    listed = {m.__name__.rsplit(".", 1)[1] for m in checks.MODULES}
    on_disk = {p.stem for p in (SRC / "checks").glob("*.py") if not p.stem.startswith("_")}
    assert listed == on_disk
    rules = checks.python_rules()
    declared = [
        r.code
        for m in checks.MODULES
        for v in vars(m).values()
        if (r := rule_of(v)) is not None and v.__module__ == m.__name__
    ]
    assert sorted(declared) == sorted(rules)
    assert not hasattr(__import__("reportlint.engine.registry").engine.registry, "_PYTHON_RULES")


def test_no_module_level_caches_in_checks():
    """Facts are cached on the Context (one per document), not in module globals of the checks."""
    offenders = []
    for rel, path in _modules():
        if not rel.startswith("checks/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.AnnAssign | ast.Assign):
                value = node.value
                if (
                    isinstance(value, ast.List | ast.Dict | ast.Set)
                    and not getattr(value, "elts", None)
                    and not (isinstance(value, ast.Dict) and value.keys)
                ):
                    offenders.append(rel)
    assert offenders == []
