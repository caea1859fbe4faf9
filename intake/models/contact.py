"""A reporter's contact details (opt-in, encrypted) and the custodian-approved reveals."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.db import Base
from intake.models.columns import Created, IntPK, UTCDateTime

if TYPE_CHECKING:
    from intake.models.case import Case


class Contact(Base):
    """Stored only when the reporter opts in; the row holds nothing readable."""

    __tablename__ = "contacts"

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[Created]

    case: Mapped[Case] = relationship(back_populates="contact")


class ContactRevealRequest(Base):
    """A handler asks, with a written reason; only a custodian approves; the reveal is audited."""

    __tablename__ = "contact_reveal_requests"

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    reason: Mapped[str] = mapped_column(Text)
    # pending -> approved | denied (by a custodian); approved -> revealed (once)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))  # or denied
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[Created]
