"""The district's calendar day: deadlines count in China Standard Time, not UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from intake.models.columns import utcnow

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")


def local_today(now: datetime | None = None) -> date:
    """Today's date in the district for ``now`` (default: the current time)."""
    return (now or utcnow()).astimezone(DISTRICT_TZ).date()
