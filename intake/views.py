"""What each audience may see of a case: the reporter's view and the staff view.

Views are plain frozen data built inside the domain, so no channel ever holds a model (or
its internal id) and nothing leaks by lazy loading after the session closes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from intake.bureaus import bureau_name
from intake.models import Case
from intake.workflow import status_label


@dataclass(frozen=True)
class ThreadMessage:
    author: str  # reporter | staff
    text: str
    created_at: datetime
    attachments: int = 0  # files sent with this message (a reply's photos, say)


@dataclass(frozen=True)
class PublicCaseView:
    """What a reporter sees with their receipt: status, bureau, deadline and the thread."""

    case_number: str
    kind: str
    status: str
    status_zh: str
    status_en: str
    lead_bureau: str
    lead_bureau_name: str
    submitted_at: datetime
    due_on: date | None
    messages: tuple[ThreadMessage, ...]
    attachment_count: int
    due_limit: str | None = None  # the policy's limit that due_on counts to


@dataclass(frozen=True)
class AttachmentInfo:
    token: str
    content_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class StaffCaseView:
    """Everything staff may see of a case; the contact only through an approved reveal."""

    case_number: str
    kind: str
    channel: str
    text: str
    business_name: str | None
    place: str | None
    occurred_on: date | None
    occurred_text: str | None
    wants_reward: bool
    status: str
    status_zh: str
    status_en: str
    status_reason: str | None
    lead_bureau: str
    lead_bureau_name: str
    co_bureaus: tuple[str, ...]
    routing: dict[str, Any]
    confidence: float
    needs_review: bool
    reporter_pseudonym: str | None
    has_contact: bool
    received_on: date
    due_on: date | None
    due_limit: str | None
    deadline_extended: bool
    overdue: bool
    submitted_at: datetime
    updated_at: datetime
    messages: tuple[ThreadMessage, ...]
    attachments: tuple[AttachmentInfo, ...]
    duplicates: tuple[tuple[str, float], ...]
    reporter_flagged: bool
    allowed_actions: tuple[str, ...]
    # Whether the viewer may write in the thread and ask for the contact: the desk showed
    # both forms to every viewer, a cooperating bureau's and the custodian's included, and
    # sending them ended on "not allowed".
    may_reply: bool = False
    may_request_reveal: bool = False
    # The viewer's bureau only cooperates (协办): it may look, the lead bureau acts.
    cooperating: bool = False
    # Whether the actor may still open the case: after a transfer to another bureau a
    # handler or lead may not, and the desk led them to a "not allowed" page.
    may_view: bool = True


def thread(case: Case) -> tuple[ThreadMessage, ...]:
    """The messages, each with how many files came with it: "附件 3 个" alone did not say
    whether they came with the report or with which reply."""
    sent_with = Counter(a.message_id for a in case.attachments if a.message_id is not None)
    return tuple(ThreadMessage(m.author, m.text, m.created_at, sent_with[m.id])
                 for m in case.messages)


def public_view(case: Case) -> PublicCaseView:
    return PublicCaseView(
        case_number=case.case_number,
        kind=case.kind,
        status=case.status,
        status_zh=status_label(case.status, "zh"),
        status_en=status_label(case.status, "en"),
        lead_bureau=case.lead_bureau,
        lead_bureau_name=bureau_name(case.lead_bureau),
        submitted_at=case.created_at,
        due_on=case.due_on,
        messages=thread(case),
        attachment_count=len(case.attachments),
        due_limit=case.due_limit,
    )
