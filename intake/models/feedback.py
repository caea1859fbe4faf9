"""What citizens tell the knowledge base: helpful or not, and the questions it missed."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base
from intake.models.columns import Created, IntPK


class FaqFeedback(Base):
    __tablename__ = "faq_feedback"

    id: Mapped[IntPK]
    entry_id: Mapped[str] = mapped_column(String(80), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[Created]


class FaqMiss(Base):
    __tablename__ = "faq_misses"

    id: Mapped[IntPK]
    question: Mapped[str] = mapped_column(String(500))  # normalised, at most 500 chars
    best_entry_id: Mapped[str | None] = mapped_column(String(80))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[Created]
