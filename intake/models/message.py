"""The thread between a reporter and the staff handling the case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.db import Base
from intake.models.columns import Created, IntPK

if TYPE_CHECKING:
    from intake.models.case import Case


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(16))  # reporter | staff
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    text: Mapped[str] = mapped_column(Text)
    # The digest of the reporter's page it was sent from (intake.filed_once): sent once.
    page_hash: Mapped[str | None] = mapped_column(String(32), unique=True, index=True)
    created_at: Mapped[Created]

    case: Mapped[Case] = relationship(back_populates="messages")
