"""The work queue: scoped to the actor's reach, filtered, soonest deadline first."""

from __future__ import annotations

from datetime import date, timedelta

import intake_factories as factories
from sqlalchemy import select, update

from intake import service
from intake.models import Case
from intake.routing.decision import RoutingDecision
from intake.service import QueueFilters
from intake.submit import submit_case


class To:
    def __init__(self, lead: str, co: tuple[str, ...] = ()) -> None:
        self.decision = RoutingDecision(lead=lead, co=co, confidence=0.9, needs_review=False)

    def route(self, text: str) -> RoutingDecision:
        return self.decision


def _case(session, settings, lead, draft=None, due=None, co=()):
    result = submit_case(
        session, settings=settings, draft=draft or factories.tip(), router=To(lead, co)
    )
    if due is not None:
        session.execute(
            update(Case).where(Case.case_number == result.case_number).values(due_on=due)
        )
    session.commit()
    return result.case_number


def _numbers(items):
    return [item.case_number for item in items]


def test_a_bureau_sees_its_own_and_cooperating_cases_sorted_by_deadline(session, settings):
    today = date(2026, 6, 1)
    late = _case(session, settings, "samr", due=today + timedelta(days=9))
    soon = _case(session, settings, "samr", due=today + timedelta(days=2))
    helping = _case(session, settings, "health", co=("samr",), due=today + timedelta(days=5))
    _case(session, settings, "agri", due=today)
    handler = factories.staff(session, settings, bureau="samr")
    items = service.list_queue(session, actor=handler, filters=QueueFilters(today=today))
    assert _numbers(items) == [soon, helping, late]


def test_the_coordinator_sees_every_bureau_and_can_narrow_to_one(session, settings):
    a = _case(session, settings, "samr")
    b = _case(session, settings, "agri")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    assert set(_numbers(service.list_queue(session, actor=coordinator))) == {a, b}
    only = service.list_queue(session, actor=coordinator, filters=QueueFilters(bureau="agri"))
    assert _numbers(only) == [b]


def test_overdue_and_due_within_filters_count_working_days(session, settings):
    today = date(2026, 9, 30)  # Wednesday before National Day
    overdue = _case(session, settings, "samr", due=date(2026, 9, 29))
    within = _case(session, settings, "samr", due=date(2026, 10, 9))  # 2nd working day
    later = _case(session, settings, "samr", due=date(2026, 10, 20))
    handler = factories.staff(session, settings, bureau="samr")

    def queue(**kw):
        return _numbers(
            service.list_queue(session, actor=handler, filters=QueueFilters(today=today, **kw))
        )

    assert queue(overdue=True) == [overdue]
    assert queue(due_within=2) == [within]
    assert set(queue()) == {overdue, within, later}
    item = service.list_queue(session, actor=handler, filters=QueueFilters(today=today))[0]
    assert item.overdue and item.case_number == overdue


def test_status_kind_and_duplicate_filters(session, settings):
    handler = factories.staff(session, settings, bureau="samr")
    first = _case(session, settings, "samr", draft=factories.complaint())
    second = _case(session, settings, "samr", draft=factories.complaint())  # same shop, same story
    tip = _case(session, settings, "samr")
    service.accept_case(session, settings=settings, actor=handler, case_number=tip)
    session.commit()

    def queue(**kw):
        return set(_numbers(service.list_queue(session, actor=handler, filters=QueueFilters(**kw))))

    assert queue(kind="complaint") == {first, second}
    assert queue(status="accepted") == {tip}
    assert queue(duplicates=True) == {first, second}
    counts = {i.case_number: i.duplicate_count for i in service.list_queue(session, actor=handler)}
    assert counts[first] == counts[second] == 1


def test_queue_items_carry_no_report_text(session, settings):
    _case(session, settings, "samr")
    handler = factories.staff(session, settings, bureau="samr")
    item = service.list_queue(session, actor=handler)[0]
    assert factories.TIP_TEXT not in repr(item)
    assert session.scalar(select(Case.text)) == factories.TIP_TEXT
