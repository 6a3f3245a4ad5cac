"""The data flow the architecture promises, checked on the source: format libraries stay at the edges."""

from __future__ import annotations

import ast
from pathlib import Path

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
