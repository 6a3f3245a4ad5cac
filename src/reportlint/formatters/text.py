"""The default terminal report (rich): per file the pack, year, required parts, then each finding."""

from __future__ import annotations

from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from reportlint.findings import FileResult, Finding, RunResult
from reportlint.formatters.summary import HEADERS, rows

SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _location(f: Finding, fmt: str | None) -> str:
    loc = f.location
    bits = []
    if fmt == "pdf" and loc.page is not None:
        bits.append(f"p.{loc.page}")
    elif fmt == "docx" and loc.paragraph is not None:
        bits.append(f"¶{loc.paragraph}")
    elif loc.line is not None:
        bits.append(f"L{loc.line}")
    else:
        if loc.page is not None:
            bits.append(f"p.{loc.page}")
        if loc.paragraph is not None:
            bits.append(f"¶{loc.paragraph}")
    if loc.table is not None:
        bits.append(f"表{loc.table}" + (f"[{loc.row},{loc.col}]" if loc.row else ""))
    return " ".join(bits) or "—"


def _excerpt(f: Finding) -> Text:
    t = Text("    │ ", style="dim")
    if f.span:
        s, e = f.span
        t.append(f.excerpt[:s])
        t.append(f.excerpt[s:e] or "⌃", style="bold reverse")
        t.append(f.excerpt[e:])
    else:
        t.append(f.excerpt)
    return t


def render_file(console: Console, r: FileResult, *, verbose: bool, show_parts: bool) -> None:
    header = Text()
    header.append(r.path, style="bold")
    if r.error:
        header.append("  ✗ ", style="bold red")
        header.append(f"{r.error[0]}: {r.error[1]}", style="red")
        console.print(header)
        return
    meta = [f"genre {r.genre.describe()}"] if r.genre is not None else []
    meta.append(f"pack {r.pack}" + (" (--pack)" if r.pack_forced else ""))
    if r.profile:
        meta.append(f"profile {r.profile}")
    meta.append(f"year {r.year} ({r.year_source})" if r.year and r.year_source else f"year {r.year or '?'}")
    header.append("  " + " · ".join(meta), style="dim")
    console.print(header)
    for note in r.notes:
        console.print(Text(f"  note: {note}", style="dim"))
    if show_parts and r.parts:
        console.print(Text("  Required parts", style="bold"))
        for p in r.parts:
            mark, style = ("✓", "green") if p.found else (("✗", "red") if p.required else ("–", "dim"))
            line = Text(f"    {mark} ", style=style)
            line.append(p.label)
            if p.found and p.heading:
                where = ""
                if p.location is not None:
                    where = p.location.describe()
                line.append(f"  ← {p.heading}", style="dim")
                if where:
                    line.append(f" ({where})", style="dim")
            elif not p.required:
                line.append("  (optional)", style="dim")
            console.print(line)
    if not r.findings:
        console.print(Text("  no findings", style="green"))
    for f in r.findings:
        line = Text("  ")
        line.append(f"{f.code}", style=SEV_STYLE[f.severity])
        line.append(f" {f.severity:<7} ", style=SEV_STYLE[f.severity])
        line.append(_location(f, r.format), style="bold")
        if f.section:
            line.append(f"  {f.section}", style="dim")
        console.print(line)
        console.print(Text("    " + f.message))
        if f.excerpt:
            console.print(_excerpt(f))
        if f.evidence:
            console.print(Text(f"    evidence: {f.evidence}", style="magenta"))
        info = r.rules.get(f.code)
        if verbose and info is not None:
            console.print(Text(f"    why: {info.why}", style="dim"))
        if f.suggestion:
            console.print(Text(f"    instead: {f.suggestion}", style="green"))
        elif verbose and info is not None and info.use_instead:
            console.print(Text(f"    e.g.: {info.use_instead}", style="green"))
        console.print(Text(f"    [{f.name}]", style="dim"))
    for sup in r.unused_suppressions:
        console.print(Text(f"  unused suppression ({sup.location.describe()}): {sup.text}", style="yellow"))


STATUS_STYLE = {"ok": "green", "fail": "bold red"}


def summary_table(run: RunResult, fail_on: str) -> Table:
    """One row per file: file, pack, year, errors, warnings, infos, status."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for h in HEADERS:
        table.add_column(h, justify="right" if h in ("errors", "warnings", "infos") else "left")
    for row in rows(run, fail_on):
        table.add_row(
            row.file,
            row.pack,
            row.year,
            str(row.errors),
            str(row.warnings),
            str(row.infos),
            Text(row.status, style=STATUS_STYLE.get(row.status, "bold red")),
        )
    return table


def render(run: RunResult, stream: TextIO, **options: Any) -> None:
    color = options.get("color")
    console = Console(
        file=stream,
        highlight=False,
        force_terminal=color if color is not None else None,
        no_color=color is False,
        width=options.get("width") or (None if stream.isatty() else 120),
        soft_wrap=not stream.isatty(),
    )
    verbose = bool(options.get("verbose", True))
    for i, r in enumerate(run.files):
        if i:
            console.print()
        render_file(console, r, verbose=verbose, show_parts=bool(options.get("show_parts", True)))
    if len(run.files) > 1 or options.get("summary_table"):
        console.print()
        console.print(summary_table(run, str(options.get("fail_on") or "error")))
    if run.stale:
        console.print()
        console.print(
            Text(
                f"{len(run.stale)} stale baseline entr{'y' if len(run.stale) == 1 else 'ies'} "
                "(no longer found; refresh with --write-baseline):",
                style="yellow",
            )
        )
        for entry in run.stale:
            console.print(
                Text(f"  {entry.path}  {entry.code}  {entry.message}  [{entry.fingerprint}]", style="dim")
            )
    e, w, n = run.count("error"), run.count("warning"), run.count("info")
    summary = Text("\n")
    summary.append(f"{len(run.files)} file(s)", style="bold")
    summary.append(f" · {e} error(s)", style=SEV_STYLE["error"] if e else "dim")
    summary.append(f" · {w} warning(s)", style=SEV_STYLE["warning"] if w else "dim")
    summary.append(f" · {n} info", style=SEV_STYLE["info"] if n else "dim")
    if run.unreadable:
        summary.append(f" · {run.unreadable} unreadable", style="bold red")
    suppressed = sum(r.suppressed for r in run.files)
    if suppressed:
        summary.append(f" · {suppressed} suppressed inline", style="dim")
    baselined = sum(r.baselined for r in run.files)
    if baselined:
        summary.append(f" · {baselined} hidden by the baseline", style="dim")
    console.print(summary)


__all__ = ["escape", "render"]
