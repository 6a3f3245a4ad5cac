"""The rule model: one registry and one code space for Python checks and declarative pack rules.

A rule is a code (family prefix + three digits), a kebab name for the pattern it flags, a default severity, a
one-line summary, its documentation (:class:`RuleDoc`), the options it accepts (:class:`Option`) and a ``run``
callable. Python checks declare themselves with :func:`rule`, which only attaches the :class:`Rule` to the
function; ``reportlint.checks`` lists the check modules explicitly and collects them. Pack rules are built from
YAML by :mod:`reportlint.engine.types`. Either way they end up as :class:`Rule` in a :class:`Registry`.

Severity belongs to the engine: a check never chooses it. A finding may say it is less certain
(``ctx.finding(..., at_most="info")``); the engine then reports it at most at that severity, unless the user set
the rule's severity, which always wins (see :func:`effective_severity`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import msgspec

from reportlint.errors import PackError
from reportlint.findings import SEVERITY_RANK, Finding, RuleDoc, Severity

if TYPE_CHECKING:
    from reportlint.engine.context import Context

__all__ = [
    "CODE_RE",
    "NAME_RE",
    "CheckFn",
    "Option",
    "Registry",
    "Rule",
    "RuleDoc",
    "effective_severity",
    "help_uri",
    "rule",
    "rule_of",
    "selects",
    "validate_identity",
]

CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
OPTION_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
BANNED_NAME_PREFIXES = ("use-", "avoid-", "prefer-", "do-not-", "consider-")

CheckFn = Callable[["Context"], Iterable[Finding]]

_TYPE_NAMES: dict[object, str] = {
    int: "a whole number",
    float: "a number",
    str: "a string",
    bool: "true or false",
    list[str]: "a list of strings",
}


class Option(msgspec.Struct, frozen=True):
    """An option a rule accepts: kebab name, type, default and one line of documentation.

    Values from the pack (``checks[i].options``) and the configuration (``[options.CODE]``) are validated against
    it; a check reads ``ctx.options[name]``, which always holds a value of ``type`` (the default when unset).
    """

    name: str
    type: type[Any] | Any
    """``int``, ``float``, ``str``, ``bool`` or ``list[str]``."""
    default: Any
    doc: str

    def convert(self, value: Any, where: str) -> Any:
        if self.type in (int, float) and isinstance(value, bool):
            raise PackError(f"{where}: expected {_TYPE_NAMES[self.type]}, got {value!r}")
        try:
            return msgspec.convert(value, self.type, strict=self.type is not float)
        except msgspec.ValidationError:
            raise PackError(
                f"{where}: expected {_TYPE_NAMES.get(self.type, str(self.type))}, got {value!r}"
            ) from None


class Rule(msgspec.Struct):
    code: str
    name: str
    severity: Severity
    """The default severity; packs and the user's ``[severity]`` override it (the engine applies them)."""
    summary: str
    doc: RuleDoc
    run: CheckFn
    origin: str = "python"
    """``python`` for built-in checks, else the pack that declares the rule."""
    options: tuple[Option, ...] = ()
    """The options the rule accepts, with their defaults."""

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def defaults(self) -> dict[str, Any]:
        return {o.name: o.default for o in self.options}

    def check_options(self, given: Mapping[str, Any], where: str) -> dict[str, Any]:
        """``given`` validated against the declared options; an unknown key or a bad value is a PackError.

        ``where`` names the file and the table (``reportlint.toml: options.FZ007``); the key is appended.
        """
        declared = {o.name: o for o in self.options}
        out: dict[str, Any] = {}
        for key, value in given.items():
            opt = declared.get(key)
            if opt is None:
                known = ", ".join(declared) if declared else "none"
                raise PackError(f"{where}.{key}: unknown option of {self.code} (its options: {known})")
            out[key] = opt.convert(value, f"{where}.{key}")
        return out


