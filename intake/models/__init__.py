"""Every table of the service, as typed SQLAlchemy 2 models on ``intake.db.Base``.

One package, one metadata, one migration chain: the bot and the knowledge base persist
through the models defined here too.
"""

from intake.models.attachment import Attachment
from intake.models.audit import AuditEvent, AuditTampering
from intake.models.case import Case, CaseCooperation
from intake.models.contact import Contact, ContactRevealRequest
from intake.models.conversation import Conversation, NotifierLink
from intake.models.feedback import FaqFeedback, FaqMiss
from intake.models.message import Message
from intake.models.notification import Notification
from intake.models.review import AbuseFlag, DuplicateLink, ReceiptLookupFailures, RoutingOverride
from intake.models.staff import ROLES, StaffUser

__all__ = [
    "ROLES",
    "AbuseFlag",
    "Attachment",
    "AuditEvent",
    "AuditTampering",
    "Case",
    "CaseCooperation",
    "Contact",
    "ContactRevealRequest",
    "Conversation",
    "DuplicateLink",
    "FaqFeedback",
    "FaqMiss",
    "Message",
    "Notification",
    "NotifierLink",
    "ReceiptLookupFailures",
    "RoutingOverride",
    "StaffUser",
]
