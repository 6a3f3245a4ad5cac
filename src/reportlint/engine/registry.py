"""One registry and one code space for Python checks and declarative pack rules.

A rule is a code (family prefix + three digits), a kebab name for the pattern it flags, a default severity, a
one-line summary, its documentation and a ``run`` callable. Python checks declare themselves with :func:`rule`;
pack rules are built from YAML by :mod:`reportlint.engine.pack`. Either way they end up as :class:`Rule`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlint.errors import PackError
from reportlint.findings import Finding, Severity

if TYPE_CHECKING:
    from reportlint.engine.context import Context

CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
BANNED_NAME_PREFIXES = ("use-", "avoid-", "prefer-", "do-not-", "consider-")

CheckFn = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The fixed documentation headings of every rule (ruff's, in Chinese report terms)."""

    what: str
    why: str
    example: str
    use_instead: str
    source: str

    def missing(self) -> list[str]:
        return [
            k for k in ("what", "why", "example", "use_instead", "source") if not getattr(self, k).strip()
        ]


@dataclass(slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: RuleDoc
    run: CheckFn
    origin: str = "python"
    """``python`` for built-in checks, else the pack that declares the rule."""
    options: dict[str, Any] = field(default_factory=dict)
    """Default options; packs and config override them."""

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def help_uri(self) -> str:
        return f"https://reportlint.readthedocs.io/rules/{self.code}"


def validate_identity(code: str, name: str, where: str) -> None:
    if not CODE_RE.match(code):
        raise PackError(f"{where}: code {code!r} is not a family prefix plus three digits (e.g. FZ001)")
    if not NAME_RE.match(name) or name.startswith(BANNED_NAME_PREFIXES):
        raise PackError(
            f"{where}: name {name!r} must be kebab-case and name the flagged pattern, not the fix"
        )


_PYTHON_RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    doc: RuleDoc,
    options: dict[str, Any] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a Python check. The decorated function receives the run's :class:`Context`."""
    validate_identity(code, name, f"python check {code}")

    def deco(fn: CheckFn) -> CheckFn:
        if code in _PYTHON_RULES:
            raise PackError(f"python check {code} is registered twice")
        _PYTHON_RULES[code] = Rule(code, name, severity, summary, doc, fn, "python", dict(options or {}))
        return fn

    return deco


def python_rules() -> dict[str, Rule]:
    """Every built-in Python check (importing the check modules registers them)."""
    import reportlint.checks  # noqa: F401  (registration side effect)

    return dict(_PYTHON_RULES)


class Registry:
    """The rules known to one run: built-in checks plus the declarative rules of the loaded packs."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._by_code: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}
        for r in rules:
            self.add(r)

    def add(self, r: Rule) -> None:
        if r.code in self._by_code:
            other = self._by_code[r.code]
            raise PackError(f"{r.origin}: code {r.code} is already used by {other.name} ({other.origin})")
        self._by_code[r.code] = r
        self._by_name.setdefault(r.name + "/" + r.family, r)

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
        s = selector.strip()
        if s.upper() == "ALL":
            return list(self)
        out = [r for r in self if r.code.startswith(s.upper()) or r.name == s]
        return out
