"""Decide what a document is: a 法治政府建设年度报告, a 政府信息公开工作年度报告, or any other official document.

Every built-in pack but ``general`` is a candidate genre, and so is every kind the general pack lists
(政府工作报告, 部门预算 …). Each candidate collects evidence from its ``detect`` section:

- ``title``: the title (report title, cover-letter title, 附件说明) matches one of its patterns: +10;
- ``headings``: each distinct pattern found in a section heading (one heading counts once): +4 (at most two
  count);
- ``text``: each distinct pattern found in the text: +2 (at most two count);
- ``words``: its vocabulary is dense in the body (``per_1000`` words per 1000 characters or more): +6.

The candidate with the highest score wins if it reaches :data:`THRESHOLD` and beats every other candidate;
a special pack (``fazhi``, ``gk``) without its title must also have dense vocabulary (a 政府工作报告 mentions
依法行政 and 政务公开 in passing; a fragment of a real 法治 report talks of little else). Otherwise, or when a
kind of the general pack wins, the genre is ``general``: the general pack runs (numbers, dates, headings,
punctuation, wording, format) and no required-part rule of a genre the document does not belong to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import msgspec

from reportlint.findings import Genre, GenreSignal
from reportlint.structure.outline import Heading, Outline

if TYPE_CHECKING:
    from reportlint.engine.pack import Pack, SignalSpec

GENERAL = "general"
THRESHOLD = 8
W_TITLE, W_HEADING, W_TEXT, W_WORDS = 10, 4, 2, 6
MAX_HEADINGS, MAX_TEXT = 2, 2
GENERAL_LABEL = "其他公文"


class _Candidate(msgspec.Struct):
    name: str
    """Pack name, or the kind's label for a kind of the general pack."""
    pack: str
    label: str
    special: bool
    signals: list[GenreSignal] = msgspec.field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(s.weight for s in self.signals)

    def has(self, source: str) -> bool:
        return any(s.source == source for s in self.signals)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def title_lines(outline: Outline) -> list[int]:
    """Paragraphs that name the document: its title, the cover letter's title, the 附件说明."""
    out = list(outline.title)
    cover = outline.cover
    if cover is not None:
        out += cover.title_lines or ([cover.title] if cover.title is not None else [])
        if cover.attachment_note is not None:
            out.append(cover.attachment_note)
    return out


class _Texts(msgspec.Struct):
    """What every candidate looks at, squashed once per document (not once per candidate and pattern)."""

    titles: list[tuple[int, str]]
    """(paragraph index, squashed text) of the lines that name the document."""
    headings: list[tuple[Heading, str]]
    """Every heading with its squashed title."""
    body: str
    n_chars: int


def _collect(cand: _Candidate, spec: SignalSpec, outline: Outline, texts: _Texts) -> None:
    doc = outline.doc
    para = doc.paragraphs
    for i, t in texts.titles:
        pat = next((p for p in spec.title if re.search(p, t)), None)
        if pat is not None:
            cand.signals.append(GenreSignal(cand.name, "title", W_TITLE, pat, t[:80], i, para[i].location))
            break
    n = 0
    used: set[int] = set()
    for pat in spec.headings:
        if n >= MAX_HEADINGS:
            break
        h = next(
            (h for h, title in texts.headings if h.paragraph not in used and re.search(pat, title)),
            None,
        )
        if h is not None:
            n += 1
            used.add(h.paragraph)
            cand.signals.append(
                GenreSignal(
                    cand.name,
                    "heading",
                    W_HEADING,
                    pat,
                    h.display[:60],
                    h.paragraph,
                    para[h.paragraph].location,
                )
            )
    n = 0
    for pat in spec.text:
        if n >= MAX_TEXT:
            break
        for p in para[outline.report_start :] or para:
            m = re.search(pat, p.text)
            if m is not None:
                n += 1
                cand.signals.append(
                    GenreSignal(cand.name, "text", W_TEXT, pat, m.group(0)[:40], p.index, p.location)
                )
                break
    if spec.words and spec.per_1000 > 0 and texts.n_chars > 0:
        counts = {w: len(re.findall(w, texts.body)) for w in spec.words}
        total = sum(counts.values())
        density = 1000 * total / texts.n_chars
        if density >= spec.per_1000:
            top = sorted(((c, w) for w, c in counts.items() if c), reverse=True)[:4]
            cand.signals.append(
                GenreSignal(
                    cand.name,
                    "words",
                    W_WORDS,
                    f"{density:.1f}/1000 ≥ {spec.per_1000:g}/1000",
                    "、".join(f"{w}×{c}" for c, w in top),
                )
            )


def detect_genre(outline: Outline, packs: dict[str, Pack]) -> Genre:
    """Score every candidate genre on ``outline`` and decide (see the module docstring)."""
    doc = outline.doc
    body_paras = [p.text for p in doc.paragraphs[outline.report_start :] if not p.in_table] or [
        p.text for p in doc.paragraphs if not p.in_table
    ]
    body = "\n".join(body_paras)
    texts = _Texts(
        [(i, _squash(doc.paragraphs[i].text)) for i in title_lines(outline)],
        [(h, _squash(h.title)) for h in outline.headings],
        body,
        len(_squash(body)),
    )
    cands: list[_Candidate] = []
    for name, pack in sorted(packs.items()):
        if name == GENERAL:
            for kind in pack.spec.detect.kinds:
                c = _Candidate(kind.label, GENERAL, kind.label, special=False)
                _collect(c, kind, outline, texts)
                cands.append(c)
        else:
            c = _Candidate(name, name, pack.title, special=True)
            _collect(c, pack.spec.detect, outline, texts)
            cands.append(c)
    for c in cands:
        c.signals.sort(key=lambda s: -s.weight)
    ranked = sorted(cands, key=lambda c: (-c.score, not c.special, c.name))
    scores = tuple((c.name, c.score) for c in ranked if c.score > 0)
    best = ranked[0] if ranked else None
    second = ranked[1].score if len(ranked) > 1 else 0

    def general(reason: str, kind: _Candidate | None = None) -> Genre:
        return Genre(
            GENERAL,
            kind.label if kind else GENERAL_LABEL,
            kind.label if kind else None,
            kind.score if kind else 0,
            THRESHOLD,
            tuple(kind.signals) if kind else (),
            scores,
            reason,
        )

    if best is None or best.score < THRESHOLD:
        top = f"{best.name} {best.score}" if best is not None and best.score else "nothing"
        return general(f"no genre reaches {THRESHOLD} (best: {top})")
    if best.score == second:
        return general(f"{best.name} and {ranked[1].name} tie at {best.score}")
    if best.special and not best.has("title") and not best.has("words"):
        return general(f"{best.name} scores {best.score} but has neither its title nor its vocabulary")
    if not best.special:
        return general(_why(best), best)
    return Genre(best.pack, best.label, None, best.score, THRESHOLD, tuple(best.signals), scores, _why(best))


def _why(c: _Candidate) -> str:
    first = c.signals[0]
    what = {"title": "title", "heading": "heading", "text": "text", "words": "vocabulary"}[first.source]
    return f"{c.name} {c.score} ≥ {THRESHOLD}: {what} {first.text}"
