"""Text normalisation and tokenisation, shared by routing and answering.

Citizens write traditional characters, full-width forms, emoji and decoration; every
consumer of text calls :func:`normalize` first so that all of that is handled in one place.
:func:`tokenize` segments with one jieba tokenizer that knows the food-safety vocabulary
(the ``*.dict.txt`` files in ``knowledge/lexicon/``).

Normalisation runs on every message, so it is built from tables made once per process:
one ``str.translate`` table per character (decoration dropped, traditional to simplified)
and OpenCC's phrase dictionary applied only when the text holds a character that starts one
of its phrases. That keeps a simplified message at a few microseconds instead of the tens a
full OpenCC conversion costs, with the same result.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import opencc

if TYPE_CHECKING:
    import jieba

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
SYNONYMS_FILE = LEXICON_DIR / "synonyms.yaml"
_OPENCC_DICTS = Path(opencc.__file__).resolve().parent / "dictionary"

# Categories dropped as decoration: symbols (emoji, ★, ♥), modifiers (skin tones), enclosing
# marks (keycaps), unassigned, private use, surrogates and format characters (zero-width
# joiners, bidi marks, tags); control characters other than line breaks and tabs.
_DROP_CATEGORIES = frozenset({"So", "Sk", "Me", "Cn", "Co", "Cs", "Cf", "Cc"})
_KEEP_CONTROLS = frozenset("\n\t\r")
_SPACES = re.compile(r"\s+")
_REPEATED_PUNCT = re.compile(r"([!?！？。，,.~…])\1+")

_tokenizer_lock = threading.Lock()


def _is_variation_selector(char: str) -> bool:
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or code == 0x180B


def _dictionary(name: str) -> dict[str, str]:
    """One OpenCC text dictionary: source -> its first (most common) target."""
    table: dict[str, str] = {}
    for line in (_OPENCC_DICTS / name).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[1].split():
            table[parts[0]] = parts[1].split()[0]
    return table


class _CharTable(dict[int, str | None]):
    """``str.translate`` table filled on first sight of a character, then a plain lookup."""

    def __init__(self, t2s: dict[str, str]) -> None:
        super().__init__()
        self._t2s = t2s

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        value: str | None
        if (category in _DROP_CATEGORIES and char not in _KEEP_CONTROLS) or (
            _is_variation_selector(char)
        ):
            value = None
        else:
            value = self._t2s.get(char, char)
        self[code] = value
        return value


@cache
def _tables() -> tuple[_CharTable, dict[str, str], re.Pattern[str] | None, frozenset[str]]:
    chars = _dictionary("TSCharacters.txt")
    # Follow chains (A -> B -> C) to their end so converting twice changes nothing.
    for source in list(chars):
        target, seen = chars[source], {source}
        while target in chars and target not in seen and chars[target] != target:
            seen.add(target)
            target = chars[target]
        chars[source] = target
    phrases = {source: target for source, target in _dictionary("TSPhrases.txt").items()
               if len(source) > 1}
    # A converted phrase may keep a traditional-looking character (乾清宫); it must survive
    # a second pass too, so each result is also a phrase that converts to itself.
    for target in list(phrases.values()):
        phrases.setdefault(target, target)
    pattern = (
        re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
        if phrases else None
    )
    return _CharTable(chars), phrases, pattern, frozenset(phrase[0] for phrase in phrases)


def _fold(text: str) -> tuple[str, bool]:
    """One pass (compatibility forms, phrases, characters, case) and whether it is final."""
    text = unicodedata.normalize("NFKC", text)
    table, phrases, pattern, phrase_starts = _tables()
    if pattern is not None and not phrase_starts.isdisjoint(text):
        # A phrase's own conversion wins over its characters' (乾隆 stays, 乾燥 -> 干燥).
        pieces, last = [], 0
        for match in pattern.finditer(text):
            pieces.append(text[last:match.start()].translate(table))
            pieces.append(phrases[match.group(0)])
            last = match.end()
        pieces.append(text[last:].translate(table))
        text = "".join(pieces).lower()
    else:
        text = text.translate(table).lower()
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, True
    return unicodedata.normalize("NFKC", text), False


def normalize(text: str) -> str:
    """Simplified, half-width, lower-case text without emoji or decoration; idempotent."""
    text, final = _fold(text)
    # Rare inputs (a dropped joiner between a letter and its accent) need another pass.
    for _ in range(3):
        if final:
            break
        text, final = _fold(text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def normalize_each(text: str) -> tuple[str, list[int]]:
    """Each character normalised alone, with the index in ``text`` each output came from.

    Used to point back at what the citizen actually wrote (``外賣`` for the keyword
    ``外卖``); it skips phrase conversion and space folding, so search it, don't index it.
    """
    pieces: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        pieces.append(piece)
        origins.extend([index] * len(piece))
    return "".join(pieces), origins


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    return _fold(char)[0]


def original_span(text: str, normalized_part: str, occurrence: int = 0) -> str | None:
    """The stretch of ``text`` that normalises to ``normalized_part`` (its n-th occurrence)."""
    if not normalized_part:
        return None
    folded, origins = normalize_each(text)
    position = -1
    for _ in range(occurrence + 1):
        position = folded.find(normalized_part, position + 1)
        if position < 0:
            return None
    return text[origins[position]: origins[position + len(normalized_part) - 1] + 1]


def lexicon_files() -> list[Path]:
    """The user dictionaries jieba loads, in a stable order."""
    return sorted(LEXICON_DIR.glob("*.dict.txt"))


@cache
def tokenizer() -> jieba.Tokenizer:
    """The one jieba tokenizer, built once per process with every lexicon file loaded."""
    import jieba

    with _tokenizer_lock:
        # jieba announces its dictionary loading at INFO on every start; nothing to act on.
        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.tmp_dir = tempfile.gettempdir()
        tok.initialize()
        for path in lexicon_files():
            tok.load_userdict(str(path))
        return tok


def tokenize(text: str) -> list[str]:
    """jieba tokens of already-normalised text, blanks dropped."""
    return [token for token in tokenizer().lcut(text) if token.strip()]


def _read_yaml(path: Path) -> Any:
    """A lexicon file's YAML (libyaml's safe loader when present: the files are large)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """Canonical word -> the other ways people write it (dialect, slang, old names).

    Kept as data in ``knowledge/lexicon/synonyms.yaml`` so a reviewer adds a dialect word
    without touching code; the router matches a variant as its canonical word.
    """
    data = _read_yaml(SYNONYMS_FILE) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{SYNONYMS_FILE.name}: must map a word to a list of variants")
    table: dict[str, tuple[str, ...]] = {}
    for word, variants in data.items():
        if not isinstance(word, str) or not isinstance(variants, list) or not all(
            isinstance(variant, str) and variant.strip() for variant in variants
        ):
            raise ValueError(f"{SYNONYMS_FILE.name}: {word!r} must map to a list of words")
        table[word] = tuple(variants)
    return table


