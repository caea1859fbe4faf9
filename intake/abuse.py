"""Spotting professional claimants (职业索赔, clause 三十): flagged for review, never refused.

A pseudonym that files many complaints against many businesses, most of them demanding
compensation, gets an AbuseFlag; staff decide. The cases themselves go through as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake import audit, authz
from intake.errors import FlagNotFound, NotAllowed
from intake.models import AbuseFlag, Case, StaffUser
from intake.models.columns import utcnow

WINDOW_DAYS = 180
MIN_COMPLAINTS = 5
MIN_BUSINESSES = 3
MIN_DEMANDS = 3
COMPENSATION_DEMAND = re.compile(
    r"赔偿|索赔|赔付|赔钱|退一赔|假一赔|[十三]倍|\d+\s*倍|惩罚性|补偿|compensat|refund",
    re.IGNORECASE,
)
REASON = "profit_complainer"


def demands_compensation(text: str) -> bool:
    return COMPENSATION_DEMAND.search(text) is not None


def check_reporter(session: Session, *, case: Case) -> AbuseFlag | None:
    """Flag (or refresh the flag of) the complainant when their pattern looks professional."""
    if case.kind != "complaint" or not case.reporter_pseudonym:
        return None
    session.flush()
    since = utcnow() - timedelta(days=WINDOW_DAYS)
    rows = session.execute(
        select(Case.business_key, Case.text).where(
            Case.reporter_pseudonym == case.reporter_pseudonym,
            Case.kind == "complaint",
            Case.created_at >= since,
        )
    ).all()
    businesses = {key for key, _text in rows if key}
    demands = sum(1 for _key, text in rows if demands_compensation(text))
    if len(rows) < MIN_COMPLAINTS or len(businesses) < MIN_BUSINESSES or demands < MIN_DEMANDS:
        return None
    evidence = {
        "complaints": len(rows),
        "businesses": len(businesses),
        "compensation_demands": demands,
        "window_days": WINDOW_DAYS,
    }
    flag = session.scalar(select(AbuseFlag).where(AbuseFlag.pseudonym == case.reporter_pseudonym))
    if flag is None:
        flag = AbuseFlag(pseudonym=case.reporter_pseudonym, reason=REASON, evidence=evidence)
        try:
            # A savepoint: if a concurrent submission flagged the same pseudonym first, the
            # unique constraint fails here alone and this submission still goes through.
            with session.begin_nested():
                session.add(flag)
        except IntegrityError:
            return session.scalar(
                select(AbuseFlag).where(AbuseFlag.pseudonym == case.reporter_pseudonym)
            )
        audit.record(session, action="reporter_flagged", actor="system", case=case, detail=evidence)
    else:
        flag.evidence = evidence
        flag.updated_at = utcnow()
    return flag


def is_flagged(session: Session, *, pseudonym: str | None) -> bool:
    if not pseudonym:
        return False
    return session.scalar(select(AbuseFlag.id).where(AbuseFlag.pseudonym == pseudonym)) is not None


@dataclass(frozen=True)
class FlagView:
    pseudonym: str
    reason: str
    evidence: dict[str, int]
    flagged_at: datetime
    reviewed: bool


def flagged_reporters(session: Session, *, actor: StaffUser) -> list[FlagView]:
    """The flags for a lead, coordinator or admin to review, unreviewed first."""
    if not actor.active or actor.role not in authz.SENIOR:
        raise NotAllowed("only leads, coordinators and admins review flags")
    flags = session.scalars(
        select(AbuseFlag).order_by(AbuseFlag.reviewed_at.is_not(None), AbuseFlag.id)
    )
    return [_flag_view(flag) for flag in flags]


def mark_flag_reviewed(session: Session, *, actor: StaffUser, pseudonym: str) -> FlagView:
    """Record that a person looked at the pattern; the reporter's cases are untouched."""
    if not actor.active or actor.role not in authz.SENIOR:
        raise NotAllowed("only leads, coordinators and admins review flags")
    flag = session.scalar(select(AbuseFlag).where(AbuseFlag.pseudonym == pseudonym))
    if flag is None:
        raise FlagNotFound(pseudonym)
    flag.reviewed_by_id = actor.id
    flag.reviewed_at = utcnow()
    audit.record(
        session,
        action="flag_reviewed",
        actor=audit.staff_actor(actor),
        staff=actor,
        detail={"pseudonym": pseudonym},
    )
    session.flush()
    return _flag_view(flag)


def _flag_view(flag: AbuseFlag) -> FlagView:
    return FlagView(
        flag.pseudonym,
        flag.reason,
        dict(flag.evidence),
        flag.created_at,
        flag.reviewed_at is not None,
    )
