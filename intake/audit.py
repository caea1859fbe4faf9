"""Writing the audit trail: one call per event, in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
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
    """Append one event. ``detail`` holds codes and statuses, never report or message text.

    ``case`` may be one not written yet: the event is written with it, in the same flush.
    """
    event = AuditEvent(
        case=case,
        staff_id=staff.id if staff is not None else None,
        actor=actor,
        action=action,
        detail=detail or {},
    )
    session.add(event)
    return event


def record_at_once(
    session: Session, *, action: str, actor: str, case: Case, detail: dict[str, Any]
) -> None:
    """Append one event about a written case with a single INSERT, not a flush.

    For the write transaction's locked part (a submission's duplicate links), where a
    unit-of-work flush costs more than the insert; the event is the same as :func:`record`'s.
    """
    session.execute(
        insert(AuditEvent),
        [{"case_id": case.id, "staff_id": None, "actor": actor, "action": action,
          "detail": detail}],
    )
