"""What the domain points out to staff but never acts on: duplicates and profit-seeking."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base
from intake.models.columns import Created, IntPK, UTCDateTime


class DuplicateLink(Base):
    """A possible duplicate: shown to staff, never merged automatically."""

    __tablename__ = "duplicate_links"
    __table_args__ = (UniqueConstraint("case_id", "other_case_id"),)

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    other_case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[Created]


class AbuseFlag(Base):
    """A pseudonym that looks like a professional claimant (职业索赔): flagged for review."""

    __tablename__ = "abuse_flags"

    id: Mapped[IntPK]
    pseudonym: Mapped[str] = mapped_column(String(16), unique=True)
    reason: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[Created]
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RoutingOverride(Base):
    """A transfer: staff corrected the router; the text's features feed the routing report."""

    __tablename__ = "routing_overrides"

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    from_bureau: Mapped[str] = mapped_column(String(16))
    to_bureau: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[Created]


class ReceiptLookupFailures(Base):
    """Failed receipt lookups per keyed hash of a client key and day (never the client key)."""

    __tablename__ = "receipt_lookup_failures"
    __table_args__ = (UniqueConstraint("client_hash", "day"),)

    id: Mapped[IntPK]
    client_hash: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)  # the district's calendar day
    failures: Mapped[int] = mapped_column(Integer, default=0)
