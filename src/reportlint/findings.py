"""Findings and results: what checks produce and formatters print."""

from __future__ import annotations

from typing import Literal

import msgspec

from reportlint.errors import FileErrorCode
from reportlint.model import Location
from reportlint.textutil import lazy_compile, sha256_hex

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Finding(msgspec.Struct):
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    section: str
    """Section path (``一、… / （八）…``), empty outside the section tree."""
    excerpt: str
    span: tuple[int, int] | None = None
    """Offsets of the offending text inside ``excerpt`` (for highlighting)."""
    evidence: str | None = None
    suggestion: str | None = None
    paragraph_index: int | None = None
    """0-based index of the paragraph in the Document (for annotation and ordering), None for the whole file."""
    offset: int = 0
    """Offset of the span in the paragraph text (ordering and fingerprints)."""
    key: str = ""
    """What the finding is about, stable under unrelated edits (the matched text, the part name …)."""
    fingerprint: str = ""

    def sort_key(self) -> tuple[int, int, str, str]:
        return (
            self.paragraph_index if self.paragraph_index is not None else -1,
            self.offset,
            self.code,
            self.message,
        )


_HEADING_NUMBER = lazy_compile(r"^\s*[（(]?[一二三四五六七八九十百零〇0-9]+[)）]?[、.．]?\s*")


def fingerprint_section(section: str) -> str:
    """The top-level section as fingerprints see it: its title without the number (一、 （二） 3.), 12 chars.

    The number is left out so that a section inserted above (renumbering the rest) keeps fingerprints.
    """
    top = section.split(" / ")[0]
    return _HEADING_NUMBER.sub("", top, count=1)[:12]


def make_fingerprint(path_key: str, finding: Finding, occurrence: int) -> str:
    """A hash of what the finding is about, not where: code, section, key (or excerpt) and occurrence number.

    Paragraph numbers, pages, lines and section numbers are left out, so a paragraph or section added above or
    a number changed elsewhere leaves fingerprints of other findings unchanged. ``occurrence`` counts earlier
    findings with the same code, section and key.
    """
    basis = "\x1f".join(
        [finding.code, fingerprint_section(finding.section), finding.key or finding.excerpt, str(occurrence)]
    )
    return sha256_hex(basis.encode("utf-8"))[:20]


class PartStatus(msgspec.Struct):
    """One required part of the pack's content list, and the heading that matched it."""

    id: str
    label: str
    required: bool
    found: bool
    heading: str | None = None
    paragraph_index: int | None = None
    location: Location | None = None


