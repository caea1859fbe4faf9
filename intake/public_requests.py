"""Cases as a partner system may read them (the Open311 API's read side).

A projection, not the case: it selects no reporter pseudonym, contact or channel, so no
caller can leak them by accident. Which of the remaining fields a caller shows (the text
and place only to key holders) is the API's decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Case
from intake.workflow import OPEN_STATUSES

MAX_RESULTS = 200


@dataclass(frozen=True)
class PublicRequest:
    case_number: str
    kind: str
    status: str
    lead_bureau: str
    text: str
    place: str | None
    created_at: datetime
    updated_at: datetime
    due_on: date | None

    @property
    def is_open(self) -> bool:
        """Open311's two-valued status: still being worked on, or done with."""
        return self.status in OPEN_STATUSES


def find_public_requests(
    session: Session,
    *,
    case_numbers: Sequence[str] = (),
    kind: str | None = None,
    state: Literal["open", "closed"] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = MAX_RESULTS,
) -> list[PublicRequest]:
    """The newest matching cases first, at most ``limit`` (never more than MAX_RESULTS);
    ``state`` "open" means a status in ``OPEN_STATUSES``, "closed" any other."""
    query = select(
        Case.case_number, Case.kind, Case.status, Case.lead_bureau, Case.text, Case.place,
        Case.created_at, Case.updated_at, Case.due_on,
    ).order_by(Case.created_at.desc()).limit(min(limit, MAX_RESULTS))
    if case_numbers:
        query = query.where(Case.case_number.in_(list(case_numbers)[:MAX_RESULTS]))
    if kind:
        query = query.where(Case.kind == kind)
    if state == "open":
        query = query.where(Case.status.in_(sorted(OPEN_STATUSES)))
    elif state == "closed":
        query = query.where(Case.status.not_in(sorted(OPEN_STATUSES)))
    if start:
        query = query.where(Case.created_at >= start)
    if end:
        query = query.where(Case.created_at <= end)
    return [PublicRequest(*row) for row in session.execute(query)]
