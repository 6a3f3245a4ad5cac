"""Word comments: their texts, and which paragraph each is anchored on (``Paragraph.comments``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlint.model import Paragraph
from reportlint.readers.docx.ooxml import P, _w
from reportlint.readers.docx.runs import _Collected, _resolve_tabs

if TYPE_CHECKING:
    from reportlint.readers.docx.body import _Reader


def comment_texts(self: _Reader, root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for c in root.iterchildren(_w("comment")):
        cid = c.get(_w("id"))
        if cid is None:
            continue
        texts = []
        for p in c.iter(P):
            got = _Collected()
            self._walk(p, got, fields=[])
            texts.append(_resolve_tabs("".join(got.parts)).strip())
        out[cid] = "\n".join(t for t in texts if t)
    return out


def attach_comments(self: _Reader, paragraph: Paragraph | None, got: _Collected) -> None:
    ids = set(self.open_comments) | set(got.comment_starts) | set(got.comment_refs)
    self.open_comments = (self.open_comments | set(got.comment_starts)) - set(got.comment_ends)
    if paragraph is None:
        return
    for cid in sorted(ids, key=lambda s: (len(s), s)):
        text = self.comment_texts.get(cid)
        if text and text not in paragraph.comments:
            paragraph.comments.append(text)
    if paragraph.comments:
        self.comments_by_index[paragraph.index] = paragraph.comments
