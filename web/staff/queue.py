"""The queue: the actor's cases (every case for the coordinator), filtered, by deadline,
with counts at a glance, and the same filtered list as CSV or XLSX (never any contact)."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from openpyxl import Workbook

from intake import authz, service
from intake.bureaus import BUREAUS
from intake.clock import district_time, local_today
from intake.drafts import CHANNEL_LABELS, KINDS
from intake.queue_counts import DUE_SOON_DAYS, count_queue
from intake.workflow import STATUS_LABELS
from web.i18n import bureau_name, pick
from web.runtime import settings, unit_of_work
from web.staff import blueprint
from web.staff.auth import current_actor, staff_required

EXPORT_LIMIT = 5000
# The export's headings and values are the page's words, as the queue shows them: it gave the
# coordinator "lead_bureau", "samr", "received" and "false" to pass on to the district.
EXPORT_COLUMNS = (
    _l("案件编号"), _l("类型"), _l("渠道"), _l("状态"), _l("承办部门"), _l("商家"), _l("地点"),
    _l("关键词"), _l("提交时间"), _l("办理时限"), _l("已超期"), _l("需人工确认"),
    _l("疑似重复件数"), _l("疑似职业索赔"),
)


def filters_from_request(limit: int) -> service.QueueFilters:
    """The filters in the query string; unknown values are a 400, never a silent default."""
    args = request.args
    status = args.get("status") or None
    if status not in (None, "all", *STATUS_LABELS):
        abort(400)
    kind = args.get("kind") or None
    if kind not in (None, *KINDS):
        abort(400)
    bureau = args.get("bureau") or None
    if bureau not in (None, *BUREAUS):
        abort(400)
    return service.QueueFilters(
        status=status, kind=kind, bureau=bureau,
        overdue=args.get("overdue") == "1",
        due_within=DUE_SOON_DAYS if args.get("due_soon") == "1" else None,
        duplicates=args.get("duplicate") == "1",
        limit=limit,
    )


# The most cases the queue's page lists; one more is read to know whether it cut the list
# (a busy bureau's 201st case fell off the page without a word).
QUEUE_LIMIT = 200


@blueprint.get("/")
@staff_required
def queue() -> ResponseReturnValue:
    filters = filters_from_request(limit=QUEUE_LIMIT + 1)
    with unit_of_work() as db:
        actor = current_actor(db)
        items = service.list_queue(db, actor=actor, filters=filters, settings=settings())
        cut = len(items) > QUEUE_LIMIT
        items = items[:QUEUE_LIMIT]
        counts = count_queue(db, actor=actor, settings=settings(), bureau=filters.bureau)
        sees_all = authz.sees_all(actor)
        waiting = service.requests_waiting_for(db, actor=actor)
        bureau = actor.bureau
    return render_template(
        "staff/queue.html", items=items, counts=counts, cut=cut, shown=QUEUE_LIMIT,
        export_limit=EXPORT_LIMIT, waiting=waiting,
        sees_all=sees_all, my_bureau=bureau, args=request.args, statuses=STATUS_LABELS,
        today=local_today(),
    )


def _rows() -> list[list[str]]:
    filters = filters_from_request(limit=EXPORT_LIMIT)
    with unit_of_work() as db:
        items = service.list_queue(db, actor=current_actor(db), filters=filters,
                                   settings=settings())
    yes, no = str(_("是")), str(_("否"))
    kinds = {"complaint": pgettext("case kind", "投诉"), "tip": pgettext("case kind", "举报")}
    rows = []
    for item in items:
        rows.append([
            item.case_number, kinds.get(item.kind, item.kind),
            pick(*CHANNEL_LABELS[item.channel]) if item.channel in CHANNEL_LABELS
            else item.channel,
            pick(*STATUS_LABELS[item.status]), bureau_name(item.lead_bureau),
            item.business_name or "", item.place or "", " ".join(item.keywords),
            district_time(item.submitted_at).isoformat(timespec="seconds"),
            item.due_on.isoformat() if item.due_on else "",
            yes if item.overdue else no, yes if item.needs_review else no,
            str(item.duplicate_count), yes if item.reporter_flagged else no,
        ])
    return rows


def _headings() -> list[str]:
    return [str(heading) for heading in EXPORT_COLUMNS]


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@blueprint.get("/export.csv")
@staff_required
def export_csv() -> ResponseReturnValue:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_headings())
    for row in _rows():
        writer.writerow([_safe_cell(cell) for cell in row])
    return Response(
        "\ufeff" + out.getvalue(), mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=foodsafe-queue.csv",
                 "Cache-Control": "no-store"},
    )


@blueprint.get("/export.xlsx")
@staff_required
def export_xlsx() -> ResponseReturnValue:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = "queue"
    sheet.append(_headings())
    for row in _rows():
        sheet.append([_safe_cell(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return Response(
        out.getvalue(),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename=foodsafe-queue.xlsx",
                 "Cache-Control": "no-store"},
    )
