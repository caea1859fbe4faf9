"""Statistics: cases per bureau per week, overdue by bureau, top topics, routing overrides.

Charts are drawn on the server with matplotlib (Agg) in the WenQuanYi CJK font and served
as PNG from this app, so the page needs no script and no other origin. Staff outside the
coordinating office see their own bureau's figures only (``intake.authz.sees_all``).
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from flask import Response, abort, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake import authz
from intake.bureaus import BUREAUS
from intake.clock import DISTRICT_TZ, local_today
from intake.models import Case, RoutingOverride, StaffUser
from intake.models.columns import utcnow
from intake.workflow import OPEN_STATUSES
from web.runtime import unit_of_work
from web.staff import blueprint
from web.staff.auth import current_actor, staff_required

WEEKS = 8
TOP_TOPICS = 10
CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
CHARTS = ("weekly", "overdue", "topics", "overrides")


@dataclass(frozen=True)
class Figures:
    weeks: list[date]
    weekly: dict[str, list[int]]  # bureau -> count per week
    overdue: dict[str, int]
    topics: list[tuple[str, int]]
    overrides: list[tuple[str, int]]  # "from→to" -> count
    total: int


def collect(session: Session, *, actor: StaffUser, today: date | None = None) -> Figures:
    """The figures ``actor`` may see, from the last ``WEEKS`` weeks."""
    today = today or local_today()
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=i) for i in reversed(range(WEEKS))]
    since = datetime.combine(weeks[0], datetime.min.time(), tzinfo=DISTRICT_TZ)
    scope = [] if authz.sees_all(actor) else [Case.lead_bureau == actor.bureau]
    rows = session.execute(
        select(Case.lead_bureau, Case.created_at, Case.routing).where(
            Case.created_at >= since, *scope)
    )
    weekly: dict[str, list[int]] = {}
    topics: Counter[str] = Counter()
    total = 0
    for bureau, created_at, routing in rows:
        total += 1
        local_day = created_at.astimezone(DISTRICT_TZ).date()
        index = (local_day - weeks[0]).days // 7
        if 0 <= index < WEEKS:
            weekly.setdefault(bureau, [0] * WEEKS)[index] += 1
        for rule in {e.get("rule") for e in (routing or {}).get("evidence", [])}:
            if rule:
                topics[rule] += 1
    overdue = {
        bureau: int(count)
        for bureau, count in session.execute(
            select(Case.lead_bureau, func.count())
            .where(Case.status.in_(sorted(OPEN_STATUSES)), Case.due_on < today, *scope)
            .group_by(Case.lead_bureau)
        )
    }
    override_scope = [] if authz.sees_all(actor) else [
        (RoutingOverride.from_bureau == actor.bureau) | (RoutingOverride.to_bureau == actor.bureau)
    ]
    overrides = session.execute(
        select(RoutingOverride.from_bureau, RoutingOverride.to_bureau, func.count())
        .where(RoutingOverride.created_at >= since, *override_scope)
        .group_by(RoutingOverride.from_bureau, RoutingOverride.to_bureau)
    )
    override_counts = sorted(
        ((f"{_short(a)}→{_short(b)}", n) for a, b, n in overrides), key=lambda x: -x[1]
    )
    return Figures(weeks, weekly, overdue, topics.most_common(TOP_TOPICS), override_counts, total)


def _short(code: str) -> str:
    return BUREAUS[code].name_zh.removeprefix("区") if code in BUREAUS else code


@cache
def _pyplot() -> Any:
    """matplotlib, imported once and only when a chart is drawn, with a CJK font."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for path in CJK_FONTS:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            name = font_manager.FontProperties(fname=str(path)).get_name()
            matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
            break
    matplotlib.rcParams["axes.unicode_minus"] = False
    return plt


def draw(chart: str, figures: Figures) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=110)
    try:
        if chart == "weekly":
            labels = [w.strftime("%m-%d") for w in figures.weeks]
            bottom = [0] * len(labels)
            for bureau, counts in sorted(figures.weekly.items()):
                ax.bar(labels, counts, bottom=bottom, label=_short(bureau))
                bottom = [a + b for a, b in zip(bottom, counts, strict=True)]
            ax.set_title("每周案件数（按承办部门）")
            if figures.weekly:
                ax.legend(fontsize=7, ncol=3)
        elif chart == "overdue":
            items = sorted(figures.overdue.items(), key=lambda x: -x[1])
            ax.barh([_short(k) for k, _ in items], [v for _, v in items], color="#9a3412")
            ax.set_title("超期案件（按承办部门）")
        elif chart == "topics":
            ax.barh([k for k, _ in figures.topics][::-1], [v for _, v in figures.topics][::-1],
                    color="#0b6e4f")
            ax.set_title("热点问题（分派规则）")
        else:
            ax.barh([k for k, _ in figures.overrides][::-1],
                    [v for _, v in figures.overrides][::-1], color="#5b6675")
            ax.set_title("人工改派（原部门→新部门）")
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)


@blueprint.get("/statistics")
@staff_required
def statistics() -> ResponseReturnValue:
    with unit_of_work() as db:
        actor = current_actor(db)
        figures = collect(db, actor=actor)
        sees_all = authz.sees_all(actor)
    return render_template("staff/statistics.html", figures=figures, charts=CHARTS,
                           sees_all=sees_all, stamp=int(utcnow().timestamp()))


@blueprint.get("/statistics/<chart>.png")
@staff_required
def chart_png(chart: str) -> ResponseReturnValue:
    if chart not in CHARTS:
        abort(404)
    with unit_of_work() as db:
        figures = collect(db, actor=current_actor(db))
    return Response(draw(chart, figures), mimetype="image/png",
                    headers={"Cache-Control": "private, max-age=60"})
