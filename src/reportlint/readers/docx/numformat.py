"""Word number formats (``w:numFmt``): 一、 壹 甲 ① i. a) …, as Word renders a list counter."""

from __future__ import annotations

from collections.abc import Iterable

# --------------------------------------------------------------------------------------------------------
# number formats


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_LEGAL = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _cn_number(n: int, digits: str, units: str, *, drop_leading_one: bool) -> str:
    """Chinese counting (一百零一, 二十三; 十一 with ``drop_leading_one``) for 1..9999, digits beyond."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    zero_pending = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = (n // power) % 10
        if d == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append(digits[0])
            zero_pending = False
        parts.append(digits[d] + unit)
    out = "".join(parts)
    if drop_leading_one and 10 <= n < 20:
        out = out[1:]
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int, base: str) -> str:
    if n <= 0:
        return str(n)
    return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, ranges: Iterable[tuple[int, int, int]]) -> str:
    for lo, hi, first in ranges:
        if lo <= n <= hi:
            return chr(first + n - lo)
    return str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in the OOXML number format ``fmt`` (ST_NumberFormat); unknown formats as decimal."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return _cn_number(n, _CN_DIGITS.replace("〇", "零"), "十百千", drop_leading_one=True)
    if fmt in ("japaneseCounting", "koreanCounting"):
        return _cn_number(n, _CN_DIGITS.replace("〇", "零"), "十百千", drop_leading_one=True)
    if fmt == "chineseLegalSimplified":
        return _cn_number(n, _CN_LEGAL, "拾佰仟", drop_leading_one=False)
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return _cn_number(n, _TW_LEGAL, "拾佰仟", drop_leading_one=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "ideographZodiacTraditional":
        return _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)))
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt.startswith("decimalZero") and fmt[11:].isdigit():
        return str(n).zfill(int(fmt[11:]))
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n, "A")
    if fmt == "lowerLetter":
        return _letters(n, "a")
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "none":
        return ""
    return str(n)
