"""Spotting professional claimants (职业索赔, clause 三十): flagged for review, never refused.

A pseudonym that files many complaints against many businesses, most of them demanding
compensation, gets an AbuseFlag; staff decide. The cases themselves go through as usual.
The pseudonym is the platform one (Telegram) or, for a complaint without one (the web, the
web chat, the API), the keyed hash of the contact every complaint must give
(:func:`intake.pseudonyms.contact_pseudonym`); an anonymous tip has none and is never judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import bindparam, distinct, func, select
from sqlalchemy import case as sql_case
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
# How many of a reporter's latest complaints are read for compensation demands.
DEMAND_SAMPLE = 100
COMPENSATION_DEMAND = re.compile(
    r"赔偿|索赔|赔付|赔钱|退一赔|假一赔|[十三]倍|\d+\s*倍|惩罚性|补偿|compensat|refund",
    re.IGNORECASE,
)
REASON = "profit_complainer"


def demands_compensation(text: str) -> bool:
    return COMPENSATION_DEMAND.search(text) is not None


@dataclass(frozen=True)
class ComplaintHistory:
    """A pseudonym's complaints in the window: what the flag is judged on."""

    complaints: int = 0
    businesses: int = 0
    demands: int = 0
    # Whether the new case's business is among ``businesses`` already.
    knows_business: bool = False

    def plus(self, case: Case) -> ComplaintHistory:
        new_business = bool(case.business_key) and not self.knows_business
        return ComplaintHistory(
            self.complaints + 1,
            self.businesses + new_business,
            self.demands + demands_compensation(case.text),
            knows_business=True,
        )

    @property
    def looks_professional(self) -> bool:
        return (
            self.complaints >= MIN_COMPLAINTS
            and self.businesses >= MIN_BUSINESSES
            and self.demands >= MIN_DEMANDS
        )


def earlier_complaints(session: Session, *, case: Case) -> ComplaintHistory:
    """The complaints of ``case``'s reporter in the window, but ``case``; no lock taken.

    Bounded however prolific the reporter: the counts are aggregates over the pseudonym
    index, and only the latest ``DEMAND_SAMPLE`` texts are read for compensation demands.
    """
    mine = {
        "pseudonym": case.reporter_pseudonym,
        "since": utcnow() - timedelta(days=WINDOW_DAYS),
        "case_id": case.id or 0,
    }
    connection = session.connection()  # Core statements: no ORM rows to make
    complaints, businesses, known = connection.execute(
        _HISTORY, {**mine, "business": case.business_key}
    ).one()
    history = ComplaintHistory(int(complaints or 0), int(businesses or 0), 0, bool(known))
    if history.complaints + 1 < MIN_COMPLAINTS or history.businesses + 1 < MIN_BUSINESSES:
        return history  # too few to matter whatever the texts say: they are not read
    texts = connection.scalars(_LATEST_TEXTS, mine)
    return replace(history, demands=sum(1 for text in texts if demands_compensation(text)))


# Built once (building a statement costs more than running it). They take the reporter's
# ``pseudonym``, the window's start ``since`` and the ``case_id`` left out (0: none);
# the history also the new case's ``business`` key (None matches nothing).
_MINE = (
    Case.reporter_pseudonym == bindparam("pseudonym"),
    Case.kind == "complaint",
    Case.created_at >= bindparam("since"),
    Case.id != bindparam("case_id"),
)
_HISTORY = select(
    func.count(Case.id),
    func.count(distinct(Case.business_key)),
    func.sum(sql_case((Case.business_key == bindparam("business"), 1), else_=0)),
).where(*_MINE)
_LATEST_TEXTS = select(Case.text).where(*_MINE).order_by(Case.id.desc()).limit(DEMAND_SAMPLE)


def check_reporter(
    session: Session, *, case: Case, earlier: ComplaintHistory | None = None
) -> AbuseFlag | None:
    """Flag (or refresh the flag of) the complainant when their pattern looks professional.

    ``earlier`` (from :func:`earlier_complaints`, read before the case was written) spares
    the write transaction the reading of the whole history; without it, it is read here.
    """
    if case.kind != "complaint" or not case.reporter_pseudonym:
        return None
    if earlier is None:
        session.flush()
        earlier = earlier_complaints(session, case=case)
    history = earlier.plus(case)
    if not history.looks_professional:
        return None
    evidence = {
        "complaints": history.complaints,
        "businesses": history.businesses,
        "compensation_demands": history.demands,
        "window_days": WINDOW_DAYS,
    }
    flagged = select(AbuseFlag).where(AbuseFlag.pseudonym == case.reporter_pseudonym)
    # Already flagged: refresh the counts unless a concurrent submission by the same person
    # holds the row (PostgreSQL); waiting would serialise their submissions for a figure the
    # next submission refreshes anyway. SQLite has one writer at a time.
    flag = session.scalar(flagged.with_for_update(skip_locked=True))
    if flag is not None or session.scalar(flagged.with_only_columns(AbuseFlag.id)) is not None:
        if flag is not None and flag.evidence != evidence:
            flag.evidence = evidence
            flag.updated_at = utcnow()
        return flag
    flag = AbuseFlag(pseudonym=case.reporter_pseudonym, reason=REASON, evidence=evidence)
    try:
        # A savepoint: if a concurrent submission flagged the same pseudonym first, the
        # unique constraint fails here alone and this submission still goes through.
        with session.begin_nested():
            session.add(flag)
    except IntegrityError:
        return session.scalar(flagged)
    audit.record(session, action="reporter_flagged", actor="system", case=case, detail=evidence)
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
