"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=reports/2021.md,line=12,title=FZ004 report-year-inconsistent::message``. Warnings become
``::warning``, infos ``::notice``. Findings without a line (.docx, .pdf) are file-level annotations whose
message starts with the page or paragraph. A file that could not be read is an ``::error`` on the file.
"""

from __future__ import annotations

from typing import Any, TextIO

from reportlint.findings import RunResult

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(run: RunResult, stream: TextIO, **_: Any) -> None:
    for r in run.files:
        if r.error is not None:
            stream.write(
                f"::error file={escape_property(r.path)},title={escape_property(r.error[0])}"
                f"::{escape_data(r.error[1])}\n"
            )
            continue
        for f in r.findings:
            props = [f"file={escape_property(r.path)}"]
            if f.location.line is not None:
                props.append(f"line={f.location.line}")
            props.append(f"title={escape_property(f'{f.code} {f.name}')}")
            message = f.message if f.location.line is not None else f"{f.location.describe()}：{f.message}"
            if f.suggestion:
                message += f"\n建议：{f.suggestion}"
            stream.write(f"::{COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}\n")
