"""What a reporter can do with their receipt: look the case up and add to its thread."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from intake import audit, throttle
from intake.attachments import prepare_all, store_attachment
from intake.drafts import NewAttachment
from intake.errors import AlreadyFiled, CaseNotFound, MessageRejected, SelfDoxxing
from intake.filed_once import insert_unless_taken, page_digest
from intake.models import Case, Message
from intake.models.columns import utcnow
from intake.receipts import canonical, contains_receipt, receipt_hash
from intake.settings import Settings
from intake.views import PublicCaseView, public_view

MAX_MESSAGE = 2000


def find_case_by_receipt(
    session: Session, *, settings: Settings, receipt: str, client_key: str
) -> PublicCaseView:
    """The reporter's view of their case; ReceiptThrottled, CaseNotFound.

    ``client_key`` identifies who is guessing (an IP address, a chat); it is only ever
    stored as a keyed hash, and each wrong receipt counts against it for the day.
    """
    return public_view(
        _case_for_receipt(session, settings=settings, receipt=receipt, client_key=client_key)
    )


def add_reporter_message(
    session: Session,
    *,
    settings: Settings,
    receipt: str,
    text: str,
    client_key: str,
    attachments: Sequence[NewAttachment] = (),
    page: str | None = None,
) -> PublicCaseView:
    """Append the reporter's message (and files) to the thread; SelfDoxxing, MessageRejected.

    ``client_key`` is required: a wrong receipt here counts against the sender like a lookup,
    and a shared default would let one guesser lock every reporter out. ``page``: the
    once-only token of the page it was sent from; sent again, AlreadyFiled
    (:mod:`intake.filed_once`).
    """
    text = (text or "").strip()
    if (not text and not attachments) or len(text) > MAX_MESSAGE or "\x00" in text:
        raise MessageRejected(f"length {len(text)} or a NUL character")
    case = _case_for_receipt(session, settings=settings, receipt=receipt, client_key=client_key)
    stored = canonical(receipt)
    if stored is not None and contains_receipt(text, stored):
        raise SelfDoxxing()
    prepared = prepare_all(settings, attachments)
    connection = session.connection()
    message_id = connection.scalar(
        insert_unless_taken(Message, connection.dialect.name),
        {"case_id": case.id, "author": "reporter", "text": text,
         "page_hash": page_digest(page), "created_at": utcnow()},
    )
    if message_id is None:  # only the page can be taken (the id is the database's)
        raise AlreadyFiled("the page's message is in the thread")
    for item in prepared:
        session.add(
            store_attachment(session, settings, case=case, prepared=item, message_id=message_id)
        )
    audit.record(
        session,
        action="reporter_message",
        actor=audit.reporter_actor(case.reporter_pseudonym),
        case=case,
        detail={"attachments": len(prepared)},
    )
    session.flush()
    session.refresh(case)
    return public_view(case)


# Built once: building the statement again for each lookup cost more than running it.
_CASE_BY_RECEIPT = select(Case).where(Case.receipt_hash == bindparam("digest"))


def _case_for_receipt(
    session: Session, *, settings: Settings, receipt: str, client_key: str
) -> Case:
    throttle.ensure_not_throttled(session, settings=settings, client_key=client_key)
    stored = canonical(receipt)
    case = None
    if stored is not None:
        digest = receipt_hash(settings.keys.receipt_key, stored)
        case = session.scalar(_CASE_BY_RECEIPT, {"digest": digest})
    if case is None:
        throttle.count_failure(session, settings=settings, client_key=client_key)
        raise CaseNotFound()
    return case
