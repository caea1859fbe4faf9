"""Opening an attachment: the cleaned copy, for staff who may view the case, audited."""

from __future__ import annotations

import intake_factories as factories
import pytest
from sqlalchemy import select

from intake.attachment_access import open_attachment
from intake.errors import AttachmentNotFound, CaseNotFound, NotAllowed
from intake.models import Attachment, AuditEvent, Case


def _case_with_photo(session, settings):
    submission = factories.submit(session, settings,
                                  factories.complaint(attachments=[factories.jpeg()]))
    case = session.scalar(select(Case).where(Case.case_number == submission.case_number))
    attachment = session.scalar(select(Attachment).where(Attachment.case_id == case.id))
    return case, attachment


def test_the_lead_bureau_opens_the_cleaned_copy_and_the_opening_is_audited(session, settings):
    case, attachment = _case_with_photo(session, settings)
    handler = factories.staff(session, settings, bureau=case.lead_bureau)
    opened = open_attachment(session, settings=settings, actor=handler,
                             case_number=case.case_number, token=attachment.token)
    assert opened.content_type == "image/jpeg" and opened.sha256 == attachment.sha256
    assert opened.data.startswith(b"\xff\xd8") and b"CameraMakerMarker" not in opened.data
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "attachment_opened"))
    assert event.case_id == case.id and event.detail == {"attachment": attachment.token[:8]}


def test_another_bureau_cannot_open_it_and_leaves_no_opening_event(session, settings):
    case, attachment = _case_with_photo(session, settings)
    other = "agri" if case.lead_bureau != "agri" else "edu"
    outsider = factories.staff(session, settings, bureau=other)
    with pytest.raises(NotAllowed):
        open_attachment(session, settings=settings, actor=outsider,
                        case_number=case.case_number, token=attachment.token)
    assert session.scalar(
        select(AuditEvent).where(AuditEvent.action == "attachment_opened")) is None


def test_a_token_of_another_case_is_not_found_on_this_one(session, settings):
    case, _ = _case_with_photo(session, settings)
    _, foreign = _case_with_photo(session, settings)
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    with pytest.raises(AttachmentNotFound) as raised:
        open_attachment(session, settings=settings, actor=coordinator,
                        case_number=case.case_number, token=foreign.token)
    assert isinstance(raised.value, CaseNotFound)  # every channel answers it as not found
