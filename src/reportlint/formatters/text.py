"""The default terminal report (rich): per file the pack, year, required parts, then each finding.

rich is imported only when it styles something: on a terminal or with ``--color``. On a pipe or a file (and
with ``--no-color``) rich prints the text of its ``Text`` objects unstyled, so :class:`Printer` writes that
text itself, the same bytes, and a run spares rich's ~25 ms of imports (benchmarks/README.md, issue 13).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, TextIO

from reportlint.findings import FileResult, Finding, RunResult

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

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


class Line:
    """One line of output, built as rich's ``Text`` is: a base style, then pieces of text with their style."""

    __slots__ = ("pieces", "style", "text")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.text = text
        self.style = style
        self.pieces: list[tuple[str, str | None]] = []

    def append(self, text: str, style: str | None = None) -> None:
        self.pieces.append((text, style))

    @property
    def plain(self) -> str:
        return self.text + "".join(text for text, _ in self.pieces)

    def to_rich(self) -> Text:
        from rich.text import Text

        t = Text(self.text, style=self.style)
        for text, style in self.pieces:
            t.append(text, style=style)
        return t


_CONTROL_CODES = dict.fromkeys((7, 8, 11, 12, 13))
"""What rich's ``Text`` drops from its text (bell, backspace, vertical tab, form feed, carriage return)."""


class Printer:
    """Prints :class:`Line` objects: through a rich ``Console`` when that styles them, else as plain text."""

    def __init__(self, stream: TextIO, color: bool | None, width: int | None) -> None:
        self.stream = stream
        self.color = color
        self.width = width
        self.plain = not _styled(stream, color)
        self._console: Console | None = None

    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            stream, color = self.stream, self.color
            self._console = Console(
                file=stream,
                highlight=False,
                force_terminal=color if color is not None else None,
                no_color=color is False,
                width=self.width or (None if stream.isatty() else 120),
                soft_wrap=not stream.isatty(),
            )
        return self._console

    def print(self, line: Line | None = None) -> None:
        """Print ``line`` (an empty line without one)."""
        if line is None:
            if self.plain:
                self.stream.write("\n")
            else:
                self.console().print()
        elif self.plain and "\t" not in line.plain:  # rich expands tabs by cell width: leave that to it
            try:
                self.stream.write(line.plain.translate(_CONTROL_CODES) + "\n")
            except UnicodeEncodeError as error:  # the hint rich gives
                error.reason += "\n*** You may need to add PYTHONIOENCODING=utf-8 to your environment ***"
                raise
        else:
            self.console().print(line.to_rich())


def _styled(stream: TextIO, color: bool | None) -> bool:
    """Whether rich could style the output: ``--color``, or a terminal, or an environment that forces one.

    This follows rich's ``Console.is_terminal`` for the arguments :class:`Printer` gives it; when in doubt
    (``FORCE_COLOR``, ``TTY_COMPATIBLE``, an ``isatty`` that fails) rich itself decides.
    """
    if color is not None:
        return color
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return True
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return True


def _excerpt(f: Finding) -> Line:
    t = Line("    │ ", style="dim")
    if f.span:
        s, e = f.span
        t.append(f.excerpt[:s])
        t.append(f.excerpt[s:e] or "⌃", style="bold reverse")
        t.append(f.excerpt[e:])
    else:
        t.append(f.excerpt)
    return t


def render_file(out: Printer, r: FileResult, *, verbose: bool, show_parts: bool) -> None:
    header = Line()
    header.append(r.path, style="bold")
    if r.error:
        header.append("  ✗ ", style="bold red")
        header.append(f"{r.error[0]}: {r.error[1]}", style="red")
        out.print(header)
        return
    meta = [f"genre {r.genre.describe()}"] if r.genre is not None else []
    meta.append(f"pack {r.pack}" + (" (--pack)" if r.pack_forced else ""))
    if r.profile:
        meta.append(f"profile {r.profile}")
    meta.append(f"year {r.year} ({r.year_source})" if r.year and r.year_source else f"year {r.year or '?'}")
    header.append("  " + " · ".join(meta), style="dim")
    out.print(header)
    for note in r.notes:
        out.print(Line(f"  note: {note}", style="dim"))
    if show_parts and r.parts:
        out.print(Line("  Required parts", style="bold"))
        for p in r.parts:
            mark, style = ("✓", "green") if p.found else (("✗", "red") if p.required else ("–", "dim"))
            line = Line(f"    {mark} ", style=style)
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
            out.print(line)
    if not r.findings:
        out.print(Line("  no findings", style="green"))
    for f in r.findings:
        line = Line("  ")
        line.append(f"{f.code}", style=SEV_STYLE[f.severity])
        line.append(f" {f.severity:<7} ", style=SEV_STYLE[f.severity])
        line.append(_location(f, r.format), style="bold")
        if f.section:
            line.append(f"  {f.section}", style="dim")
        out.print(line)
        out.print(Line("    " + f.message))
        if f.excerpt:
            out.print(_excerpt(f))
        if f.evidence:
            out.print(Line(f"    evidence: {f.evidence}", style="magenta"))
        info = r.rules.get(f.code)
        if verbose and info is not None:
            out.print(Line(f"    why: {info.why}", style="dim"))
        if f.suggestion:
            out.print(Line(f"    instead: {f.suggestion}", style="green"))
        elif verbose and info is not None and info.use_instead:
            out.print(Line(f"    e.g.: {info.use_instead}", style="green"))
        out.print(Line(f"    [{f.name}]", style="dim"))
    for sup in r.unused_suppressions:
        out.print(Line(f"  unused suppression ({sup.location.describe()}): {sup.text}", style="yellow"))


STATUS_STYLE = {"ok": "green", "fail": "bold red"}


def summary_table(run: RunResult, fail_on: str) -> Table:
    """One row per file: file, pack, year, errors, warnings, infos, status."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from reportlint.formatters.summary import HEADERS, rows

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
    out = Printer(stream, options.get("color"), options.get("width"))
    verbose = bool(options.get("verbose", True))
    for i, r in enumerate(run.files):
        if i:
            out.print()
        render_file(out, r, verbose=verbose, show_parts=bool(options.get("show_parts", True)))
    if len(run.files) > 1 or options.get("summary_table"):
        out.print()
        out.console().print(summary_table(run, str(options.get("fail_on") or "error")))
    if run.stale:
        out.print()
        out.print(
            Line(
                f"{len(run.stale)} stale baseline entr{'y' if len(run.stale) == 1 else 'ies'} "
                "(no longer found; refresh with --write-baseline):",
                style="yellow",
            )
        )
        for entry in run.stale:
            out.print(
                Line(f"  {entry.path}  {entry.code}  {entry.message}  [{entry.fingerprint}]", style="dim")
            )
    e, w, n = run.count("error"), run.count("warning"), run.count("info")
    summary = Line("\n")
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
    out.print(summary)


__all__ = ["render"]
