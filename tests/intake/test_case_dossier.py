"""The case page's content from the domain: one audited view, the trail holding it, the
reporter's other cases only where the actor may look, and the actor's own reveal requests."""

from __future__ import annotations

import intake_factories as factories
import pytest
from sqlalchemy import func, select

from intake import service
from intake.case_dossier import (
    audit_trail,
    open_dossier,
    own_reveal_requests,
    reporter_other_cases,
)
from intake.drafts import ReporterIdentity
from intake.errors import CaseNotFound, NotAllowed
from intake.models import AuditEvent
from intake.routing.decision import RoutingDecision
from intake.submit import submit_case


class To:
    def __init__(self, lead: str) -> None:
        self.decision = RoutingDecision(lead=lead, co=(), confidence=0.9, needs_review=False)

    def route(self, text: str) -> RoutingDecision:
        return self.decision


def _case(session, settings, lead="samr", reporter=None, business="老王川菜馆"):
    result = submit_case(session, settings=settings, router=To(lead), reporter=reporter,
                         draft=factories.complaint(business_name=business))
    session.commit()
    return result.case_number


def test_opening_a_dossier_audits_one_view_and_the_trail_already_shows_it(session, settings):
    number = _case(session, settings)
    handler = factories.staff(session, settings, bureau="samr")
    dossier = open_dossier(session, settings=settings, actor=handler, case_number=number)
    assert dossier.view.case_number == number
    assert [entry.action for entry in dossier.trail] == ["submitted", "viewed"]
    assert dossier.trail[-1].actor == f"staff:{handler.username}"
    views = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "viewed")
    assert session.scalar(views) == 1


def test_another_bureau_reads_neither_the_trail_nor_the_reporters_cases(session, settings):
    number = _case(session, settings, lead="samr")
    outsider = factories.staff(session, settings, bureau="agri")
    for read in (audit_trail, reporter_other_cases, own_reveal_requests):
        with pytest.raises(NotAllowed):
            read(session, actor=outsider, case_number=number)
    with pytest.raises(NotAllowed):
        open_dossier(session, settings=settings, actor=outsider, case_number=number)
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "viewed")) == 0


def test_an_unknown_case_number_is_case_not_found(session, settings):
    handler = factories.staff(session, settings, bureau="samr")
    with pytest.raises(CaseNotFound):
        audit_trail(session, actor=handler, case_number="FS0000-AAAAA-BBBBB")


def test_the_reporters_other_cases_leave_out_those_of_bureaus_the_actor_cannot_see(
    session, settings
):
    person = ReporterIdentity("telegram", "4242")
    number = _case(session, settings, lead="samr", reporter=person)
    same_bureau = _case(session, settings, lead="samr", reporter=person, business="华联超市")
    _case(session, settings, lead="agri", reporter=person, business="菜市场")
    _case(session, settings, lead="samr", business="别人的店")  # another reporter
    handler = factories.staff(session, settings, bureau="samr")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    mine = reporter_other_cases(session, actor=handler, case_number=number)
    assert [other.case_number for other in mine] == [same_bureau]
    assert mine[0].business_name == "华联超市" and mine[0].status_zh
    assert len(reporter_other_cases(session, actor=coordinator, case_number=number)) == 2


def test_an_anonymous_web_case_has_no_other_cases(session, settings):
    number = _case(session, settings)
    handler = factories.staff(session, settings, bureau="samr")
    assert reporter_other_cases(session, actor=handler, case_number=number) == []


def test_each_staff_member_sees_only_their_own_reveal_requests(session, settings):
    number = _case(session, settings)
    first = factories.staff(session, settings, bureau="samr")
    second = factories.staff(session, settings, bureau="samr")
    request = service.request_contact_reveal(session, settings=settings, actor=first,
                                             case_number=number, reason="需要核实投诉细节")
    session.commit()
    (own,) = own_reveal_requests(session, actor=first, case_number=number)
    assert own.id == request.id and own.status == "pending"
    assert own_reveal_requests(session, actor=second, case_number=number) == []
