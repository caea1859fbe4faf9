"""A case at the staff desk: everything staff may see, every action, the attachments.

Each route loads the actor and calls one domain function; whether the actor may do it is
the domain's answer (NotAllowed → 403 via web.errors), and every view is audited there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from intake import service
from intake.actions import MIN_REASON, REPORTER_READS_REASON
from intake.attachment_access import open_attachment
from intake.bureaus import BUREAUS
from intake.case_dossier import open_dossier
from intake.deadlines import load_policy
from intake.reveal import MIN_REASON as REVEAL_MIN_REASON
from intake.views import StaffCaseView
from intake.workflow import STATUS_LABELS
from web.i18n import bureau_name
from web.runtime import settings, unit_of_work
from web.staff import blueprint
from web.staff.auth import current_actor, staff_required
from web.staff.forms import ROLE_LABELS, ActionForm
from web.staff.trail import audit_detail, reveal_status

# action -> (domain function, {keyword argument: form field}); the form only carries input.
ACTIONS: dict[str, tuple[Callable[..., Any], dict[str, str]]] = {
    "accept": (service.accept_case, {}),
    "reject": (service.reject_case, {"reason": "reason"}),
    "transfer": (service.transfer_case, {"to_bureau": "to_bureau", "reason": "reason"}),
    "start": (service.start_case, {}),
    "resolve": (service.resolve_case, {"summary": "reason"}),
    "close": (service.close_case, {}),
    "reopen": (service.reopen_case, {"reason": "reason"}),
    "extend": (service.extend_deadline, {"reason": "reason"}),
    "reply": (service.reply_to_reporter, {"text": "text"}),
    "request_reveal": (service.request_contact_reveal, {"reason": "reason"}),
}
NEEDS_REASON = ("reject", "transfer", "resolve", "reopen", "extend")


@blueprint.get("/cases/<case_number>")
@staff_required
def case(case_number: str) -> ResponseReturnValue:
    with unit_of_work() as db:
        dossier = open_dossier(db, settings=settings(), actor=current_actor(db),
                               case_number=case_number)
    # The running limit in words: its policy key ("complaint_accept") told staff nothing.
    limit = load_policy(settings().deadlines_file).limits.get(dossier.view.due_limit or "")
    return render_template(
        "staff/case.html", case=dossier.view, trail=dossier.trail, others=dossier.other_cases,
        reveals=dossier.reveal_requests, limit=limit,
        form=ActionForm(formdata=None), needs_reason=NEEDS_REASON, bureaus=BUREAUS,
        audit_action=_audit_action, audit_actor=_audit_actor, audit_detail=audit_detail,
        reveal_status=reveal_status,
        reasons=_reasons(dossier.view.routing),
        min_reason=MIN_REASON, reveal_min_reason=REVEAL_MIN_REASON,
        reporter_reads=REPORTER_READS_REASON,
    )


def _reasons(routing: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """The routing evidence a line per rule, in the order the rules first speak: (rule id,
    clause, the words it matched). A line per word repeated a rule three times over."""
    found: dict[str, tuple[str, list[str]]] = {}
    for hit in routing.get("evidence", []):
        words = found.setdefault(hit["rule"], (hit["clause"], []))[1]
        if hit["matched"] not in words:
            words.append(hit["matched"])
    return [(rule, clause, words) for rule, (clause, words) in found.items()]


@blueprint.post("/cases/<case_number>/<action>")
@staff_required
def act(case_number: str, action: str) -> ResponseReturnValue:
    if action not in ACTIONS:
        abort(404)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    function, fields = ACTIONS[action]
    arguments = {name: getattr(form, field).data or "" for name, field in fields.items()}
    with unit_of_work() as db:
        result = function(db, settings=settings(), actor=current_actor(db),
                          case_number=case_number, **arguments)
    if isinstance(result, StaffCaseView) and not result.may_view:
        # Handed to a bureau whose case this desk may not open: say where it went, from the
        # queue (its page would be "not allowed" right after the action succeeded).
        flash(_("已完成：%(action)s。%(case)s 已交由%(bureau)s办理，不再在本局队列中。",
                action=_action_label(action), case=case_number,
                bureau=bureau_name(result.lead_bureau)), "ok")
        return redirect(url_for("staff.queue"), code=303)
    flash(_("已完成：%(action)s", action=_action_label(action)), "ok")
    return redirect(url_for("staff.case", case_number=case_number), code=303)


@blueprint.post("/cases/<case_number>/reveal/<int:request_id>")
@staff_required
def reveal(case_number: str, request_id: int) -> ResponseReturnValue:
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work() as db:
        contact = service.reveal_contact(db, settings=settings(), actor=current_actor(db),
                                         case_number=case_number, request_id=request_id)
    return render_template("staff/contact.html", case_number=case_number, contact=contact)


@blueprint.get("/cases/<case_number>/attachments/<token>")
@staff_required
def attachment(case_number: str, token: str) -> ResponseReturnValue:
    with unit_of_work() as db:
        opened = open_attachment(db, settings=settings(), actor=current_actor(db),
                                 case_number=case_number, token=token)
    extension = opened.content_type.rsplit("/", 1)[-1]
    # Photos open in the page; anything else is a download, never rendered by the browser.
    disposition = "inline" if opened.content_type.startswith("image/") else "attachment"
    return Response(opened.data, mimetype=opened.content_type, headers={
        "Content-Disposition": f"{disposition}; filename={token[:8]}.{extension}",
        "Cache-Control": "no-store, private",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-SHA256": opened.sha256,
    })


@blueprint.get("/reveals")
@staff_required
def reveal_requests() -> ResponseReturnValue:
    with unit_of_work() as db:
        pending = service.pending_reveal_requests(db, actor=current_actor(db))
    return render_template("staff/reveals.html", pending=pending, form=ActionForm(formdata=None),
                           roles=ROLE_LABELS, statuses=STATUS_LABELS,
                           min_reason=REVEAL_MIN_REASON)


@blueprint.post("/reveals/<case_number>/<int:request_id>/approve")
@staff_required
def approve_reveal(case_number: str, request_id: int) -> ResponseReturnValue:
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work() as db:
        service.approve_contact_reveal(db, settings=settings(), actor=current_actor(db),
                                       case_number=case_number, request_id=request_id)
    flash(_("已批准 %(case)s 的申请：申请人现在可以在案件页查看一次联系方式。", case=case_number),
          "ok")
    return redirect(url_for("staff.reveal_requests"), code=303)


@blueprint.post("/reveals/<case_number>/<int:request_id>/deny")
@staff_required
def deny_reveal(case_number: str, request_id: int) -> ResponseReturnValue:
    """The custodian's refusal, its reason kept for the requester (the desk had only
    "approve": a request the custodian would not grant waited for ever)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work() as db:
        service.deny_contact_reveal(db, settings=settings(), actor=current_actor(db),
                                    case_number=case_number, request_id=request_id,
                                    reason=form.reason.data or "")
    flash(_("已驳回 %(case)s 的申请，理由已告知申请人。", case=case_number), "ok")
    return redirect(url_for("staff.reveal_requests"), code=303)


