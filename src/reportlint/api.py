"""The library API the CLI (and anyone else) calls: lint files, build outlines.

One run, as the command line does it, in three steps that a library caller can take the same way::

    setup = resolve(Options(select=["PN"], exclude=["drafts/**"]), cwd="reports")
    files = discover(["reports"], setup)
    run = lint_files(files, setup)                 # or all three: check_paths(["reports"], Options(...))

:func:`resolve` owns the precedence (an :class:`Options` value > the configuration file > the defaults),
:func:`discover` expands folders and globs and drops ``exclude`` matches (the file's and the options'), and
:func:`lint_files` runs the files (in-process or in killable workers, see :func:`needs_worker`).
"""

from __future__ import annotations

import fnmatch
import functools
import glob
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from reportlint.engine.context import PreviousReport
from reportlint.engine.run import Settings, choose, lint_document
from reportlint.errors import FileError, UsageError
from reportlint.findings import FileResult, RunResult
from reportlint.model import Document
from reportlint.readers import SUPPORTED_SUFFIXES, read_document
from reportlint.structure.outline import Outline, build_outline

if TYPE_CHECKING:
    from reportlint.baseline import Baseline
    from reportlint.config import Config

__all__ = [
    "Baseline",
    "Options",
    "PreviousReport",
    "Settings",
    "Setup",
    "apply_baseline",
    "check_paths",
    "choose",
    "collect_files",
    "discover",
    "lint_file",
    "lint_files",
    "lint_paths",
    "load_baseline",
    "make_baseline",
    "needs_worker",
    "outline_file",
    "resolve",
    "write_baseline",
]


# Baselines are imported when a run uses one (json and the baseline module are not needed otherwise).


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file (:func:`reportlint.baseline.load_baseline`)."""
    from reportlint.baseline import load_baseline as load

    return load(path)


def write_baseline(run: RunResult, path: str | os.PathLike[str]) -> Baseline:
    """Record a run's findings in a baseline file (:func:`reportlint.baseline.write_baseline`)."""
    from reportlint.baseline import write_baseline as write

    return write(run, path)


def make_baseline(run: RunResult, path: str | os.PathLike[str]) -> Baseline:
    """A baseline of a run's findings (:func:`reportlint.baseline.make_baseline`)."""
    from reportlint.baseline import make_baseline as make

    return make(run, path)


def apply_baseline(run: RunResult, b: Baseline, *, show_stale: bool = False) -> None:
    """Hide the findings a baseline records (:func:`reportlint.baseline.apply_baseline`)."""
    from reportlint.baseline import apply_baseline as apply

    apply(run, b, show_stale=show_stale)


def __getattr__(name: str) -> object:
    if name == "Baseline":  # api.Baseline, as before
        from reportlint.baseline import Baseline

        return Baseline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Options(msgspec.Struct):
    """What the caller of one run sets (the command line's flags); ``None`` or empty: not given.

    A value given here wins over the configuration file, which wins over the defaults (:func:`resolve`).
    ``select`` replaces the configured selection; ``extend_select``, ``ignore`` and ``exclude`` add to it.
    """

    pack: str | None = None
    profile: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = msgspec.field(default_factory=list)
    ignore: list[str] = msgspec.field(default_factory=list)
    exclude: list[str] = msgspec.field(default_factory=list)
    """Globs of files to skip when walking folders or expanding globs (a file named outright is kept)."""
    fail_on: str | None = None
    jobs: int | None = None
    timeout: float | None = None
    """Seconds per file; 0 turns the timeout off; None: the configuration's, else the default."""
    max_pages: int | None = None
    max_bytes: int | None = None
    baseline: str | None = None
    previous: str | None = None
    """Last year's report (GK008)."""
    config: str | None = None
    """An explicit configuration file; None: the nearest one upwards from ``cwd``."""
    isolated: bool = False
    """Ignore configuration files (defaults and these options only)."""


