"""Run the rules of a pack over one document: the core of the library API."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import msgspec

from reportlint.engine import suppress
from reportlint.engine.catalog import pack_options, registry_for
from reportlint.engine.context import Context, PreviousReport
from reportlint.engine.pack import Pack, builtin_packs, resolve_pack
from reportlint.engine.registry import Registry, Rule, effective_severity, selects
from reportlint.engine.textview import text_paragraphs
from reportlint.errors import PackError
from reportlint.findings import (
    FileResult,
    Finding,
    Genre,
    PartStatus,
    RuleInfo,
    Severity,
    fingerprint_section,
    make_fingerprint,
)
from reportlint.model import Document
from reportlint.readers import Limits
from reportlint.structure.genre import GENERAL, detect_genre
from reportlint.structure.outline import Outline, build_outline


class Settings(msgspec.Struct):
    """Everything a run needs besides the files. The CLI and the config file fill it in."""

    pack: str | None = None
    """Pack name or path; None picks the pack of the detected genre (structure/genre.py)."""
    profile: str | None = None
    select: list[str] = msgspec.field(default_factory=list)
    """Codes, prefixes or names; empty means the pack's own selection."""
    extend_select: list[str] = msgspec.field(default_factory=list)
    ignore: list[str] = msgspec.field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = msgspec.field(default_factory=dict)
    """Path glob (relative to ``root``) -> codes, prefixes or names ignored in matching files."""
    root: str | None = None
    """Directory that ``per_file_ignores`` globs are relative to (the config file's; None: the cwd)."""
    severity: dict[str, Severity] = msgspec.field(default_factory=dict)
    """Severity per code, prefix or name."""
    options: dict[str, dict[str, Any]] = msgspec.field(default_factory=dict)
    """Rule options per code, validated against each rule's declared options."""
    previous: PreviousReport | None = None
    """Last year's report (``--previous``), read once by the API before the batch; GK008 compares with it."""
    fail_on: Severity = "error"
    limits: Limits = msgspec.field(default_factory=Limits)
    strict: bool = msgspec.field(default_factory=lambda: os.environ.get("REPORTLINT_STRICT") == "1")
    """Re-raise exceptions from checks (tests set it) instead of turning them into a note."""


def choose(outline: Outline, settings: Settings) -> tuple[Pack, Genre, bool]:
    """The genre of the document, the pack to run and whether ``--pack`` (or the config) forced it."""
    packs = builtin_packs()
    if not packs:
        raise PackError("no rule packs found (the installation is incomplete)")
    genre = detect_genre(outline, packs)
    if settings.pack:
        return resolve_pack(settings.pack), genre, True
    pack = packs.get(genre.name) or packs.get(GENERAL)
    if pack is None:
        raise PackError(f"the built-in pack {GENERAL!r} is missing (the installation is incomplete)")
    return pack, genre, False


def _matches(rule: Rule, selectors: list[str]) -> bool:
    return any(selects(s, rule.code, rule.name) for s in selectors)


def user_severity(rule: Rule, settings: Settings) -> Severity | None:
    """The severity the user's ``[severity]`` gives the rule (the longest matching selector wins), else None."""
    chosen: Severity | None = None
    for sel, sev in sorted(settings.severity.items(), key=lambda kv: len(kv[0])):
        if selects(sel, rule.code, rule.name):
            chosen = sev
    return chosen


