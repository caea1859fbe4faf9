"""What any free answer is read through: whether it says anything at all, and its Chinese
in simplified characters, one for one, so what is found there is found at the same place in
what was typed.

The lowest of the modules that read answers (when, contacts, businesses, signals): they all
need these, and these need none of them.
"""

from __future__ import annotations

import re

from knowledge.text import load_dialect, normalize_each

# Where a clause ends: punctuation, or a space between Chinese characters.
CLAUSE_BREAK = re.compile(r"[,，。.!！?？;；\n]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def meaningful(text: str, minimum: int = 1) -> bool:
    """At least ``minimum`` letters, digits or characters: "？？" and emoji say nothing."""
    return sum(1 for char in text if char.isalnum()) >= minimum


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character: an answer is read the Chinese way or the
    English way by it."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def chinese_characters(text: str) -> int:
    """How many Chinese characters ``text`` holds, the rarer extension A included."""
    return sum(1 for char in text if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf")


def simplified(text: str) -> str:
    """``text`` with each traditional Chinese character in its simplified form (老王麵館 is
    老王面馆, 樓下 is 楼下), one for one, so what is found in it is found at the same place in
    ``text`` (dialect words read as Mandarin: Cantonese 嘅, 咗, 冇 as 的, 了, 没); Latin
    letters, punctuation and anything that does not fold to one character are left as typed."""
    return text if text.isascii() else text.translate(_SIMPLIFIED)


# Dialect written words that stand one for one for Mandarin ones ("陳記燒臘嘅叉燒", "買咗",
# "冇相"): read as 的, 了, 没 by the table routing and the intent rules read them by
# (knowledge/lexicon/dialect.yaml), so a business, a correction or a step's word is found in
# them as in Mandarin.
_DIALECT = {ord(source): target for source, target in load_dialect().items()}


class _SimplifiedTable(dict[int, str]):
    """``str.translate`` table filled on first sight of a character, then a plain lookup."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = normalize_each(char)[0] if "\u3400" <= char <= "\u9fff" else char
        self[code] = folded if len(folded) == 1 else char
        return self[code]


_SIMPLIFIED = _SimplifiedTable(_DIALECT)


def as_typed(text: str, simple: str, part: str) -> str:
    """The stretch of ``text`` that ``part`` of its simplified form ``simple`` came from."""
    at = simple.find(part)
    return text[at:at + len(part)] if part and at >= 0 else part
