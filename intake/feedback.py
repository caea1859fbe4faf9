"""What citizens tell the knowledge base, persisted here so ``knowledge/`` stays pure.

Misses (questions the base could not answer) are stored normalised and cut to 500
characters, without anything identifying the asker; the report groups them for editors.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from intake.models import FaqFeedback, FaqMiss
from knowledge.text import normalize

MAX_QUESTION = 500


@dataclass(frozen=True)
class MissLine:
    question: str
    count: int
    best_entry_id: str | None
    best_score: float


@dataclass(frozen=True)
class EntryFeedback:
    entry_id: str
    helpful: int
    unhelpful: int


def record_feedback(session: Session, *, entry_id: str, helpful: bool) -> FaqFeedback:
    row = FaqFeedback(entry_id=entry_id[:80], helpful=bool(helpful))
    session.add(row)
    session.flush()
    return row


def record_miss(
    session: Session, *, question: str, best_entry_id: str | None, score: float
) -> FaqMiss:
    row = FaqMiss(
        question=normalize(question)[:MAX_QUESTION],
        best_entry_id=best_entry_id[:80] if best_entry_id else None,
        score=float(score),
    )
    session.add(row)
    session.flush()
    return row


def miss_report(session: Session, *, limit: int = 50) -> list[MissLine]:
    """The most frequent unanswered questions, with the closest entry seen for them."""
    rows = session.execute(
        select(
            FaqMiss.question,
            func.count(FaqMiss.id),
            func.max(FaqMiss.best_entry_id),
            func.max(FaqMiss.score),
        )
        .group_by(FaqMiss.question)
        .order_by(func.count(FaqMiss.id).desc(), FaqMiss.question)
        .limit(limit)
    )
    return [MissLine(q, int(n), best, float(score or 0.0)) for q, n, best, score in rows]


def feedback_report(session: Session) -> list[EntryFeedback]:
    """Helpful / unhelpful votes per entry, least helpful first."""
    helpful = func.sum(case((FaqFeedback.helpful.is_(True), 1), else_=0))
    rows = session.execute(
        select(FaqFeedback.entry_id, helpful, func.count(FaqFeedback.id)).group_by(
            FaqFeedback.entry_id
        )
    )
    result = [
        EntryFeedback(entry, int(yes or 0), int(total) - int(yes or 0))
        for entry, yes, total in rows
    ]
    return sorted(result, key=lambda line: (line.helpful - line.unhelpful, line.entry_id))
