"""Word segmentation with jieba, for the few checks where Chinese word boundaries decide.

CJK text has no ``\\b``: whether ``区人社局`` in a sentence is the abbreviation or part of a longer word can only
be told by segmenting the sentence. jieba's dictionary costs about 0.6 s to load, so nothing imports this module
on the common path: a check calls :func:`is_whole_word` only when it has a candidate that needs deciding, and the
tokenizer is built once per process, with the project's domain dictionary (``data/domain_words.txt``: terms of
government reports that the general dictionary splits) added on top.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any


@cache
def _tokenizer() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    words = resources.files("reportlint.data").joinpath("domain_words.txt").read_text(encoding="utf-8")
    for line in words.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            tk.add_word(word, freq=50_000)
    return tk


def cut(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """Segment ``text`` (precise mode, no HMM guessing of unknown words)."""
    tk = _tokenizer()
    for w in extra_words:
        if tk.FREQ.get(w) is None:
            tk.add_word(w)  # frequency just high enough to cut it out where it stands alone
    return list(tk.cut(text, HMM=False))


def boundaries(text: str, extra_words: Iterable[str] = ()) -> set[int]:
    """Offsets where a word starts or ends in ``text``."""
    out = {0}
    pos = 0
    for token in cut(text, extra_words):
        pos += len(token)
        out.add(pos)
    return out


def is_whole_word(text: str, start: int, end: int, extra_words: Iterable[str] = ()) -> bool:
    """Whether ``text[start:end]`` is one or more whole words of its sentence, not part of a longer word."""
    left = max(text.rfind("。", 0, start), text.rfind("，", 0, start), -1) + 1
    stops = [i for i in (text.find("。", end), text.find("，", end)) if i >= 0]
    right = min(stops) if stops else len(text)
    b = boundaries(text[left:right], extra_words)
    return (start - left) in b and (end - left) in b