class Setup(msgspec.Struct):
    """The resolved run: settings for the engine, plus how files are found and run."""

    settings: Settings
    config: Config
    exclude: list[str]
    """The configuration's ``exclude`` globs followed by the options'."""
    jobs: int | None
    """Worker processes (None: the CPU count)."""
    timeout: float | None
    """Seconds per file; None: no timeout."""
    timeout_explicit: bool
    """Whether the options or the configuration file set the timeout (else it is the default)."""
    baseline: str | None
    """Path of the baseline file to apply (the options', else the configuration's relative to its folder)."""

    @property
    def root(self) -> str:
        """The folder ``exclude`` and per-file-ignore globs are relative to."""
        return str(self.config.root)


def resolve(options: Options | None = None, *, cwd: str | os.PathLike[str] | None = None) -> Setup:
    """The run's setup: ``options`` over the configuration file over the defaults.

    The configuration file is ``options.config`` or the nearest ``reportlint.toml`` / ``pyproject.toml`` with
    ``[tool.reportlint]`` upwards from ``cwd`` (default: the working directory). Raises :class:`UsageError`
    for a missing ``previous`` file and ``ConfigError`` (a :class:`PackError`) for a bad configuration or
    option; the CLI turns both into exit 2.
    """
    from reportlint.config import DEFAULT_TIMEOUT, build_settings, resolve_config

    o = options or Options()
    if o.previous and not Path(o.previous).is_file():
        raise UsageError(f"--previous: {o.previous}: no such file")
    cfg = resolve_config(o.config, isolated=o.isolated, cwd=Path(cwd) if cwd is not None else None)
    settings = build_settings(
        cfg,
        pack=o.pack,
        profile=o.profile,
        select=o.select,
        extend_select=o.extend_select,
        ignore=o.ignore,
        fail_on=o.fail_on,
        max_pages=o.max_pages,
        max_bytes=o.max_bytes,
    )
    if o.previous:
        settings.previous = PreviousReport(o.previous)
    limit = o.timeout if o.timeout is not None else cfg.spec.timeout
    timeout = DEFAULT_TIMEOUT if limit is None else limit
    baseline = o.baseline or (str(cfg.root / cfg.spec.baseline) if cfg.spec.baseline else None)
    return Setup(
        settings=settings,
        config=cfg,
        exclude=[*cfg.spec.exclude, *o.exclude],
        jobs=o.jobs or cfg.spec.jobs,
        timeout=timeout if timeout > 0 else None,
        timeout_explicit=limit is not None,
        baseline=baseline,
    )


def discover(paths: Iterable[str], setup: Setup | None = None) -> list[str]:
    """The files a run lints: :func:`collect_files` with the setup's ``exclude`` globs and root."""
    setup = setup or resolve()
    return collect_files(paths, setup.exclude, setup.root)


def lint_files(
    files: list[str],
    setup: Setup,
    *,
    on_result: Callable[[int, FileResult], None] | None = None,
    use_baseline: bool = True,
    show_stale: bool = False,
) -> RunResult:
    """Lint already discovered ``files`` with a resolved setup (its baseline applied unless ``use_baseline``
    is False, as when the run writes a new one)."""
    base = load_baseline(setup.baseline) if setup.baseline and use_baseline else None
    return _run(
        files,
        setup.settings,
        jobs=setup.jobs,
        timeout=setup.timeout,
        timeout_explicit=setup.timeout_explicit,
        on_result=on_result,
        baseline=base,
        show_stale=show_stale,
    )


def check_paths(
    paths: Iterable[str],
    options: Options | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    on_result: Callable[[int, FileResult], None] | None = None,
    show_stale: bool = False,
) -> RunResult:
    """What ``reportlint check PATHS`` does before printing: :func:`resolve`, :func:`discover`,
    :func:`lint_files`. Raises :class:`UsageError` when no report file is found."""
    setup = resolve(options, cwd=cwd)
    files = discover(paths, setup)
    if not files:
        raise UsageError("no report files found in the given paths")
    return lint_files(files, setup, on_result=on_result, show_stale=show_stale)


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
    return msgspec.structs.replace(settings, ignore=[*settings.ignore, *extra]) if extra else settings


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


