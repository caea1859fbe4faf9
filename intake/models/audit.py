"""The append-only audit trail: who did what to which case, when; never the report text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from intake.db import Base
from intake.models.columns import Created, IntPK

if TYPE_CHECKING:
    from intake.models.case import Case


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[IntPK]
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    # "staff:<username>", "reporter:<pseudonym>", "reporter" or "system".
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[Created]

    # Lets an event be recorded with a case not yet written: both go in the same flush.
    case: Mapped[Case | None] = relationship()


class AuditTampering(RuntimeError):
    """Someone tried to change or delete an audit event through the ORM."""


@event.listens_for(Session, "before_flush")
def _forbid_audit_changes(session: Session, _context: object, _instances: object) -> None:
    """Audit events are written once: the ORM refuses to update or delete them."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditTampering("audit events are append-only")
