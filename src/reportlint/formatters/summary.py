"""The per-file summary rows shared by the text and markdown formats (file, pack, year, counts, status)."""

from __future__ import annotations

import msgspec

from reportlint.findings import SEVERITY_RANK, FileResult, RunResult


class Row(msgspec.Struct, frozen=True):
    file: str
    pack: str
    year: str
    errors: int
    warnings: int
    infos: int
    status: str
    """``ok``, ``fail`` (a finding reaches ``--fail-on``) or ``unreadable: <code>`` and the like."""


def status(r: FileResult, fail_on: str = "error") -> str:
    if r.error is not None:
        return r.error[0]
    threshold = SEVERITY_RANK.get(fail_on, 2)
    return "fail" if any(SEVERITY_RANK[f.severity] >= threshold for f in r.findings) else "ok"


def rows(run: RunResult, fail_on: str = "error") -> list[Row]:
    return [
        Row(
            r.path,
            r.pack or "—",
            str(r.year) if r.year else "—",
            r.count("error"),
            r.count("warning"),
            r.count("info"),
            status(r, fail_on),
        )
        for r in run.files
    ]


HEADERS = ("file", "pack", "year", "errors", "warnings", "infos", "status")
