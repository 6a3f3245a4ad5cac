"""Command line: a thin layer over :mod:`reportlint.api` and the formatters.

Exit status: 0 clean, 1 a finding reaches ``--fail-on``, 2 a usage, config or pack error or an unreadable file.
"""

# No ``from __future__ import annotations`` here: typer reads the parameters' annotations at every run, and
# string annotations would be compiled and evaluated each time (~9 ms for `check`'s 23 parameters, issue 13).

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from reportlint import __version__
from reportlint.formatters import FORMATS, render

app = typer.Typer(
    name="reportlint",
    help="Lint Chinese government annual reports (.docx, .pdf, .txt, .md).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories (searched recursively) or globs (.docx, .pdf, .txt, .md)."),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "text",
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Lowest severity that fails the run [default: error].")
    ] = None,
    pack: Annotated[
        str | None, typer.Option("--pack", help="Pack name (fazhi …) or path to a pack.yaml.")
    ] = None,
    profile: Annotated[
        str | None, typer.Option("--profile", help="Pack profile (department, government).")
    ] = None,
    select: Annotated[
        str | None, typer.Option("--select", help="Comma-separated codes, prefixes or names to run.")
    ] = None,
    extend_select: Annotated[
        str | None, typer.Option("--extend-select", help="Codes, prefixes or names to run in addition.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="Comma-separated codes, prefixes or names to skip.")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Text output: omit why/instead lines and parts.")
    ] = False,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")] = None,
    config: Annotated[
        str | None, typer.Option("--config", help="Configuration file (default: nearest reportlint.toml).")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: the CPU count].")
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=0, help="Seconds per file; 0 turns it off [default: 120]."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to this file (atomically).")
    ] = None,
    baseline: Annotated[
        str | None, typer.Option("--baseline", help="Hide the findings recorded in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        str | None, typer.Option("--write-baseline", help="Record today's findings in this baseline file.")
    ] = None,
    show_stale: Annotated[
        bool, typer.Option("--show-stale", help="List baseline entries that no longer occur.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar on stderr [default: on a TTY]."),
    ] = None,
    exclude: Annotated[
        str | None,
        typer.Option(
            "--exclude", help="Comma-separated globs of files to skip when walking folders or globs."
        ),
    ] = None,
    max_pages: Annotated[
        int | None,
        typer.Option("--max-pages", min=1, help="Refuse PDFs with more pages (too-large) [default: 2000]."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", min=1, help="Refuse larger files (too-large) [default: 100 MiB]."),
    ] = None,
    annotate: Annotated[
        str | None,
        typer.Option("--annotate", help="Write a copy of the .docx with each finding as a Word comment."),
    ] = None,
    previous: Annotated[
        str | None,
        typer.Option("--previous", help="Last year's report, to compare carried-over figures (GK008)."),
    ] = None,
) -> None:
    """Lint report files and print the findings."""
    from reportlint import api
    from reportlint.config import split_list
    from reportlint.errors import PackError, UsageError
    from reportlint.formatters.progress import BatchProgress

    if fmt not in FORMATS:
        _die(f"--format: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    options = api.Options(
        pack=pack,
        profile=profile,
        select=split_list(select) or None,
        extend_select=split_list(extend_select),
        ignore=split_list(ignore),
        exclude=split_list(exclude),
        fail_on=fail_on.value if fail_on else None,
        jobs=jobs,
        timeout=timeout,
        max_pages=max_pages,
        max_bytes=max_bytes,
        baseline=baseline,
        previous=previous,
        config=config,
    )
    try:
        setup = api.resolve(options)
        files = api.discover(paths, setup)
        if not files:
            _die("no report files found in the given paths")
        for target, option in (
            (output, "--output"),
            (write_baseline, "--write-baseline"),
            (annotate, "--annotate"),
        ):
            if target:
                from reportlint.output import check_not_input

                check_not_input(Path(target), files, option)
        if annotate is not None and (len(files) != 1 or Path(files[0]).suffix.lower() != ".docx"):
            got = f"{len(files)} files" if len(files) != 1 else (Path(files[0]).suffix or "no extension")
            _die(f"--annotate needs one .docx input (got {got})")
        with BatchProgress(len(files), sys.stderr, enabled=progress) as bar:
            run = api.lint_files(
                files, setup, on_result=bar.advance, use_baseline=not write_baseline, show_stale=show_stale
            )
        if write_baseline:
            api.write_baseline(run, write_baseline)
        if annotate is not None:
            _annotate(run, files[0], annotate)
    except OSError as exc:
        _die(f"cannot write {exc.filename or 'the baseline'}: {exc.strerror or exc}")
        return
    except (PackError, UsageError) as exc:
        _die(str(exc))
        return
    fail = setup.settings.fail_on
    shown = {"verbose": not quiet, "show_parts": not quiet, "color": color, "fail_on": fail}
    if output:
        from reportlint.output import atomic_write

        buf = io.StringIO()
        render(fmt, run, buf, **{**shown, "color": False})
        try:
            atomic_write(Path(output), buf.getvalue())
        except OSError as exc:
            _die(f"--output {output!r}: {exc.strerror or exc}")
    else:
        render(fmt, run, sys.stdout, **shown)
    if write_baseline:
        n = sum(len(r.findings) for r in run.files)
        typer.echo(f"reportlint: wrote {n} finding(s) to the baseline {write_baseline}", err=True)
        raise typer.Exit(2 if run.unreadable else 0)  # every finding is now accepted
    raise typer.Exit(run.exit_code(fail))


def _annotate(run: object, source: str, target: str) -> None:
    """Write the annotated copy of a single .docx input (``--annotate``)."""
    from reportlint.findings import RunResult

    assert isinstance(run, RunResult)
    result = run.files[0]
    if result.error is not None:
        typer.echo(f"reportlint: {target} not written: the input could not be read", err=True)
        return
    if result.format != "docx":
        _die(f"--annotate needs a .docx input ({source} is {result.format})")
    from reportlint.formatters.annotate_docx import annotate as write_annotated

    n = write_annotated(result, source, target)
    typer.echo(f"reportlint: wrote {target} ({n} comment(s))", err=True)


@app.command("config")
def show_config(
    config: Annotated[
        str | None, typer.Option("--config", help="Configuration file (default: nearest reportlint.toml).")
    ] = None,
) -> None:
    """Print the effective configuration (from reportlint.toml or pyproject.toml [tool.reportlint])."""
    from reportlint.config import resolve_config, to_toml
    from reportlint.errors import PackError

    try:
        cfg = resolve_config(config)
    except PackError as exc:
        _die(str(exc))
        return
    sys.stdout.write(to_toml(cfg))


@app.command()
def outline(
    path: Annotated[str, typer.Argument(help="A report file.")],
    pack: Annotated[Optional[str], typer.Option("--pack", help="Pack name or path.")] = None,  # noqa: UP045
) -> None:
    """Print the structure reportlint recognised: title, cover letter, attachment, sections, required parts."""
    from reportlint.api import Settings, choose, outline_file
    from reportlint.errors import FileError, PackError
    from reportlint.formatters.outline import render_outline

    settings = Settings(pack=pack)
    try:
        doc, out = outline_file(path, settings)
        chosen, genre, forced = choose(out, settings)
        render_outline(doc, out, chosen, sys.stdout, genre=genre, forced=forced)
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
