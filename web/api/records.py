"""The read side of the Open311 API: cases projected to the fields the API may show.

A read-only query and no rule: which fields are public is decided in open311.py, and
nothing here selects a reporter's pseudonym, contact or channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Case
from intake.workflow import OPEN_STATUSES


@dataclass(frozen=True)
class CaseRecord:
    case_number: str
    kind: str
    status: str
    lead_bureau: str
    text: str
    place: str | None
    created_at: datetime
    updated_at: datetime
    due_on: date | None


def find_records(
    session: Session,
    *,
    case_numbers: Sequence[str] = (),
    kind: str | None = None,
    open_only: bool = False,
    closed_only: bool = False,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = 200,
) -> list[CaseRecord]:
    """The newest matching cases first, at most ``limit``."""
    query = select(
        Case.case_number, Case.kind, Case.status, Case.lead_bureau, Case.text, Case.place,
        Case.created_at, Case.updated_at, Case.due_on,
    ).order_by(Case.created_at.desc()).limit(limit)
    if case_numbers:
        query = query.where(Case.case_number.in_(list(case_numbers)))
    if kind:
        query = query.where(Case.kind == kind)
    if open_only:
        query = query.where(Case.status.in_(sorted(OPEN_STATUSES)))
    if closed_only:
        query = query.where(Case.status.not_in(sorted(OPEN_STATUSES)))
    if start:
        query = query.where(Case.created_at >= start)
    if end:
        query = query.where(Case.created_at <= end)
    return [CaseRecord(*row) for row in session.execute(query)]
