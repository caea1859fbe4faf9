"""Everything the staff desk shows around one case: the audited view, its audit trail, the
reporter's other cases (for abuse review) and the actor's own contact-reveal requests.

``intake.casefile`` loads a case and builds the ``StaffCaseView``; this module gathers what
a staff member reviews beside it. Every read first asks ``intake.authz`` on the loaded
case, so a bureau that may not view the case learns nothing of its trail or its reporter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import authz
from intake.actions import view_case
from intake.casefile import load_case
from intake.models import AuditEvent, Case, ContactRevealRequest, StaffUser
from intake.settings import Settings
from intake.views import StaffCaseView
from intake.workflow import status_label

# Enough for an abuse review; a pseudonym with more cases is flagged by intake.abuse anyway.
OTHER_CASES_LIMIT = 50


@dataclass(frozen=True)
class TrailEntry:
    actor: str
    action: str
    detail: dict[str, Any]
    created_at: datetime
    # The staff member's display name beside the stored "staff:username" (a lead read
    # "samr.handler" and had to find out who that was); empty for reporters and the system.
    staff_name: str = ""


@dataclass(frozen=True)
class OtherCase:
    case_number: str
    kind: str
    status_zh: str
    status_en: str
    business_name: str | None
    submitted_at: datetime


@dataclass(frozen=True)
class OwnRevealRequest:
    id: int
    status: str
    created_at: datetime


@dataclass(frozen=True)
class CaseDossier:
    view: StaffCaseView
    trail: list[TrailEntry]
    other_cases: list[OtherCase]
    reveal_requests: list[OwnRevealRequest]


def open_dossier(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str
) -> CaseDossier:
    """The case page's whole content, audited once as a view (``NotAllowed``,
    ``CaseNotFound``). The trail read after the view already holds that view's event."""
    view = view_case(session, settings=settings, actor=actor, case_number=case_number)
    return CaseDossier(
        view=view,
        trail=audit_trail(session, actor=actor, case_number=case_number),
        other_cases=reporter_other_cases(session, actor=actor, case_number=case_number),
        reveal_requests=own_reveal_requests(session, actor=actor, case_number=case_number),
    )


def _viewable(session: Session, *, actor: StaffUser, case_number: str) -> Case:
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "view", case)
    return case


def audit_trail(session: Session, *, actor: StaffUser, case_number: str) -> list[TrailEntry]:
    """The case's audit events, oldest first (``NotAllowed``, ``CaseNotFound``)."""
    case = _viewable(session, actor=actor, case_number=case_number)
    rows = session.execute(
        select(AuditEvent, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.id == AuditEvent.staff_id)
        .where(AuditEvent.case_id == case.id)
        .order_by(AuditEvent.id)
    )
    return [
        TrailEntry(e.actor, e.action, dict(e.detail or {}), e.created_at, name or "")
        for e, name in rows
    ]


def reporter_other_cases(
    session: Session, *, actor: StaffUser, case_number: str
) -> list[OtherCase]:
    """The same pseudonym's other cases, newest first, only those ``actor`` may view: the
    abuse review must not become a way to read another bureau's cases."""
    case = _viewable(session, actor=actor, case_number=case_number)
    if not case.reporter_pseudonym:
        return []
    others = session.scalars(
        select(Case)
        .where(Case.reporter_pseudonym == case.reporter_pseudonym, Case.id != case.id)
        .order_by(Case.created_at.desc())
        .limit(OTHER_CASES_LIMIT)
    )
    return [
        OtherCase(
            o.case_number,
            o.kind,
            status_label(o.status),
            status_label(o.status, "en"),
            o.business_name,
            o.created_at,
        )
        for o in others
        if authz.can(actor, "view", o)
    ]


def own_reveal_requests(
    session: Session, *, actor: StaffUser, case_number: str
) -> list[OwnRevealRequest]:
    """The reveal requests ``actor`` made on this case, so they can read an approved one;
    other staff members' requests stay theirs."""
    case = _viewable(session, actor=actor, case_number=case_number)
    rows = session.scalars(
        select(ContactRevealRequest)
        .where(
            ContactRevealRequest.case_id == case.id,
            ContactRevealRequest.requested_by_id == actor.id,
        )
        .order_by(ContactRevealRequest.id)
    )
    return [OwnRevealRequest(r.id, r.status, r.created_at) for r in rows]
