"""The workflow: one table of transitions, every action audited and announced atomically."""

from __future__ import annotations

from datetime import timedelta

import intake_factories as factories
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from intake import service
from intake.clock import local_today
from intake.db import transaction
from intake.deadlines import calendar_for, load_policy
from intake.errors import InvalidTransition, ReasonRequired, UnknownBureau
from intake.models import AuditEvent, AuditTampering, Case, Message, Notification, RoutingOverride
from intake.workflow import STATUSES, TRANSITIONS, allowed_actions, next_status


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
@pytest.mark.parametrize("status", STATUSES)
def test_every_action_either_has_a_target_or_raises_invalid_transition(action, status):
    if status in TRANSITIONS[action]:
        assert next_status(action, status) in STATUSES
    else:
        with pytest.raises(InvalidTransition):
            next_status(action, status)


def test_every_status_can_be_reached_and_left():
    targets = {to for moves in TRANSITIONS.values() for to in moves.values()}
    assert targets | {"received"} == set(STATUSES)
    assert all(allowed_actions(status) for status in STATUSES)


def _audit_actions(session, case_number):
    case_id = session.scalar(select(Case.id).where(Case.case_number == case_number))
    return session.scalars(
        select(AuditEvent.action).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
    ).all()


def test_a_declined_case_reopened_runs_the_first_limit_again_from_today(session, settings):
    result = factories.submit(session, settings)
    lead = result.decision.lead
    common = {"settings": settings, "case_number": result.case_number}
    handler = factories.staff(session, settings, bureau=lead)
    chief = factories.staff(session, settings, bureau=lead, role="lead")
    service.reject_case(session, actor=handler, reason="不属于本部门职责", **common)
    view = service.reopen_case(session, actor=chief, reason="复核后应当受理", **common)
    limit = load_policy(settings.deadlines_file).first_limit("complaint")
    today = local_today()
    assert view.status == "received"
    assert view.due_on == calendar_for(settings.holiday_file).add_working_days(
        today, limit.days
    )
    assert session.scalar(select(Case.due_limit)) == limit.name


def test_a_complaint_goes_through_its_whole_life(session, settings):
    result = factories.submit(session, settings)
    lead = result.decision.lead
    handler = factories.staff(session, settings, bureau=lead)
    chief = factories.staff(session, settings, bureau=lead, role="lead")
    number = result.case_number
    common = {"settings": settings, "case_number": number}
    assert service.accept_case(session, actor=handler, **common).status == "accepted"
    assert service.start_case(session, actor=handler, **common).status == "in_progress"
    view = service.resolve_case(session, actor=handler, summary="已责令商家退款并整改", **common)
    assert view.status == "resolved" and view.due_on is None
    assert service.close_case(session, actor=handler, **common).status == "closed"
    view = service.reopen_case(session, actor=chief, reason="投诉人提供了新证据", **common)
    assert view.status == "in_progress"
    session.commit()
    assert _audit_actions(session, number) == [
        "submitted",
        "accept",
        "start",
        "resolve",
        "close",
        "reopen",
    ]
    kinds = session.scalars(select(Notification.kind).order_by(Notification.id)).all()
    assert kinds == ["accepted", "started", "resolved", "closed", "reopened"]
    public = service.find_case_by_receipt(
        session, settings=settings, receipt=result.receipt, client_key="t"
    )
    assert [m.text for m in public.messages] == ["已责令商家退款并整改"]


def test_an_action_in_the_wrong_status_raises_and_changes_nothing(session, settings):
    result = factories.submit(session, settings)
    handler = factories.staff(session, settings, bureau=result.decision.lead)
    with pytest.raises(InvalidTransition):
        service.resolve_case(
            session,
            settings=settings,
            actor=handler,
            case_number=result.case_number,
            summary="不应成功",
        )
    session.rollback()
    assert session.scalar(select(Case.status)) == "received"
    assert session.scalar(select(func.count(Notification.id))) == 0


