"""Toneless pinyin read as the rule word it spells ("jiu lou" -> 酒楼, "xiaomaibu" -> 小卖部).

Residents writing English or mixed messages type dishes, shops, places and officials in
toneless pinyin. :class:`PinyinReader` indexes the toneless pinyin of every rule word of two
or more characters (each character's usual reading: with every reading, "sale" would be
撒了 and "change" 掺假, while a second reading is rarely what a resident types) and
rewrites a run of Latin words that spells exactly one such word, with or without spaces
between its syllables, as that word, so the rest of routing reads it as its characters.

Guards: whole Latin words only (the run starts and ends at word boundaries: "shitang" inside
"shitangs" is not read); a spelling two rule words share is not read (ambiguous); a spelling
that is itself one of the rules' English words, or an English word that splits into pinyin
syllables (``knowledge/lexicon/not_pinyin.txt``: line, side, sushi), is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from itertools import pairwise

# At most this many Latin words are joined into one spelling ("guo jia biao zhun").
_MAX_PARTS = 6
_LATIN_RUN = re.compile(r"[a-z]+(?: [a-z]+)*")


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def spelling(word: str, table: Mapping[str, tuple[str, ...]]) -> str:
    """The toneless pinyin of ``word``, each character's usual reading, without spaces."""
    return "".join(table[char][0] for char in word)


def written_for_reader(latin: Mapping[str, Iterable[Hashable]],
                       words: Mapping[str, Iterable[Hashable]],
                       table: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """The rules' Latin words that only spell, in toneless pinyin, rule words standing for
    the same ("waimai" where each rule holding it holds 外卖 too, "jiu lou" and 酒楼): such a
    word is better read as its characters, which every other rule naming them hears as well,
    than kept as an English word of one rule. ``latin`` and ``words``: a Latin and a
    character surface -> what it stands for in each rule (hashable, compared as sets)."""
    joined = {phrase: phrase.replace(" ", "") for phrase in latin}
    # Only words whose spelling can be one of those are spelled out (start-up time).
    heads = _beginnings(joined.values())
    by_spelling: dict[str, list[frozenset[Hashable]]] = {}
    for word, meaning in words.items():
        if len(word) < 2:
            continue
        spelled = ""
        for char in word:
            readings = table.get(char) if _is_cjk(char) else None
            if readings is None or (spelled := spelled + readings[0]) not in heads:
                break
        else:
            by_spelling.setdefault(spelled, []).append(frozenset(meaning))
    found = set()
    for phrase, meaning in latin.items():
        owners = by_spelling.get(joined[phrase])
        if owners and all(frozenset(meaning) <= owner for owner in owners):
            found.add(phrase)
    return frozenset(found)


def _beginnings(spellings: Iterable[str]) -> frozenset[str]:
    """Every beginning of each spelling ("wai", "waim"… of "waimai"), the spelling included."""
    return frozenset(spelled[:size] for spelled in spellings
                     for size in range(1, len(spelled) + 1))


def _letters(parts: list[str], start: int, end: int) -> int:
    """How many letters the words ``parts[start:end]`` hold."""
    return sum(map(len, parts[start:end]))


class PinyinReader:
    """Rewrites pinyin spellings of rule words in normalised text as the words."""

    def __init__(self, meanings: Mapping[str, Hashable], readable: Iterable[str],
                 table: Mapping[str, tuple[str, ...]], english: Iterable[str] = (),
                 preferred: Iterable[str] = (), kept: Iterable[str] = ()) -> None:
        """``meanings``: every rule word -> what it stands for (words that stand for the same,
        a keyword and its synonyms, are one reading); ``readable``: the words pinyin may be
        read as; ``preferred``: the word to write where several stand for the same;
        ``kept``: the rules' own Latin phrases ("la duzi", "jiu lou"): a run of words that
        spells one is kept whole, its syllables not read apart ("duzi" as 肚子 would break it)."""
        readable, preferred = frozenset(readable), frozenset(preferred)
        owners: dict[str, dict[Hashable, str]] = {}
        for word in sorted(meanings, key=lambda word: (word not in preferred, word)):
            if len(word) < 2 or not all(_is_cjk(char) and char in table for char in word):
                continue
            owners.setdefault(spelling(word, table), {}).setdefault(meanings[word], word)
        skip = frozenset(english)
        self.index = {
            spelled: word for spelled, words in owners.items()
            if len(words) == 1 and spelled not in skip
            and (word := next(iter(words.values()))) in readable
        }
        self.ambiguous = frozenset(s for s, words in owners.items() if len(words) > 1)
        self._shortest = min(map(len, self.index), default=0)
        # Only phrases of several words: reading never splits a single word.
        self._kept = frozenset(phrase.replace(" ", "") for phrase in kept if " " in phrase)
        # Every beginning of a spelling, so a Latin word that begins none costs one lookup.
        self._heads = _beginnings((*self.index, *self._kept))

    def __call__(self, normalized: str) -> str:
        """``normalized`` with every pinyin spelling of a rule word replaced by the word."""
        pieces: list[str] = []
        last = 0
        for run in _LATIN_RUN.finditer(normalized):
            if run.end() - run.start() < self._shortest:
                continue
            read = self._read(run.group(0))
            if read is not None:
                pieces.append(normalized[last:run.start()])
                pieces.append(read)
                last = run.end()
        if not pieces:
            return normalized
        pieces.append(normalized[last:])
        return "".join(pieces)

    def _longest(self, parts: list[str], index: int) -> tuple[str | None, int]:
        """The longest spelling beginning at ``parts[index]``, joining words while they still
        begin one: (its reading or None, the index after it)."""
        spelled, heads, kept = self.index, self._heads, self._kept
        joined, found, after = "", None, index + 1
        for end in range(index, min(len(parts), index + _MAX_PARTS)):
            joined += parts[end]
            if joined not in heads:
                break
            word = spelled.get(joined)
            if word is not None:
                found, after = word, end + 1
            elif joined in kept:
                found, after = " ".join(parts[index:end + 1]), end + 1
        return found, after

    def _read(self, run: str) -> str | None:
        parts = run.split(" ")
        out: list[str] = []
        changed = False
        index = 0
        while index < len(parts):
            found, after = self._longest(parts, index)
            # A reading gives way to a longer one (in letters) begun inside it and reaching
            # past it: in "dou la duzi" 拉肚子 is read, not 都拉 leaving "duzi" behind.
            if found is not None and any(
                    reach > after and _letters(parts, inner, reach) > _letters(parts, index, after)
                    for inner in range(index + 1, after)
                    for _, reach in (self._longest(parts, inner),)):
                found, after = None, index + 1
            out.append(parts[index] if found is None else found)
            changed = changed or (found is not None and not found.isascii())
            index = after
        if not changed:
            return None
        # Two words read in a row join as characters do; a Latin word keeps its spaces.
        text = out[0]
        for previous, part in pairwise(out):
            text += ("" if not (previous.isascii() or part.isascii()) else " ") + part
        return text
