"""The queue's counts at a glance: open cases by status, overdue, due soon, with duplicates.

Counted over ``list_queue`` itself, so the counts cover exactly the cases the actor's queue
would show (their bureau's, or every bureau's for the coordinator) and no second copy of
the scoping or overdue rules exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from intake.models import StaffUser
from intake.queue import QueueFilters, list_queue
from intake.settings import Settings

# "Due soon" on the desk: within this many working days.
DUE_SOON_DAYS = 3
# A desk showing more open cases than this has a bigger problem than a count.
COUNT_LIMIT = 5000


@dataclass(frozen=True)
class QueueCounts:
    open: int
    by_status: dict[str, int]
    overdue: int
    due_soon: int
    duplicates: int


def count_queue(
    session: Session,
    *,
    actor: StaffUser,
    settings: Settings | None = None,
    bureau: str | None = None,
    today: date | None = None,
) -> QueueCounts:
    """The counts of the actor's open queue (optionally one bureau's, for a coordinator)."""
    items = list_queue(session, actor=actor, settings=settings,
                       filters=QueueFilters(bureau=bureau, limit=COUNT_LIMIT, today=today))
    soon = list_queue(session, actor=actor, settings=settings, filters=QueueFilters(
        bureau=bureau, due_within=DUE_SOON_DAYS, limit=COUNT_LIMIT, today=today))
    by_status: dict[str, int] = {}
    for item in items:
        by_status[item.status] = by_status.get(item.status, 0) + 1
    return QueueCounts(
        open=len(items), by_status=by_status, overdue=sum(i.overdue for i in items),
        due_soon=len(soon), duplicates=sum(i.duplicate_count > 0 for i in items),
    )
