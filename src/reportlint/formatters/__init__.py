"""Formatters: one module per output format; only formatters print.

Each module exposes ``render(run, stream, **options)``. :func:`get_formatter` maps a ``--format`` name to it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TextIO

from reportlint.findings import RunResult

Render = Callable[..., None]

FORMATS: dict[str, str] = {
    "text": "reportlint.formatters.text",
    "json": "reportlint.formatters.json",
    "sarif": "reportlint.formatters.sarif",
    "github": "reportlint.formatters.github",
    "junit": "reportlint.formatters.junit",
    "markdown": "reportlint.formatters.markdown",
    "html": "reportlint.formatters.html",
}


def get_formatter(name: str) -> Render:
    module = importlib.import_module(FORMATS[name])
    fn: Render = module.render
    return fn


def render(name: str, run: RunResult, stream: TextIO, **options: Any) -> None:
    get_formatter(name)(run, stream, **options)
