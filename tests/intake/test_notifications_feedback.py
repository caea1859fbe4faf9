"""The outbox and the FAQ feedback tables other packages persist through."""

from __future__ import annotations

import intake_factories as factories
import pytest

from intake import service
from intake.errors import NotificationNotFound
from intake.feedback import feedback_report, miss_report, record_feedback, record_miss
from intake.notifications import mark_delivered, pending


def test_pending_notifications_are_per_channel_until_delivered(session, settings):
    telegram = factories.submit(session, settings, factories.tip(channel="telegram"))
    web = factories.submit(session, settings, factories.tip(channel="web"))
    handler = factories.staff(session, settings, bureau=telegram.decision.lead)
    for result in (telegram, web):
        service.accept_case(
            session, settings=settings, actor=handler, case_number=result.case_number
        )
    session.commit()
    waiting = pending(session, channel="telegram")
    assert [(n.kind, n.case.case_number) for n in waiting] == [("accepted", telegram.case_number)]
    mark_delivered(session, notification_id=waiting[0].id)
    session.commit()
    assert pending(session, channel="telegram") == []
    assert len(pending(session, channel="web")) == 1


def test_marking_an_unknown_notification_is_a_named_error(session):
    with pytest.raises(NotificationNotFound):
        mark_delivered(session, notification_id=123456)


def test_misses_are_normalised_cut_and_grouped(session):
    for _ in range(3):
        record_miss(session, question="  隔夜菜能吃吗？？ ", best_entry_id="leftovers", score=0.31)
    record_miss(session, question="雞蛋" + "长" * 600, best_entry_id=None, score=0.0)
    session.commit()
    report = miss_report(session)
    assert report[0].count == 3 and report[0].question == "隔夜菜能吃吗?"
    assert report[0].best_entry_id == "leftovers"
    assert len(report[1].question) == 500 and report[1].question.startswith("鸡蛋")


def test_feedback_is_counted_per_entry(session):
    for helpful in (True, True, False):
        record_feedback(session, entry_id="leftovers", helpful=helpful)
    record_feedback(session, entry_id="eggs", helpful=False)
    session.commit()
    lines = {line.entry_id: (line.helpful, line.unhelpful) for line in feedback_report(session)}
    assert lines == {"leftovers": (2, 1), "eggs": (0, 1)}
