"""The reporter-facing outbox: written with each staff action, drained by the channels.

A staff action adds a Notification in its own transaction, so an event is never announced
without having happened nor happens without being announced. The bot's notifier (or any
other channel) polls ``pending`` and calls ``mark_delivered`` after sending.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from intake.errors import NotificationNotFound
from intake.models import Case, Notification
from intake.models.columns import utcnow


def notify(session: Session, *, case: Case, kind: str) -> Notification:
    """Queue a notification about ``case`` on the channel it came from."""
    notification = Notification(case_id=case.id, kind=kind, channel=case.channel)
    session.add(notification)
    return notification


def pending(session: Session, *, channel: str, limit: int = 100) -> list[Notification]:
    """Undelivered notifications for ``channel``, oldest first, with their case loaded.

    ``notification.case.reporter_pseudonym`` finds the NotifierLink; ``case.case_number``
    and ``case.status`` say what to tell. The case text is not for the message.
    """
    query = (
        select(Notification)
        .where(Notification.channel == channel, Notification.delivered_at.is_(None))
        .options(joinedload(Notification.case))
        .order_by(Notification.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def mark_delivered(session: Session, *, notification_id: int) -> Notification:
    notification = session.get(Notification, notification_id)
    if notification is None:
        raise NotificationNotFound(str(notification_id))
    if notification.delivered_at is None:
        notification.delivered_at = utcnow()
    return notification
