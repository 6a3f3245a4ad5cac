"""What a check sees: the document, its outline, the pack and profile, its options, and cached facts.

Every fact more than one check reads is a lazily computed, cached property of :class:`Context` (one Context per
document); checks keep no module-level caches.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import msgspec

from reportlint.findings import SEVERITY_RANK, Finding, Severity
from reportlint.model import Document, Location
from reportlint.structure.outline import Outline
from reportlint.textutil import snippet

if TYPE_CHECKING:
    from reportlint.engine.pack import Pack, Profile
    from reportlint.engine.registry import Rule
    from reportlint.facts.dates import DateFact
    from reportlint.facts.gk_tables import GkTables
    from reportlint.facts.numbers import Statement
    from reportlint.facts.period import PeriodFact
    from reportlint.structure.parts import PartMatch


class PreviousReport(msgspec.Struct, dict=True):
    """Last year's report (``--previous``): the path as given and, once the API has read it, its Document.

    The API reads it once before the batch (an unreadable file is the run's error); its outline and statistics
    tables are computed on first use and cached here, so every file of a batch shares them.
    """

    path: str
    doc: Document | None = None

    @cached_property
    def outline(self) -> Outline | None:
        if self.doc is None:
            return None
        from reportlint.structure.outline import build_outline

        return build_outline(self.doc)

    @property
    def year(self) -> int | None:
        return self.outline.year if self.outline is not None else None

    @cached_property
    def gk_tables(self) -> GkTables | None:
        if self.doc is None:
            return None
        from reportlint.facts.gk_tables import map_tables

        return map_tables(self.doc)


class Context(msgspec.Struct, dict=True):
    """What a check sees: the document, its outline, the pack and profile, the current rule and its options.

    ``dict=True`` gives instances a ``__dict__``: the facts below are ``cached_property`` (computed on first use,
    shared by every check of the run).
    """

    doc: Document
    outline: Outline
    pack: Pack
    profile: Profile
    rule: Rule | None = None
    options: dict[str, Any] = msgspec.field(default_factory=dict)
    """The current rule's options: its declared defaults, then the pack's values, then the user's (validated)."""
    previous: PreviousReport | None = None
    """Last year's report when ``--previous`` is given (GK008)."""

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

    @cached_property
    def gk_tables(self) -> GkTables:
        """The statistics tables of the 政府信息公开 format, mapped onto its rows and columns (the GK checks)."""
        from reportlint.facts.gk_tables import map_tables

        return map_tables(self.doc)

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
        at_most: Severity | None = None,
    ) -> Finding:
        """A finding of the current rule on ``doc.paragraphs[paragraph].text[start:end]``.

        ``paragraph=None`` makes a document-level finding, placed on the report's title where there is one.
        A check does not choose severity: the engine gives the rule's (the pack's, the user's). ``at_most``
        marks a less certain finding (e.g. a probable typo rather than a certain one): the engine reports it at
        most at that severity, unless the user set the rule's severity, which always wins.
        """
        rule = self.rule
        assert rule is not None, "finding() is called from inside a check"
        severity = rule.severity
        if at_most is not None and SEVERITY_RANK[at_most] < SEVERITY_RANK[severity]:
            severity = at_most
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
            code=rule.code,
            name=rule.name,
            severity=severity,
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
