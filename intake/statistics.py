"""The desk's statistics: cases per bureau per week, overdue by bureau, top routing topics
and routing overrides, over the last weeks.

Staff outside the coordinating office count their own bureau's cases only
(``intake.authz.sees_all``); overrides count when their bureau gave or received the case.
Nothing here reads report text or a reporter field: the figures are counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from intake import authz
from intake.clock import DISTRICT_TZ, local_today
from intake.models import Case, RoutingOverride, StaffUser
from intake.workflow import OPEN_STATUSES

WEEKS = 8
TOP_TOPICS = 10


@dataclass(frozen=True)
class Figures:
    weeks: list[date]  # the Monday of each week, oldest first
    weekly: dict[str, list[int]]  # bureau -> count per week
    overdue: dict[str, int]  # bureau -> open cases past their deadline
    topics: list[tuple[str, int]]  # routing rule -> cases, most first
    overrides: list[tuple[tuple[str, str], int]]  # (from bureau, to bureau) -> count, most first
    total: int
    district_wide: bool  # every bureau's cases, or only the actor's bureau's


def collect_figures(
    session: Session, *, actor: StaffUser, today: date | None = None
) -> Figures:
    """The figures ``actor`` may see, from the last ``WEEKS`` weeks (district time)."""
    today = today or local_today()
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=i) for i in reversed(range(WEEKS))]
    since = datetime.combine(weeks[0], datetime.min.time(), tzinfo=DISTRICT_TZ)
    sees_all = authz.sees_all(actor)
    scope: list[ColumnElement[bool]] = [] if sees_all else [Case.lead_bureau == actor.bureau]
    weekly, topics, total = _weekly_and_topics(session, weeks=weeks, since=since, scope=scope)
    overdue = {
        bureau: int(count)
        for bureau, count in session.execute(
            select(Case.lead_bureau, func.count())
            .where(Case.status.in_(sorted(OPEN_STATUSES)), Case.due_on < today, *scope)
            .group_by(Case.lead_bureau)
        )
    }
    return Figures(weeks, weekly, overdue, topics.most_common(TOP_TOPICS),
                   _overrides(session, actor=actor, since=since, sees_all=sees_all), total,
                   sees_all)


def _weekly_and_topics(
    session: Session, *, weeks: list[date], since: datetime, scope: list[ColumnElement[bool]]
) -> tuple[dict[str, list[int]], Counter[str], int]:
    rows = session.execute(
        select(Case.lead_bureau, Case.created_at, Case.routing).where(
            Case.created_at >= since, *scope)
    )
    weekly: dict[str, list[int]] = {}
    topics: Counter[str] = Counter()
    total = 0
    for bureau, created_at, routing in rows:
        total += 1
        local_day = created_at.astimezone(DISTRICT_TZ).date()
        index = (local_day - weeks[0]).days // 7
        if 0 <= index < len(weeks):
            weekly.setdefault(bureau, [0] * len(weeks))[index] += 1
        # A case counts once per rule however many of the rule's keywords matched.
        for rule in {e.get("rule") for e in (routing or {}).get("evidence", [])}:
            if rule:
                topics[rule] += 1
    return weekly, topics, total


def _overrides(
    session: Session, *, actor: StaffUser, since: datetime, sees_all: bool
) -> list[tuple[tuple[str, str], int]]:
    scope: list[ColumnElement[bool]] = [] if sees_all else [
        (RoutingOverride.from_bureau == actor.bureau) | (RoutingOverride.to_bureau == actor.bureau)
    ]
    rows = session.execute(
        select(RoutingOverride.from_bureau, RoutingOverride.to_bureau, func.count())
        .where(RoutingOverride.created_at >= since, *scope)
        .group_by(RoutingOverride.from_bureau, RoutingOverride.to_bureau)
    )
    return sorted((((a, b), int(n)) for a, b, n in rows), key=lambda item: -item[1])
