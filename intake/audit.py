"""Writing the audit trail: one call per event, in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Event:
    """One event of :func:`record_at_once`: what :func:`record` takes, but the case."""

    action: str
    actor: str
    detail: dict[str, Any]


def record_at_once(session: Session, *, case: Case, events: list[Event]) -> None:
    """Append events about a written case, in order, with a single INSERT and no flush.

    For a submission's write transaction (on SQLite it holds the database's write lock),
    where a unit-of-work flush costs more than the insert; the events are :func:`record`'s.
    """
    rows = [
        {"case_id": case.id, "staff_id": None, "actor": event.actor, "action": event.action,
         "detail": event.detail}
        for event in events
    ]
    session.connection().execute(_EVENTS, rows)


def record_for_cases(
    session: Session, *, action: str, actor: str, details: dict[int, dict[str, Any]]
) -> None:
    """Append one event to each case (id → its detail), with a single INSERT and no flush.

    For a batch of cases handled at once, such as the duplicate search's.
    """
    rows = [
        {"case_id": case_id, "staff_id": None, "actor": actor, "action": action,
         "detail": detail}
        for case_id, detail in details.items()
    ]
    session.connection().execute(_EVENTS, rows)


_EVENTS = insert(AuditEvent)
