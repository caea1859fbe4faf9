"""The queue's counts cover exactly the cases the actor's queue shows."""

from __future__ import annotations

from datetime import timedelta

import intake_factories as factories
from sqlalchemy import select

from intake.models import Case
from intake.queue_counts import count_queue
from intake.routing.decision import RoutingDecision
from intake.submit import submit_case


class To:
    def __init__(self, lead: str) -> None:
        self.decision = RoutingDecision(lead=lead, co=(), confidence=0.9, needs_review=False)

    def route(self, text: str) -> RoutingDecision:
        return self.decision


def _file(session, settings, lead, draft=None):
    submit_case(session, settings=settings, router=To(lead), draft=draft or factories.complaint())
    session.commit()


def test_a_bureau_counts_its_own_open_cases_and_the_coordinator_every_bureaus(
    session, settings
):
    _file(session, settings, "samr")
    _file(session, settings, "samr")  # the same story again: a possible duplicate
    _file(session, settings, "agri", factories.tip())
    handler = factories.staff(session, settings, bureau="samr")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    own = count_queue(session, actor=handler, settings=settings)
    assert (own.open, own.by_status, own.overdue) == (2, {"received": 2}, 0)
    assert own.duplicates == 2
    assert count_queue(session, actor=coordinator, settings=settings).open == 3
    assert count_queue(session, actor=coordinator, settings=settings, bureau="agri").open == 1


def test_overdue_and_due_soon_follow_the_deadline(session, settings):
    _file(session, settings, "samr")
    handler = factories.staff(session, settings, bureau="samr")
    due_on = session.scalar(select(Case.due_on))
    before = count_queue(session, actor=handler, settings=settings,
                         today=due_on - timedelta(days=1))
    after = count_queue(session, actor=handler, settings=settings,
                        today=due_on + timedelta(days=1))
    assert before.due_soon == 1 and before.overdue == 0
    assert after.overdue == 1
