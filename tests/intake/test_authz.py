"""Authorization: bureaus see their own cases, the coordinator sees all, the custodian
alone approves a reveal, and only the requester reads the contact — each step audited."""

from __future__ import annotations

import intake_factories as factories
import pytest
from sqlalchemy import select

from intake import service
from intake.errors import NoContactOnFile, NotAllowed, RevealNotApproved
from intake.models import AuditEvent
from intake.routing.decision import RoutingDecision
from intake.submit import submit_case


class To:
    def __init__(self, lead: str, co: tuple[str, ...] = ()) -> None:
        self.decision = RoutingDecision(lead=lead, co=co, confidence=0.9, needs_review=False)

    def route(self, text: str) -> RoutingDecision:
        return self.decision


def _case(session, settings, lead="samr", co=(), draft=None):
    result = submit_case(
        session, settings=settings, draft=draft or factories.complaint(), router=To(lead, co)
    )
    session.commit()
    return result.case_number


def test_another_bureaus_handler_can_neither_view_nor_act(session, settings):
    number = _case(session, settings, lead="samr")
    outsider = factories.staff(session, settings, bureau="agri")
    with pytest.raises(NotAllowed):
        service.view_case(session, settings=settings, actor=outsider, case_number=number)
    with pytest.raises(NotAllowed):
        service.accept_case(session, settings=settings, actor=outsider, case_number=number)


def test_a_cooperating_bureau_may_look_but_not_act(session, settings):
    number = _case(session, settings, lead="samr", co=("health",))
    helper = factories.staff(session, settings, bureau="health")
    view = service.view_case(session, settings=settings, actor=helper, case_number=number)
    assert view.co_bureaus == ("health",) and view.allowed_actions == ()
    with pytest.raises(NotAllowed):
        service.accept_case(session, settings=settings, actor=helper, case_number=number)


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordinator_and_admin_see_and_act_on_every_bureaus_case(session, settings, role):
    number = _case(session, settings, lead="agri")
    boss = factories.staff(session, settings, bureau="fso", role=role)
    service.view_case(session, settings=settings, actor=boss, case_number=number)
    assert (
        service.accept_case(session, settings=settings, actor=boss, case_number=number).status
        == "accepted"
    )


def test_only_leads_and_above_reopen(session, settings):
    number = _case(session, settings)
    handler = factories.staff(session, settings, bureau="samr")
    args = {"settings": settings, "case_number": number}
    service.reject_case(session, actor=handler, reason="重复投诉，已合并处理", **args)
    with pytest.raises(NotAllowed):
        service.reopen_case(session, actor=handler, reason="再看一下", **args)
    chief = factories.staff(session, settings, bureau="samr", role="lead")
    assert service.reopen_case(session, actor=chief, reason="再看一下", **args).status == "received"


def test_an_inactive_account_can_do_nothing(session, settings):
    number = _case(session, settings)
    handler = factories.staff(session, settings, bureau="samr")
    handler.active = False
    with pytest.raises(NotAllowed):
        service.view_case(session, settings=settings, actor=handler, case_number=number)


def test_every_staff_view_is_audited_without_the_text(session, settings):
    number = _case(session, settings)
    handler = factories.staff(session, settings, bureau="samr")
    service.view_case(session, settings=settings, actor=handler, case_number=number)
    service.view_case(session, settings=settings, actor=handler, case_number=number)
    session.commit()
    views = session.scalars(select(AuditEvent).where(AuditEvent.action == "viewed")).all()
    assert [v.actor for v in views] == [f"staff:{handler.username}"] * 2
    assert all(v.staff_id == handler.id and "腹泻" not in str(v.detail) for v in views)


def test_revealing_a_contact_takes_a_reason_a_custodian_and_the_requester(session, settings):
    number = _case(session, settings)
    handler = factories.staff(session, settings, bureau="samr")
    colleague = factories.staff(session, settings, bureau="samr")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    custodian = factories.staff(session, settings, bureau="fso", role="custodian")
    args = {"settings": settings, "case_number": number}
    request = service.request_contact_reveal(
        session, actor=handler, reason="调解需要联系投诉人核实金额", **args
    )
    with pytest.raises(RevealNotApproved):
        service.reveal_contact(session, actor=handler, request_id=request.id, **args)
    with pytest.raises(NotAllowed):
        service.approve_contact_reveal(session, actor=coordinator, request_id=request.id, **args)
    assert [r.id for r in service.pending_reveal_requests(session, actor=custodian)] == [request.id]
    service.approve_contact_reveal(session, actor=custodian, request_id=request.id, **args)
    with pytest.raises(NotAllowed):
        service.reveal_contact(session, actor=colleague, request_id=request.id, **args)
    contact = service.reveal_contact(session, actor=handler, request_id=request.id, **args)
    assert contact.phone == "13800000000"
    with pytest.raises(RevealNotApproved):  # one approval, one reveal
        service.reveal_contact(session, actor=handler, request_id=request.id, **args)
    session.commit()
    actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["reveal_requested", "reveal_approved", "contact_revealed"]


def test_a_reveal_cannot_be_requested_for_an_anonymous_tip(session, settings):
    number = _case(session, settings, draft=factories.tip())
    handler = factories.staff(session, settings, bureau="samr")
    with pytest.raises(NoContactOnFile):
        service.request_contact_reveal(
            session,
            settings=settings,
            actor=handler,
            case_number=number,
            reason="想知道是谁举报的",
        )


def test_a_custodian_may_deny_a_reveal_and_the_contact_stays_sealed(session, settings):
    number = _case(session, settings)
    handler = factories.staff(session, settings, bureau="samr")
    custodian = factories.staff(session, settings, bureau="fso", role="custodian")
    args = {"settings": settings, "case_number": number}
    request = service.request_contact_reveal(
        session, actor=handler, reason="想当面问问具体情况", **args
    )
    denied = service.deny_contact_reveal(
        session,
        actor=custodian,
        request_id=request.id,
        reason="可通过平台留言沟通，无需身份",
        **args,
    )
    assert denied.status == "denied"
    with pytest.raises(RevealNotApproved):
        service.reveal_contact(session, actor=handler, request_id=request.id, **args)
    assert service.pending_reveal_requests(session, actor=custodian) == []
