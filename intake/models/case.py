"""A case: one complaint (投诉) or tip (举报), its routing, status and legal deadline."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.db import Base
from intake.models.columns import Created, IntPK, UTCDateTime, utcnow

if TYPE_CHECKING:
    from intake.models.attachment import Attachment
    from intake.models.contact import Contact
    from intake.models.message import Message


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_due_on", "status", "due_on"),
        # The few cases not yet searched for duplicates, in filing order.
        Index(
            "ix_cases_duplicates_pending", "id",
            postgresql_where=sql("duplicates_pending"), sqlite_where=sql("duplicates_pending"),
        ),
    )

    id: Mapped[IntPK]
    # The public number staff and reporters quote; random, never the internal id.
    case_number: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # complaint | tip
    channel: Mapped[str] = mapped_column(String(16))  # web | telegram | chat | api
    text: Mapped[str] = mapped_column(Text)
    # The text cut into words, kept by the duplicate search the first time it compared the
    # case, so that no process cuts it again (None until then).
    words: Mapped[str | None] = mapped_column(Text)
    business_name: Mapped[str | None] = mapped_column(String(200))
    # normalize(business_name): what duplicate detection compares.
    business_key: Mapped[str | None] = mapped_column(String(200), index=True)
    place: Mapped[str | None] = mapped_column(String(300))
    occurred_on: Mapped[date | None] = mapped_column(Date)
    occurred_text: Mapped[str | None] = mapped_column(String(200))
    wants_reward: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    lead_bureau: Mapped[str] = mapped_column(String(16), index=True)
    routing: Mapped[dict[str, Any]] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    # Filed and not yet searched for possible duplicates (intake.duplicates.link_pending).
    # Rows that predate the column were searched when they were filed: false.
    duplicates_pending: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default=false()
    )
    # Only a keyed hash of the receipt: a stolen database alone cannot confirm a receipt.
    receipt_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The digest of the page the case was filed from (intake.filed_once): a page files once.
    page_hash: Mapped[str | None] = mapped_column(String(32), unique=True, index=True)
    # Keyed hash of the platform identity (R-XXXX-XXXX); None for the web.
    reporter_pseudonym: Mapped[str | None] = mapped_column(String(16), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    # The current legal deadline and which policy limit set it (None when none runs).
    due_on: Mapped[date | None] = mapped_column(Date)
    due_limit: Mapped[str | None] = mapped_column(String(40))
    deadline_extended: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[Created]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    cooperating: Mapped[list[CaseCooperation]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseCooperation.id"
    )
    messages: Mapped[list[Message]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Message.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    contact: Mapped[Contact | None] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )

    @property
    def co_bureaus(self) -> tuple[str, ...]:
        return tuple(c.bureau for c in self.cooperating)


class CaseCooperation(Base):
    """A cooperating (协办) bureau of a case; its staff may see the case."""

    __tablename__ = "case_cooperations"
    __table_args__ = (UniqueConstraint("case_id", "bureau"),)

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    bureau: Mapped[str] = mapped_column(String(16), index=True)

    case: Mapped[Case] = relationship(back_populates="cooperating")
