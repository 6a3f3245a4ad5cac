"""``--format markdown``: a summary for a pull-request comment (GitHub-flavoured Markdown)."""

from __future__ import annotations

from typing import Any, TextIO

from reportlint.findings import RunResult
from reportlint.formatters.summary import HEADERS, rows

ICON = {"ok": "✅ ok", "fail": "❌ fail"}
SEV = {"error": "🔴 error", "warning": "🟡 warning", "info": "🔵 info"}


def cell(s: object) -> str:
    """Escape a value for a table cell (pipes, newlines, HTML-significant characters)."""
    return (
        str(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )


def render(run: RunResult, stream: TextIO, **options: Any) -> None:
    fail_on = str(options.get("fail_on") or "error")
    e, w, n = run.count("error"), run.count("warning"), run.count("info")
    stream.write("### reportlint\n\n")
    line = f"**{len(run.files)}** file(s) · **{e}** error(s) · **{w}** warning(s) · **{n}** info"
    if run.unreadable:
        line += f" · **{run.unreadable}** unreadable"
    baselined = sum(r.baselined for r in run.files)
    if baselined:
        line += f" · {baselined} hidden by the baseline"
    stream.write(line + "\n\n")
    stream.write("| " + " | ".join(HEADERS) + " |\n")
    stream.write("|" + "|".join(["---", "---", "---", "--:", "--:", "--:", "---"]) + "|\n")
    for row in rows(run, fail_on):
        status = ICON.get(row.status, f"⚠️ {row.status}")
        stream.write(
            f"| `{cell(row.file)}` | {cell(row.pack)} | {row.year} | {row.errors} | {row.warnings} | "
            f"{row.infos} | {status} |\n"
        )
    for r in run.files:
        if r.error is not None or not r.findings:
            continue
        genre = f" ({cell(r.genre.describe())})" if r.genre is not None else ""
        stream.write(
            f"\n<details><summary><code>{cell(r.path)}</code>{genre}: {len(r.findings)} finding(s)</summary>\n\n"
        )
        stream.write("| code | severity | where | message |\n|---|---|---|---|\n")
        for f in r.findings:
            where = f.location.describe() + (f" · {f.section}" if f.section else "")
            msg = f.message + (f"（{f.evidence}）" if f.evidence else "")
            stream.write(f"| `{f.code}` {cell(f.name)} | {SEV[f.severity]} | {cell(where)} | {cell(msg)} |\n")
        stream.write("\n</details>\n")
    if run.stale:
        stream.write(
            f"\n{len(run.stale)} baseline entr{'y is' if len(run.stale) == 1 else 'ies are'} stale "
            "(the finding no longer occurs); refresh the baseline with `--write-baseline`.\n"
        )