def selects(selector: str, code: str, name: str) -> bool:
    """Whether a selector picks a rule: ``ALL``, a code (``FZ001``), a code prefix (``FZ``, ``NUM00``) or a name.

    The one definition of selector matching: ``--select``/``--ignore``, ``[severity]``, pack ``checks:``,
    per-file ignores and inline ``reportlint: ignore`` directives all use it.
    """
    s = selector.strip()
    if not s:
        return False
    return s.upper() == "ALL" or code.startswith(s.upper()) or name == s


def effective_severity(rule: Rule, finding: Finding, base: Severity, user: Severity | None) -> Severity:
    """The severity the engine reports a finding at.

    ``base`` is the rule's default or the pack's; a finding the check marked less certain (``at_most``, which
    :meth:`Context.finding` records as a severity below the rule's default) stays at most at that level. The
    user's ``[severity]`` for the rule, when set, wins over both.
    """
    if user is not None:
        return user
    if SEVERITY_RANK[finding.severity] < SEVERITY_RANK[rule.severity]:
        return finding.severity if SEVERITY_RANK[finding.severity] < SEVERITY_RANK[base] else base
    return base


def validate_identity(code: str, name: str, where: str) -> None:
    if not CODE_RE.match(code):
        raise PackError(f"{where}: code {code!r} is not a family prefix plus three digits (e.g. FZ001)")
    if not NAME_RE.match(name) or name.startswith(BANNED_NAME_PREFIXES):
        raise PackError(
            f"{where}: name {name!r} must be kebab-case and name the flagged pattern, not the fix"
        )


_RULE_ATTR = "__reportlint_rule__"


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    doc: RuleDoc,
    options: Iterable[Option] = (),
) -> Callable[[CheckFn], CheckFn]:
    """Declare a Python check. The decorated function receives the run's :class:`Context`.

    The decorator only attaches the :class:`Rule` to the function (no registration by import side effect);
    ``reportlint.checks.python_rules`` collects the checks of the modules it lists.
    """
    validate_identity(code, name, f"python check {code}")
    opts = tuple(options)
    for o in opts:
        if not OPTION_RE.match(o.name):
            raise PackError(f"python check {code}: option name {o.name!r} is not kebab-case")
        o.convert(o.default, f"python check {code}: option {o.name} default")

    def deco(fn: CheckFn) -> CheckFn:
        fn.__dict__[_RULE_ATTR] = Rule(code, name, severity, summary, doc, fn, "python", opts)
        return fn

    return deco


def rule_of(obj: object) -> Rule | None:
    """The :class:`Rule` a function was declared with by :func:`rule`, else None."""
    r = getattr(obj, "__dict__", {}).get(_RULE_ATTR)
    return r if isinstance(r, Rule) else None


@cache
def repository_url() -> str | None:
    """The repository URL declared in pyproject ``[project.urls]`` (``Repository`` or ``Source``), if any."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata("reportlint").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in entries:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("repository", "source", "source code") and url.strip():
            return url.strip().rstrip("/")
    return None


def help_uri(code: str) -> str | None:
    """The rule's section of docs/rules.md in the repository; None when no repository URL is declared.

    There is no published documentation site, so nothing else is linked (SARIF's ``helpUri`` is optional).
    """
    repo = repository_url()
    return f"{repo}/blob/main/docs/rules.md#{code.lower()}" if repo else None


class Registry:
    """The rules known to one run: built-in checks plus the declarative rules of the loaded packs."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._by_code: dict[str, Rule] = {}
        for r in rules:
            self.add(r)

    def add(self, r: Rule) -> None:
        if r.code in self._by_code:
            other = self._by_code[r.code]
            raise PackError(f"{r.origin}: code {r.code} is already used by {other.name} ({other.origin})")
        self._by_code[r.code] = r

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code.upper())

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._by_code

    def matching(self, selector: str) -> list[Rule]:
        """Rules selected by a code (``FZ001``), a prefix (``FZ``, ``NUM00``) or a name (``parts-exceed-total``)."""
        return [r for r in self if selects(selector, r.code, r.name)]
