"""Homophone typo correction against the base's own vocabulary.

Pinyin input makes citizens type the right sound with the wrong character: 食物终毒, 瘦肉经,
隔页菜, 将励. A stretch of the question that is not a word jieba knows, but sounds exactly like
a term the base uses, is replaced by that term before matching. Real words are never changed,
so 公式 is not "corrected" to 公示; only stretches of three characters or more that keep at
least one character of the term are replaced, because shorter sound-alikes span word
boundaries (添加剂吃 → 添加鸡翅).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from pypinyin.pinyin_dict import pinyin_dict

from knowledge.text import lexicon_files, normalize, tokenizer

MIN_LEN, MAX_LEN = 3, 6  # two-character sound-alikes are too often other real words


@cache
def sound(char: str) -> str:
    """The toneless pinyin of a character's first reading (the character itself if none)."""
    readings = pinyin_dict.get(ord(char))
    if not readings:
        return char
    first = readings.split(",")[0]
    return "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))


def _key(text: str) -> str:
    return " ".join(sound(char) for char in text)


@cache
def lexicon_words() -> frozenset[str]:
    """The food-safety words of the jieba user dictionaries."""
    words = set()
    for path in lexicon_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words.add(normalize(line.split()[0]))
    return frozenset(words)


def _is_word(text: str) -> bool:
    return bool(tokenizer().FREQ.get(text, 0) > 0)


class Speller:
    """Replaces sound-alike non-words by the base's terms."""

    def __init__(self, terms: Iterable[str]) -> None:
        by_sound: dict[str, str] = {}
        ambiguous: set[str] = set()
        for term in terms:
            if not MIN_LEN <= len(term) <= MAX_LEN or not all(_cjk(c) for c in term):
                continue
            key = _key(term)
            if key in by_sound and by_sound[key] != term:
                ambiguous.add(key)
            by_sound.setdefault(key, term)
        self._by_sound = {k: v for k, v in by_sound.items() if k not in ambiguous}

    def correct(self, text: str) -> str:
        """``text`` with every sound-alike non-word replaced, longest stretches first."""
        if not self._by_sound:
            return text
        # A replacement never cuts through a dictionary word, or 冷冻食品 would have its
        # 冷冻食 read as 冷冻室; words jieba only guessed (经是 in 瘦肉经是) may be cut.
        inside: set[int] = set()
        for word, start, end in tokenizer().tokenize(text):
            if end - start > 1 and _is_word(word):
                inside.update(range(start + 1, end))
        out: list[str] = []
        i = 0
        while i < len(text):
            replaced = False
            if _cjk(text[i]) and i not in inside:
                for length in range(min(MAX_LEN, len(text) - i), MIN_LEN - 1, -1):
                    if i + length in inside:
                        continue
                    piece = text[i:i + length]
                    term = self._by_sound.get(_key(piece))
                    if (term is not None and term != piece and not _is_word(piece)
                            and set(term) & set(piece)):
                        out.append(term)
                        i += length
                        replaced = True
                        break
            if not replaced:
                out.append(text[i])
                i += 1
        return "".join(out)


def _cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"
