"""Legal deadlines: the policy file's limits counted on the official working-day calendar.

Working days follow ``chinese_calendar`` (official holidays and adjusted working weekends).
The package only knows the years it was released for; beyond them the calendar falls back
to Monday–Friday plus an optional holiday file (``settings.holiday_file``), logging a
warning once per year, and never crashes: a deadline a day off is better than no intake.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import chinese_calendar
import yaml

from intake.errors import IntakeError

log = logging.getLogger(__name__)

DEFAULT_POLICY = Path(__file__).resolve().parent / "policy" / "deadlines.yaml"


class PolicyError(IntakeError):
    code = "policy_error"
    zh = "时限政策文件有误。"
    en = "The deadline policy file is invalid."


STARTS = ("received", "decided", "accepted")


@dataclass(frozen=True)
class Limit:
    """One legal time limit from the policy file.

    ``starts``: on receipt, on the decision either way (受理/立案 or not), or on acceptance
    only. A limit counts working days (法定工作日) or, where the law says 日, calendar days.
    """

    name: str
    applies_to: str
    starts: str
    days: int
    working: bool
    legal_basis: str
    zh: str
    en: str
    extension_days: int = 0  # counted as ``days`` are
    real_name_only: bool = False

    def basis(self, lang: str) -> str:
        """The legal basis in the reader's language: the file writes it "中文 / English".

        Read whole, a Chinese reply cited an English title and an English one a Chinese.
        """
        zh, separator, en = self.legal_basis.partition(" / ")
        if not separator:
            return self.legal_basis
        return en.strip() if lang.startswith("en") else zh.strip()

    def ends(self, start: date, calendar: WorkingCalendar, *, extension: bool = False) -> date:
        """The day the limit (or its extension, counted from ``start``) runs out."""
        days = self.extension_days if extension else self.days
        if self.working:
            return calendar.add_working_days(start, days)
        return start + timedelta(days=days)


@dataclass(frozen=True)
class Policy:
    limits: dict[str, Limit]
    review_note: str

    def first_limit(self, kind: str) -> Limit:
        """The limit that starts running when a case of ``kind`` is received."""
        for limit in self.limits.values():
            if limit.applies_to == kind and limit.starts == "received":
                return limit
        raise PolicyError(f"no limit starts on receipt for kind {kind!r}")

    def after_decision(self, kind: str, *, accepted: bool) -> list[Limit]:
        """The limits a decision on a case of ``kind`` starts (acceptance starts more)."""
        starting = ("decided", "accepted") if accepted else ("decided",)
        return [limit for limit in self.limits.values()
                if limit.applies_to == kind and limit.starts in starting]


@cache
def load_policy(path: Path | None = None) -> Policy:
    """The deadline policy (cached per path); the packaged file by default."""
    path = path or DEFAULT_POLICY
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        limits = {name: _limit(name, spec) for name, spec in raw["limits"].items()}
        return Policy(limits=limits, review_note=str(raw.get("review_note", "")))
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: {exc}") from exc


def _limit(name: str, spec: dict[str, Any]) -> Limit:
    working = "working_days" in spec
    if working == ("calendar_days" in spec):
        raise ValueError(f"limit {name} needs working_days or calendar_days, not both")
    unit = "working_days" if working else "calendar_days"
    days = int(spec[unit])
    if days <= 0:
        raise ValueError(f"limit {name} needs a positive number of days")
    starts = str(spec.get("starts", "received"))
    if starts not in STARTS:
        raise ValueError(f"limit {name} starts {starts!r}, not one of {', '.join(STARTS)}")
    return Limit(
        name=name,
        applies_to=str(spec["applies_to"]),
        starts=starts,
        days=days,
        working=working,
        legal_basis=str(spec["legal_basis"]),
        zh=str(spec.get("zh", "")),
        en=str(spec.get("en", "")),
        extension_days=int(spec.get(f"extension_{unit}", 0)),
        real_name_only=bool(spec.get("real_name_only", False)),
    )


@dataclass(frozen=True)
class HolidayFile:
    """Dates the fallback calendar treats as holidays or as adjusted working days."""

    holidays: frozenset[date]
    workdays: frozenset[date]


@cache
def load_holiday_file(path: Path | None) -> HolidayFile:
    """``holidays:`` and ``workdays:`` lists of ISO dates (YAML); empty when no file."""
    if path is None:
        return HolidayFile(frozenset(), frozenset())
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return HolidayFile(
            holidays=frozenset(_as_date(d) for d in raw.get("holidays", []) or []),
            workdays=frozenset(_as_date(d) for d in raw.get("workdays", []) or []),
        )
    except (OSError, ValueError, TypeError, AttributeError, yaml.YAMLError) as exc:
        log.warning(
            "holiday file %s unreadable (%s); using Monday-Friday", path, type(exc).__name__
        )
        return HolidayFile(frozenset(), frozenset())


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class WorkingCalendar:
    """Which days count: the official calendar, or Monday–Friday plus a holiday file."""

    def __init__(self, holiday_file: Path | None = None) -> None:
        self._fallback = load_holiday_file(holiday_file)
        self._warned_years: set[int] = set()

    def is_working_day(self, day: date) -> bool:
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            return self._fallback_is_working_day(day)

    def _fallback_is_working_day(self, day: date) -> bool:
        if day.year not in self._warned_years:
            self._warned_years.add(day.year)
            log.warning(
                "official holiday calendar does not cover %d; counting Monday-Friday "
                "plus the holiday file",
                day.year,
            )
        if day in self._fallback.workdays:
            return True
        if day in self._fallback.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted).

        Remembered: every case filed on one day asks for the same few dates, and walking the
        official calendar day by day cost a submission more than its routing's scoring.
        """
        return self._add_working_days(start, days)

    @lru_cache(maxsize=256)  # noqa: B019 - calendars live as long as the process (calendar_for)
    def _add_working_days(self, start: date, days: int) -> date:
        day = start
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many of a limit's days have been used."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


@cache
def calendar_for(holiday_file: Path | None) -> WorkingCalendar:
    """One calendar per holiday file (cached)."""
    return WorkingCalendar(holiday_file)


def first_deadline(
    kind: str, received_on: date, *, policy_file: Path | None, holiday_file: Path | None
) -> tuple[date, str]:
    """The day the limit that starts on receipt runs out, and that limit's name.

    Filing a case starts it, and so does reopening a declined one: both ask here.
    """
    limit = load_policy(policy_file).first_limit(kind)
    return limit.ends(received_on, calendar_for(holiday_file)), limit.name
