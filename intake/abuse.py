"""Spotting professional claimants (职业索赔, clause 三十): flagged for review, never refused.

A pseudonym that files many complaints against many businesses, most of them demanding
compensation, gets an AbuseFlag; staff decide. The cases themselves go through as usual.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake import audit
from intake.models import AbuseFlag, Case
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
