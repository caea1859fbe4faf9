"""The district's clock: deadlines count, and people read times, in China Standard Time."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from intake.models.columns import utcnow

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")


def local_today(now: datetime | None = None) -> date:
    """Today's date in the district for ``now`` (default: the current time)."""
    return (now or utcnow()).astimezone(DISTRICT_TZ).date()


def district_time(moment: datetime) -> datetime:
    """``moment`` (stored in UTC) as the district's wall clock shows it: a reply written at
    09:30 in the district must not read 01:30 to the reporter or the staff."""
    return moment.astimezone(DISTRICT_TZ)
