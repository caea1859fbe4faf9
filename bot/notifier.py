"""The way back to a reporter: the sealed address book and the outbox sender.

When a complaint is submitted through an adapter that follows cases up (its
``bot.turn.Surface.follows_up``: Telegram), the chat id is sealed (AES-GCM, a key derived
from ``settings.keys.encryption_key`` for this purpose only, bound to the pseudonym) into a
NotifierLink. Only this module opens it, and only to send a notification drained from the
domain's outbox (intake.notifications). Tips have no pseudonym, hence no link: an insider's
tip cannot be traced back to a chat through our database.

Several bot instances may run the notifier: each notification is claimed with a conditional
UPDATE before it is sent, so it goes out at most once, and a failed send releases the claim.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.messages import say
from bot.redaction import describe_exception
from intake.crypto import Sealer
from intake.db import transaction
from intake.models import Notification, NotifierLink
from intake.models.columns import utcnow
from intake.settings import Settings
from intake.workflow import status_label

log = logging.getLogger(__name__)

PURPOSE = "notifier-address"
POLL_SECONDS = 5.0


def _sealer(settings: Settings) -> Sealer:
    return Sealer.for_purpose(settings.keys.encryption_key, PURPOSE)


def remember_address(session: Session, *, settings: Settings, pseudonym: str, channel: str,
                     address: str) -> NotifierLink:
    """Seal ``address`` (a chat id) as the way back to ``pseudonym`` on ``channel``."""
    sealed = _sealer(settings).seal(address.encode(), pseudonym.encode())
    link = session.scalar(select(NotifierLink).where(NotifierLink.pseudonym == pseudonym,
                                                     NotifierLink.channel == channel))
    if link is None:
        link = NotifierLink(pseudonym=pseudonym, channel=channel, address_ciphertext=sealed)
        session.add(link)
    else:
        link.address_ciphertext = sealed
    session.flush()
    return link


def open_address(settings: Settings, link: NotifierLink) -> str:
    return _sealer(settings).open(link.address_ciphertext, link.pseudonym.encode()).decode()


@dataclass(frozen=True, repr=False)
class Delivery:
    """One message to send: where (opened address) and what (no report text, ever)."""

    notification_id: int
    address: str
    text: str

    def __repr__(self) -> str:
        return f"Delivery({self.notification_id}, <address hidden>)"


def _text(kind: str, case_number: str, status: str, lang: str) -> str:
    if kind == "reply":
        return say("notify_reply", lang, case_number=case_number)
    return say("notify_status", lang, case_number=case_number, status=status_label(status, lang))


def claim_deliveries(session: Session, *, settings: Settings, channel: str, limit: int = 50,
                     lang: str = "zh") -> list[Delivery]:
    """Claim pending notifications for ``channel`` and return what to send for them.

    Notifications with no way back (a tip, a web case) are marked delivered: nothing to send.
    """
    from intake.notifications import pending

    deliveries = []
    for notification in pending(session, channel=channel, limit=limit):
        claimed = session.execute(
            update(Notification)
            .where(Notification.id == notification.id, Notification.delivered_at.is_(None))
            .values(delivered_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if getattr(claimed, "rowcount", 0) != 1:  # another instance took it
            continue
        case = notification.case
        link = None
        if case.reporter_pseudonym:
            link = session.scalar(select(NotifierLink).where(
                NotifierLink.pseudonym == case.reporter_pseudonym,
                NotifierLink.channel == channel))
        if link is None:
            continue
        deliveries.append(Delivery(notification.id, open_address(settings, link),
                                   _text(notification.kind, case.case_number, case.status, lang)))
    return deliveries


def release(session: Session, *, notification_id: int) -> None:
    """Give a claimed notification back to the outbox after a failed send."""
    session.execute(update(Notification).where(Notification.id == notification_id)
                    .values(delivered_at=None).execution_options(synchronize_session=False))


Send = Callable[[str, str], Awaitable[None]]


class Notifier:
    """Polls the outbox and sends through ``send(address, text)``; start/stop from a loop."""

    def __init__(self, *, settings: Settings, session_factory: sessionmaker[Session],
                 send: Send, channel: str, interval: float = POLL_SECONDS) -> None:
        self.settings = settings
        self.session_factory = session_factory
        self.send = send
        self.channel = channel
        self.interval = interval
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def _claim(self) -> list[Delivery]:
        with transaction(self.session_factory) as session:
            return claim_deliveries(session, settings=self.settings, channel=self.channel)

    def _release(self, notification_id: int) -> None:
        with transaction(self.session_factory) as session:
            release(session, notification_id=notification_id)

    async def run_once(self) -> int:
        """Send what is pending now; the number sent."""
        sent = 0
        for delivery in await asyncio.to_thread(self._claim):
            try:
                await self.send(delivery.address, delivery.text)
                sent += 1
            except Exception as exc:  # one unreachable chat must not stop the others
                log.warning("notification %d not sent: %s", delivery.notification_id,
                            describe_exception(exc))
                await asyncio.to_thread(self._release, delivery.notification_id)
        return sent

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.run_once()
            except Exception as exc:  # keep polling through a database outage
                log.error("notifier pass failed: %s", describe_exception(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.interval)

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="notifier")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            await self._task
            self._task = None
