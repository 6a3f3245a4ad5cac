"""Inline suppressions: ``reportlint: ignore CODE[,CODE…] [reason]`` attached to a paragraph.

In Word a drafter adds a comment (批注) on the paragraph reading ``reportlint: ignore ST002 这里是引文原文``; the
.docx reader puts comment texts into :attr:`Paragraph.comments`. In .md and .txt files the text reader turns
``<!-- reportlint: ignore ST002 reason -->`` (and, in .txt, ``# reportlint: ignore ST002 reason``) into the same
paragraph comment and removes it from the report text (see docs/ci.md). A full-width colon (``reportlint：``)
is accepted too, since Chinese input methods type one.

A directive names codes (``ST002``), prefixes (``PN``) or rule names (``confusable-word``), separated by commas;
everything after them is the reason. It silences matching findings located in that paragraph. A directive
that names an active rule but silences nothing is reported as unused, so stale suppressions get cleaned up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportlint.engine.registry import selects
from reportlint.findings import Finding, Suppression
from reportlint.model import Document
from reportlint.textutil import lazy_compile

DIRECTIVE_RE = lazy_compile(
    r"^\s*reportlint\s*[:：]\s*ignore\s+(?P<codes>[A-Za-z0-9][A-Za-z0-9\-]*(?:\s*[,，]\s*[A-Za-z0-9][A-Za-z0-9\-]*)*)"
    r"(?:\s+(?P<reason>.*?))?\s*$",
    re.DOTALL,
)


def parse_directive(text: str) -> tuple[tuple[str, ...], str] | None:
    """``(selectors, reason)`` for a ``reportlint: ignore …`` text, None for any other comment."""
    m = DIRECTIVE_RE.match(text)
    if not m:
        return None
    codes = tuple(c.strip() for c in re.split(r"[,，]", m.group("codes")) if c.strip())
    return codes, (m.group("reason") or "").strip()


def collect(doc: Document) -> list[Suppression]:
    out: list[Suppression] = []
    for p in doc.paragraphs:
        for c in p.comments:
            parsed = parse_directive(c)
            if parsed is not None:
                out.append(Suppression(parsed[0], parsed[1], p.index, p.location, c.strip()))
    return out


def apply(
    doc: Document,
    findings: list[Finding],
    active: Iterable[tuple[str, str]],
    known: Iterable[tuple[str, str]] = (),
) -> tuple[list[Finding], int, list[Suppression]]:
    """Drop findings silenced by a directive on their paragraph.

    ``active`` is the (code, name) of each rule that ran, ``known`` of every rule there is. Returns the kept findings, how many were silenced,
    and the directives that name an active rule (or no known rule at all) yet silenced nothing.
    """
    sups = collect(doc)
    if not sups:
        return findings, 0, []
    by_para: dict[int, list[Suppression]] = {}
    for s in sups:
        by_para.setdefault(s.paragraph_index, []).append(s)
    kept: list[Finding] = []
    silenced = 0
    for f in findings:
        hit = None
        if f.paragraph_index is not None:
            for s in by_para.get(f.paragraph_index, []):
                if any(selects(sel, f.code, f.name) for sel in s.selectors):
                    hit = s
                    break
        if hit is None:
            kept.append(f)
        else:
            hit.used += 1
            silenced += 1
    rules = list(active)
    every = list(known)

    def names(s: Suppression, pool: list[tuple[str, str]]) -> bool:
        return any(selects(sel, code, name) for sel in s.selectors for code, name in pool)

    unused = [s for s in sups if not s.used and (names(s, rules) or (every and not names(s, every)))]
    return kept, silenced, unused


__all__ = ["DIRECTIVE_RE", "apply", "collect", "parse_directive"]
