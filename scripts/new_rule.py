"""Scaffold a new Python rule: the check stub, its cases file, and the regenerated docs/rules.md.

Usage::

    uv run python scripts/new_rule.py PN009 ellipsis-doubled [--severity warning] [--summary "One line."]

Appends a decorated stub to ``src/reportlint/checks/<family>.py`` (the family module must exist; a new family is
a new module listed in ``reportlint.checks.MODULES``), writes ``tests/cases/<CODE>.yaml`` with one failing and one
passing case to fill in, and regenerates ``docs/rules.md``. The new rule's tests fail until its documentation
and cases are written: that is the to-do list (docs/adding-a-rule.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "src" / "reportlint" / "checks"
CASES = ROOT / "tests" / "cases"

STUB = '''

@rule(
    "{code}",
    "{name}",
    "{severity}",
    "{summary}",
    RuleDoc(
        what="",  # what the check looks at and what it flags (the tests fail while a heading is empty)
        why="",  # why it matters to the reader or the reviewer
        example="",  # a sentence of your own that is flagged
        use_instead="",  # the same sentence, corrected
        source="",  # the norm: 条例, GB/T, the format, or practice of official writing
    ),
)
def {func}(ctx: Context) -> Iterator[Finding]:
    """{summary}"""
    for p in ctx.doc.paragraphs:
        if p.in_table or not p.text.strip():
            continue
        # Find the pattern in p.text, then report its span (severity is the engine's; a less certain
        # finding may pass at_most="info"):
        #   yield ctx.finding(p.index, start, end, "message in Chinese", evidence=..., suggestion=...)
    yield from ()
'''

CASES_TEXT = """rule: {code}
cases:
- name: flagged
  # a short report of your own (never sentences of real documents) with one occurrence of the pattern
  text: |
    青川县市场监督管理局2023年度法治政府建设情况报告

    一、主要举措和成效

    (a sentence that shows the pattern)
  expect:
  - (the flagged text, exactly the finding's span)
- name: not-flagged
  text: |
    青川县市场监督管理局2023年度法治政府建设情况报告

    一、主要举措和成效

    (the same sentence written correctly, or a near miss that must stay silent)
  expect: []
"""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("code", help="family prefix + three digits, e.g. PN009")
    ap.add_argument("name", help="kebab-case name of the flagged pattern, e.g. ellipsis-doubled")
    ap.add_argument("--severity", choices=["error", "warning", "info"], default="warning")
    ap.add_argument("--summary", default="TODO: one line saying what is flagged.")
    args = ap.parse_args(argv)

    from reportlint.engine.catalog import all_rules
    from reportlint.engine.registry import validate_identity
    from reportlint.errors import PackError

    code, name = args.code.upper(), args.name
    try:
        validate_identity(code, name, "new rule")
    except PackError as exc:
        print(exc, file=sys.stderr)
        return 2
    existing = all_rules()
    if code in existing or any(r.name == name and r.family == code.rstrip("0123456789") for r in existing):
        print(f"{code} or {name} is already used (see `reportlint rules`)", file=sys.stderr)
        return 2
    family = code.rstrip("0123456789").lower()
    module = CHECKS / f"{family}.py"
    if not module.is_file():
        print(
            f"no module {module.relative_to(ROOT)}: create it (imports as in checks/pn.py) and add it to "
            "MODULES in src/reportlint/checks/__init__.py, then run this again",
            file=sys.stderr,
        )
        return 2
    cases = CASES / f"{code}.yaml"
    if cases.exists():
        print(f"{cases.relative_to(ROOT)} exists already", file=sys.stderr)
        return 2
    summary = args.summary.replace('"', "'")
    func = name.replace("-", "_")
    module.write_text(
        module.read_text(encoding="utf-8").rstrip("\n")
        + "\n"
        + STUB.format(code=code, name=name, severity=args.severity, summary=summary, func=func),
        encoding="utf-8",
    )
    cases.write_text(CASES_TEXT.format(code=code), encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py")], check=True)
    print(f"added {code} {name}: {module.relative_to(ROOT)} (stub), {cases.relative_to(ROOT)} (cases)")
    print(f"next: write the check and its doc, fill the cases, run: uv run pytest -q -k {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
