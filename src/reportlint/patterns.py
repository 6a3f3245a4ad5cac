"""Regular expressions that several layers need, each written once (issue 13).

Readers, structure, facts and checks import these instead of writing their own copy, so that a fix (a new
spacing drafters use, another bracket) reaches every user. Only what is shared lives here; a pattern used by one
module stays in that module. Nothing here depends on anything else in reportlint.
"""

from __future__ import annotations

import re

# --- 签发人 (the signer line of an upward document's 版头) ------------------------------------------------
SIGNER = r"签\s*发\s*人"
"""The word 签发人, as drafters space it (签 发 人)."""
SIGNER_RE = re.compile(SIGNER)
SIGNER_LABEL_RE = re.compile(rf"{SIGNER}\s*[：:]")
"""签发人 followed by its colon, anywhere in a line."""
SIGNER_LINE_RE = re.compile(rf"^\s*{SIGNER}\s*[：:]")
"""A line that starts with 签发人：."""
SIGNER_VALUE_RE = re.compile(rf"{SIGNER}\s*[：:]?\s*(.*)$")
"""签发人 and what follows it (group 1: the name, possibly empty)."""

# --- dates --------------------------------------------------------------------------------------------------
YEAR4 = r"\d{4}|[〇○零一二三四五六七八九]{4}"
"""A year of four Arabic digits or four Chinese numerals (二〇二三); wrap it in a group to use it."""
CN_NUMERAL = "[一二三四五六七八九十]"
"""A Chinese numeral of a month, day or heading number (一 … 十)."""
DATE_YMD_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
"""An Arabic-digit date 2023年1月5日 (groups: year, month, day)."""
DATE_LINE_RE = re.compile(
    rf"^\s*({YEAR4})\s*年\s*(\d{{1,2}}|{CN_NUMERAL}{{1,2}})\s*月"
    rf"\s*(\d{{1,2}}|{CN_NUMERAL}{{1,3}})\s*日\s*$"
    r"|^\s*(?:19|20)\d{2}\s*([.．\-－/])\s*\d{1,2}\s*\4\s*\d{1,2}\s*$"  # 2022.1.30 (DT002 flags the form)
)
"""A line that is only a date, Arabic or Chinese numerals (the 成文日期 line), or figures with dots, hyphens or
slashes (2022.1.30), which DT002 reports."""

# --- heading numbers -----------------------------------------------------------------------------------------
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*({CN_NUMERAL}{{1,3}})\s*[、.．，,]\s*")),
    (2, re.compile(rf"^\s*[（(]\s*({CN_NUMERAL}{{1,3}})\s*[）)]\s*[、.．]?\s*")),
    (3, re.compile(r"^\s*(\d{1,2})\s*[.．、](?!\d)\s*")),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*")),
)
"""Heading numbering at the start of a paragraph, GB/T 9704 levels 1–4 (一、 （一） 1. （1）) and variants."""

__all__ = [
    "CN_NUMERAL",
    "DATE_LINE_RE",
    "DATE_YMD_RE",
    "HEADING_PATTERNS",
    "SIGNER",
    "SIGNER_LABEL_RE",
    "SIGNER_LINE_RE",
    "SIGNER_RE",
    "SIGNER_VALUE_RE",
    "YEAR4",
]
