"""Writing the audit trail: one call per event, in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from intake.models import AuditEvent, Case, StaffUser


def staff_actor(user: StaffUser) -> str:
    return f"staff:{user.username}"


def reporter_actor(pseudonym: str | None) -> str:
    return f"reporter:{pseudonym}" if pseudonym else "reporter"


def record(
    session: Session,
    *,
    action: str,
    actor: str,
    case: Case | None = None,
    staff: StaffUser | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``detail`` holds codes and statuses, never report or message text."""
    event = AuditEvent(
        case_id=case.id if case is not None else None,
        staff_id=staff.id if staff is not None else None,
        actor=actor,
        action=action,
        detail=detail or {},
    )
    session.add(event)
    return event
