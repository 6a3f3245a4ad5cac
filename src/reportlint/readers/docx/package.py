"""Opening a .docx: the zip-bomb guard, Strict OOXML and macro/template main parts, python-docx's package."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from reportlint.errors import FileError
from reportlint.readers import Limits

RATIO_MIN_BYTES = 1024 * 1024
"""The compression-ratio guard applies to members that unpack to more than this (small XML parts compress well)."""

_STRICT_NS = re.compile(rb"http://purl\.oclc\.org/ooxml/([A-Za-z]+)/([A-Za-z]+)")
_STRICT_SPECIAL = {
    b"officeDocument/extendedProperties": b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    b"officeDocument/customProperties": b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    b"officeDocument/docPropsVTypes": b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}


# --------------------------------------------------------------------------------------------------------
# package


def _check_zip(zf: zipfile.ZipFile, limits: Limits) -> None:
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise FileError(
            "too-large",
            f"the .docx unpacks to {total} bytes, over the limit of {limits.max_unzipped_bytes}",
        )
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise FileError(
                    "too-large",
                    f"zip member {info.filename} expands {ratio:.0f}x (limit {limits.max_zip_ratio:.0f}x): "
                    "refusing a likely zip bomb",
                )


def _strict_to_transitional(data: bytes) -> bytes:
    def repl(m: re.Match[bytes]) -> bytes:
        key = m.group(1) + b"/" + m.group(2)
        if key in _STRICT_SPECIAL:
            return _STRICT_SPECIAL[key]
        return b"http://schemas.openxmlformats.org/" + m.group(1) + b"/2006/" + m.group(2)

    return _STRICT_NS.sub(repl, data)


_MAIN_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _open_source(path: Path, limits: Limits) -> tuple[str | io.BytesIO, bool]:
    """Check the zip against the limits; (source for python-docx, whether the package is Strict OOXML).

    A Strict package is rewritten in memory with transitional namespaces, and a macro-enabled or template
    main part (.docm/.dotx saved as .docx) is relabelled as a document, which python-docx insists on.
    """
    with zipfile.ZipFile(path) as zf:
        _check_zip(zf, limits)
        names = set(zf.namelist())
        if "_rels/.rels" not in names or "[Content_Types].xml" not in names:
            raise FileError("unreadable", "not a Word package (no _rels/.rels or [Content_Types].xml)")
        strict = b"http://purl.oclc.org/ooxml/" in zf.read("_rels/.rels")
        relabel = any(t in zf.read("[Content_Types].xml") for t in _MAIN_TYPES)
        if not strict and not relabel:
            return str(path), False
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in zf.infolist():
                data = zf.read(info)
                if strict and info.filename.endswith((".xml", ".rels")):
                    data = _strict_to_transitional(data)
                if info.filename == "[Content_Types].xml":
                    for t in _MAIN_TYPES:
                        data = data.replace(t, _DOCUMENT_TYPE)
                out.writestr(info.filename, data)
        buf.seek(0)
        return buf, strict


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if len(text) > 160:
        text = text[:157] + "…"
    return f"{type(exc).__name__}: {text}"


def open_docx(path: Path, limits: Limits) -> tuple[Any, bool]:
    """Open a .docx with python-docx after the zip-bomb guard; (document, was Strict OOXML). Raises FileError."""
    try:
        source, strict = _open_source(path, limits)
        import docx

        return docx.Document(source), strict
    except FileError:
        raise
    except MemoryError:
        raise FileError("too-large", "out of memory while opening the .docx") from None
    except zipfile.BadZipFile as exc:
        raise FileError("unreadable", f"corrupt or truncated .docx (zip: {exc})") from None
    except KeyError as exc:
        m = re.search(r"no item named '([^']+)'", str(exc))
        if m:
            raise FileError(
                "unreadable", f"corrupt .docx: the part {m.group(1)} it refers to is missing"
            ) from None
        raise FileError("unreadable", f"cannot open the .docx ({_short(exc)})") from None
    except Exception as exc:
        raise FileError("unreadable", f"cannot open the .docx ({_short(exc)})") from None
