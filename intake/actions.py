"""Staff actions on a case: each checks permission, moves the workflow, and writes the
change, its audit event and the reporter's notification in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from intake import audit, authz
from intake.bureaus import BUREAUS
from intake.casefile import load_case, staff_view
from intake.clock import local_today
from intake.deadlines import calendar_for, first_deadline, load_policy
from intake.errors import InvalidTransition, MessageRejected, ReasonRequired, UnknownBureau
from intake.models import Case, Message, RoutingOverride, StaffUser
from intake.models.columns import utcnow
from intake.notifications import notify
from intake.settings import Settings
from intake.views import StaffCaseView
from intake.workflow import next_status

MIN_REASON = 4
MAX_TEXT = 2000
# The actions whose written reason is the reporter's answer: it is put in the case's thread,
# which the reporter reads by receipt (reject_case, resolve_case). The other reasons stay in
# the audit trail.
REPORTER_READS_REASON = frozenset({"reject", "resolve"})


def view_case(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str
) -> StaffCaseView:
    """The case as staff see it; every view is audited."""
    case = load_case(session, case_number=case_number)
    authz.ensure(actor, "view", case)
    audit.record(session, action="viewed", actor=audit.staff_actor(actor), case=case, staff=actor)
    session.flush()
    return staff_view(session, actor=actor, case=case)


def accept_case(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str
) -> StaffCaseView:
    """Accept a complaint (受理) or open a case on a tip (立案)."""
    case = _move(session, settings=settings, actor=actor, case_number=case_number, action="accept")
    _decided(settings, case)
    return _done(session, actor, case, notification="accepted")


def reject_case(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, reason: str
) -> StaffCaseView:
    """Decline (不予受理/不予立案); the reason goes to the reporter's thread."""
    case = _move_with_reason(
        session, settings=settings, actor=actor, case_number=case_number, action="reject",
        reason=reason,
    )
    session.add(Message(case=case, author="staff", staff_id=actor.id, text=case.status_reason))
    _decided(settings, case)
    return _done(session, actor, case, notification="rejected")


def transfer_case(
    session: Session,
    *,
    settings: Settings,
    actor: StaffUser,
    case_number: str,
    to_bureau: str,
    reason: str,
) -> StaffCaseView:
    """Hand the case to the right bureau; the correction is kept for the routing report."""
    reason = _reason(reason)
    if to_bureau not in BUREAUS:
        raise UnknownBureau(to_bureau)
    case = load_case(session, case_number=case_number, for_update=True)
    authz.ensure(actor, "transfer", case)
    if case.lead_bureau == to_bureau:
        raise InvalidTransition(f"already with {to_bureau}")
    old_status, old_bureau = case.status, case.lead_bureau
    case.status = next_status("transfer", case.status)
    case.lead_bureau = to_bureau
    if old_status != case.status:  # accepted elsewhere: the new bureau decides afresh
        case.due_on, case.due_limit = first_deadline(
            case.kind, local_today(),
            policy_file=settings.deadlines_file, holiday_file=settings.holiday_file,
        )
        case.deadline_extended = False
    case.cooperating = [c for c in case.cooperating if c.bureau != to_bureau]
    session.add(
        RoutingOverride(
            case_id=case.id,
            staff_id=actor.id,
            from_bureau=old_bureau,
            to_bureau=to_bureau,
            reason=reason[:500],
            features=_override_features(case),
        )
    )
    audit.record(
        session,
        action="transfer",
        actor=audit.staff_actor(actor),
        case=case,
        staff=actor,
        detail={
            "from": old_status,
            "to": case.status,
            "from_bureau": old_bureau,
            "to_bureau": to_bureau,
            "reason": reason,
        },
    )
    return _done(session, actor, case, notification="transferred")


def start_case(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str
) -> StaffCaseView:
    case = _move(session, settings=settings, actor=actor, case_number=case_number, action="start")
    return _done(session, actor, case, notification="started")


def resolve_case(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, summary: str
) -> StaffCaseView:
    """Conclude the handling (办结); the summary is the reporter's answer in the thread."""
    summary = _text(summary)
    case = _move(session, settings=settings, actor=actor, case_number=case_number, action="resolve")
    case.status_reason = summary
    case.due_on, case.due_limit = None, None
    session.add(Message(case=case, author="staff", staff_id=actor.id, text=summary))
    return _done(session, actor, case, notification="resolved")


def close_case(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str
) -> StaffCaseView:
    case = _move(session, settings=settings, actor=actor, case_number=case_number, action="close")
    case.closed_at = utcnow()
    case.due_on, case.due_limit = None, None
    return _done(session, actor, case, notification="closed")


def reopen_case(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, reason: str
) -> StaffCaseView:
    """Reopen a closed, resolved or declined case (lead, coordinator or admin only)."""
    case = _move_with_reason(
        session, settings=settings, actor=actor, case_number=case_number, action="reopen",
        reason=reason,
    )
    case.closed_at = None
    if case.status == "received":
        case.due_on, case.due_limit = first_deadline(
            case.kind, local_today(),
            policy_file=settings.deadlines_file, holiday_file=settings.holiday_file,
        )
    return _done(session, actor, case, notification="reopened")


