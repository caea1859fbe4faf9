"""The Open311 read side: a projection without reporter fields, filtered and newest first."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta

import intake_factories as factories

from intake import service
from intake.public_requests import MAX_RESULTS, PublicRequest, find_public_requests


def test_the_projection_carries_no_reporter_field():
    names = {f.name for f in fields(PublicRequest)}
    assert not names & {"reporter_pseudonym", "contact", "channel", "contact_id"}


def test_requests_come_newest_first_and_filter_by_kind_and_number(session, settings):
    complaint = factories.submit(session, settings).case_number
    tip = factories.submit(session, settings, factories.tip()).case_number
    assert [r.case_number for r in find_public_requests(session)] == [tip, complaint]
    assert [r.case_number for r in find_public_requests(session, kind="tip")] == [tip]
    found = find_public_requests(session, case_numbers=[complaint])
    assert [r.case_number for r in found] == [complaint] and found[0].is_open


def test_open_and_closed_follow_the_workflow_statuses(session, settings):
    done = factories.submit(session, settings).case_number
    waiting = factories.submit(session, settings, factories.tip()).case_number
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    service.reject_case(session, settings=settings, actor=coordinator, case_number=done,
                        reason="不属于食品安全范围")
    session.commit()
    assert [r.case_number for r in find_public_requests(session, state="closed")] == [done]
    assert [r.case_number for r in find_public_requests(session, state="open")] == [waiting]


def test_a_date_window_bounds_the_submission_time(session, settings):
    factories.submit(session, settings)
    now = datetime.now(UTC)
    assert len(find_public_requests(session, start=now - timedelta(hours=1), end=now)) == 1
    assert find_public_requests(session, start=now + timedelta(hours=1)) == []
    assert find_public_requests(session, end=now - timedelta(hours=1)) == []


def test_no_caller_gets_more_than_the_maximum(session, settings):
    factories.submit(session, settings)
    assert len(find_public_requests(session, limit=MAX_RESULTS * 10)) == 1
    assert find_public_requests(session, limit=0) == []
