"""Read .docx reports with python-docx: body paragraphs and tables in reading order, Word numbering rendered.

python-docx opens the package (parts and relationships, with its XML parser that does not resolve entities);
the body is then walked as OOXML directly, because the report's text lives in places python-docx's paragraph
API does not reach (text boxes, content controls, tracked insertions, field results).

Numbering rule (shared with the .docx annotator, keep it exact): ``Location.paragraph`` is the 1-based number
of a body paragraph, counting every ``w:p`` that stands directly in the first ``w:body`` or inside body-level
``w:sdt``/``w:sdtContent`` (and block-level ``w:customXml``) wrappers, empty ones included, in document order.
:func:`body_paragraph_elements` returns exactly those elements in that order.

What is read and what is not:

* Tracked changes are read as accepted: ``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom`` dropped; a
  paragraph whose mark is a tracked deletion is joined to the next paragraph (the text carries one anchor per
  source paragraph).
* Field codes (``w:instrText``) are dropped, field results kept. Tabs and line breaks become a space between
  two Latin letters or digits and nothing otherwise.
* Text boxes (``w:txbxContent``) are read as paragraphs of their own, placed after the paragraph that anchors
  them and carrying that paragraph's number. Of an ``mc:AlternateContent`` only one branch is read: the first
  choice that yields text or a text box, else the fallback (so DrawingML and VML copies never double).
* Hidden runs (``w:vanish``) are dropped. Headers, footers, footnotes, endnotes and comments stay out of the
  text; comment texts go to the paragraph they are anchored on (``Paragraph.comments``, ``Document.comments``).
* Word automatic numbering is rendered (``numbering.xml``) and prefixed to the text; bullets are not.
* Tables nested inside a cell are flattened into that cell's text. ``Location.page`` is not set (rendered
  page breaks are only as good as the last program that saved the file).
* Macro-enabled and template main parts (.docm/.dotx content saved as .docx) are read like documents.
* ISO 29500 Strict packages are read by mapping their namespaces to the transitional ones.

The package is split by job: :mod:`.package` (opening, zip-bomb guard, Strict OOXML), :mod:`.ooxml` (names,
body elements in ``Location`` order), :mod:`.styles`, :mod:`.numbering` and :mod:`.numformat` (Word's list
labels), :mod:`.runs`, :mod:`.body` (the paragraph walk), :mod:`.tables` and :mod:`.comments`.
"""

from __future__ import annotations

from pathlib import Path

from reportlint.errors import FileError
from reportlint.model import Document
from reportlint.readers import Limits
from reportlint.readers.docx.body import _Reader
from reportlint.readers.docx.numbering import _Numbering
from reportlint.readers.docx.numformat import format_number
from reportlint.readers.docx.ooxml import body_paragraph_elements, body_table_elements
from reportlint.readers.docx.package import _short, open_docx
from reportlint.readers.docx.styles import _Styles

__all__ = [
    "_Numbering",
    "_Styles",
    "body_paragraph_elements",
    "body_table_elements",
    "format_number",
    "open_docx",
    "read_docx",
]


def read_docx(path: Path, limits: Limits) -> Document:
    document, strict = open_docx(path, limits)
    try:
        doc = _Reader(document, path).read()
    except FileError:
        raise
    except MemoryError:
        raise FileError("too-large", "out of memory while reading the .docx") from None
    except RecursionError:
        raise FileError("unreadable", "the .docx is nested too deeply to read") from None
    except Exception as exc:
        raise FileError("unreadable", f"cannot read the .docx ({_short(exc)})") from None
    if strict:
        doc.notes.append("ISO 29500 Strict package read")
    return doc
