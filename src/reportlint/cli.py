"""Command line: a thin layer over :mod:`reportlint.api` and the formatters.

Exit status: 0 clean, 1 a finding reaches ``--fail-on``, 2 a usage, config or pack error or an unreadable file.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from reportlint import __version__

app = typer.Typer(
    name="reportlint",
    help="Lint Chinese government annual reports (.docx, .pdf, .txt, .md).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def _die(message: str, code: int = 2) -> None:
    typer.echo(f"reportlint: {message}", err=True)
    raise typer.Exit(code)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"reportlint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],  # noqa: UP045 (typer needs Optional at runtime on 3.11)
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."
        ),
    ] = None,
) -> None:
    """reportlint: lint Chinese government annual reports."""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or directories (.docx, .pdf, .txt, .md).")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that fails the run.")
    ] = FailOn.error,
    pack: Annotated[
        str | None, typer.Option("--pack", help="Pack name (fazhi …) or path to a pack.yaml.")
    ] = None,
    profile: Annotated[
        str | None, typer.Option("--profile", help="Pack profile (department, government).")
    ] = None,
    select: Annotated[
        str | None, typer.Option("--select", help="Comma-separated codes, prefixes or names to run.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="Comma-separated codes, prefixes or names to skip.")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Text output: omit why/instead lines and parts.")
    ] = False,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")] = None,
    previous: Annotated[
        str | None,
        typer.Option("--previous", help="Last year's report, to compare carried-over figures (GK008)."),
    ] = None,
) -> None:
    """Lint report files and print the findings."""
    from reportlint.api import Settings, lint_paths
    from reportlint.errors import PackError
    from reportlint.formatters import render

    settings = Settings(
        pack=pack,
        profile=profile,
        select=[s for s in (select or "").split(",") if s.strip()],
        ignore=[s for s in (ignore or "").split(",") if s.strip()],
        fail_on=fail_on.value,
        extra={"previous": previous} if previous else {},
    )
    if previous and not Path(previous).is_file():
        _die(f"--previous: {previous}: no such file")
    try:
        run = lint_paths(paths, settings)
    except PackError as exc:
        _die(str(exc))
        return
    if not run.files:
        _die("no report files found in the given paths")
    render(fmt.value, run, sys.stdout, verbose=not quiet, show_parts=not quiet, color=color)
    raise typer.Exit(run.exit_code(settings.fail_on))


@app.command()
def outline(
    path: Annotated[str, typer.Argument(help="A report file.")],
    pack: Annotated[Optional[str], typer.Option("--pack", help="Pack name or path.")] = None,  # noqa: UP045
) -> None:
    """Print the structure reportlint recognised: title, cover letter, attachment, sections, required parts."""
    from reportlint.api import Settings, outline_file
    from reportlint.errors import FileError, PackError
    from reportlint.formatters.outline import render_outline

    settings = Settings(pack=pack)
    try:
        doc, out = outline_file(path, settings)
        render_outline(doc, out, settings, sys.stdout)
    except FileError as exc:
        _die(f"{path}: {exc.code}: {exc.message}")
    except PackError as exc:
        _die(str(exc))


@app.command("rules")
def list_rules(
    pack: Annotated[Optional[str], typer.Option("--pack", help="Pack name or path.")] = None,  # noqa: UP045
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List every rule: code, name, severity, origin and summary."""
    from reportlint.errors import PackError
    from reportlint.formatters.ruledocs import render_rules

    try:
        render_rules(sys.stdout, pack=pack, as_json=as_json)
    except PackError as exc:
        _die(str(exc))


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. FZ001.")]) -> None:
    """Explain a rule: what it does, why it matters, an example, what to write instead, and its source."""
    from reportlint.formatters.ruledocs import render_explain

    if not render_explain(sys.stdout, code):
        _die(f"unknown rule code {code!r} (see `reportlint rules`)")


def main() -> None:
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]):
        sys.stdout.write(f"reportlint {__version__}\n")
        return
    app(prog_name="reportlint")


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["Path", "app", "main"]