def _action_label(action: str) -> str:
    labels = {
        "accept": _("受理"), "reject": _("不予受理"), "transfer": _("转交"), "start": _("开始办理"),
        "resolve": _("办结"), "close": _("关闭"), "reopen": _("重新打开"), "extend": _("延期"),
        "reply": _("回复"), "request_reveal": _("申请查看联系方式"),
    }
    return str(labels.get(action, action))


# The audit trail's stored actions in words (it listed "case_submitted", "reporter" and the
# like to a clerk); the buttons' actions are named as their buttons are.
def _audit_action(action: str) -> str:
    labels = {
        "submitted": _("提交"), "viewed": _("查看案件"), "replied": _("回复"),
        "deadline_extended": _("延期"), "reveal_requested": _("申请查看联系方式"),
        "reveal_approved": _("批准查看联系方式"), "reveal_denied": _("驳回查看联系方式"),
        "contact_revealed": _("查看联系方式"), "attachment_opened": _("打开附件"),
        "duplicates_linked": _("关联疑似重复"), "reporter_flagged": _("标记疑似职业索赔"),
        "flag_reviewed": _("审查标记"), "reporter_message": _("补充说明"),
    }
    return str(labels.get(action) or _action_label(action))


def _audit_actor(actor: str, kind: str, staff_name: str = "") -> str:
    """Who, as the desk says it: the complainant or tipster (with their pseudonym), the
    system, or the staff member by name and user name."""
    who, _sep, name = actor.partition(":")
    if who == "reporter":
        person = _("投诉人") if kind == "complaint" else _("举报人")
        return f"{person} {name}".strip()
    if who == "system":
        return str(_("系统"))
    if who == "staff" and name:
        return f"{staff_name} ({name})" if staff_name and staff_name != name else name
    return actor