def test_the_change_its_audit_and_its_notification_share_one_transaction(session_factory, settings):
    with transaction(session_factory) as session:
        result = factories.submit_and_keep(session, settings)
        handler = factories.staff_only(session, settings, bureau=result.decision.lead)
    with pytest.raises(RuntimeError), transaction(session_factory) as session:
        service.accept_case(
            session, settings=settings, actor=handler, case_number=result.case_number
        )
        raise RuntimeError("the caller fails after the action")
    with session_factory() as session:
        assert session.scalar(select(Case.status)) == "received"
        assert session.scalar(select(func.count(Notification.id))) == 0
        assert _audit_actions(session, result.case_number) == ["submitted"]


def test_rejecting_needs_a_reason_that_the_reporter_then_reads(session, settings):
    result = factories.submit(session, settings)
    handler = factories.staff(session, settings, bureau=result.decision.lead)
    args = {"settings": settings, "actor": handler, "case_number": result.case_number}
    with pytest.raises(ReasonRequired):
        service.reject_case(session, reason=" ", **args)
    view = service.reject_case(session, reason="不属于本部门职责范围，请向12345反映", **args)
    assert view.status == "rejected"
    assert session.scalar(select(Message.text)).startswith("不属于本部门")


def test_a_transfer_moves_the_case_and_records_the_correction(session, settings):
    result = factories.submit(session, settings)
    handler = factories.staff(session, settings, bureau=result.decision.lead)
    target = "health" if result.decision.lead != "health" else "samr"
    args = {"settings": settings, "actor": handler, "case_number": result.case_number}
    with pytest.raises(UnknownBureau):
        service.transfer_case(session, to_bureau="mars", reason="职责不符", **args)
    with pytest.raises(InvalidTransition):
        service.transfer_case(session, to_bureau=result.decision.lead, reason="职责不符", **args)
    view = service.transfer_case(
        session, to_bureau=target, reason="涉及食物中毒，由卫健牵头", **args
    )
    assert view.lead_bureau == target and view.status == "received"
    override = session.scalar(select(RoutingOverride))
    assert (override.from_bureau, override.to_bureau) == (result.decision.lead, target)
    assert override.features  # what the routing report learns from
    assert "13800000000" not in str(override.features)


def test_a_tip_deadline_can_be_extended_once_by_a_lead(session, settings):
    result = factories.submit(session, settings, factories.tip())
    chief = factories.staff(session, settings, bureau=result.decision.lead, role="lead")
    args = {"settings": settings, "actor": chief, "case_number": result.case_number}
    view = service.extend_deadline(session, reason="需要抽样检验", **args)
    assert view.deadline_extended and view.due_on > result.deadline
    with pytest.raises(InvalidTransition):
        service.extend_deadline(session, reason="再延一次", **args)


def test_deciding_a_real_name_tip_starts_the_five_day_notice_limit_then_the_investigation(
    session, settings
):
    anonymous = factories.submit(session, settings, factories.tip())
    named = factories.submit(session, settings, factories.tip(contact=factories.contact()))
    handler = factories.staff(session, settings, bureau=anonymous.decision.lead)
    a = service.accept_case(
        session, settings=settings, actor=handler, case_number=anonymous.case_number
    )
    b = service.accept_case(
        session, settings=settings, actor=handler, case_number=named.case_number
    )
    today = local_today()
    investigated_by = today + timedelta(days=90)  # the law counts plain days here
    assert (a.due_limit, a.due_on) == ("tip_investigate", investigated_by)
    assert b.due_limit == "tip_notify_reporter"
    assert b.due_on == calendar_for(settings.holiday_file).add_working_days(today, 5)
    c = service.reply_to_reporter(
        session,
        settings=settings,
        actor=handler,
        case_number=named.case_number,
        text="已立案调查，感谢您的举报",
    )
    assert (c.due_limit, c.due_on) == ("tip_investigate", investigated_by)  # told: runs on


