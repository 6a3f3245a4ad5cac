"""``--format json``: the versioned machine contract (docs/json-output.md)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from reportlint import __version__
from reportlint.findings import FileResult, Finding, Genre, RunResult
from reportlint.model import Location

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "location": {
            "page": loc.page,
            "paragraph": loc.paragraph,
            "line": loc.line,
            "section": f.section,
            "table": loc.table,
            "row": loc.row,
            "col": loc.col,
        },
        "excerpt": f.excerpt,
        "span": list(f.span) if f.span else None,
        "evidence": f.evidence,
        "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
    }


def file_dict(r: FileResult) -> dict[str, Any]:
    return {
        "path": r.path,
        "format": r.format,
        "pack": r.pack,
        "profile": r.profile,
        "year": r.year,
        "year_source": r.year_source,
        "genre": r.genre.name if r.genre is not None else None,
        "genre_evidence": genre_dict(r.genre) if r.genre is not None else None,
        "pack_forced": r.pack_forced,
        "error": {"code": r.error[0], "message": r.error[1]} if r.error else None,
        "parts": [
            {"id": p.id, "label": p.label, "required": p.required, "found": p.found, "heading": p.heading}
            for p in r.parts
        ],
        "findings": [finding_dict(f) for f in r.findings],
        "suppressed": r.suppressed,
        "baselined": r.baselined,
        "unused_suppressions": [
            {"codes": list(s.selectors), "reason": s.reason, "location": _loc(s.location), "text": s.text}
            for s in r.unused_suppressions
        ],
    }


def genre_dict(g: Genre) -> dict[str, Any]:
    return {
        "label": g.label,
        "kind": g.kind,
        "score": g.score,
        "threshold": g.threshold,
        "reason": g.reason,
        "signals": [
            {
                "candidate": s.candidate,
                "source": s.source,
                "weight": s.weight,
                "pattern": s.pattern,
                "text": s.text,
                "location": _loc(s.location) if s.location is not None else None,
            }
            for s in g.evidence
        ],
        "scores": {name: score for name, score in g.scores},
    }


def _loc(loc: Location) -> dict[str, Any]:
    return {"page": loc.page, "paragraph": loc.paragraph, "line": loc.line}


def document(run: RunResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "reportlint", "version": __version__},
        "files": [file_dict(r) for r in run.files],
        "summary": {
            "files": len(run.files),
            "unreadable": run.unreadable,
            "errors": run.count("error"),
            "warnings": run.count("warning"),
            "infos": run.count("info"),
            "suppressed": sum(r.suppressed for r in run.files),
            "baselined": sum(r.baselined for r in run.files),
        },
        "baseline": None
        if run.baseline is None
        else {
            "path": run.baseline,
            "stale": None
            if run.stale is None
            else [
                {"path": e.path, "fingerprint": e.fingerprint, "code": e.code, "message": e.message}
                for e in run.stale
            ],
        },
    }


def render(run: RunResult, stream: TextIO, **_: Any) -> None:
    json.dump(document(run), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
