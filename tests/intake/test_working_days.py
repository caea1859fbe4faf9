"""Working days on the official calendar, across 2026's holidays and into 2027."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.deadlines import WorkingCalendar, load_policy

calendar = WorkingCalendar()
days_2026 = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
any_day = st.dates(min_value=date(2025, 6, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=1, max_value=40)


def test_spring_festival_2026_is_skipped_and_the_adjusted_saturday_counts():
    # Friday 13 Feb 2026 + 1 working day: Saturday 14 Feb is an adjusted working day.
    assert calendar.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    # From 14 Feb, the holiday runs 15–23 Feb; the next working day is Tuesday 24 Feb.
    assert calendar.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
    assert calendar.is_working_day(date(2026, 2, 28))  # Saturday, adjusted working day


def test_a_complaint_received_before_national_day_2026_is_due_after_the_holiday():
    # Received Wednesday 30 Sep: 1–7 Oct are off, Saturday 10 Oct works.
    # Working days: 8, 9, 10, 12, 13, 14, 15 Oct -> the 7th is 15 Oct.
    assert calendar.add_working_days(date(2026, 9, 30), 7) == date(2026, 10, 15)
    assert calendar.is_working_day(date(2026, 9, 20))  # Sunday, adjusted working day


def test_a_deadline_running_into_2027_falls_back_to_weekdays_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="intake.deadlines"):
        due = WorkingCalendar().add_working_days(date(2026, 12, 30), 3)
    # 31 Dec 2026 (Thu) is official; 1 Jan 2027 (Fri) and 4 Jan (Mon) by weekday fallback.
    assert due == date(2027, 1, 4)
    assert any("2027" in record.getMessage() for record in caplog.records)


def test_the_holiday_file_adds_holidays_and_working_weekends_beyond_the_package(tmp_path):
    holidays = tmp_path / "holidays.yaml"
    holidays.write_text("holidays: [2027-01-01]\nworkdays: [2027-01-09]\n", encoding="utf-8")
    cal = WorkingCalendar(holidays)
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.is_working_day(date(2027, 1, 9))  # a Saturday made a working day
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_an_unreadable_holiday_file_never_crashes_the_calendar(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("holidays: [not-a-date", encoding="utf-8")
    assert WorkingCalendar(broken).add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)


@given(any_day, counts)
def test_adding_working_days_lands_on_a_working_day_after_the_start(start, n):
    due = calendar.add_working_days(start, n)
    assert due > start
    assert calendar.is_working_day(due)


@given(any_day, counts)
def test_the_working_days_between_start_and_due_are_exactly_the_limit(start, n):
    due = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, due) == n


@given(any_day, counts)
def test_more_working_days_never_give_an_earlier_deadline(start, n):
    assert calendar.add_working_days(start, n + 1) > calendar.add_working_days(start, n)


@given(days_2026, counts)
def test_every_day_skipped_in_2026_is_an_official_day_off(start, n):
    due = calendar.add_working_days(start, n)
    day = start + timedelta(days=1)
    skipped = 0
    while day < due:
        if not calendar.is_working_day(day):
            skipped += 1
        day += timedelta(days=1)
    assert (due - start).days == n + skipped


@given(st.dates(min_value=date(2027, 1, 1), max_value=date(2029, 12, 31)))
def test_beyond_the_official_data_every_weekday_works_and_weekends_rest(day):
    assert calendar.is_working_day(day) == (day.weekday() < 5)


def test_the_policy_file_holds_the_legal_limits_and_the_order_121_note():
    policy = load_policy()
    assert policy.limits["complaint_accept"].days == 7
    assert policy.limits["tip_verify"].days == 15
    assert policy.limits["tip_verify"].extension_days == 15
    assert policy.limits["tip_notify_reporter"].days == 5
    assert policy.limits["complaint_mediate"].days == 45
    assert policy.limits["complaint_mediate"].starts == "accepted"
    investigate = policy.limits["tip_investigate"]
    assert (investigate.days, investigate.extension_days, investigate.working) == (90, 30, False)
    assert all(limit.working for name, limit in policy.limits.items() if name != "tip_investigate")
    assert "第四十六条" in policy.limits["complaint_accept"].legal_basis
    assert "121" in policy.review_note
    assert "2026-04-15" in policy.review_note


def test_a_policy_file_without_positive_days_is_refused(tmp_path):
    from intake.deadlines import PolicyError

    bad = tmp_path / "deadlines.yaml"
    bad.write_text(
        "limits:\n  x:\n    applies_to: tip\n    working_days: 0\n    legal_basis: none\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError):
        load_policy(bad)


@pytest.mark.parametrize("spec", [
    "working_days: 5\n    calendar_days: 5",  # both countings
    "weeks: 2",  # neither
    "working_days: 5\n    starts: closed",  # no such moment
])
def test_a_policy_file_with_an_unclear_limit_is_refused(tmp_path, spec):
    from intake.deadlines import PolicyError

    bad = tmp_path / "deadlines.yaml"
    bad.write_text(f"limits:\n  x:\n    applies_to: tip\n    {spec}\n    legal_basis: none\n",
                   encoding="utf-8")
    with pytest.raises(PolicyError):
        load_policy(bad)