def test_an_accepted_complaint_keeps_a_deadline_until_it_is_resolved(session, settings):
    result = factories.submit(session, settings)
    handler = factories.staff(session, settings, bureau=result.decision.lead)
    common = {"settings": settings, "actor": handler, "case_number": result.case_number}
    accepted = service.accept_case(session, **common)
    mediated_by = calendar_for(settings.holiday_file).add_working_days(local_today(), 45)
    assert (accepted.due_limit, accepted.due_on) == ("complaint_mediate", mediated_by)
    started = service.start_case(session, **common)
    assert (started.due_limit, started.due_on) == ("complaint_mediate", mediated_by)
    assert service.resolve_case(session, summary="双方已达成调解协议", **common).due_on is None


def test_a_declined_case_has_no_handling_deadline(session, settings):
    for draft in (factories.complaint(), factories.tip()):
        result = factories.submit(session, settings, draft)
        handler = factories.staff(session, settings, bureau=result.decision.lead)
        view = service.reject_case(session, settings=settings, actor=handler,
                                   case_number=result.case_number, reason="不属于受理范围")
        assert (view.due_limit, view.due_on) == (None, None)


def test_an_accepted_case_transferred_gives_the_new_bureau_its_first_limit_again(
    session, settings
):
    result = factories.submit(session, settings)
    lead = result.decision.lead
    handler = factories.staff(session, settings, bureau=lead)
    common = {"settings": settings, "actor": handler, "case_number": result.case_number}
    service.accept_case(session, **common)
    other = "health" if lead != "health" else "samr"
    view = service.transfer_case(session, to_bureau=other, reason="属于医疗机构职责", **common)
    accept_by = calendar_for(settings.holiday_file).add_working_days(local_today(), 7)
    assert view.status == "received"
    assert (view.due_limit, view.due_on) == ("complaint_accept", accept_by)


def test_the_investigation_limit_extends_by_thirty_plain_days(session, settings):
    result = factories.submit(session, settings, factories.tip())
    lead = result.decision.lead
    handler = factories.staff(session, settings, bureau=lead)
    chief = factories.staff(session, settings, bureau=lead, role="lead")
    number = result.case_number
    opened = service.accept_case(session, settings=settings, actor=handler, case_number=number)
    view = service.extend_deadline(session, settings=settings, actor=chief, case_number=number,
                                   reason="需要抽样检验")
    assert view.due_on == opened.due_on + timedelta(days=30)


def test_audit_events_cannot_be_changed_or_deleted(session, settings):
    factories.submit(session, settings)
    event = session.scalar(select(AuditEvent))
    event.action = "nothing happened"
    with pytest.raises(AuditTampering):
        session.flush()
    session.rollback()
    session.delete(session.scalar(select(AuditEvent)))
    with pytest.raises(AuditTampering):
        session.flush()


@given(st.lists(st.sampled_from(sorted(TRANSITIONS)), max_size=30))
def test_any_sequence_of_actions_moves_only_along_the_table(actions):
    status = "received"
    for action in actions:
        if status in TRANSITIONS[action]:
            status = next_status(action, status)
        else:
            with pytest.raises(InvalidTransition):
                next_status(action, status)
        assert status in STATUSES
        assert set(allowed_actions(status)) == {
            a for a, moves in TRANSITIONS.items() if status in moves
        }


def test_the_database_itself_refuses_to_update_an_audit_event(session, settings):
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    factories.submit(session, settings)
    with pytest.raises(DatabaseError, match="append-only"):
        session.execute(text("UPDATE audit_events SET action = 'nothing happened'"))
    session.rollback()
    assert session.scalar(select(AuditEvent.action)) == "submitted"


def test_staff_texts_with_a_nul_character_are_refused_on_every_database(session, settings):
    from intake.errors import MessageRejected

    result = factories.submit(session, settings)
    handler = factories.staff(session, settings, bureau=result.decision.lead)
    with pytest.raises(MessageRejected):
        service.reply_to_reporter(
            session,
            settings=settings,
            actor=handler,
            case_number=result.case_number,
            text="你好\x00",
        )
