"""Turning a question into weighted retrieval features.

Four kinds of feature, so that paraphrase, typos and segmentation all find the entry:
``w:`` jieba words, ``s:`` canonical synonyms (colloquial → standard term), ``b:`` character
bigrams (robust when jieba splits a typo differently) and ``p:`` toneless pinyin bigrams
(homophone typos such as 隔液菜 for 隔夜菜). Filler words are dropped before all of them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from knowledge.faq.spelling import sound
from knowledge.faq.vocabulary import Vocabulary
from knowledge.text import tokenize

KIND_WEIGHTS = {"w": 1.0, "s": 1.6, "b": 0.35, "p": 0.15, "c": 0.5}
_NOT_WORD = re.compile(r"[^\w]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)




def clean(normalized: str) -> str:
    """Normalised text with punctuation turned into spaces."""
    return _NOT_WORD.sub(" ", normalized).strip()


def content_tokens(cleaned: str, vocabulary: Vocabulary) -> list[str]:
    """jieba words that carry meaning: filler words and blanks dropped."""
    return [t for t in tokenize(cleaned) if t.strip() and t not in vocabulary.stopwords]


def _runs(cleaned: str, vocabulary: Vocabulary) -> list[str]:
    """Stretches of meaningful text: tokens joined until a filler word breaks the run."""
    runs: list[str] = []
    current: list[str] = []
    for token in tokenize(cleaned):
        if not token.strip() or token in vocabulary.stopwords:
            if current:
                runs.append("".join(current))
                current = []
        else:
            current.append(token)
    if current:
        runs.append("".join(current))
    return runs


def extract(cleaned: str, vocabulary: Vocabulary) -> Counter[str]:
    """The feature counts of cleaned, normalised text."""
    found: Counter[str] = Counter()
    for token in content_tokens(cleaned, vocabulary):
        found["w:" + token] += 1
        canon = vocabulary.canonical.get(token)
        if canon is not None and canon != token:
            found["s:" + canon] += 1
    for canon in vocabulary.synonyms_in(cleaned):
        found["s:" + canon] = max(found["s:" + canon], 1)
    for run in _runs(cleaned, vocabulary):
        chars = [c for c in run if _CJK.match(c) or c.isalnum()]
        # Latin letters count in words only: as letters and letter pairs they tie any English
        # question to whichever entry mentions Telegram or English.
        if KIND_WEIGHTS["c"]:
            for char in chars:
                if not _LATIN.match(char):
                    found["c:" + char] += 1
        for first, second in itertools.pairwise(chars):
            if _LATIN.match(first) and _LATIN.match(second):
                continue
            found["b:" + first + second] += 1
            if _CJK.match(first) or _CJK.match(second):
                found["p:" + sound(first) + " " + sound(second)] += 1
    return found


def kind_weight(feature: str) -> float:
    """How much a feature of this kind counts, relative to a whole word."""
    return KIND_WEIGHTS.get(feature[:1], 1.0)
