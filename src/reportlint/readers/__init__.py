"""Readers: turn a .docx, .pdf, .txt or .md file into one :class:`~reportlint.model.Document`.

Only this package imports python-docx and pdfplumber. The format is taken from the file's bytes; the name only
decides between .txt and .md and words the error for a file that is not what its name says.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import msgspec

from reportlint.errors import FileError
from reportlint.model import Document, Format
from reportlint.readers.sniff import sniff

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".markdown", ".text")
OFFICE_SUFFIXES = (".docx", ".docm", ".dotx", ".pdf", ".doc", ".dot", ".wps", ".wpt", ".odt", ".rtf")
"""Names that promise a document format: text content under one of these names is a mislabelled file."""
CONVERT_HINT = (
    "convert it to .docx first (Word/WPS: 另存为 .docx; or `libreoffice --headless --convert-to docx FILE`)"
)


class Limits(msgspec.Struct, frozen=True):
    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    max_unzipped_bytes: int = 512 * 1024 * 1024
    max_zip_ratio: float = 200.0
    max_memory: int = 4 * 1024 * 1024 * 1024
    """Address space of a worker process (POSIX): a PDF whose streams inflate without end (a few MB can ask for
    hundreds of GB) ends as ``too-large`` instead of pushing the machine into the out-of-memory killer."""


def read_document(path: str | os.PathLike[str], limits: Limits | None = None) -> Document:
    """Read one file. Raises :class:`FileError` with a contract code when it cannot be read."""
    limits = limits or Limits()
    p = Path(path)
    try:
        try:
            st = p.stat()
        except FileNotFoundError:
            if p.is_symlink():
                raise FileError("not-found", f"broken symbolic link (to {p.readlink()})") from None
            raise FileError("not-found", "no such file") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise FileError("unreadable", "symbolic link loop") from None
            raise
        if stat.S_ISDIR(st.st_mode):
            raise FileError("unreadable", "is a directory")
        if not stat.S_ISREG(st.st_mode):
            # a named pipe or a device would block the reader or never end
            raise FileError("unreadable", "not a regular file (a pipe, socket or device)")
        size = st.st_size
        if size > limits.max_bytes:
            raise FileError("too-large", f"{size} bytes is over the --max-bytes limit of {limits.max_bytes}")
        kind = sniff(p)
    except PermissionError as exc:
        raise FileError("unreadable", f"permission denied ({exc.strerror})") from None
    except OSError as exc:
        raise FileError("unreadable", exc.strerror or str(exc)) from None
    suffix = p.suffix.lower()
    if kind == "empty":
        raise FileError("unreadable", "the file is empty")
    if kind == "pdf":
        from reportlint.readers.pdf import read_pdf

        return read_pdf(p, limits)
    if kind == "docx":
        from reportlint.readers.docx import read_docx

        return read_docx(p, limits)
    if kind == "ole-encrypted-ooxml":
        raise FileError(
            "encrypted", "the Word file is password-protected; remove the password and save again"
        )
    if kind == "ole":
        what = (
            ".wps"
            if suffix == ".wps"
            else ".doc"
            if suffix in (".doc", ".dot")
            else "an old binary Office file"
        )
        raise FileError(
            "unsupported-format", f"{what} (Word 97–2003 / WPS binary format) is not read; {CONVERT_HINT}"
        )
    if kind == "odf":
        raise FileError("unsupported-format", f"OpenDocument files are not read; {CONVERT_HINT}")
    if kind == "rtf":
        raise FileError("unsupported-format", f"RTF files are not read; {CONVERT_HINT}")
    if kind == "word-xml":
        raise FileError(
            "unsupported-format", f"Word XML (Word 2003 XML or flat OPC) files are not read; {CONVERT_HINT}"
        )
    if suffix in OFFICE_SUFFIXES:
        label = {
            "zip": "a zip archive without a Word document",
            "zip-broken": "a damaged or truncated zip archive",
            "html": "an HTML/XML page",
        }.get(kind, f"{kind} data")
        raise FileError("unreadable", f"named {suffix} but the content is {label} (corrupt or mislabelled)")
    if kind in ("zip", "zip-broken", "binary"):
        raise FileError(
            "unreadable", f"not a report file (the content is {kind.replace('-broken', '')} data)"
        )
    fmt: Format = "md" if TEXT_SUFFIXES.get(suffix) == "md" else "txt"
    from reportlint.readers.text import read_text

    data = p.read_bytes()
    doc = read_text(p, fmt, data)
    if not any(par.text.strip() for par in doc.paragraphs):
        raise FileError("unreadable", "the file has no text")
    return doc
