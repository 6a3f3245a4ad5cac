"""Built-in Python checks: the one explicit list of check modules (as yamllint's ``rules/__init__``).

One module per family; each check is a function decorated with :func:`reportlint.engine.registry.rule`, which
attaches its :class:`~reportlint.engine.registry.Rule` without registering anything. :func:`python_rules`
collects the checks of the modules listed in :data:`MODULES`, in that order. A new family module is added here;
a new check in an existing module needs nothing else.
"""

from __future__ import annotations

from types import ModuleType

from reportlint.checks import dt, fz, gk, gw, hd, num, pn, st
from reportlint.engine.registry import Rule, rule_of
from reportlint.errors import PackError

MODULES: tuple[ModuleType, ...] = (fz, gk, hd, num, dt, pn, st, gw)
"""Every module of built-in checks, one per family (spec/rule-codes.md)."""

__all__ = ["MODULES", "python_rules"]


def python_rules() -> dict[str, Rule]:
    """Every built-in check by code. A code declared twice is a load error."""
    out: dict[str, Rule] = {}
    for module in MODULES:
        for value in vars(module).values():
            r = rule_of(value)
            if r is None or getattr(value, "__module__", None) != module.__name__:
                continue  # not a check, or a check imported from another module
            if r.code in out:
                raise PackError(f"python check {r.code} is declared twice ({out[r.code].name}, {r.name})")
            out[r.code] = r
    return out