IN_PROCESS_MAX_BYTES = 512 * 1024
"""A single plain-text or .docx file up to this size runs in-process under the default timeout."""


def needs_worker(
    files: list[str], jobs: int, timeout: float | None, *, timeout_explicit: bool = True
) -> bool:
    """Workers isolate crashes and make timeouts enforceable, at the cost of a fork (a spawn off Linux).

    Several files with ``jobs > 1`` use them, and so does a run with a timeout (a hang can only be stopped in
    another process), with one exception: a single small file (plain text or .docx by its bytes, at most
    :data:`IN_PROCESS_MAX_BYTES`) under the *default* timeout runs in-process, since starting the worker and
    importing :mod:`multiprocessing` cost more than linting it (docs/ci.md). PDFs (where pdfminer can run for
    minutes on a hostile file) and larger files keep the worker and its memory cap; a timeout set on the
    command line or in the configuration always gets one.
    """
    if len(files) > 1 and jobs > 1:
        return True
    if timeout is None:
        return False
    if timeout_explicit or len(files) != 1:
        return True
    return not _small_and_simple(files[0])


def _small_and_simple(path: str) -> bool:
    """A regular file of at most :data:`IN_PROCESS_MAX_BYTES` whose bytes are plain text or a .docx."""
    import stat

    from reportlint.readers.sniff import sniff

    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > IN_PROCESS_MAX_BYTES:
            return False
        return sniff(p) in ("text", "docx")
    except (OSError, ValueError):
        return False


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
    exclude: Iterable[str] = (),
    root: str | None = None,
) -> RunResult:
    """Lint every file under ``paths``; results come back in input order, identical for any ``jobs``.

    ``jobs`` is the number of worker processes (None: the CPU count). ``timeout`` (seconds per file) runs files
    in killable workers; a file past it gets the ``timeout`` file error and the batch goes on. A worker that
    crashes (even a segfault) gives that file an ``unreadable`` error. ``on_result(index, result)`` is called
    as each file finishes (for a progress bar). A ``baseline`` hides the findings it records; with
    ``show_stale`` its entries that no longer occur are listed in :attr:`RunResult.stale`.

    ``paths`` are expanded with :func:`collect_files` (``exclude`` globs relative to ``root``); no
    configuration file is read: :func:`check_paths` (or :func:`resolve` + :func:`discover` +
    :func:`lint_files`) applies it as the CLI does.
    """
    return _run(
        collect_files(paths, exclude, root),
        settings or Settings(),
        jobs=jobs,
        timeout=timeout,
        timeout_explicit=True,
        on_result=on_result,
        baseline=baseline,
        show_stale=show_stale,
    )


def _run(
    files: list[str],
    settings: Settings,
    *,
    jobs: int | None,
    timeout: float | None,
    timeout_explicit: bool,
    on_result: Callable[[int, FileResult], None] | None,
    baseline: Baseline | None,
    show_stale: bool,
) -> RunResult:
    if settings.pack:  # a bad pack or profile is the run's error (exit 2), not every file's
        from reportlint.engine.pack import resolve_pack

        chosen = resolve_pack(settings.pack)
        if settings.profile:
            chosen.profile(settings.profile)
    _read_previous(settings)
    if timeout is not None and timeout <= 0:
        timeout = None
    n_jobs = max(1, jobs) if jobs is not None else (_cpu_count() if len(files) > 1 else 1)
    if files and needs_worker(files, n_jobs, timeout, timeout_explicit=timeout_explicit):
        from reportlint.pool import Pool

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


def _cpu_count() -> int:
    from reportlint.pool import cpu_count

    return cpu_count()


def outline_file(path: str, settings: Settings | None = None) -> tuple[Document, Outline]:
    """Read one file and build its outline (raises :class:`FileError`)."""
    settings = settings or Settings()
    doc = read_document(path, settings.limits)
    return doc, build_outline(doc)
