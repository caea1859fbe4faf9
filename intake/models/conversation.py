"""The dialogue engine's persisted state, and the sealed way back to a Telegram reporter."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base
from intake.models.columns import Created, IntPK, UTCDateTime, utcnow


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[IntPK]
    # HMAC of (channel, platform conversation id): the platform id is never stored.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lang: Mapped[str] = mapped_column(String(8), default="zh")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[Created]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own mapping


class NotifierLink(Base):
    """A pseudonym's encrypted chat address; only bot/notifier decrypts it."""

    __tablename__ = "notifier_links"
    __table_args__ = (UniqueConstraint("pseudonym", "channel"),)

    id: Mapped[IntPK]
    pseudonym: Mapped[str] = mapped_column(String(16), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    address_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[Created]
