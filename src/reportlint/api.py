"""The library API the CLI (and anyone else) calls: lint files, build outlines."""

from __future__ import annotations

import fnmatch
import functools
import glob
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from reportlint.baseline import Baseline, apply_baseline, load_baseline, make_baseline, write_baseline
from reportlint.engine.context import PreviousReport
from reportlint.engine.run import Settings, choose_pack, lint_document
from reportlint.errors import FileError, UsageError
from reportlint.findings import FileResult, RunResult
from reportlint.model import Document
from reportlint.readers import SUPPORTED_SUFFIXES, read_document
from reportlint.structure.outline import Outline, build_outline

__all__ = [
    "Baseline",
    "PreviousReport",
    "Settings",
    "apply_baseline",
    "choose_pack",
    "collect_files",
    "lint_file",
    "lint_paths",
    "load_baseline",
    "make_baseline",
    "outline_file",
    "write_baseline",
]


def _format_of(path: str) -> str | None:
    suffix = Path(path).suffix.lower().lstrip(".")
    return (
        {"markdown": "md", "text": "txt"}.get(suffix, suffix)
        if suffix in {"docx", "pdf", "txt", "md", "markdown", "text"}
        else None
    )


def settings_for(path: str, settings: Settings) -> Settings:
    """The settings for one file: ``per_file_ignores`` whose glob matches the path join ``ignore``."""
    if not settings.per_file_ignores:
        return settings
    from reportlint.config import path_matches

    root = Path(settings.root) if settings.root else Path.cwd()
    extra = [
        code
        for pattern, codes in settings.per_file_ignores.items()
        if path_matches(path, pattern, root)
        for code in codes
    ]
    return replace(settings, ignore=[*settings.ignore, *extra]) if extra else settings


def lint_file(path: str, settings: Settings | None = None) -> FileResult:
    """Read and lint one file; a file that cannot be read gives a result with ``error`` set.

    Raises :class:`UsageError` when ``--previous`` (``settings.previous``) cannot be read.
    """
    settings = settings_for(path, settings or Settings())
    _read_previous(settings)
    try:
        doc = read_document(path, settings.limits)
    except FileError as exc:
        return FileResult(
            path=path, format=_format_of(path), pack=settings.pack, error=(exc.code, exc.message)
        )
    result = lint_document(doc, settings)
    result.path = path
    return result


def _failed(settings: Settings, path: str, code: str, message: str) -> FileResult:
    assert code in ("timeout", "unreadable")
    return FileResult(
        path=path,
        format=_format_of(path),
        pack=settings.pack,
        error=("timeout" if code == "timeout" else "unreadable", message),
    )


def _lint_task(settings: Settings, path: str) -> FileResult:
    """:func:`lint_file` that never raises: an unexpected exception becomes an ``unreadable`` result."""
    try:
        return lint_file(path, settings)
    except MemoryError:
        return FileResult(
            path=path,
            format=_format_of(path),
            pack=settings.pack,
            error=("too-large", "checking the file needs more memory than the worker may use"),
        )
    except Exception as exc:
        if settings.strict and not _in_worker():
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        return _failed(
            settings, path, "unreadable", f"internal error: {type(exc).__name__}: {first}".rstrip(": ")
        )


def _in_worker() -> bool:
    import multiprocessing

    return multiprocessing.parent_process() is not None


def _has_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


_NOT_REPORTS = ("readme", "changelog", "license", "licence", "contributing", "authors")


LEGACY_SUFFIXES = (".doc", ".wps", ".odt", ".rtf")
"""Report formats a directory walk still lists, so that they are reported (with a hint to convert), not skipped."""


def _is_report_name(name: str) -> bool:
    """A file a directory walk lints: a report extension, not a lock/hidden file, not a project README."""
    lower = name.lower()
    if not lower.endswith((*SUPPORTED_SUFFIXES, *LEGACY_SUFFIXES)) or name.startswith(("~$", ".")):
        return False
    return not lower.startswith(_NOT_REPORTS)


def _collect_error(into: list[str]) -> Callable[[OSError], None]:
    """An ``os.walk`` error handler that keeps the folder it could not list, so the run reports it."""
    return lambda exc: into.append(str(exc.filename))


