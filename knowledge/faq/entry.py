"""One curated answer and where its facts come from.

Entries are data (``knowledge/faq/entries/*.yaml``); these frozen types are what the loader
turns each YAML mapping into, so nothing downstream ever sees an unchecked dict.

Chinese is the base's language; an entry may also carry its question and answer in English
(``question_en``, ``answer_en``), its source's official English names (``authority_en``,
``document_en``) and the ways people ask it in English (``phrasings_en``, matched only).
Asked in English, the ``*_in(lang)`` readers give the English text where there is one and the
Chinese otherwise, so an untranslated entry still answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Source:
    """The public authority and the document an answer's facts come from."""

    authority: str
    document: str
    authority_en: str | None = None
    document_en: str | None = None

    @property
    def has_english(self) -> bool:
        """Whether both names have their official English form."""
        return bool(self.authority_en and self.document_en)

    def cite(self, lang: str = "zh") -> str:
        """The citation a citizen sees: authority and document on one line, in ``lang``.

        In English each name falls back to its Chinese form where it has no English one.
        """
        if lang == "en" and (self.authority_en or self.document_en):
            authority = self.authority_en or self.authority
            document = self.document_en or _titled(self.document)
            return f"{authority}: {document}"
        if "《" in self.document or "》" in self.document:
            return f"{self.authority}：{self.document}"
        return f"{self.authority}《{self.document}》"


def _titled(document: str) -> str:
    return document if "《" in document else f"《{document}》"


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic group: one entries file."""

    code: str
    name: str
    name_en: str

    def name_in(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name


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
    question_en: str | None = None
    answer_en: str | None = None
    # the ways English speakers ask it, matched like question_en (never shown)
    phrasings_en: tuple[str, ...] = ()

    def texts(self) -> tuple[str, ...]:
        """The question first, then every phrasing: what retrieval matches against."""
        return (self.question, *self.phrasings)

    def texts_en(self) -> tuple[str, ...]:
        """The English question first, then every English phrasing (none without English)."""
        return (self.question_en, *self.phrasings_en) if self.question_en else ()

    @property
    def has_english(self) -> bool:
        """Whether the entry can be shown in English (question and answer both)."""
        return bool(self.question_en and self.answer_en)

    def question_in(self, lang: str = "zh") -> str:
        """The question in ``lang``, or the Chinese one when it has no English."""
        return self.question_en if lang == "en" and self.question_en else self.question

    def answer_in(self, lang: str = "zh") -> str:
        """The answer in ``lang``, or the Chinese one when it has no English."""
        return self.answer_en if lang == "en" and self.answer_en else self.answer

    def lang_shown(self, lang: str = "zh") -> str:
        """The language the entry is actually shown in when ``lang`` is asked for."""
        return "en" if lang == "en" and self.has_english else "zh"
