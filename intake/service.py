"""The intake service: the one API every channel (web, Telegram, chat, Open311) calls.

Each function is keyword-only, takes the session explicitly and raises a named
:class:`intake.errors.IntakeError`; a write, its audit event and its notification are
flushed together and the caller commits (``with transaction(factory) as session:``).
The functions live in small modules named for what they do; this module gathers them.
"""

from intake.drafts import CaseDraft, ContactDetails, NewAttachment, ReporterIdentity, Submission
from intake.reporter import add_reporter_message, find_case_by_receipt
from intake.submit import submit_case
from intake.views import PublicCaseView, StaffCaseView, ThreadMessage

__all__ = [
    "CaseDraft",
    "ContactDetails",
    "NewAttachment",
    "PublicCaseView",
    "ReporterIdentity",
    "StaffCaseView",
    "Submission",
    "ThreadMessage",
    "add_reporter_message",
    "find_case_by_receipt",
    "submit_case",
]
