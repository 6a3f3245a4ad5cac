"""What a check sees: the document, its outline, the pack and profile, its options, and cached facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from reportlint.findings import Finding, Severity
from reportlint.model import Document, Location
from reportlint.structure.outline import Outline
from reportlint.textutil import snippet

if TYPE_CHECKING:
    from reportlint.engine.pack import Pack, Profile
    from reportlint.engine.registry import Rule
    from reportlint.facts.dates import DateFact
    from reportlint.facts.numbers import Statement
    from reportlint.facts.period import PeriodFact
    from reportlint.structure.parts import PartMatch


@dataclass
class Context:
    doc: Document
    outline: Outline
    pack: Pack
    profile: Profile
    rule: Rule | None = None
    options: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    """Run-wide settings a check may read (e.g. ``previous`` report path)."""

    @cached_property
    def parts(self) -> dict[str, PartMatch]:
        from reportlint.structure.parts import match_parts

        return match_parts(self.outline, self.pack.parts)

    @cached_property
    def dates(self) -> list[DateFact]:
        from reportlint.facts.dates import find_dates

        return find_dates(self.doc)

    @cached_property
    def statements(self) -> list[Statement]:
        """Statements that state quantities (see :mod:`reportlint.facts.numbers`)."""
        from reportlint.facts.numbers import find_statements

        return find_statements(self.doc)

    @cached_property
    def periods(self) -> list[PeriodFact]:
        """Statistical-period statements (FZ006 and DT002 both read them)."""
        from reportlint.facts.period import find_periods

        return find_periods(self.doc, self.dates)

    @property
    def year(self) -> int | None:
        return self.outline.year

    def finding(
        self,
        paragraph: int | None,
        start: int,
        end: int,
        message: str,
        *,
        evidence: str | None = None,
        suggestion: str | None = None,
        key: str | None = None,
        severity: Severity | None = None,
        code: str | None = None,
    ) -> Finding:
        """A finding of the current rule on ``doc.paragraphs[paragraph].text[start:end]``.

        ``paragraph=None`` makes a document-level finding, placed on the report's title where there is one.
        """
        rule = self.rule
        assert rule is not None, "finding() is called from inside a check"
        if paragraph is None and self.outline.title:
            paragraph, start, end = self.outline.title[0], 0, 0
        if paragraph is None:
            location = Location()
            excerpt, span, section, offset = "", None, "", 0
        else:
            para = self.doc.paragraphs[paragraph]
            text = para.text
            location = para.location_at(start)
            excerpt, s0, s1 = snippet(text, start, max(end, start))
            span = (s0, s1) if end > start else None
            section = self.outline.section_of(paragraph).path()
            offset = start
        return Finding(
            code=code or rule.code,
            name=rule.name,
            severity=severity or rule.severity,
            message=message,
            location=location,
            section=section,
            excerpt=excerpt,
            span=span,
            evidence=evidence,
            suggestion=suggestion,
            paragraph_index=paragraph,
            offset=offset,
            key=key if key is not None else (excerpt[span[0] : span[1]] if span else message),
        )