def extend_deadline(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, reason: str
) -> StaffCaseView:
    """Use a limit's one extension (e.g. tip verification +15 working days)."""
    reason = _reason(reason)
    case = load_case(session, case_number=case_number, for_update=True)
    authz.ensure(actor, "extend", case)
    policy = load_policy(settings.deadlines_file)
    limit = policy.limits.get(case.due_limit or "")
    extendable = limit is not None and limit.extension_days > 0
    if not extendable or case.deadline_extended or case.due_on is None or limit is None:
        raise InvalidTransition("no extension available")
    old = case.due_on
    case.due_on = limit.ends(old, calendar_for(settings.holiday_file), extension=True)
    case.deadline_extended = True
    audit.record(
        session,
        action="deadline_extended",
        actor=audit.staff_actor(actor),
        case=case,
        staff=actor,
        detail={"from": old.isoformat(), "to": case.due_on.isoformat(), "reason": reason},
    )
    return _done(session, actor, case, notification=None)


def reply_to_reporter(
    session: Session, *, settings: Settings, actor: StaffUser, case_number: str, text: str
) -> StaffCaseView:
    """Write to the reporter in the case's thread; they are notified on their channel."""
    text = _text(text)
    case = load_case(session, case_number=case_number, for_update=True)
    authz.ensure(actor, "reply", case)
    session.add(Message(case=case, author="staff", staff_id=actor.id, text=text))
    if case.due_limit is not None and case.due_limit.endswith("notify_reporter"):
        _next_limit(settings, case, told=True)  # told: what else the decision started runs on
    audit.record(
        session,
        action="replied",
        actor=audit.staff_actor(actor),
        case=case,
        staff=actor,
        detail={"length": len(text)},
    )
    return _done(session, actor, case, notification="reply")


def _move(
    session: Session,
    *,
    settings: Settings,
    actor: StaffUser,
    case_number: str,
    action: str,
    detail: dict[str, Any] | None = None,
) -> Case:
    """Check, transition and audit one workflow action (InvalidTransition, NotAllowed)."""
    case = load_case(session, case_number=case_number, for_update=True)
    authz.ensure(actor, action, case)
    old = case.status
    case.status = next_status(action, old)
    audit.record(
        session,
        action=action,
        actor=audit.staff_actor(actor),
        case=case,
        staff=actor,
        detail={"from": old, "to": case.status, **(detail or {})},
    )
    return case


def _decided(settings: Settings, case: Case, now: datetime | None = None) -> None:
    """After accept/reject: the limits the decision starts run from today."""
    case.decided_at = now or utcnow()
    case.deadline_extended = False
    _next_limit(settings, case)


def _next_limit(settings: Settings, case: Case, *, told: bool = False) -> None:
    """The case's deadline: the earliest running limit its decision started, or none.

    A decision starts a notice to a real-name reporter (until a reply tells them, ``told``)
    and, on acceptance, the handling itself (a complaint's mediation, a tip's investigation),
    so an accepted case keeps a deadline in the queue after its first limit is met.
    """
    decided_on = local_today(case.decided_at or utcnow())
    calendar = calendar_for(settings.holiday_file)
    policy = load_policy(settings.deadlines_file)
    running = [
        (limit.ends(decided_on, calendar), limit.name)
        for limit in policy.after_decision(case.kind, accepted=case.status != "rejected")
        if not (limit.real_name_only and (told or case.contact is None))
    ]
    case.due_on, case.due_limit = min(running) if running else (None, None)


def _move_with_reason(
    session: Session,
    *,
    settings: Settings,
    actor: StaffUser,
    case_number: str,
    action: str,
    reason: str,
) -> Case:
    """A workflow action that needs a written reason: checked, audited and kept on the case."""
    reason = _reason(reason)
    case = _move(
        session,
        settings=settings,
        actor=actor,
        case_number=case_number,
        action=action,
        detail={"reason": reason},
    )
    case.status_reason = reason
    return case


def _done(
    session: Session, actor: StaffUser, case: Case, *, notification: str | None
) -> StaffCaseView:
    if notification is not None:
        notify(session, case=case, kind=notification)
    case.updated_at = utcnow()
    session.flush()
    return staff_view(session, actor=actor, case=case)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ReasonRequired()
    if len(reason) > MAX_TEXT or "\x00" in reason:
        raise MessageRejected(f"reason longer than {MAX_TEXT} or with a NUL character")
    return reason


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT or "\x00" in text:
        raise MessageRejected(f"length {len(text)} or a NUL character")
    return text


def _override_features(case: Case) -> dict[str, Any]:
    """What the routing report learns from a transfer (the router's own features)."""
    try:
        from intake.routing.overrides import features
    except ImportError:
        evidence = case.routing.get("evidence", [])
        return {
            "rules": sorted({e["rule"] for e in evidence}),
            "keywords": sorted({e["keyword"] for e in evidence}),
        }
    return features(case.text)
