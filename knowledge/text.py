"""Text normalisation and tokenisation, shared by routing and answering.

Citizens write traditional characters, full-width forms, emoji and decoration; every
consumer of text calls :func:`normalize` first so that all of that is handled in one place.
:func:`tokenize` segments with one jieba tokenizer that knows the food-safety vocabulary
(the ``*.dict.txt`` files in ``knowledge/lexicon/``).
"""

from __future__ import annotations

import re
import tempfile
import threading
import unicodedata
from functools import cache
from pathlib import Path

import jieba
from opencc import OpenCC

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"

# Categories dropped as decoration: symbols (emoji, ★, ♥), unassigned, private use, surrogates,
# and format characters (zero-width joiners, variation selectors, bidi marks).
_DROP_CATEGORIES = frozenset({"So", "Sk", "Cn", "Co", "Cs", "Cf"})
_SPACES = re.compile(r"\s+")
_REPEATED_PUNCT = re.compile(r"([!?！？。，,.~…])\1+")

_tokenizer_lock = threading.Lock()


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


def _keep(char: str) -> bool:
    category = unicodedata.category(char)
    if category in _DROP_CATEGORIES:
        return False
    return not (category == "Cc" and char not in "\n\t")


def normalize(text: str) -> str:
    """Simplified, half-width, lower-case text without emoji or decoration; idempotent."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if _keep(char))
    text = _converter().convert(text).lower()
    text = _REPEATED_PUNCT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def lexicon_files() -> list[Path]:
    """The user dictionaries jieba loads, in a stable order."""
    return sorted(LEXICON_DIR.glob("*.dict.txt"))


@cache
def tokenizer() -> jieba.Tokenizer:
    """The one jieba tokenizer, built once per process with every lexicon file loaded."""
    with _tokenizer_lock:
        tok = jieba.Tokenizer()
        tok.tmp_dir = tempfile.gettempdir()
        tok.initialize()
        for path in lexicon_files():
            tok.load_userdict(str(path))
        return tok


def tokenize(text: str) -> list[str]:
    """jieba tokens of already-normalised text, blanks dropped."""
    return [token for token in tokenizer().lcut(text) if token.strip()]


SYNONYMS_FILE = LEXICON_DIR / "synonyms.yaml"


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """Canonical word -> the other ways people write it (dialect, slang, old names).

    Kept as data in ``knowledge/lexicon/synonyms.yaml`` so a reviewer adds a dialect word
    without touching code; the router matches a variant as its canonical word.
    """
    import yaml

    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or {}
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