def active_rules(
    registry: Registry, pack: Pack, settings: Settings
) -> list[tuple[Rule, Severity, dict[str, Any]]]:
    """The rules to run, each with its base severity (the default, or the pack's) and its validated options.

    The user's ``[severity]`` (:func:`user_severity`) is applied on top by :func:`lint_document`.
    """
    pack_codes = {r.code for r in registry if r.origin == pack.name}
    uses = pack.spec.checks
    chosen: list[tuple[Rule, Severity, dict[str, Any]]] = []
    for rule in registry:
        in_pack = rule.code in pack_codes or any(_matches(rule, [u.select]) for u in uses)
        if settings.select:
            if not _matches(rule, settings.select):
                continue
        elif not in_pack and not _matches(rule, settings.extend_select):
            continue
        if rule.origin not in ("python", pack.name):
            continue
        if _matches(rule, settings.ignore):
            continue
        severity: Severity = rule.severity
        for u in uses:
            if u.severity and _matches(rule, [u.select]):
                severity = u.severity
        options = rule.defaults()
        options.update(pack_options(rule, pack))
        user = settings.options.get(rule.code)
        if user:
            options.update(rule.check_options(user, f"options.{rule.code}"))
        chosen.append((rule, severity, options))
    return chosen


def lint_document(doc: Document, settings: Settings | None = None) -> FileResult:
    """Build the outline, pick the pack and profile, run the active rules and return the findings."""
    settings = settings or Settings()
    outline = build_outline(doc)
    pack, genre, forced = choose(outline, settings)
    title = outline.title_text
    if outline.cover is not None and outline.cover.signature is not None:
        title += doc.paragraphs[outline.cover.signature].text
    profile = pack.profile(settings.profile) if settings.profile else pack.detect_profile(title)
    registry = registry_for(pack)
    ctx = Context(doc, outline, pack, profile, previous=settings.previous)
    result = FileResult(
        path=doc.path,
        format=doc.format,
        pack=pack.name,
        year=outline.year,
        notes=list(doc.notes),
        profile=profile.name,
        genre=genre,
        pack_forced=forced,
        year_source=outline.year_source,
    )
    findings: list[Finding] = []
    for rule, base, options in active_rules(registry, pack, settings):
        user = user_severity(rule, settings)
        result.rules[rule.code] = rule_info(rule, user or base)
        ctx.rule = rule
        ctx.options = options
        try:
            for f in rule.run(ctx):
                f.severity = effective_severity(rule, f, base, user)
                findings.append(f)
        except Exception as exc:
            if settings.strict:
                raise
            result.notes.append(
                f"internal error in {rule.code} ({type(exc).__name__}: {exc}); its findings are missing"
            )
    ctx.rule = None
    result.findings = finalize(findings)
    active = [(r.code, r.name) for r in registry if r.code in result.rules]
    result.findings, result.suppressed, result.unused_suppressions = suppress.apply(
        doc, result.findings, active, [(r.code, r.name) for r in registry]
    )
    result.parts = part_statuses(ctx)
    result.paragraphs = text_paragraphs(outline)
    return result


def rule_info(rule: Rule, severity: Severity | None = None) -> RuleInfo:
    return RuleInfo(
        rule.code,
        rule.name,
        severity or rule.severity,
        rule.summary,
        rule.doc.why,
        rule.doc.use_instead,
        rule.origin,
    )


def finalize(findings: list[Finding]) -> list[Finding]:
    """Drop exact duplicates, sort by location, give each finding its fingerprint."""
    seen: set[tuple[object, ...]] = set()
    unique: list[Finding] = []
    for f in sorted(findings, key=Finding.sort_key):
        k = (f.code, f.paragraph_index, f.offset, f.message)
        if k in seen:
            continue
        seen.add(k)
        unique.append(f)
    counts: Counter[tuple[str, str, str]] = Counter()
    for f in unique:
        basis = (f.code, fingerprint_section(f.section), f.key or f.excerpt)
        f.fingerprint = make_fingerprint("", f, counts[basis])
        counts[basis] += 1
    return unique


def part_statuses(ctx: Context) -> list[PartStatus]:
    out = []
    for pm in ctx.parts.values():
        loc = ctx.doc.paragraphs[pm.paragraph].location if pm.paragraph is not None else None
        out.append(PartStatus(pm.id, pm.label, pm.required, pm.found, pm.matched, pm.paragraph, loc))
    return out
