"""A member of staff: belongs to a bureau, has one role, logs in with password and TOTP."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base
from intake.models.columns import Created, IntPK, UTCDateTime

ROLES = ("handler", "lead", "coordinator", "admin", "custodian")


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[IntPK]
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    bureau: Mapped[str] = mapped_column(String(16), index=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    # Sealed with a key derived from settings.keys.encryption_key; read it through
    # intake.staff.totp_secret(settings, user) or intake.staff.verify_totp(...).
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Created]
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
