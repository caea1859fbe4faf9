"""Statistics: cases per bureau per week, overdue by bureau, top topics, routing overrides.

The figures, and whose cases they count, come from ``intake.statistics``; this module
only draws them. Charts are drawn on the server with matplotlib (Agg) in the WenQuanYi CJK
font and served as PNG from this app, so the page needs no script and no other origin.
"""

from __future__ import annotations

import io
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from intake.bureaus import BUREAUS
from intake.models.columns import utcnow
from intake.statistics import Figures, collect_figures
from web.i18n import is_english, rule_name
from web.runtime import unit_of_work
from web.staff import blueprint
from web.staff.auth import current_actor, staff_required

CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
# Each chart's title, drawn on it and read out as its image's text (the alt was its code).
CHART_TITLES = {
    "weekly": _l("每周案件数（按承办部门）"),
    "overdue": _l("超期案件（按承办部门）"),
    "topics": _l("热点问题（分派规则）"),
    "overrides": _l("人工改派（原部门→新部门）"),
}
CHARTS = tuple(CHART_TITLES)


def _short(code: str) -> str:
    """A bureau's name as a chart's axis has room for, in the page's language."""
    if code not in BUREAUS:
        return code
    if is_english():
        return BUREAUS[code].name_en.removeprefix("District ")
    return BUREAUS[code].name_zh.removeprefix("区")


def _topic(rule_id: str) -> str:
    """A routing rule as the topics chart names it: its name in the page's language (the
    chart listed ids such as "food-at-a-business"), on two lines where it is long."""
    return textwrap.fill(rule_name(rule_id), 30 if is_english() else 12, break_on_hyphens=False)


def has_data(chart: str, figures: Figures) -> bool:
    """Whether the chart has anything to draw: an empty one showed bare axes (-0.04 … 0.04)."""
    return bool({
        "weekly": figures.total, "overdue": figures.overdue, "topics": figures.topics,
        "overrides": figures.overrides,
    }[chart])


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


def draw(chart: str, figures: Figures, *, narrow: bool = False) -> bytes:
    """The chart as a PNG."""
    fig = plot(chart, figures, narrow=narrow)
    try:
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        _pyplot().close(fig)


# A phone's chart: drawn 770 px wide and shown 300 px wide, its words were 4-5 px tall. The
# narrow one is drawn about as wide as a phone shows it, and taller, its legend below.
SIZES = {False: (7, 3.6), True: (3.2, 4.2)}
DPI = 110


def plot(chart: str, figures: Figures, *, narrow: bool = False) -> Any:
    """The chart as a matplotlib figure, laid out (the caller closes it)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=SIZES[narrow], dpi=DPI)

    def fit(text: str, english: int, chinese: int) -> str:
        """A label on lines short enough for the narrow chart (the wide one as it is)."""
        width = english if is_english() else chinese
        return textwrap.fill(text, width, break_on_hyphens=False) if narrow else text

    try:
        if chart == "weekly":
            labels = [w.strftime("%m-%d") for w in figures.weeks]
            bottom = [0] * len(labels)
            for bureau, counts in sorted(figures.weekly.items()):
                ax.bar(labels, counts, bottom=bottom, label=_short(bureau))
                bottom = [a + b for a, b in zip(bottom, counts, strict=True)]
            if narrow:
                ax.tick_params(axis="x", labelsize=8, labelrotation=90)
            if figures.weekly:
                # Beside the bars, not over them: inside the axes it hid the latest weeks.
                if narrow:
                    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2),
                              ncol=1 if is_english() else 2, frameon=False)
                else:
                    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1),
                              frameon=False)
        elif chart == "overdue":
            items = sorted(figures.overdue.items(), key=lambda x: -x[1])
            ax.barh([fit(_short(k), 14, 8) for k, _ in items], [v for _, v in items],
                    color="#9a3412")
        elif chart == "topics":
            ax.barh([_topic(k) for k, _ in figures.topics][::-1],
                    [v for _, v in figures.topics][::-1], color="#0b6e4f")
            ax.tick_params(axis="y", labelsize=7)
        else:
            labels = [fit(f"{_short(a)} → {_short(b)}", 14, 9) for (a, b), _ in figures.overrides]
            ax.barh(labels[::-1], [v for _, v in figures.overrides][::-1], color="#5b6675")
        # Counts are whole: one transfer drew an axis of 0.0, 0.2 … 1.0.
        from matplotlib.ticker import MaxNLocator

        (ax.yaxis if chart == "weekly" else ax.xaxis).set_major_locator(
            MaxNLocator(integer=True))
        title = str(CHART_TITLES[chart])
        if narrow:  # over the whole picture: over the bars alone it ran past the right edge
            fig.suptitle(fit(title, 34, 15), fontsize=10)
        else:
            ax.set_title(title)
        fig.tight_layout()
        return fig
    except BaseException:
        plt.close(fig)
        raise


@blueprint.get("/statistics")
@staff_required
def statistics() -> ResponseReturnValue:
    with unit_of_work() as db:
        figures = collect_figures(db, actor=current_actor(db))
    charts = [(chart, CHART_TITLES[chart], has_data(chart, figures)) for chart in CHARTS]
    sizes = {narrow: (round(w * DPI), round(h * DPI)) for narrow, (w, h) in SIZES.items()}
    return render_template("staff/statistics.html", figures=figures, charts=charts, sizes=sizes,
                           sees_all=figures.district_wide, stamp=int(utcnow().timestamp()))


@blueprint.get("/statistics/<chart>.png")
@staff_required
def chart_png(chart: str) -> ResponseReturnValue:
    if chart not in CHARTS:
        abort(404)
    with unit_of_work() as db:
        figures = collect_figures(db, actor=current_actor(db))
    narrow = request.args.get("fit") == "phone"
    return Response(draw(chart, figures, narrow=narrow), mimetype="image/png",
                    headers={"Cache-Control": "private, max-age=60"})
