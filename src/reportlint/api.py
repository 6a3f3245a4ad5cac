"""The library API the CLI (and anyone else) calls: lint files, build outlines."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from reportlint.engine.run import Settings, lint_document
from reportlint.errors import FileError
from reportlint.findings import FileResult, RunResult
from reportlint.model import Document
from reportlint.readers import SUPPORTED_SUFFIXES, read_document
from reportlint.structure.outline import Outline, build_outline

__all__ = ["Settings", "collect_files", "lint_file", "lint_paths", "outline_file"]


def _format_of(path: str) -> str | None:
    suffix = Path(path).suffix.lower().lstrip(".")
    return (
        {"markdown": "md", "text": "txt"}.get(suffix, suffix)
        if suffix in {"docx", "pdf", "txt", "md", "markdown", "text"}
        else None
    )


def lint_file(path: str, settings: Settings | None = None) -> FileResult:
    """Read and lint one file; a file that cannot be read gives a result with ``error`` set."""
    settings = settings or Settings()
    try:
        doc = read_document(path, settings.limits)
    except FileError as exc:
        return FileResult(
            path=path, format=_format_of(path), pack=settings.pack, error=(exc.code, exc.message)
        )
    result = lint_document(doc, settings)
    result.path = path
    return result


def collect_files(paths: Iterable[str]) -> list[str]:
    """Expand directories (recursively, by extension) and keep the order the user gave."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[str] = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(SUPPORTED_SUFFIXES) and not name.startswith(("~$", ".")):
                        found.append(str(Path(root) / name))
            out.extend(found)
        else:
            out.append(raw)
    return out


def lint_paths(paths: Iterable[str], settings: Settings | None = None) -> RunResult:
    settings = settings or Settings()
    return RunResult([lint_file(f, settings) for f in collect_files(paths)])


def outline_file(path: str, settings: Settings | None = None) -> tuple[Document, Outline]:
    """Read one file and build its outline (raises :class:`FileError`)."""
    settings = settings or Settings()
    doc = read_document(path, settings.limits)
    return doc, build_outline(doc)
