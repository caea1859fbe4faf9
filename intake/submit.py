"""Submitting a case: the one path every channel (web, Telegram, chat, API) goes through."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import bindparam, exists, insert, inspect, select
from sqlalchemy.orm import Session, make_transient_to_detached

from intake import abuse, audit, duplicate_linker
from intake.attachments import prepare_all, store_attachment
from intake.clock import local_today
from intake.contacts import seal_contact
from intake.deadlines import first_deadline
from intake.drafts import (
    CHANNELS,
    KINDS,
    CaseDraft,
    ContactDetails,
    ReporterIdentity,
    Submission,
)
from intake.duplicates import business_key
from intake.errors import AlreadyFiled, ContactRequired, InvalidDraft, RewardContactRequired
from intake.filed_once import insert_unless_taken, page_digest
from intake.models import Case, CaseCooperation, Contact
from intake.models.columns import utcnow
from intake.pseudonyms import contact_pseudonym, pseudonym
from intake.receipts import ALPHABET, new_receipt, receipt_hash
from intake.routing.decision import RoutingDecision
from intake.settings import Settings
from intake.workflow import INITIAL_STATUS

log = logging.getLogger(__name__)

MAX_TEXT = 5000
MAX_FIELD = {"business_name": 200, "place": 300, "occurred_text": 200}


class TextRouter(Protocol):
    def route(self, text: str) -> RoutingDecision: ...


def submit_case(
    session: Session,
    *,
    settings: Settings,
    draft: CaseDraft,
    reporter: ReporterIdentity | None = None,
    router: TextRouter | None = None,
    now: datetime | None = None,
) -> Submission:
    """File a complaint or tip; the receipt in the result is shown once and never stored.

    Everything that needs no lock (judging and writing the files, routing, the deadline,
    sealing the contact, reading the reporter's earlier complaints) is done before the first
    write: on SQLite the first INSERT takes the database's one write lock until the commit,
    so only the inserts and the flag are done while every other submission waits. The
    search for possible duplicates is left to the commit (:mod:`intake.duplicate_linker`):
    a web server's runs after it, in the background.
    """
    _validate(draft)
    prepared = prepare_all(settings, draft.attachments)
    now = now or utcnow()
    decision = (router or _default_router()).route(_routing_text(draft))
    alias = _reporter_pseudonym(settings, draft=draft, reporter=reporter)
    receipt = new_receipt()
    case = _new_case(settings=settings, draft=draft, decision=decision, now=now)
    case.receipt_hash = receipt_hash(settings.keys.receipt_key, receipt)
    case.reporter_pseudonym = alias
    earlier = (
        abuse.earlier_complaints(session, case=case)
        if alias is not None and case.kind == "complaint"
        else None
    )
    # On SQLite the write lock is held from the first INSERT on.
    contact = _insert_case(session, settings=settings, case=case, contact=draft.contact)
    _insert_cooperating(session, case=case, bureaus=decision.co)
    for item in prepared:
        session.add(store_attachment(session, settings, case=case, prepared=item))
    _record_submitted(session, case=case, attachments=len(prepared), contact=contact)
    duplicate_linker.search_when_committed(session)
    abuse.check_reporter(session, case=case, earlier=earlier)
    session.flush()  # the attachments and a flag, if any (nothing to do otherwise)
    log.info(
        "case %s submitted (%s via %s) to %s",
        case.case_number,
        case.kind,
        case.channel,
        case.lead_bureau,
    )
    return Submission(
        receipt=receipt,
        case_number=case.case_number,
        decision=decision,
        deadline=case.due_on,
        pseudonym=alias,
    )


def _reporter_pseudonym(
    settings: Settings, *, draft: CaseDraft, reporter: ReporterIdentity | None
) -> str | None:
    """The platform pseudonym; else, for a complaint, the one of its (required) contact.

    A tip without a platform identity stays anonymous even when it gave contact for a
    reward: the contact pseudonym serves only to recognise serial complainants.
    """
    key = settings.keys.pseudonym_key
    if reporter is not None:
        return pseudonym(key, reporter.platform, reporter.platform_user_id)
    if draft.kind == "complaint" and draft.contact is not None:
        return contact_pseudonym(key, draft.contact)
    return None


def _new_case(
    *,
    settings: Settings,
    draft: CaseDraft,
    decision: RoutingDecision,
    now: datetime,
) -> Case:
    """The case for ``draft``, not written yet: routed, its first legal limit running.

    Its number is drawn when it is inserted (:func:`_insert_case`).
    """
    received_on = local_today(now)
    due_on, due_limit = first_deadline(
        draft.kind, received_on,
        policy_file=settings.deadlines_file, holiday_file=settings.holiday_file,
    )
    case = Case(
        kind=draft.kind,
        channel=draft.channel,
        text=draft.text.strip(),
        business_name=_clean(draft.business_name),
        business_key=business_key(draft.business_name),
        place=_clean(draft.place),
        occurred_on=draft.occurred_on,
        occurred_text=_clean(draft.occurred_text),
        wants_reward=draft.wants_reward,
        status=INITIAL_STATUS,
        lead_bureau=decision.lead,
        routing=decision.to_json(),
        confidence=decision.confidence,
        needs_review=decision.needs_review,
        duplicates_pending=True,
        page_hash=page_digest(draft.page),
        received_on=received_on,
        due_on=due_on,
        due_limit=due_limit,
        created_at=now,
        updated_at=now,
    )
    return case


def _insert_case(
    session: Session, *, settings: Settings, case: Case, contact: ContactDetails | None
) -> bool:
    """Number and INSERT ``case`` and its sealed contact; True when a contact was kept.

    Single statements rather than a unit-of-work flush, which cost a submission more than
    its inserts. The contact is sealed to the number before the INSERT takes SQLite's write
    lock. A number already taken (48 random bits: not expected in the service's lifetime)
    is skipped by the INSERT itself and another one drawn, with no look-up before; so is a
    page already filed (:mod:`intake.filed_once`), told apart by a look-up only then:
    AlreadyFiled. The case then joins ``session`` as a loaded row, so later ORM work can
    refer to it.
    """
    connection = session.connection()
    statement = insert_unless_taken(Case, connection.dialect.name)
    row = {key: value for key, value in inspect(case).dict.items() if key in _CASE_COLUMNS}
    kept = contact if contact is not None and contact.reachable else None
    case_id: int | None = None
    for _draw in range(_NUMBER_DRAWS):
        row["case_number"] = case.case_number = _new_case_number(case.received_on)
        sealed = (
            seal_contact(settings, case_number=case.case_number, contact=kept) if kept else None
        )
        case_id = connection.scalar(statement, row)
        if case_id is not None:
            break
        if case.page_hash is not None and connection.scalar(
            _PAGE_TAKEN, {"page_hash": case.page_hash}
        ):
            raise AlreadyFiled("the page's case is filed")
    if case_id is None:  # a receipt's digest taken (≈100 bits): not a number to draw again
        raise RuntimeError(f"no case inserted in {_NUMBER_DRAWS} draws")
    case.id = case_id
    make_transient_to_detached(case)
    session.add(case)
    if sealed is not None:
        connection.execute(_CONTACTS, {"case_id": case.id, "ciphertext": sealed})
    return sealed is not None


def _insert_cooperating(session: Session, *, case: Case, bureaus: Iterable[str]) -> None:
    rows = [
        {"case_id": case.id, "bureau": code}
        for code in dict.fromkeys(bureaus)
        if code != case.lead_bureau
    ]
    if rows:
        session.connection().execute(_COOPERATIONS, rows)


_CASE_COLUMNS = frozenset(column.key for column in Case.__table__.columns) - {"id"}
_CONTACTS = insert(Contact)
_COOPERATIONS = insert(CaseCooperation)
_PAGE_TAKEN = select(exists().where(Case.page_hash == bindparam("page_hash")))
_NUMBER_DRAWS = 8


def _record_submitted(session: Session, *, case: Case, attachments: int, contact: bool) -> None:
    """The filing's audit event, with a single INSERT."""
    event = audit.Event(
        action="submitted",
        actor=audit.reporter_actor(case.reporter_pseudonym),
        detail={
            "kind": case.kind,
            "channel": case.channel,
            "lead": case.lead_bureau,
            "attachments": attachments,
            "contact": contact,
        },
    )
    audit.record_at_once(session, case=case, events=[event])


def _validate(draft: CaseDraft) -> None:
    if draft.kind not in KINDS:
        raise InvalidDraft(f"kind {draft.kind!r}")
    if draft.channel not in CHANNELS:
        raise InvalidDraft(f"channel {draft.channel!r}")
    text = draft.text.strip() if isinstance(draft.text, str) else ""
    if not text or len(text) > MAX_TEXT:
        raise InvalidDraft(f"text length {len(text)} (1..{MAX_TEXT})")
    for name, limit in MAX_FIELD.items():
        value = getattr(draft, name)
        if value is not None and len(value) > limit:
            raise InvalidDraft(f"{name} longer than {limit}")
    # PostgreSQL cannot store NUL in text (SQLite can): refuse it here, for every channel.
    if any("\x00" in (getattr(draft, name) or "") for name in ("text", *MAX_FIELD)):
        raise InvalidDraft("a NUL character")
    if isinstance(draft.occurred_on, datetime) or (
        draft.occurred_on is not None and not isinstance(draft.occurred_on, date)
    ):
        raise InvalidDraft("occurred_on must be a date")
    reachable = draft.contact is not None and draft.contact.reachable
    if draft.kind == "complaint" and not reachable:
        raise ContactRequired("complaint without phone or e-mail")
    if draft.wants_reward and not reachable:
        raise RewardContactRequired("a reward needs contact details")


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _routing_text(draft: CaseDraft) -> str:
    """What the router reads: the account plus the business and place it names."""
    return "\n".join(part for part in (draft.text, draft.business_name, draft.place) if part)


def _new_case_number(received_on: date) -> str:
    """``FS2611-7KQ2M-9XDAB``: year and month, then 10 random characters (≈48 bits)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"FS{received_on:%y%m}-{chars[:5]}-{chars[5:]}"


def _default_router() -> TextRouter:
    from intake.routing.router import default_router

    return default_router()
