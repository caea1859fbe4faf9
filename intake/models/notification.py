"""The outbox: a record per reporter-facing event, written with the staff action itself."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.db import Base
from intake.models.columns import Created, IntPK, UTCDateTime

if TYPE_CHECKING:
    from intake.models.case import Case


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_pending", "channel", "delivered_at"),)

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # accepted, rejected, transferred, started, resolved, closed, reopened, reply
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))  # the case's channel
    created_at: Mapped[Created]
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    case: Mapped[Case] = relationship()
