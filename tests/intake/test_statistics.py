"""The desk's figures: a bureau counts its own cases, the coordinator every bureau's."""

from __future__ import annotations

from datetime import timedelta

import intake_factories as factories

from intake import service
from intake.clock import local_today
from intake.routing.decision import Evidence, RoutingDecision
from intake.statistics import WEEKS, collect_figures
from intake.submit import submit_case


class To:
    def __init__(self, lead: str, rule: str) -> None:
        evidence = (Evidence(rule=rule, clause="第九条", keyword="餐馆", matched="餐馆"),)
        self.decision = RoutingDecision(lead=lead, co=(), confidence=0.9, needs_review=False,
                                        evidence=evidence)

    def route(self, text: str) -> RoutingDecision:
        return self.decision


def _file(session, settings, lead, rule="restaurant_hygiene"):
    number = submit_case(session, settings=settings, router=To(lead, rule),
                         draft=factories.complaint()).case_number
    session.commit()
    return number


def test_a_bureau_counts_only_its_own_cases_and_the_coordinator_counts_all(session, settings):
    _file(session, settings, "samr")
    _file(session, settings, "samr", rule="labelling")
    _file(session, settings, "agri")
    handler = factories.staff(session, settings, bureau="samr")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    own, everyone = (collect_figures(session, actor=a) for a in (handler, coordinator))
    assert own.total == 2 and set(own.weekly) == {"samr"} and not own.district_wide
    assert own.weekly["samr"][-1] == 2 and len(own.weeks) == WEEKS
    assert dict(own.topics) == {"restaurant_hygiene": 1, "labelling": 1}
    assert everyone.total == 3 and everyone.district_wide
    assert everyone.weekly == {"samr": [0] * (WEEKS - 1) + [2], "agri": [0] * (WEEKS - 1) + [1]}


def test_overdue_counts_open_cases_past_their_deadline_by_bureau(session, settings):
    _file(session, settings, "samr")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    assert collect_figures(session, actor=coordinator).overdue == {}
    later = collect_figures(session, actor=coordinator, today=local_today() + timedelta(days=90))
    assert later.overdue == {"samr": 1}
    assert later.total == 0  # filed outside the eight weeks before that day


def test_overrides_count_for_the_bureau_that_gave_or_received_the_case(session, settings):
    number = _file(session, settings, "samr")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    service.transfer_case(session, settings=settings, actor=coordinator, case_number=number,
                          to_bureau="agri", reason="活禽屠宰归农业农村局")
    session.commit()
    giver = factories.staff(session, settings, bureau="samr")
    stranger = factories.staff(session, settings, bureau="edu")
    assert collect_figures(session, actor=giver).overrides == [(("samr", "agri"), 1)]
    assert collect_figures(session, actor=coordinator).overrides == [(("samr", "agri"), 1)]
    assert collect_figures(session, actor=stranger).overrides == []