DIALECT_FILE = LEXICON_DIR / "dialect.yaml"


def load_dialect(path: Path = DIALECT_FILE) -> dict[str, str]:
    """Dialect character -> Mandarin character, one for one (``str.translate`` folds them)."""
    value = _read_yaml(path)
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{path.name}: must be a non-empty mapping of characters")
    for source, target in value.items():
        if not (isinstance(source, str) and isinstance(target, str)
                and len(source) == 1 and len(target) == 1 and source != target):
            raise ValueError(f"{path.name}: {source!r}: {target!r} must fold one character "
                             "to another")
    if set(value) & set(value.values()):
        raise ValueError(f"{path.name}: a character is folded and folded to")
    return dict(value)


class DialectFold:
    """Normalised text with the dialect's function words read as Mandarin."""

    def __init__(self, pairs: dict[str, str]) -> None:
        self.table = str.maketrans(pairs)
        # Translating costs a dictionary lookup per character; most texts hold none of them.
        self._present = re.compile("[" + "".join(map(re.escape, pairs)) + "]")

    def __call__(self, normalized: str) -> str:
        if self._present.search(normalized) is None:
            return normalized
        return normalized.translate(self.table)


@cache
def fold_dialect() -> DialectFold:
    """The fold of ``knowledge/lexicon/dialect.yaml``, shared by routing and intent."""
    return DialectFold(load_dialect())


class UnknownWordClass(KeyError):
    """A rule named a word class (``@name``) with neither ``knowledge/lexicon/name.dict.txt``
    nor ``name.words.txt``."""


@cache
def word_class(name: str) -> tuple[str, ...]:
    """The words of a lexicon file (``@foods`` -> ``foods.dict.txt``), for rules to share.

    A ``.dict.txt`` file is a jieba user dictionary too, so tokenisation and routing know the
    same words. A ``.words.txt`` file (``@foods_en``) is for the rules only: English words in
    jieba's dictionary would cut longer English words ("price" into "p" + "rice").
    """
    if not name.replace("_", "").replace("-", "").isalnum():
        raise UnknownWordClass(name)
    path = LEXICON_DIR / f"{name}.dict.txt"
    if not path.is_file():
        path = LEXICON_DIR / f"{name}.words.txt"
    if not path.is_file():
        raise UnknownWordClass(name)
    words = (line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip())
    return tuple(dict.fromkeys(words))


