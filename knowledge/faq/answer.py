"""What :meth:`KnowledgeBase.answer` returns: an answer, or a reasoned decline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A close question offered when the base is not sure."""

    entry_id: str
    question: str


@dataclass(frozen=True, slots=True)
class Answer:
    """The outcome of one question.

    ``answered`` is true only above the calibrated threshold; then ``entry_id``, ``question``,
    ``answer`` and ``source`` are set. A decline keeps them ``None`` and offers
    ``suggestions``; ``in_scope`` is false when the question is not about food safety at all.
    ``message`` is the text to show a person, in the language asked for.
    """

    answered: bool
    entry_id: str | None
    question: str | None
    answer: str | None
    score: float
    source: str | None
    suggestions: tuple[Suggestion, ...]
    in_scope: bool
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of ``foodsafe ask --jsonl`` (without the caller's id)."""
        return {
            "answered": self.answered,
            "answer": self.answer,
            "entry_id": self.entry_id,
            "score": round(self.score, 4),
            "source": self.source,
            "suggestions": [
                {"entry_id": s.entry_id, "question": s.question} for s in self.suggestions
            ],
            "in_scope": self.in_scope,
        }
