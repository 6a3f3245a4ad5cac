"""Declarative rule types: the engines that pack rules ``type:`` name (after Vale's extension points).

- ``required-parts``: every required part of the pack is found (FZ001).
- ``part-requires``: when a part is found and its text matches ``when``, it must also match one of ``patterns``.
- ``required-pattern``: the scope must match one of ``patterns`` (e.g. a statistical-period sentence).
- ``substitution``: ``swap`` rows [wrong-regex, right, note]; each match outside 书名号 is a finding suggesting
  ``right`` (``message`` may use ``{match}``, ``{right}``, ``{note}``). The same engine
  (:mod:`reportlint.checks._swaps`) applies the packs' ``confusable_words``/``redundant_words`` lists for ST002/ST003.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.checks._swaps import compile_swaps, find_swaps
from reportlint.engine.context import Context
from reportlint.engine.pack import Pack, RuleSpec
from reportlint.engine.registry import CheckFn, Rule, validate_identity
from reportlint.errors import PackError
from reportlint.findings import Finding
from reportlint.model import Paragraph


def scope_paragraphs(ctx: Context, scope: str) -> list[Paragraph]:
    o = ctx.outline
    paras = ctx.doc.paragraphs
    if scope == "document":
        return paras
    if scope == "intro":
        return paras[o.intro[0] : o.intro[1]]
    if scope == "cover":
        return paras[o.cover.start : o.cover.end] if o.cover else []
    if scope == "headings":
        return [paras[h.paragraph] for h in o.headings]
    if scope == "body":
        return [p for p in paras[o.report_start :] if not p.in_table]
    return paras[o.report_start :]


def _fmt(template: str, **values: object) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _required_parts(spec: RuleSpec) -> CheckFn:
    def run(ctx: Context) -> Iterator[Finding]:
        for pm in ctx.parts.values():
            if pm.required and not pm.found:
                yield ctx.finding(
                    None, 0, 0, _fmt(spec.message, part=pm.label), suggestion=spec.suggestion, key=pm.id
                )

    return run


def _part_requires(spec: RuleSpec) -> CheckFn:
    when = [re.compile(p) for p in spec.when]
    need = [re.compile(p) for p in spec.patterns]

    def run(ctx: Context) -> Iterator[Finding]:
        pm = ctx.parts.get(spec.part or "")
        if pm is None or not pm.found:
            return
        text = pm.body_text(ctx.outline)
        if when and not any(w.search(text) for w in when):
            return
        if any(n.search(text) for n in need):
            return
        assert pm.paragraph is not None
        heading_len = len(ctx.doc.paragraphs[pm.paragraph].text.strip())
        yield ctx.finding(
            pm.paragraph,
            0,
            min(heading_len, 60),
            _fmt(spec.message, part=pm.label),
            suggestion=spec.suggestion,
            key=pm.id,
        )

    return run


def _required_pattern(spec: RuleSpec) -> CheckFn:
    need = [re.compile(p) for p in spec.patterns]

    def run(ctx: Context) -> Iterator[Finding]:
        for p in scope_paragraphs(ctx, spec.scope):
            if any(n.search(p.text) for n in need):
                return
        yield ctx.finding(None, 0, 0, spec.message, suggestion=spec.suggestion, key=spec.code)

    return run


def _substitution(spec: RuleSpec) -> CheckFn:
    swaps = compile_swaps(tuple(tuple(row) for row in spec.swap))

    def run(ctx: Context) -> Iterator[Finding]:
        for sm in find_swaps(scope_paragraphs(ctx, spec.scope), swaps):
            yield ctx.finding(
                sm.paragraph,
                sm.start,
                sm.end,
                _fmt(spec.message, match=sm.wrong, right=sm.right, note=sm.note),
                suggestion=sm.right,
                evidence=f"{sm.wrong} → {sm.right}",
            )

    return run


_BUILDERS = {
    "required-parts": _required_parts,
    "part-requires": _part_requires,
    "required-pattern": _required_pattern,
    "substitution": _substitution,
}


def build_pack_rules(pack: Pack) -> list[Rule]:
    rules = []
    for i, spec in enumerate(pack.spec.rules):
        validate_identity(spec.code, spec.name, f"{pack.path}: rules[{i}]")
        try:
            run = _BUILDERS[spec.type](spec)
        except PackError as exc:
            raise PackError(f"{pack.path}: rules[{i}] ({spec.code}): {exc}") from None
        rules.append(
            Rule(
                spec.code,
                spec.name,
                spec.severity,
                spec.summary,
                spec.doc,
                run,
                pack.name,
            )
        )
    return rules