class RuleDoc(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The fixed documentation headings of every rule (ruff's, in Chinese report terms).

    One struct for both kinds of rule: a Python check passes it to ``@rule``; a pack rule's ``doc:`` mapping in
    YAML is validated into it (unknown or missing headings are load errors naming the file and key).
    """

    what: str
    why: str
    example: str
    use_instead: str
    source: str

    def missing(self) -> list[str]:
        return [
            k for k in ("what", "why", "example", "use_instead", "source") if not getattr(self, k).strip()
        ]


class RuleInfo(msgspec.Struct, frozen=True):
    """What formatters need to know about a rule (picklable, unlike the rule and its check function)."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    use_instead: str
    origin: str


class TextParagraph(msgspec.Struct, frozen=True):
    """One paragraph of the document as review formatters show it (html, annotated .docx).

    Formatters never re-read files; this is the text they place findings on. ``kind`` is ``title``,
    ``cover`` (the enclosing cover letter), ``heading``, ``body`` or ``cell`` (a table cell).
    """

    index: int
    text: str
    kind: str
    location: Location
    level: int = 0
    """Depth of a heading in the section tree (1 = top level), 0 for other paragraphs."""
    numbering_label: str | None = None
    """Word's automatic numbering label, already prefixed to ``text``."""
    section: str = ""


class Suppression(msgspec.Struct):
    """An inline ``reportlint: ignore CODE [reason]`` directive (a Word comment or a text-file comment)."""

    selectors: tuple[str, ...]
    """Codes, prefixes or rule names it silences."""
    reason: str
    paragraph_index: int
    location: Location
    text: str
    """The directive as written."""
    used: int = 0
    """How many findings it silenced."""


class BaselineEntry(msgspec.Struct):
    """One accepted finding recorded in a baseline file."""

    path: str
    fingerprint: str
    code: str
    message: str


class GenreSignal(msgspec.Struct, frozen=True):
    """One piece of evidence for a genre: a title, heading or text pattern that matched, or dense vocabulary."""

    candidate: str
    """The genre it speaks for: a pack name (``fazhi``, ``gk``) or a kind of the general pack (``部门预算``)."""
    source: str
    """``title``, ``heading``, ``text`` or ``words``."""
    weight: int
    pattern: str
    """The pattern that matched (for ``words``: the density and its threshold)."""
    text: str
    """What matched: the title, the heading, the words found …"""
    paragraph_index: int | None = None
    location: Location | None = None


class Genre(msgspec.Struct, frozen=True):
    """What the document is, decided from its title, headings and text (see structure/genre.py)."""

    name: str
    """``fazhi``, ``gk`` (a pack's name) or ``general`` for any other official document."""
    label: str
    """法治政府建设年度报告, 政府信息公开工作年度报告, the recognised kind (部门预算) or 其他公文."""
    kind: str | None
    """For ``general``: the kind of document recognised (政府工作报告, 部门预算 …), None when unknown."""
    score: int
    threshold: int
    evidence: tuple[GenreSignal, ...] = ()
    """The signals of the winning candidate, strongest first."""
    scores: tuple[tuple[str, int], ...] = ()
    """Every candidate's score, highest first."""
    reason: str = ""
    """One line saying why (``title matches …``, ``no candidate reaches 8``)."""

    def describe(self) -> str:
        """A short label for headers: ``fazhi``, ``general (部门预算)``."""
        return f"{self.name} ({self.kind})" if self.kind else self.name


class FileResult(msgspec.Struct):
    path: str
    format: str | None
    pack: str | None
    year: int | None = None
    error: tuple[FileErrorCode, str] | None = None
    findings: list[Finding] = msgspec.field(default_factory=list)
    parts: list[PartStatus] = msgspec.field(default_factory=list)
    notes: list[str] = msgspec.field(default_factory=list)
    suppressed: int = 0
    profile: str | None = None
    rules: dict[str, RuleInfo] = msgspec.field(default_factory=dict)
    """The rules that ran, by code."""
    unused_suppressions: list[Suppression] = msgspec.field(default_factory=list)
    """Inline suppressions of active rules that silenced nothing."""
    baselined: int = 0
    """Findings hidden because the baseline records them."""
    paragraphs: list[TextParagraph] = msgspec.field(default_factory=list)
    """The document's paragraphs in reading order (for review formatters; not in the JSON output)."""
    genre: Genre | None = None
    """What the document is (detected even when ``--pack`` forces the pack)."""
    pack_forced: bool = False
    """The pack was chosen by ``--pack`` or the config file, not by the genre."""
    year_source: str | None = None
    """Where the report year comes from (``title``, ``plan-heading`` …), None without a year."""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


class RunResult(msgspec.Struct):
    files: list[FileResult]
    baseline: str | None = None
    """The baseline file applied, if any."""
    stale: list[BaselineEntry] | None = None
    """Baseline entries of the linted files that no longer occur (None unless asked for)."""

    def count(self, severity: Severity) -> int:
        return sum(f.count(severity) for f in self.files)

    @property
    def unreadable(self) -> int:
        return sum(1 for f in self.files if f.error is not None)

    def exit_code(self, fail_on: Severity = "error") -> int:
        if self.unreadable:
            return 2
        threshold = SEVERITY_RANK[fail_on]
        for f in self.files:
            if any(SEVERITY_RANK[x.severity] >= threshold for x in f.findings):
                return 1
        return 0
