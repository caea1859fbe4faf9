"""The intake service: the one API every channel (web, Telegram, chat, Open311) calls.

Each function is keyword-only, takes the session explicitly and raises a named
:class:`intake.errors.IntakeError`; a write, its audit event and its notification are
flushed together and the caller commits (``with transaction(factory) as session:``).
The functions live in small modules named for what they do; this module gathers them.
"""

from intake.actions import (
    accept_case,
    close_case,
    extend_deadline,
    reject_case,
    reopen_case,
    reply_to_reporter,
    resolve_case,
    start_case,
    transfer_case,
    view_case,
)
from intake.drafts import CaseDraft, ContactDetails, NewAttachment, ReporterIdentity, Submission
from intake.queue import QueueFilters, QueueItem, list_queue
from intake.reporter import add_reporter_message, find_case_by_receipt
from intake.reveal import (
    RevealRequestView,
    approve_contact_reveal,
    deny_contact_reveal,
    pending_reveal_requests,
    request_contact_reveal,
    requests_waiting_for,
    reveal_contact,
)
from intake.submit import submit_case
from intake.views import PublicCaseView, StaffCaseView, ThreadMessage

__all__ = [
    "CaseDraft",
    "ContactDetails",
    "NewAttachment",
    "PublicCaseView",
    "QueueFilters",
    "QueueItem",
    "ReporterIdentity",
    "RevealRequestView",
    "StaffCaseView",
    "Submission",
    "ThreadMessage",
    "accept_case",
    "add_reporter_message",
    "approve_contact_reveal",
    "close_case",
    "deny_contact_reveal",
    "extend_deadline",
    "find_case_by_receipt",
    "list_queue",
    "pending_reveal_requests",
    "reject_case",
    "reopen_case",
    "reply_to_reporter",
    "request_contact_reveal",
    "requests_waiting_for",
    "resolve_case",
    "reveal_contact",
    "start_case",
    "submit_case",
    "transfer_case",
    "view_case",
]
