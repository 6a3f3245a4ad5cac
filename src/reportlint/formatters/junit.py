"""``--format junit``: JUnit XML, one testcase per file (CI test-report panels).

A file fails when a finding reaches ``--fail-on``; the failure lists every finding. A file that could not be
read is an ``<error>``. Findings below the threshold go to ``<system-out>``.
"""

from __future__ import annotations

from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from reportlint.findings import FileResult, RunResult
from reportlint.formatters.summary import status


def _lines(r: FileResult) -> str:
    return "\n".join(
        f"{f.code} {f.severity} {f.location.describe()}: {f.message}"
        + (f" [{f.evidence}]" if f.evidence else "")
        for f in r.findings
    )


def render(run: RunResult, stream: TextIO, **options: Any) -> None:
    fail_on = str(options.get("fail_on") or "error")
    states = [status(r, fail_on) for r in run.files]
    failures = sum(1 for s in states if s == "fail")
    errors = sum(1 for r in run.files if r.error is not None)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(
        f'<testsuites name="reportlint" tests="{len(run.files)}" failures="{failures}" errors="{errors}">\n'
    )
    stream.write(
        f'  <testsuite name="reportlint" tests="{len(run.files)}" failures="{failures}" errors="{errors}" skipped="0">\n'
    )
    for r, state in zip(run.files, states, strict=True):
        stream.write(f'    <testcase classname="reportlint" name={quoteattr(r.path)}>\n')
        if r.error is not None:
            stream.write(f"      <error type={quoteattr(r.error[0])} message={quoteattr(r.error[1])}/>\n")
        elif state == "fail":
            msg = f"{r.count('error')} error(s), {r.count('warning')} warning(s), {r.count('info')} info"
            stream.write(
                f'      <failure type="reportlint" message={quoteattr(msg)}>{escape(_lines(r))}</failure>\n'
            )
        elif r.findings:
            stream.write(f"      <system-out>{escape(_lines(r))}</system-out>\n")
        stream.write("    </testcase>\n")
    stream.write("  </testsuite>\n</testsuites>\n")
