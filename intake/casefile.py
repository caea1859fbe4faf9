"""Loading a case for a staff member and building what staff see of it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import abuse, authz
from intake.bureaus import bureau_name
from intake.clock import local_today
from intake.duplicates import duplicates_of
from intake.errors import CaseNotFound
from intake.models import Case, StaffUser
from intake.views import AttachmentInfo, StaffCaseView, thread
from intake.workflow import OPEN_STATUSES, allowed_actions, status_label


def load_case(session: Session, *, case_number: str, for_update: bool = False) -> Case:
    """The case with this public number; CaseNotFound. Locks the row for an action."""
    query = select(Case).where(Case.case_number == case_number.strip().upper())
    if for_update:
        query = query.with_for_update()
    case = session.scalar(query)
    if case is None:
        raise CaseNotFound()
    return case


def is_overdue(case: Case, today: date) -> bool:
    return case.status in OPEN_STATUSES and case.due_on is not None and case.due_on < today


def staff_view(session: Session, *, actor: StaffUser, case: Case) -> StaffCaseView:
    """What ``actor`` sees of ``case`` (the caller has checked and audited the view)."""
    return StaffCaseView(
        case_number=case.case_number,
        kind=case.kind,
        channel=case.channel,
        text=case.text,
        business_name=case.business_name,
        place=case.place,
        occurred_on=case.occurred_on,
        occurred_text=case.occurred_text,
        wants_reward=case.wants_reward,
        status=case.status,
        status_zh=status_label(case.status, "zh"),
        status_en=status_label(case.status, "en"),
        status_reason=case.status_reason,
        lead_bureau=case.lead_bureau,
        lead_bureau_name=bureau_name(case.lead_bureau),
        co_bureaus=case.co_bureaus,
        routing=dict(case.routing),
        confidence=case.confidence,
        needs_review=case.needs_review,
        reporter_pseudonym=case.reporter_pseudonym,
        has_contact=case.contact is not None,
        received_on=case.received_on,
        due_on=case.due_on,
        due_limit=case.due_limit,
        deadline_extended=case.deadline_extended,
        overdue=is_overdue(case, local_today()),
        submitted_at=case.created_at,
        updated_at=case.updated_at,
        messages=thread(case),
        attachments=tuple(
            AttachmentInfo(a.token, a.content_type, a.size, a.sha256) for a in case.attachments
        ),
        duplicates=tuple(duplicates_of(session, case=case)),
        reporter_flagged=abuse.is_flagged(session, pseudonym=case.reporter_pseudonym),
        allowed_actions=tuple(
            action for action in allowed_actions(case.status) if authz.can(actor, action, case)
        ),
        may_reply=authz.can(actor, "reply", case),
        may_request_reveal=case.contact is not None and authz.can(actor, "request_reveal", case),
        cooperating=authz.cooperates(actor, case),
        may_view=authz.can(actor, "view", case),
    )
