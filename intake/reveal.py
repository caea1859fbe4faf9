"""Revealing a reporter's contact: asked with a reason, approved by a custodian, audited.

Three separate steps by two different people, each leaving an audit event, so no single
staff member can quietly unmask a reporter (clause 三十).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake import audit, authz
from intake.casefile import load_case
from intake.contacts import open_contact
from intake.drafts import ContactDetails
from intake.errors import (
    NoContactOnFile,
    NotAllowed,
    ReasonRequired,
    RevealNotApproved,
    RevealRequestNotFound,
)
from intake.models import Case, ContactRevealRequest, StaffUser
from intake.models.columns import utcnow
from intake.settings import Settings

MIN_REASON = 6  # Chinese is dense: six characters already say why


@dataclass(frozen=True)
class RevealRequestView:
    """A request as the custodian decides it: who asks (name, role, bureau), why, and what
    the case is (kind, status, lead bureau, whether a reward is claimed). The custodian may
    not open another bureau's case, so what the decision needs is here: a user name and a
    case number alone left the custodian to approve blind."""

    id: int
    case_number: str
    requested_by: str
    reason: str
    status: str
    created_at: datetime
    requester_name: str = ""
    requester_role: str = ""
    requester_bureau: str = ""
    case_kind: str = ""
    case_status: str = ""
    lead_bureau: str = ""
    wants_reward: bool = False


def request_contact_reveal(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, reason: str
) -> RevealRequestView:
    """Ask the custodian for the reporter's contact; the reason must say why it is needed."""
    reason = _reason(reason)
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "request_reveal", case)
    if case.contact is None:
        raise NoContactOnFile()
    request = ContactRevealRequest(case_id=case.id, requested_by_id=actor.id, reason=reason)
    session.add(request)
    session.flush()
    audit.record(
        session,
        action="reveal_requested",
        actor=audit.staff_actor(actor),
        case=case,
        staff=actor,
        detail={"request_id": request.id},
    )
    return _view(session, request, case)


def approve_contact_reveal(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, request_id: int
) -> RevealRequestView:
    """The custodian's approval (and only the custodian's)."""
    return _decide(
        session,
        actor=actor,
        case_number=case_number,
        request_id=request_id,
        outcome="approved",
        reason=None,
    )


def deny_contact_reveal(
    session: Session,
    *,
    settings: Settings,
    actor: StaffUser,
    case_number: str,
    request_id: int,
    reason: str,
) -> RevealRequestView:
    """The custodian's refusal, with a reason the requester can read."""
    return _decide(
        session,
        actor=actor,
        case_number=case_number,
        request_id=request_id,
        outcome="denied",
        reason=_reason(reason),
    )


def _decide(
    session: Session,
    *,
    actor: StaffUser,
    case_number: str,
    request_id: int,
    outcome: str,
    reason: str | None,
) -> RevealRequestView:
    """A custodian settles a pending request: ``approved`` or ``denied``, audited."""
    case, request = _request(session, case_number=case_number, request_id=request_id)
    authz.ensure(actor, "approve_reveal", case)
    if request.requested_by_id == actor.id:
        raise NotAllowed("a request cannot be decided by its requester")
    if request.status != "pending":
        raise RevealNotApproved(f"request is {request.status}")
    request.status = outcome
    request.approved_by_id = actor.id
    request.approved_at = utcnow()
    detail: dict[str, object] = {"request_id": request.id}
    if reason is not None:
        detail["reason"] = reason
    audit.record(
        session,
        action=f"reveal_{outcome}",
        actor=audit.staff_actor(actor),
        case=case,
        staff=actor,
        detail=detail,
    )
    session.flush()
    return _view(session, request, case)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON or "\x00" in reason:
        raise ReasonRequired(f"at least {MIN_REASON} characters, no NUL")
    return reason


def reveal_contact(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, request_id: int
) -> ContactDetails:
    """The contact details, once, to the staff member whose request was approved."""
    case, request = _request(session, case_number=case_number, request_id=request_id)
    authz.ensure(actor, "reveal", case)
    if request.requested_by_id != actor.id:
        raise NotAllowed("only the requester may read an approved reveal")
    if request.status != "approved":
        raise RevealNotApproved(f"request is {request.status}")
    if case.contact is None:
        raise NoContactOnFile()
    request.status = "revealed"
    request.revealed_at = utcnow()
    audit.record(
        session,
        action="contact_revealed",
        actor=audit.staff_actor(actor),
        case=case,
        staff=actor,
        detail={"request_id": request.id},
    )
    session.flush()
    return open_contact(settings, case_number=case.case_number, ciphertext=case.contact.ciphertext)


def pending_reveal_requests(session: Session, *, actor: StaffUser) -> list[RevealRequestView]:
    """The custodian's inbox: requests waiting for a decision, oldest first."""
    if not actor.active or actor.role != "custodian":
        raise NotAllowed("only a custodian reviews reveal requests")
    rows = session.execute(
        select(ContactRevealRequest, Case)
        .join(Case, Case.id == ContactRevealRequest.case_id)
        .where(ContactRevealRequest.status == "pending")
        .order_by(ContactRevealRequest.id)
    )
    return [_view(session, request, case) for request, case in rows]


def requests_waiting_for(session: Session, *, actor: StaffUser) -> int:
    """How many requests wait for ``actor``'s decision: the pending ones for a custodian,
    none for anyone else (the custodian's desk opened on an empty queue, not saying any
    waited)."""
    if not actor.active or actor.role != "custodian":
        return 0
    return session.scalar(
        select(func.count()).select_from(ContactRevealRequest)
        .where(ContactRevealRequest.status == "pending")
    ) or 0


def _request(
    session: Session, *, case_number: str, request_id: int
) -> tuple[Case, ContactRevealRequest]:
    case = load_case(session, case_number=case_number, for_update=True)
    request = session.get(ContactRevealRequest, request_id, with_for_update=True)
    if request is None or request.case_id != case.id:
        raise RevealRequestNotFound(str(request_id))
    return case, request


def _view(session: Session, request: ContactRevealRequest, case: Case) -> RevealRequestView:
    requester = session.get(StaffUser, request.requested_by_id)
    return RevealRequestView(
        id=request.id,
        case_number=case.case_number,
        requested_by=requester.username if requester else "?",
        reason=request.reason,
        status=request.status,
        created_at=request.created_at,
        requester_name=requester.display_name if requester else "",
        requester_role=requester.role if requester else "",
        requester_bureau=requester.bureau if requester else "",
        case_kind=case.kind,
        case_status=case.status,
        lead_bureau=case.lead_bureau,
        wants_reward=bool(case.wants_reward),
    )
