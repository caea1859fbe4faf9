"""Reads of a case the intake service has no function for yet: the audit trail, the
reporter's other cases, the actor's reveal requests, and opening an attachment.

Each read first asks the domain's rule (``intake.authz``) on the loaded case, exactly as the
service's own functions do, and opening an attachment writes an audit event; there is no
permission logic of the web's own here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import audit, authz
from intake.attachments import read_cleaned
from intake.casefile import load_case
from intake.errors import CaseNotFound
from intake.models import Attachment, AuditEvent, Case, ContactRevealRequest, StaffUser
from intake.settings import Settings
from intake.workflow import status_label

OTHER_CASES_LIMIT = 50


@dataclass(frozen=True)
class TrailEntry:
    actor: str
    action: str
    detail: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class OtherCase:
    case_number: str
    kind: str
    status_zh: str
    business_name: str | None
    submitted_at: datetime


@dataclass(frozen=True)
class MyRevealRequest:
    id: int
    status: str
    created_at: datetime


@dataclass(frozen=True)
class OpenedFile:
    content_type: str
    data: bytes
    sha256: str


def audit_trail(session: Session, *, actor: StaffUser, case_number: str) -> list[TrailEntry]:
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "view", case)
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
    )
    return [TrailEntry(e.actor, e.action, dict(e.detail or {}), e.created_at) for e in events]


def reporter_other_cases(
    session: Session, *, actor: StaffUser, case_number: str
) -> list[OtherCase]:
    """The same pseudonym's other cases that ``actor`` may see (for abuse review)."""
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "view", case)
    if not case.reporter_pseudonym:
        return []
    others = session.scalars(
        select(Case)
        .where(Case.reporter_pseudonym == case.reporter_pseudonym, Case.id != case.id)
        .order_by(Case.created_at.desc())
        .limit(OTHER_CASES_LIMIT)
    )
    return [
        OtherCase(o.case_number, o.kind, status_label(o.status), o.business_name, o.created_at)
        for o in others
        if authz.can(actor, "view", o)
    ]


def my_reveal_requests(
    session: Session, *, actor: StaffUser, case_number: str
) -> list[MyRevealRequest]:
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "view", case)
    rows = session.scalars(
        select(ContactRevealRequest)
        .where(
            ContactRevealRequest.case_id == case.id,
            ContactRevealRequest.requested_by_id == actor.id,
        )
        .order_by(ContactRevealRequest.id)
    )
    return [MyRevealRequest(r.id, r.status, r.created_at) for r in rows]


def open_attachment(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, token: str
) -> OpenedFile:
    """The cleaned copy of one attachment of the case; audited like a case view."""
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "view", case)
    attachment = session.scalar(
        select(Attachment).where(Attachment.token == token, Attachment.case_id == case.id)
    )
    if attachment is None:
        raise CaseNotFound("no such attachment on this case")
    audit.record(
        session, action="attachment_opened", actor=audit.staff_actor(actor), case=case,
        staff=actor, detail={"attachment": attachment.token[:8]},
    )
    return OpenedFile(attachment.content_type, read_cleaned(settings, attachment),
                      attachment.sha256)
