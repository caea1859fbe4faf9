"""One turn of a conversation: what came in, the stored draft, and what to say back.

Step functions receive a :class:`Turn` and return the next state. The turn holds the
database session of the engine's transaction, so anything a step writes (a case, feedback)
commits together with the conversation's new state, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sqlalchemy.orm import Session

from bot.messages import say
from intake.crypto import Sealer
from intake.drafts import CHANNELS, NewAttachment
from intake.routing.decision import RoutingDecision
from intake.settings import Settings
from knowledge.faq.answer import Answer
from knowledge.faq.entry import Entry


@dataclass(frozen=True)
class Button:
    label: str
    payload: str


@dataclass(frozen=True)
class Surface:
    """What an adapter declares about itself (bot/telegram, web/chat, bot/console), so the
    engine holds no list of platform names and a new adapter is one thin file: what a person
    is told of the platform (message keys), the channel staff see its cases under, and whether
    it can reach the reporter later. The defaults claim nothing of any platform and promise no
    follow-up."""

    tip_notice: str = "tip_notice_other"  # the anonymity notice before a tip
    not_kept: str = "tip_account_other"  # what a tip never keeps of the person
    # The case's channel (one of intake.drafts.CHANNELS, as staff read it); notifications
    # about the case are queued under it, and a follow-up link is remembered under it.
    case_channel: str = "chat"
    # The adapter runs a notifier (bot.notifier.Notifier) draining ``case_channel``: a
    # complaint's reporter is told of status changes and replies where they filed it.
    follows_up: bool = False

    def __post_init__(self) -> None:
        if self.case_channel not in CHANNELS:
            raise ValueError(f"unknown case channel {self.case_channel!r}; one of {CHANNELS}")


@dataclass(frozen=True, repr=False)
class Incoming:
    """One message from a person, already stripped of everything platform-specific.

    ``conversation_key`` is the platform's conversation id (e.g. a Telegram chat id); it is
    only ever stored as a keyed hash. ``platform_user_id`` becomes a pseudonym on
    submission and is never stored.
    """

    channel: str
    conversation_key: str
    text: str | None = None
    command: str | None = None
    button: str | None = None
    attachments: tuple[NewAttachment, ...] = ()
    lang: str | None = None
    platform_user_id: str | None = None
    # Who failed receipt lookups count against when the channel knows better than the
    # conversation (the web chat: a keyed hash of the address, since anyone can open a new
    # conversation for every guess). Never stored as given.
    client_key: str | None = None
    surface: Surface = Surface()

    def __repr__(self) -> str:
        return (f"Incoming({self.channel}, text={'<hidden>' if self.text else None}, "
                f"command={self.command!r}, button={self.button!r}, "
                f"attachments={len(self.attachments)})")


@dataclass(frozen=True, repr=False)
class Outgoing:
    """One message to send; ``receipt`` is set on the one message that shows a receipt."""

    text: str
    buttons: tuple[Button, ...] = ()
    receipt: str | None = None

    def __repr__(self) -> str:
        return f"Outgoing(<{len(self.text)} chars>, buttons={len(self.buttons)})"


class KnowledgeSource(Protocol):
    def answer(self, question: str, lang: str = "zh") -> Answer: ...

    def entry(self, entry_id: str) -> Entry: ...


class TextRouter(Protocol):
    def route(self, text: str) -> RoutingDecision: ...


@dataclass
class Turn:
    incoming: Incoming
    session: Session
    settings: Settings
    knowledge: KnowledgeSource
    router: TextRouter
    sealer: Sealer  # seals draft secrets (contact, receipt) bound to this conversation
    key_hash: str
    today: date
    lang: str
    data: dict[str, Any]
    replies: list[Outgoing] = field(default_factory=list)
    reprompt: bool = False
    # The question is asked again in short: the person was just answered aside and has the
    # question (the summary) a message above.
    brief: bool = False
    # Set by a step that hands the same message to IDLE ("the person has moved on").
    redispatch: bool = False
    # Work that must wait for the commit (deleting staged files): a retried turn needs them.
    after_commit: list[Callable[[], None]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return (self.incoming.text or "").strip()

    @property
    def throttle_key(self) -> str:
        """The key failed receipt lookups are counted against (the client, else the chat)."""
        return self.incoming.client_key or self.key_hash

    @property
    def button(self) -> str | None:
        return self.incoming.button

    def t(self, key: str, **values: object) -> str:
        return say(key, self.lang, **values)

    def btn(self, key: str, payload: str, **values: object) -> Button:
        return Button(self.t(key, **values), payload)

    def btn_raw(self, label: str, payload: str) -> Button:
        return Button(label, payload)

    def say(self, key: str, *buttons: Button, **values: object) -> None:
        self.replies.append(Outgoing(self.t(key, **values), tuple(buttons)))

    def send(self, text: str, *buttons: Button, receipt: str | None = None) -> None:
        self.replies.append(Outgoing(text, tuple(buttons), receipt))

    def again(self, key: str | None = None, **values: object) -> None:
        """Explain what was wrong (optionally) and ask the current question again."""
        if key:
            self.say(key, **values)
        self.reprompt = True

    def seal(self, value: str) -> str:
        return self.sealer.seal(value.encode(), self.key_hash.encode()).hex()

    def unseal(self, value: str) -> str:
        return self.sealer.open(bytes.fromhex(value), self.key_hash.encode()).decode()