def _match_parts(parts: tuple[str, ...], pats: tuple[str, ...]) -> bool:
    """Whether path components match glob components (``**`` stands for any number of folders)."""
    if not pats:
        return not parts
    if pats[0] == "**":
        return any(_match_parts(parts[k:], pats[1:]) for k in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatch(parts[0], pats[0]) and _match_parts(parts[1:], pats[1:])


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern, recursive=True)``, except that ``**`` does not follow symbolic links to folders.

    The standard glob follows them, so one link back to a parent folder lists the same files again at every
    level (and two such links make the walk exponential); a directory walk here never follows them either.
    """
    if "**" not in pattern:
        return sorted(glob.glob(pattern))  # noqa: PTH207 (Path.glob takes no absolute patterns)
    parts = Path(pattern).parts
    k = next(i for i, part in enumerate(parts) if _has_glob(part))
    base = Path(*parts[:k]) if k else Path()
    pats = parts[k:]
    found: list[str] = []
    if not base.is_dir():
        return found
    for root, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(root).relative_to(base).parts
        linked = [d for d in dirs if (Path(root) / d).is_symlink()]
        for name in [*(d for d in dirs if d not in linked), *sorted(files)]:
            if not name.startswith(".") and _match_parts((*rel, name), pats):
                found.append(str(Path(root) / name) if k else str(Path(*rel, name)))
    return sorted(found)


def collect_files(paths: Iterable[str], exclude: Iterable[str] = (), root: str | None = None) -> list[str]:
    """Expand directories (recursively, by extension) and globs; keep the order the user gave, once each.

    A glob (``reports/**/*.docx``) is expanded when no file has that literal name; one that matches nothing
    stays as given, so the run reports it as ``not-found`` instead of passing silently. ``exclude`` globs
    (relative to ``root``, default the working directory; a pattern without ``/`` matches a file name) drop
    files found by walking a directory or expanding a glob; a file named on the command line is always kept.
    """
    from reportlint.config import path_matches

    out: list[str] = []
    seen: set[str] = set()
    skip = list(exclude)
    base = Path(root) if root else Path.cwd()

    def add(path: str, *, named: bool = False) -> None:
        if not named and any(path_matches(path, pat, base) for pat in skip):
            return
        key = os.path.normcase(str(Path(path).absolute()))
        if key not in seen:
            seen.add(key)
            out.append(path)

    for raw in paths:
        if _has_glob(raw) and not Path(raw).exists():
            matches = _glob(raw)
            if not matches:
                add(raw, named=True)
            for m in matches:
                if Path(m).is_dir():
                    for f in collect_files([m], skip, root):
                        add(f)
                elif not Path(m).name.startswith(("~$", ".")):
                    add(m)
            continue
        p = Path(raw)
        if p.is_dir():
            found: list[str] = []
            # a folder that cannot be listed is reported (as unreadable) instead of silently skipped
            for root, dirs, files in os.walk(p, followlinks=False, onerror=_collect_error(found)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if _is_report_name(name):
                        found.append(str(Path(root) / name))
            for f in found:
                add(f)
        else:
            add(raw, named=True)
    return out


def _needs_worker(files: list[str], jobs: int, timeout: float | None) -> bool:
    """Workers isolate crashes and make timeouts enforceable, at the cost of a fork (a spawn off Linux).

    Several files with ``jobs > 1`` use them, and so does any run with a timeout (a hang can only be stopped
    in another process). One file, or ``jobs == 1``, without a timeout runs in-process. Measured on Linux
    (docs/ci.md): a forked worker adds about 5 ms to a run.
    """
    return timeout is not None or (len(files) > 1 and jobs > 1)


def _preload(files: list[str], settings: Settings) -> None:
    """Import what the workers will need before forking them, so each does not import it again."""
    import reportlint.checks
    from reportlint.engine.pack import builtin_packs

    builtin_packs()
    suffixes = {Path(f).suffix.lower() for f in files}
    if ".docx" in suffixes:
        import reportlint.readers.docx
    if ".pdf" in suffixes:
        import reportlint.readers.pdf  # noqa: F401


def _read_previous(settings: Settings) -> None:
    """Read ``--previous`` (last year's report) once, before the batch; an unreadable one is the run's error."""
    previous = settings.previous
    if previous is None or previous.doc is not None:
        return
    try:
        previous.doc = read_document(previous.path, settings.limits)
    except FileError as exc:
        raise UsageError(f"--previous {previous.path}: {exc.code}: {exc.message}") from None


def lint_paths(
    paths: Iterable[str],
    settings: Settings | None = None,
    *,
    jobs: int | None = 1,
    timeout: float | None = None,
    on_result: Callable[[int, FileResult], None] | None = None,
    baseline: Baseline | None = None,
    show_stale: bool = False,
) -> RunResult:
    """Lint every file under ``paths``; results come back in input order, identical for any ``jobs``.

    ``jobs`` is the number of worker processes (None: the CPU count). ``timeout`` (seconds per file) runs files
    in killable workers; a file past it gets the ``timeout`` file error and the batch goes on. A worker that
    crashes (even a segfault) gives that file an ``unreadable`` error. ``on_result(index, result)`` is called
    as each file finishes (for a progress bar). A ``baseline`` hides the findings it records; with
    ``show_stale`` its entries that no longer occur are listed in :attr:`RunResult.stale`.
    """
    from reportlint.pool import Pool, cpu_count

    settings = settings or Settings()
    if settings.pack:  # a bad pack or profile is the run's error (exit 2), not every file's
        from reportlint.engine.pack import resolve_pack

        chosen = resolve_pack(settings.pack)
        if settings.profile:
            chosen.profile(settings.profile)
    _read_previous(settings)
    files = collect_files(paths)
    n_jobs = cpu_count() if jobs is None else max(1, jobs)
    if timeout is not None and timeout <= 0:
        timeout = None
    if files and _needs_worker(files, n_jobs, timeout):
        _preload(files, settings)
        pool = Pool(
            functools.partial(_lint_task, settings),
            functools.partial(_failed, settings),
            min(n_jobs, len(files)),
            timeout,
            settings.limits.max_memory,
        )
        results = pool.run(files, on_result)
    else:
        results = []
        for i, f in enumerate(files):
            r = _lint_task(settings, f)
            results.append(r)
            if on_result is not None:
                on_result(i, r)
    run = RunResult(results)
    if baseline is not None:
        apply_baseline(run, baseline, show_stale=show_stale)
    return run


def outline_file(path: str, settings: Settings | None = None) -> tuple[Document, Outline]:
    """Read one file and build its outline (raises :class:`FileError`)."""
    settings = settings or Settings()
    doc = read_document(path, settings.limits)
    return doc, build_outline(doc)
