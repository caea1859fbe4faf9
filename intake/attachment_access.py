"""Opening a case's attachment at the staff desk: the cleaned copy, never the original.

Opening a file is reading the case, so it takes the same ``intake.authz`` view check and
leaves its own audit event (the token's prefix only, enough to tell files apart).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import audit, authz
from intake.attachments import read_cleaned
from intake.casefile import load_case
from intake.errors import AttachmentNotFound
from intake.models import Attachment, StaffUser
from intake.settings import Settings


@dataclass(frozen=True)
class OpenedFile:
    content_type: str
    data: bytes
    sha256: str


def open_attachment(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, token: str
) -> OpenedFile:
    """The cleaned bytes of one attachment of the case, audited (``NotAllowed``,
    ``CaseNotFound``, ``AttachmentNotFound`` when the token is not on this case)."""
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "view", case)
    attachment = session.scalar(
        select(Attachment).where(Attachment.token == token, Attachment.case_id == case.id)
    )
    if attachment is None:
        raise AttachmentNotFound("no such attachment on this case")
    audit.record(
        session, action="attachment_opened", actor=audit.staff_actor(actor), case=case,
        staff=actor, detail={"attachment": attachment.token[:8]},
    )
    return OpenedFile(
        attachment.content_type, read_cleaned(settings, attachment), attachment.sha256
    )