@cache
def stopwords() -> frozenset[str]:
    """Function words that say nothing about a complaint's subject (``stopwords.txt``)."""
    return frozenset((LEXICON_DIR / "stopwords.txt").read_text(encoding="utf-8").split())


PINYIN_FILE = LEXICON_DIR / "pinyin.tsv"


@cache
def pinyin_table() -> dict[str, tuple[str, ...]]:
    """Character -> its toneless pinyin readings, the usual one first (``pinyin.tsv``).

    Generated from pypinyin by :func:`build_pinyin_table` and shipped as data, so that
    homophone matching starts in milliseconds instead of the half second pypinyin's own
    dictionaries take to load.
    """
    table: dict[str, tuple[str, ...]] = {}
    for line in PINYIN_FILE.read_text(encoding="utf-8").splitlines():
        char, _, readings = line.partition("\t")
        if char and readings:
            table[char] = tuple(readings.split())
    return table


def build_pinyin_table() -> str:
    """The content of ``pinyin.tsv`` for the CJK basic block, computed with pypinyin."""
    from pypinyin import Style, pinyin

    lines = []
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        readings = [r for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0]
                    if r.isascii() and r.isalpha()]
        if readings:
            lines.append(char + "\t" + " ".join(dict.fromkeys(readings)))
    return "\n".join(lines) + "\n"


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless reading of :func:`pinyin_table` ("zhuang", "a", and "ng" of 嗯)."""
    return frozenset(reading for readings in pinyin_table().values() for reading in readings)


# A run of letters long enough to be three syllables typed together ("wodetousu").
_UNSPACED = re.compile(r"(?<![a-z0-9])[a-z]{6,}(?![a-z0-9])")
_VOWEL = re.compile(r"[aeiouv]")


def _fewest_syllables(word: str) -> list[str] | None:
    """``word`` split into the fewest toneless pinyin syllables that have a vowel ("xianzai" as
    xian zai, not xi an zai), or None when it does not split."""
    syllables = pinyin_syllables()
    longest = 6
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - longest), end):
            head, piece = best[start], word[start:end]
            if head is None or piece not in syllables or not _VOWEL.search(piece):
                continue
            found = best[end]
            if found is None or len(head) + 1 < len(found):
                best[end] = [*head, piece]
    return best[-1]


def spaced_pinyin(normalized: str) -> str:
    """``normalized`` with toneless pinyin typed without spaces spaced into its syllables
    ("wodetousuchulilema" -> "wo de tou su chu li le ma"), so that what reads spaced pinyin
    reads it too. Only a run of letters that splits wholly into three or more syllables and is
    no English word (:func:`not_pinyin`: "banana", "latte") is spaced."""
    if not _UNSPACED.search(normalized):
        return normalized

    def space(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in not_pinyin():
            return word
        parts = _fewest_syllables(word)
        return " ".join(parts) if parts is not None and len(parts) >= 3 else word

    return _UNSPACED.sub(space, normalized)


NOT_PINYIN_FILE = LEXICON_DIR / "not_pinyin.txt"
# English words a dictionary of 2003 does not hold, typed in messages, that spell pinyin.
MODERN_NOT_PINYIN = ("deli", "emo", "sushi", "wifi", "taco", "latte", "panini", "lasagne",
                     "mojito", "sake", "ramen", "bento", "tofu", "kimchi", "salami")


@cache
def not_pinyin() -> frozenset[str]:
    """English words that also spell two or more toneless pinyin syllables (``line``,
    ``side``, ``sale``): never read as pinyin (``not_pinyin.txt``)."""
    lines = NOT_PINYIN_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def build_not_pinyin() -> str:
    """The content of ``not_pinyin.txt``: the words of the GCIDE English dictionary (from the
    ``english-words`` package, needed only here) that split into two or more syllables of
    :func:`pinyin_table`, and :data:`MODERN_NOT_PINYIN`."""
    from english_words import get_english_words_set

    syllables = pinyin_syllables()
    longest = max(map(len, syllables))

    @cache
    def most(word: str) -> int:
        """The most syllables ``word`` splits into, or -1 when it does not split."""
        if not word:
            return 0
        counts = [most(word[size:]) for size in range(1, min(longest, len(word)) + 1)
                  if word[:size] in syllables]
        counts = [count + 1 for count in counts if count >= 0]
        return max(counts, default=-1)

    words = get_english_words_set(["gcide"], lower=True, alpha=True)
    chosen = {word for word in words if word.isascii() and most(word) >= 2}
    chosen |= set(MODERN_NOT_PINYIN)
    header = "# generated by knowledge.text.build_not_pinyin(); do not edit by hand\n"
    return header + "\n".join(sorted(chosen)) + "\n"
