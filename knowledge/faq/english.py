"""English questions matched against the entries' own English texts.

The Chinese retrieval reaches an English question only through the English words that
``faq_synonyms_en.yaml`` joins to Chinese terms. Here the entries' ``question_en`` and
``phrasings_en`` (and, at half weight, their ``answer_en``) are indexed as English:
lower-cased words, filler dropped, a light suffix stemming (eggs → egg, boiled → boil),
spellings and synonyms read as one word (``knowledge/lexicon/faq_english.yaml``) and an
unknown word of five letters or more read as the closest known word when rapidfuzz finds one
close enough (potatos → potato). The base takes, for each candidate entry of an English
question, the better of the two readings (:meth:`knowledge.faq.base.KnowledgeBase.rank`); the
decision to answer or decline is unchanged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from knowledge.faq.entry import Entry
from knowledge.text import LEXICON_DIR

ENGLISH_FILE = LEXICON_DIR / "faq_english.yaml"
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"(?<=[a-z])['’](?=[a-z])")
_VOWEL = re.compile(r"[aeiouy]")
FUZZY_MIN_LENGTH = 6
FUZZY_CUTOFF = 88.0


@dataclass(frozen=True)
class EnglishWords:
    """Filler words, and words (or phrases) read as another word, all lower case."""

    stopwords: frozenset[str]
    canonical: dict[str, str]

    def __post_init__(self) -> None:
        phrases = sorted((p for p in self.canonical if " " in p), key=len, reverse=True)
        # a phrase also matches in the plural (chopping boards)
        pattern = (re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")(?:e?s)?\b")
                   if phrases else None)
        object.__setattr__(self, "_phrases", pattern)

    def terms(self, text: str) -> list[str]:
        """The content words of ``text``, lower-cased, stemmed and read as their canonical word."""
        text = _APOSTROPHE.sub("", text.lower())
        pattern: re.Pattern[str] | None = getattr(self, "_phrases")  # noqa: B009
        if pattern is not None:
            text = pattern.sub(lambda m: " " + self.canonical[m.group(1)].replace(" ", "_") + " ",
                               text)
        found = []
        for word in re.findall(r"[a-z0-9_]+", text):
            if "_" in word:
                found.append(word)
                continue
            if word in self.stopwords:
                continue
            word = self.canonical.get(word, word)
            if " " in word:
                found.append(word.replace(" ", "_"))
                continue
            stem_ = stem(word)
            found.append(self.canonical.get(stem_, stem_))
        return found


def stem(word: str) -> str:
    """A light suffix stemming: plurals, -ing, -ed and a final e (so make, making and made's
    regular cousins meet), and doubled consonants left by it (chopping → chop)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zes", "oes")) and len(word) > 5:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 \
                and _VOWEL.search(word[:-len(suffix)]):
            word = word[:-len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3 and not word.endswith(("ee", "ie")):
        word = word[:-1]
    return word


@cache
def default_english_words() -> EnglishWords:
    """The shipped English word list (``knowledge/lexicon/faq_english.yaml``)."""
    return load_english_words(ENGLISH_FILE)


def load_english_words(path: Path) -> EnglishWords:
    """Read an English word list: ``stopwords``, ``forms`` and ``groups`` (first word canonical)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    stopwords = frozenset(str(word).lower() for word in data.get("stopwords") or ())
    canonical: dict[str, str] = {}
    for group in [*(data.get("forms") or ()), *(data.get("groups") or ())]:
        words = [str(word).lower() for word in group]
        head = words[0] if " " in words[0] else stem(words[0])
        for word in words:
            canonical[word] = head
            if " " not in word:
                canonical.setdefault(stem(word), head)
    return EnglishWords(stopwords, canonical)


@dataclass(frozen=True, slots=True)
class EnglishQuery:
    """An English question as matched: each content word's weight, and their total (a word no
    English text holds counts too: a question about something the base never mentions is mostly
    not covered)."""

    weights: dict[str, float]
    total: float


class EnglishIndex:
    """The entries' English questions and answers, by word.

    ``documents`` are the positions of the entries in the base; entries without English have no
    document here and are found only through the Chinese reading.
    """

    answer_weight = 0.5

    def __init__(self, entries: Sequence[Entry], words: EnglishWords | None = None) -> None:
        self.words = words or default_english_words()
        # each entry's English question and English phrasings, each as its set of words
        self._questions: dict[int, tuple[frozenset[str], ...]] = {}
        # the words of all of them and of its answer: the half-weight words of each question
        self._others: dict[int, frozenset[str]] = {}
        postings: dict[str, list[int]] = {}
        for doc, entry in enumerate(entries):
            if not entry.question_en:
                continue
            questions = tuple(frozenset(self.words.terms(text)) for text in entry.texts_en())
            asked = frozenset().union(*questions)
            answer = frozenset(self.words.terms(entry.answer_en or "")) - asked
            self._questions[doc] = questions
            self._others[doc] = asked | answer
            for term in asked | answer:
                postings.setdefault(term, []).append(doc)
        size = len(self._questions)
        self._postings = postings
        self._idf = {term: math.log1p((size - len(docs) + 0.5) / (len(docs) + 0.5))
                     for term, docs in postings.items()}
        # a word no English text holds weighs as a word of one entry: the question is about it
        self._unseen = math.log1p((size - 0.5) / 1.5) if size else 1.0
        self._vocabulary = sorted(term for term in postings if len(term) >= FUZZY_MIN_LENGTH - 1)

    def __len__(self) -> int:
        return len(self._questions)

    def query(self, text: str) -> EnglishQuery:
        """The weighted content words of an English question; an unknown word of five letters or
        more is read as the closest known word if rapidfuzz finds one at 85 or more."""
        weights: dict[str, float] = {}
        total = 0.0
        for term in self.words.terms(text):
            if term in weights:
                continue
            if term not in self._idf and len(term) >= FUZZY_MIN_LENGTH and self._vocabulary:
                close = process.extractOne(term, self._vocabulary, scorer=fuzz.ratio,
                                           score_cutoff=FUZZY_CUTOFF)
                if close is not None:
                    term = close[0]
            idf = self._idf.get(term)
            if idf is None and term.isdigit():
                continue  # an age or a time (my 4 year old, she is 80) that no English text names
            if idf is None:
                total += self._unseen
            elif term not in weights:
                weights[term] = idf
                total += idf
        return EnglishQuery(weights, total)

    def scores(self, query: EnglishQuery) -> dict[int, tuple[float, float]]:
        """For each entry sharing a word with the question: how much of the question its English
        covers (its answer's words at half weight), and how much of its English question the
        question covers. An entry's English phrasings are further English questions: its best
        one counts, the words of the others at half weight like its answer's."""
        touched: set[int] = set()
        for term in query.weights:
            touched.update(self._postings.get(term, ()))
        total = query.total or 1.0
        result = {}
        for doc in touched:
            # the words of its answer, and of its other English questions, count at half weight
            rest = self._others[doc]
            best: tuple[float, float] | None = None
            for question in self._questions[doc]:
                in_question = sum(w for t, w in query.weights.items() if t in question)
                in_answer = sum(w for t, w in query.weights.items()
                                if t in rest and t not in question)
                own = sum(self._idf[t] for t in question) or 1.0
                score = ((in_question + self.answer_weight * in_answer) / total,
                         in_question / own)
                if best is None or english_key(score) > english_key(best):
                    best = score
            if best is not None:
                result[doc] = best
        return result

    def best(self, scores: dict[int, tuple[float, float]], limit: int) -> list[int]:
        """The ``limit`` entries of ``scores`` that cover most, best first."""
        return sorted(scores, key=lambda doc: (-english_key(scores[doc]), doc))[:limit]


def english_key(score: tuple[float, float]) -> float:
    """How an entry's English texts rank for an English question: its cover of the question, and
    half its question's cover by the question."""
    return score[0] + 0.5 * score[1]


def english_terms(texts: Iterable[str], words: EnglishWords | None = None) -> list[str]:
    """The English content words of ``texts``, as the index reads them."""
    words = words or default_english_words()
    return [term for text in texts for term in words.terms(text)]
