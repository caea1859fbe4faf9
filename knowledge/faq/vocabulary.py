"""The retrieval vocabulary: synonym groups, filler words and food-safety scope terms.

All of it is data (``knowledge/lexicon/faq_synonyms*.yaml`` and ``scope.yaml`` beside this
module), so the base is improved by editing words, never by special-casing a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge.text import LEXICON_DIR, normalize

SCOPE_FILE = Path(__file__).resolve().parent / "scope.yaml"


@dataclass(frozen=True)
class Vocabulary:
    """Synonyms mapped to one canonical term, filler words, and the food-safety scope terms."""

    canonical: dict[str, str]
    stopwords: frozenset[str]
    scope_terms: frozenset[str]
    off_topic_terms: frozenset[str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_synonym_re", _alternation(self.canonical))
        object.__setattr__(self, "_scope_re", _alternation(self.scope_terms))
        object.__setattr__(self, "_off_topic_re", _alternation(self.off_topic_terms))

    def synonyms_in(self, text: str) -> list[str]:
        """The canonical term of every synonym occurring in normalised ``text``."""
        pattern: re.Pattern[str] | None = getattr(self, "_synonym_re")  # noqa: B009
        if pattern is None:
            return []
        return [self.canonical[m.group(0)] for m in pattern.finditer(text)]

    def scope_hits(self, text: str) -> int:
        """How many food-safety terms occur in normalised ``text``."""
        pattern: re.Pattern[str] | None = getattr(self, "_scope_re")  # noqa: B009
        return 0 if pattern is None else len(pattern.findall(text))

    def off_topic_hits(self, text: str) -> int:
        """How many terms of clearly unrelated subjects occur in normalised ``text``."""
        pattern: re.Pattern[str] | None = getattr(self, "_off_topic_re")  # noqa: B009
        return 0 if pattern is None else len(pattern.findall(text))


def _alternation(terms: object) -> re.Pattern[str] | None:
    words = sorted({str(t) for t in terms}, key=lambda t: (-len(t), t))  # type: ignore[attr-defined]
    if not words:
        return None
    # Latin words match whole words only: "eat" must not be found inside "weather".
    return re.compile("|".join(
        rf"\b{re.escape(word)}\b" if word.isascii() else re.escape(word) for word in words
    ))


def synonym_files() -> list[Path]:
    """The synonym files, in a stable order."""
    return sorted(LEXICON_DIR.glob("faq_synonyms*.yaml"))


def _read_yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} must be a mapping")
    return data


def _words(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("expected a list of words")
    return [normalize(str(word)) for word in value if str(word).strip()]


def load_vocabulary(
    synonym_paths: list[Path] | None = None, scope_path: Path = SCOPE_FILE
) -> Vocabulary:
    """Read every synonym file and the scope file; the first term of a group is canonical."""
    canonical: dict[str, str] = {}
    stopwords: set[str] = set()
    for path in synonym_files() if synonym_paths is None else synonym_paths:
        data = _read_yaml(path)
        stopwords.update(_words(data.get("stopwords")))
        groups = data.get("groups") or []
        if not isinstance(groups, list):
            raise ValueError(f"{path.name}: groups must be a list of word lists")
        for group in groups:
            words = _words(group)
            if len(words) < 2:
                continue
            head = canonical.get(words[0], words[0])
            for word in words:
                canonical.setdefault(word, head)
    scope = _read_yaml(scope_path) if scope_path.exists() else {}
    return Vocabulary(
        canonical=canonical,
        stopwords=frozenset(stopwords),
        scope_terms=frozenset(_words(scope.get("food_safety"))),
        off_topic_terms=frozenset(_words(scope.get("off_topic"))),
    )


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package, read once per process."""
    return load_vocabulary()
