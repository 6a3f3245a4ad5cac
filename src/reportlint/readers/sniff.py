"""Tell a file's real format from its bytes, not its name."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Sniffed = Literal[
    "pdf",
    "docx",
    "ole",
    "ole-encrypted-ooxml",
    "zip",
    "zip-broken",
    "odf",
    "rtf",
    "word-xml",
    "html",
    "text",
    "binary",
    "empty",
]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_XML = (
    b'progid="word.document"',
    b"schemas.microsoft.com/office/word/2003/wordml",
    b"schemas.microsoft.com/office/2006/xmlpackage",
)
"""Word 2003 XML and flat-OPC (Word 2007 XML) documents: one XML file, often saved as .doc or .xml."""


def sniff(path: Path, head_size: int = 8192) -> Sniffed:
    """Classify a file by its leading bytes (and, for zips, by its member names)."""
    with path.open("rb") as fh:
        head = fh.read(head_size)
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as fh:
            data = fh.read(4 * 1024 * 1024)
        return "ole-encrypted-ooxml" if _ENCRYPTED_PACKAGE in data else "ole"
    if head.startswith(b"PK"):
        import zipfile  # here: a .txt or .pdf run does not need it (~2 ms of start-up, issue 13)

        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "zip-broken"
        if "word/document.xml" in names or (
            "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)
        ):
            return "docx"
        if "mimetype" in names or "content.xml" in names:
            return "odf"
        return "zip"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return "word-xml" if any(m in stripped for m in _WORD_XML) else "html"
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "binary"
    return "text"
