"""The rules of a run: the built-in checks (``reportlint.checks``) plus the declarative rules of a pack.

Above the checks and the pack rule types, below the runner: the runner, ``reportlint rules``/``explain``, the
generated docs/rules.md and configuration validation all take their rule list from here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlint.engine.pack import Pack, builtin_packs, resolve_pack
from reportlint.engine.registry import Registry, Rule, selects
from reportlint.engine.types import build_pack_rules
from reportlint.errors import PackError


@cache
def _python_rules() -> tuple[Rule, ...]:
    from reportlint.checks import python_rules

    return tuple(python_rules().values())


def python_rules() -> dict[str, Rule]:
    """Every built-in Python check by code."""
    return {r.code: r for r in _python_rules()}


def registry_for(pack: Pack) -> Registry:
    """Built-in checks plus the pack's declarative rules, in one code space; the pack's options are validated."""
    reg = Registry(_python_rules())
    for r in build_pack_rules(pack):
        reg.add(r)
    check_pack_options(reg, pack)
    return reg


def all_rules(pack: str | None = None) -> Registry:
    """Built-in checks plus the rules of the given pack (or of every shipped pack)."""
    reg = Registry(_python_rules())
    packs = [resolve_pack(pack)] if pack else list(builtin_packs().values())
    for p in packs:
        for r in build_pack_rules(p):
            if r.code not in reg:
                reg.add(r)
    return reg


def check_pack_options(reg: Registry, pack: Pack) -> None:
    """Every ``checks[i].options`` key is an option of a rule the entry selects, with a value of its type."""
    for i, use in enumerate(pack.spec.checks):
        if not use.options:
            continue
        chosen = [r for r in reg if selects(use.select, r.code, r.name)]
        for key, value in use.options.items():
            where = f"{pack.path}: checks[{i}].options.{key}"
            takers = [r for r in chosen if any(o.name == key for o in r.options)]
            if not takers:
                raise PackError(f"{where}: no rule selected by {use.select!r} has this option")
            for r in takers:
                r.check_options({key: value}, f"{pack.path}: checks[{i}].options")


def pack_options(rule: Rule, pack: Pack) -> dict[str, Any]:
    """The options the pack's ``checks:`` entries give ``rule`` (already validated by :func:`registry_for`)."""
    out: dict[str, Any] = {}
    declared = {o.name: o for o in rule.options}
    for use in pack.spec.checks:
        if selects(use.select, rule.code, rule.name):
            for key, value in use.options.items():
                if key in declared:
                    out[key] = declared[key].convert(value, key)
    return out
