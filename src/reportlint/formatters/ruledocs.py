"""``reportlint rules`` and ``reportlint explain``: generated from the same metadata as docs/rules.md."""

from __future__ import annotations

import json
from typing import TextIO

from reportlint.engine.pack import builtin_packs, resolve_pack
from reportlint.engine.registry import Registry, Rule, python_rules
from reportlint.engine.types import build_pack_rules


def all_rules(pack: str | None = None) -> Registry:
    """Built-in checks plus the rules of the given pack (or of every shipped pack)."""
    reg = Registry(python_rules().values())
    packs = [resolve_pack(pack)] if pack else list(builtin_packs().values())
    for p in packs:
        for r in build_pack_rules(p):
            if r.code not in reg:
                reg.add(r)
    return reg


def rule_markdown(r: Rule) -> str:
    d = r.doc
    return (
        f"## {r.code} `{r.name}`\n\n"
        f"Default severity: **{r.severity}** · defined in: {r.origin}\n\n{r.summary}\n\n"
        f"### What it does\n\n{d.what}\n\n### Why it matters\n\n{d.why}\n\n"
        f"### Example\n\n{d.example}\n\n### Use instead\n\n{d.use_instead}\n\n### Source\n\n{d.source}\n"
    )


def render_rules(stream: TextIO, *, pack: str | None = None, as_json: bool = False) -> None:
    reg = all_rules(pack)
    if as_json:
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "origin": r.origin,
                "summary": r.summary,
                "help_uri": r.help_uri,
            }
            for r in reg
        ]
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    for r in reg:
        stream.write(f"{r.code}  {r.name:<34} {r.severity:<8} {r.origin:<7} {r.summary}\n")


def render_explain(stream: TextIO, code: str) -> bool:
    r = all_rules().get(code)
    if r is None:
        return False
    stream.write(rule_markdown(r))
    return True
