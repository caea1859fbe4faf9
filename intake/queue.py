"""The staff work queue: the cases within an actor's reach, filtered, by deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import Session

from intake import authz
from intake.casefile import is_overdue
from intake.clock import local_today
from intake.deadlines import calendar_for
from intake.errors import InvalidDraft
from intake.models import AbuseFlag, Case, CaseCooperation, DuplicateLink, StaffUser
from intake.settings import Settings
from intake.workflow import OPEN_STATUSES, STATUSES, status_label


@dataclass(frozen=True)
class QueueFilters:
    """``status=None`` means every open status; ``"all"`` means every status."""

    status: str | None = None
    kind: str | None = None
    bureau: str | None = None  # coordinators and admins may narrow to one bureau
    overdue: bool = False
    due_within: int | None = None  # working days from today
    duplicates: bool = False
    needs_review: bool | None = None
    limit: int = 200
    today: date | None = None


@dataclass(frozen=True)
class QueueItem:
    """One line of the queue: no report text (reading that is a case view, audited)."""

    case_number: str
    kind: str
    channel: str
    status: str
    status_zh: str
    lead_bureau: str
    business_name: str | None
    place: str | None
    keywords: tuple[str, ...]
    due_on: date | None
    overdue: bool
    needs_review: bool
    duplicate_count: int
    reporter_flagged: bool
    submitted_at: datetime


def list_queue(
    session: Session,
    *,
    actor: StaffUser,
    filters: QueueFilters | None = None,
    settings: Settings | None = None,
) -> list[QueueItem]:
    """The actor's queue, soonest deadline first (cases without one last)."""
    filters = filters or QueueFilters()
    today = filters.today or local_today()
    query = _scoped(select(Case), actor, filters.bureau)
    query = _filtered(query, filters, today, settings)
    query = query.order_by(Case.due_on.is_(None), Case.due_on, Case.id).limit(filters.limit)
    cases: list[Case] = list(session.scalars(query))
    ids = [case.id for case in cases]
    dup_counts = _duplicate_counts(session, ids)
    pseudonyms = {case.reporter_pseudonym for case in cases if case.reporter_pseudonym}
    flagged = (
        set(session.scalars(select(AbuseFlag.pseudonym).where(AbuseFlag.pseudonym.in_(pseudonyms))))
        if pseudonyms
        else set()
    )
    return [
        QueueItem(
            case_number=case.case_number,
            kind=case.kind,
            channel=case.channel,
            status=case.status,
            status_zh=status_label(case.status),
            lead_bureau=case.lead_bureau,
            business_name=case.business_name,
            place=case.place,
            keywords=tuple(dict.fromkeys(e["keyword"] for e in case.routing.get("evidence", []))),
            due_on=case.due_on,
            overdue=is_overdue(case, today),
            needs_review=case.needs_review,
            duplicate_count=dup_counts.get(case.id, 0),
            reporter_flagged=case.reporter_pseudonym in flagged,
            submitted_at=case.created_at,
        )
        for case in cases
    ]


def _scoped(query: Select[Any], actor: StaffUser, bureau: str | None) -> Select[Any]:
    if authz.sees_all(actor):
        return query.where(Case.lead_bureau == bureau) if bureau else query
    if not actor.active:
        return query.where(false())  # an inactive account sees nothing
    cooperating = select(CaseCooperation.case_id).where(CaseCooperation.bureau == actor.bureau)
    return query.where(or_(Case.lead_bureau == actor.bureau, Case.id.in_(cooperating)))


def _filtered(
    query: Select[Any], filters: QueueFilters, today: date, settings: Settings | None
) -> Select[Any]:
    if filters.status is None:
        query = query.where(Case.status.in_(OPEN_STATUSES))
    elif filters.status != "all":
        if filters.status not in STATUSES:
            raise InvalidDraft(f"status {filters.status!r}")
        query = query.where(Case.status == filters.status)
    if filters.kind:
        query = query.where(Case.kind == filters.kind)
    if filters.needs_review is not None:
        query = query.where(Case.needs_review.is_(filters.needs_review))
    if filters.overdue:
        query = query.where(Case.status.in_(OPEN_STATUSES), Case.due_on < today)
    if filters.due_within is not None:
        holiday_file = settings.holiday_file if settings else None
        horizon = calendar_for(holiday_file).add_working_days(today, filters.due_within)
        query = query.where(
            Case.status.in_(OPEN_STATUSES), Case.due_on >= today, Case.due_on <= horizon
        )
    if filters.duplicates:
        linked = select(DuplicateLink.case_id).union(select(DuplicateLink.other_case_id))
        query = query.where(Case.id.in_(linked))
    return query


def _duplicate_counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    counts: dict[int, int] = {}
    for column in (DuplicateLink.case_id, DuplicateLink.other_case_id):
        rows = session.execute(select(column, func.count()).where(column.in_(ids)).group_by(column))
        for case_id, count in rows:
            counts[case_id] = counts.get(case_id, 0) + count
    return counts
