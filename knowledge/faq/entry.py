"""One curated answer and where its facts come from.

Entries are data (``knowledge/faq/entries/*.yaml``); these frozen types are what the loader
turns each YAML mapping into, so nothing downstream ever sees an unchecked dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Source:
    """The public authority and the document an answer's facts come from."""

    authority: str
    document: str

    def cite(self) -> str:
        """The citation a citizen sees: authority and document on one line."""
        if "《" in self.document or "》" in self.document:
            return f"{self.authority}：{self.document}"
        return f"{self.authority}《{self.document}》"


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic group: one entries file."""

    code: str
    name: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A question, the ways citizens ask it, and the answer with its source."""

    id: str
    topic: str
    question: str
    phrasings: tuple[str, ...]
    answer: str
    source: Source
    checked: date
    keywords: tuple[str, ...] = ()

    def texts(self) -> tuple[str, ...]:
        """The question first, then every phrasing: what retrieval matches against."""
        return (self.question, *self.phrasings)
