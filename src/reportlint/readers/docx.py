"""Placeholder: the .docx reader (python-docx) is being written."""

from __future__ import annotations

from pathlib import Path

from reportlint.errors import FileError
from reportlint.model import Document
from reportlint.readers import Limits


def read_docx(path: Path, limits: Limits) -> Document:
    raise FileError("unsupported-format", ".docx reading is not implemented yet")
