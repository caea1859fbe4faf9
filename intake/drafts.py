"""What a channel hands the domain when a reporter submits, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from intake.routing.decision import RoutingDecision

KINDS = ("complaint", "tip")
CHANNELS = ("web", "telegram", "chat", "api")


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
        return bool((self.phone or "").strip() or (self.email or "").strip())


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
