"""A file a reporter sent: a cleaned copy staff open and the encrypted original."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.db import Base
from intake.models.columns import Created, IntPK

if TYPE_CHECKING:
    from intake.models.case import Case


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[IntPK]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="SET NULL"), index=True
    )
    # Public handle for links (random); the reporter's file name is never kept.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    # sha256 of the cleaned copy (what staff see and may export as evidence).
    sha256: Mapped[str] = mapped_column(String(64))
    # Paths relative to settings.upload_dir.
    cleaned_path: Mapped[str] = mapped_column(String(200))
    original_path: Mapped[str] = mapped_column(String(200))
    original_size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[Created]

    case: Mapped[Case] = relationship(back_populates="attachments")
