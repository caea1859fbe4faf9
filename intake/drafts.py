"""What a channel hands the domain when a reporter submits, and what it gets back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from intake.routing.decision import RoutingDecision

KINDS = ("complaint", "tip")
# Shape only: something@somewhere.tld. A mistyped address ("abc", "name@qq") is no way back.
EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Counted in digits, whatever else is typed with them (+86 138-0013-8000, 010 1234 5678,
# "13812345678 微信同号"): 7 to 15, a landline without its area code at the least, E.164's
# longest at the most. "abc" or a number cut short reaches no one.
PHONE_DIGITS = (7, 15)


def phone_reachable(phone: str | None) -> bool:
    """Whether ``phone`` has as many digits as a number one can call."""
    digits = len(re.sub(r"\D", "", phone or ""))
    return PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]


def email_reachable(email: str | None) -> bool:
    """Whether ``email`` has an address's shape."""
    return bool(EMAIL_SHAPE.match((email or "").strip()))
# How a case came in, as staff read it (Chinese, English).
CHANNEL_LABELS: dict[str, tuple[str, str]] = {
    "web": ("网页表单", "Web form"),
    "telegram": ("Telegram", "Telegram"),
    "chat": ("网页在线咨询", "Web chat"),
    "api": ("开放接口", "Open311 API"),
}
CHANNELS = tuple(CHANNEL_LABELS)


@dataclass(frozen=True, repr=False)
class ContactDetails:
    """How staff may reach the reporter; stored only on opt-in, sealed at rest."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None

    def __repr__(self) -> str:
        return "ContactDetails(<hidden>)"

    @property
    def reachable(self) -> bool:
        """A phone or an e-mail staff could actually use: a complaint needs one, and a
        contact that reaches no one ("abc", "138") is not kept as if it did."""
        return phone_reachable(self.phone) or email_reachable(self.email)


@dataclass(frozen=True, repr=False)
class NewAttachment:
    """A file as received; its name is used for nothing but the error message."""

    filename: str
    content_type: str
    data: bytes

    def __repr__(self) -> str:
        return f"NewAttachment(<{len(self.data)} bytes>)"


@dataclass(frozen=True, repr=False)
class ReporterIdentity:
    """A platform identity (e.g. Telegram user id): turned into a pseudonym, never stored."""

    platform: str
    platform_user_id: str

    def __repr__(self) -> str:
        return f"ReporterIdentity({self.platform}, <hidden>)"


@dataclass(frozen=True, repr=False)
class CaseDraft:
    kind: str
    channel: str
    text: str
    business_name: str | None = None
    place: str | None = None
    occurred_on: date | None = None
    occurred_text: str | None = None
    contact: ContactDetails | None = None
    wants_reward: bool = False
    attachments: list[NewAttachment] = field(default_factory=list)
    # The once-only token of the page it was sent from (intake.filed_once); None elsewhere.
    page: str | None = None

    def __repr__(self) -> str:
        return f"CaseDraft({self.kind}, {self.channel}, <text hidden>)"


@dataclass(frozen=True, repr=False)
class Submission:
    """The answer to a submission. ``receipt`` is shown once and is never retrievable again."""

    receipt: str
    case_number: str
    decision: RoutingDecision
    deadline: date | None
    pseudonym: str | None = None

    def __repr__(self) -> str:
        return f"Submission({self.case_number}, receipt=<hidden>)"
