"""Placeholder: the .pdf reader (pdfplumber) is being written."""

from __future__ import annotations

from pathlib import Path

from reportlint.errors import FileError
from reportlint.model import Document
from reportlint.readers import Limits


def read_pdf(path: Path, limits: Limits) -> Document:
    raise FileError("unsupported-format", ".pdf reading is not implemented yet")
