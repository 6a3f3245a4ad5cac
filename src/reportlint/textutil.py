"""Small text helpers shared by readers, structure and checks.

Nothing here folds full-width punctuation: :func:`norm_for_compare` is for comparisons only and its result is
never shown or inspected by punctuation rules.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any, cast

from reportlint.patterns import HEADING_PATTERNS as _HEADING_PATTERNS

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CN_DIGITS = "〇零一二三四五六七八九"
CN_NUM_CHARS = "〇零一二两三四五六七八九十百千万"

# End-of-paragraph punctuation: a paragraph that ends in one of these is complete.
TERMINAL = "。！？；：…!?;:"
CLOSERS = "”’」』）)》〉】"

_CN_VALUES = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Heading numbering at the start of a paragraph, GB/T 9704 levels 1–4 plus common variants.
HEADING_PATTERNS = _HEADING_PATTERNS


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese numeral below 100 000 000 (``三十三``, ``两万``, ``一百零五``, ``二〇二一``)."""
    s = s.strip()
    if not s:
        return None
    if s.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
        return int(s)
    if all(ch in CN_DIGITS for ch in s) and len(s) > 1:
        return int("".join(str(_CN_VALUES[ch]) for ch in s))
    total = 0
    section = 0
    number = 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in s:
        if ch in _CN_VALUES:
            number = _CN_VALUES[ch]
        elif ch in units:
            section += (number or 1) * units[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10_000
            section = 0
            number = 0
        else:
            return None
    return total + section + number


def int_to_cn(n: int) -> str:
    """Write 1–99 as a Chinese heading numeral (``十一``, ``二十``)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else digits[tens]
    return head + "十" + (digits[ones] if ones else "")


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` starts with a CJK ideograph (the ranges of :data:`CJK`)."""
    if not ch:
        return False
    c = ch[0]
    return "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def ends_complete(text: str) -> bool:
    """True when a paragraph ends like a finished sentence (``。``, ``：``, ``。”`` …)."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in TERMINAL


def heading_match(text: str) -> tuple[int, int, re.Match[str]] | None:
    """(level, number, match) when ``text`` starts with a heading number, else None."""
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if m:
            raw = m.group(1)
            value = int(raw) if raw.isdigit() else cn_to_int(raw)
            if value is None or value == 0:
                continue
            return level, value, m
    return None


class _LazyPattern:
    """A regular expression compiled the first time one of its attributes is read (see :func:`lazy_compile`)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Python calls __getattr__ only for attributes the object lacks: the first ``.search`` (or any other
        # attribute) compiles, and the compiled pattern's methods are then kept on the object, so later calls
        # find them directly and cost what the compiled pattern's calls cost.
        compiled = re.compile(*self._source)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, deferred to the first use of the pattern.

    For module-level patterns that many runs never use (the statistics tables of a GK report when the report is
    a 法治 one …): compiling a character class over the CJK ranges takes milliseconds, paid at every start-up
    otherwise (issue 13, benchmarks/README.md). Use the result as a compiled pattern (``.search``,
    ``.finditer``, ``.sub``, ``.pattern`` …), but do not pass it to the ``re`` module's functions.
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


_NORM_TRANS = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕", "〈": "《", "〉": "》", ":": "："})


def norm_for_compare(text: str) -> str:
    """A comparison key: no whitespace, bracket widths unified. Never use it on text that rules inspect."""
    return re.sub(r"\s+", "", text).translate(_NORM_TRANS)


def snippet(text: str, start: int, end: int, width: int = 40) -> tuple[str, int, int]:
    """A window of ``text`` around ``[start, end)`` and the span's offsets inside it."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    piece = prefix + text[left:right] + suffix
    return piece, start - left + len(prefix), end - left + len(prefix)


@functools.cache
def _sha256() -> Any:
    """CPython's built-in SHA-256 constructor where there is one: importing :mod:`hashlib` loads OpenSSL."""
    for name in ("_sha2", "_sha256"):  # 3.12+, 3.11
        try:
            return importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as hex (the constructor is looked up once: a failed import costs ~60 µs)."""
    return str(_sha256()(data).hexdigest())
