"""Configuration files: ``reportlint.toml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

The file is looked up from the working directory upwards (the first ``reportlint.toml``, or ``pyproject.toml``
that has a ``[tool.reportlint]`` table, wins); ``--config PATH`` names one. Keys are kebab-case, like ruff's::

    pack = "fazhi"                 # or a path to a pack.yaml; unset: detected per file
    profile = "department"
    select = ["FZ", "DT001"]       # codes, prefixes or rule names; unset: the pack's own selection
    extend-select = ["PN003"]
    ignore = ["ST002"]
    fail-on = "warning"            # error | warning | info
    jobs = 4                       # worker processes (default: the CPU count)
    timeout = 60                   # seconds per file; 0 turns the timeout off
    baseline = "reportlint-baseline.json"

    [severity]                     # per code, prefix or name
    PN001 = "error"

    [per-file-ignores]             # globs relative to the config file's directory
    "archive/**" = ["FZ004"]

    [options.FZ007]                # rule options, passed to the check
    grace-days = 3

Unknown keys and bad values raise :class:`ConfigError` naming the file and the key; the CLI exits 2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from reportlint.errors import PackError
from reportlint.findings import SEVERITIES, Severity
from reportlint.textutil import lazy_compile

if TYPE_CHECKING:
    from reportlint.engine.run import Settings

CONFIG_NAMES = ("reportlint.toml", ".reportlint.toml")
DEFAULT_TIMEOUT = 120.0
"""Seconds per file when neither the config nor the command line sets one."""


class ConfigError(PackError):
    """An invalid configuration file or option; the message names the file and the key."""


class ConfigSpec(msgspec.Struct, forbid_unknown_fields=True, rename="kebab", omit_defaults=True):
    pack: str | None = None
    profile: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = []
    ignore: list[str] = []
    severity: dict[str, str] = {}
    per_file_ignores: dict[str, list[str]] = {}
    exclude: list[str] = []
    options: dict[str, dict[str, Any]] = {}
    fail_on: Severity | None = None
    jobs: int | None = None
    timeout: float | None = None
    baseline: str | None = None
    max_pages: int | None = None
    max_bytes: int | None = None


class Config(msgspec.Struct):
    """The effective configuration: the file's values (if any) with the command line's on top."""

    spec: ConfigSpec = msgspec.field(default_factory=ConfigSpec)
    path: Path | None = None
    """The file the values came from (None: defaults only)."""
    cwd: Path | None = None
    """The working directory of the run (None: the process's); the root when there is no file."""

    @property
    def root(self) -> Path:
        """Directory that relative paths and per-file-ignore globs are relative to."""
        if self.path is not None:
            return self.path.parent
        return self.cwd if self.cwd is not None else Path.cwd()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``reportlint.toml`` or ``pyproject.toml`` with ``[tool.reportlint]``, upwards from ``start``."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return d / name
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


_TOOL_TABLE_HINT = re.compile(
    r"""tool["']?\s*\.\s*["']?reportlint|^\s*\[\s*["']?tool["']?\s*\]|\btool["']?\s*=""", re.M
)
"""What a TOML file needs to hold ``tool.reportlint``: a ``[tool.reportlint…]`` header or a dotted
``tool.reportlint`` key, a bare ``[tool]`` table, or a ``tool = {…}`` inline table."""


def _has_tool_table(pyproject: Path) -> bool:
    """Whether the file has a ``[tool.reportlint]`` table.

    A file that does not mention reportlint, or mentions it only outside any ``tool`` table (a project that
    lists reportlint as a dependency or a script), is not parsed: that spares importing tomllib and the parse
    (~3 ms at every run, issue 13). Anything that might hold the table is parsed.
    """
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "reportlint" not in text or not _TOOL_TABLE_HINT.search(text):
        return False
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return isinstance(data.get("tool"), dict) and "reportlint" in data["tool"]


def _where(path: Path) -> str:
    return f"{path} [tool.reportlint]" if path.name == "pyproject.toml" else str(path)


def _fmt_validation(where: str, exc: msgspec.ValidationError) -> str:
    msg = str(exc)
    m = re.search(r" - at `\$(.*)`$", msg)
    if m:
        key = m.group(1).lstrip(".") or "(top level)"
        return f"{where}: {key}: {msg[: m.start()]}"
    m = re.search(r"Object contains unknown field `([^`]*)`(?: - at `\$(.*)`)?", msg)
    if m:
        return f"{where}: unknown key {m.group(1)!r}"
    return f"{where}: {msg}"


def parse_config(data: dict[str, Any], where: str) -> ConfigSpec:
    try:
        spec = msgspec.convert(data, ConfigSpec)
    except msgspec.ValidationError as exc:
        raise ConfigError(_fmt_validation(where, exc)) from None
    if spec.jobs is not None and spec.jobs < 1:
        raise ConfigError(f"{where}: jobs: must be at least 1, got {spec.jobs}")
    if spec.timeout is not None and spec.timeout < 0:
        raise ConfigError(f"{where}: timeout: must be 0 (off) or a number of seconds, got {spec.timeout}")
    for key in ("select", "extend-select", "ignore"):
        values = getattr(spec, key.replace("-", "_")) or []
        for i, sel in enumerate(values):
            check_selector(sel, f"{where}: {key}[{i}]")
    for sel, sev in spec.severity.items():
        check_selector(sel, f"{where}: severity.{sel}")
        if sev not in SEVERITIES:
            raise ConfigError(f"{where}: severity.{sel}: expected one of error, warning, info; got {sev!r}")
    for glob, codes in spec.per_file_ignores.items():
        for i, sel in enumerate(codes):
            check_selector(sel, f"{where}: per-file-ignores.{glob!r}[{i}]")
    for code, table in spec.options.items():
        check_rule_options(code, table, f"{where}: options.{code}")
    return spec


def check_rule_options(code: str, table: dict[str, Any], where: str) -> None:
    """``[options.CODE]``: a rule code, and keys and values that rule declares (unknown key: an error)."""
    from reportlint.engine.catalog import all_rules

    r = all_rules().get(code)
    if r is None or r.code != code:
        raise ConfigError(f"{where}: options are given per rule code, and no rule has the code {code!r}")
    try:
        r.check_options(table, where)
    except PackError as exc:
        raise ConfigError(str(exc)) from None


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the configuration is not UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("reportlint", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{_where(path)}: must be a table")
    return Config(parse_config(data, _where(path)), path)


def resolve_config(explicit: str | None, *, isolated: bool = False, cwd: Path | None = None) -> Config:
    """The configuration for this run: ``--config PATH``, else the nearest file, else the defaults.

    ``cwd`` (default: the process's working directory) is where the search starts and what a relative
    ``explicit`` path is relative to.
    """
    if explicit is not None:
        p = Path(explicit)
        if cwd is not None and not p.is_absolute():
            p = cwd / p
        if not p.is_file():
            raise ConfigError(f"--config: no such file {explicit!r}")
        return load_config(p)
    if isolated:
        return Config(cwd=cwd)
    found = find_config(cwd)
    return load_config(found) if found is not None else Config(cwd=cwd)


# Families named in spec/rule-codes.md: valid selectors even when no rule of the family is installed.
KNOWN_FAMILIES = ("FZ", "GK", "HD", "NUM", "DT", "PN", "ST", "GW")
_SELECTOR_RE = lazy_compile(r"^(ALL|[A-Z]{1,4}\d{0,3}|[a-z][a-z0-9]*(-[a-z0-9]+)+)$")


def check_selector(selector: str, where: str) -> None:
    """A code, a code prefix (``FZ``, ``NUM00``), a rule name or ``ALL``; anything else is a config error."""
    s = selector.strip()
    if not _SELECTOR_RE.match(s if s[:1].islower() else s.upper()):
        raise ConfigError(f"{where}: {selector!r} is not a rule code, code prefix or rule name")
    if s.upper() == "ALL":
        return
    from reportlint.engine.catalog import all_rules
    from reportlint.engine.registry import selects

    if any(selects(s, r.code, r.name) for r in all_rules()):
        return
    if s[:1].islower():
        raise ConfigError(f"{where}: no rule is named {selector!r} (see `reportlint rules`)")
    if any(f.startswith(s.upper()) for f in KNOWN_FAMILIES):
        return
    raise ConfigError(f"{where}: no rule code starts with {selector!r} (see `reportlint rules`)")


def split_list(value: str | None) -> list[str]:
    """``--select A,B`` (and repeated options joined by commas) as a list."""
    return [s.strip() for s in (value or "").split(",") if s.strip()]


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A path glob: ``*`` within one directory, ``**`` across directories, ``?`` one character."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def path_matches(path: str, pattern: str, root: Path) -> bool:
    """Whether ``path`` matches ``pattern`` (relative to ``root``; a pattern without ``/`` matches a base name)."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = p.as_posix()
    rx = glob_to_regex(pattern.removeprefix("./"))
    if rx.match(rel):
        return True
    return "/" not in pattern and bool(rx.match(p.name))


def to_toml(cfg: Config) -> str:
    """The effective configuration as TOML (what ``reportlint config`` prints)."""
    data = msgspec.to_builtins(cfg.spec)
    lines = [f"# configuration file: {cfg.path if cfg.path else '(none; defaults)'}"]
    tables: list[tuple[str, dict[str, Any]]] = []
    for key in _KEYS:
        value = data.get(key)
        if isinstance(value, dict):
            tables.append((key, value))
        elif value is not None:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, table in tables:
        nested = {k: v for k, v in table.items() if isinstance(v, dict)}
        flat = {k: v for k, v in table.items() if not isinstance(v, dict)}
        if flat or not nested:
            lines.append("")
            lines.append(f"[{key}]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in flat.items())
        for k, v in nested.items():
            lines.append("")
            lines.append(f"[{key}.{_toml_key(k)}]")
            lines.extend(f"{_toml_key(k2)} = {_toml_value(v2)}" for k2, v2 in v.items())
    return "\n".join(lines) + "\n"


_KEYS = (
    "pack",
    "profile",
    "select",
    "extend-select",
    "ignore",
    "fail-on",
    "jobs",
    "timeout",
    "baseline",
    "max-pages",
    "max-bytes",
    "severity",
    "per-file-ignores",
    "exclude",
    "options",
)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_str(key)


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return _toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + " }"
    return _toml_str(str(v))


__all__ = [
    "DEFAULT_TIMEOUT",
    "Config",
    "ConfigError",
    "ConfigSpec",
    "build_settings",
    "check_selector",
    "find_config",
    "load_config",
    "path_matches",
    "resolve_config",
    "split_list",
    "to_toml",
]


def build_settings(
    cfg: Config,
    *,
    pack: str | None = None,
    profile: str | None = None,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    max_pages: int | None = None,
    max_bytes: int | None = None,
) -> Settings:
    """Settings from the configuration with command-line values on top.

    ``--select`` replaces the configured selection; ``--extend-select`` and ``--ignore`` add to it. Command-line
    selectors are validated like the file's (a :class:`ConfigError` names the option).
    """
    from reportlint.engine.run import Settings

    for option, values in (("--select", select), ("--extend-select", extend_select), ("--ignore", ignore)):
        for sel in values or []:
            check_selector(sel, option)
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(f"--fail-on: expected one of error, warning, info; got {fail_on!r}")
    spec = cfg.spec
    severity = {k: v for k, v in spec.severity.items() if v in SEVERITIES}
    effective_fail_on = fail_on or spec.fail_on or "error"
    from reportlint.readers import Limits

    base = Limits()
    pages = max_pages if max_pages is not None else spec.max_pages
    size = max_bytes if max_bytes is not None else spec.max_bytes
    for option, value in (("max-pages", pages), ("max-bytes", size)):
        if value is not None and value < 1:
            raise ConfigError(f"{option}: expected a positive whole number, got {value}")
    limits = Limits(
        max_bytes=size or base.max_bytes,
        max_pages=pages or base.max_pages,
        max_unzipped_bytes=base.max_unzipped_bytes,
        max_zip_ratio=base.max_zip_ratio,
        max_memory=base.max_memory,
    )
    return Settings(
        limits=limits,
        pack=pack or spec.pack,
        profile=profile or spec.profile,
        select=list(select) if select else list(spec.select or []),
        extend_select=[*spec.extend_select, *(extend_select or [])],
        ignore=[*spec.ignore, *(ignore or [])],
        per_file_ignores={k: list(v) for k, v in spec.per_file_ignores.items()},
        root=str(cfg.root),
        severity=severity,
        options={k: dict(v) for k, v in spec.options.items()},
        fail_on=effective_fail_on,
    )
