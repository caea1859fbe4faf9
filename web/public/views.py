"""Public pages: filing a complaint or a tip, the receipt, and the status by receipt.

The reporter forms use cookie-less CSRF tokens, so none of these pages sets a cookie; the
receipt is rendered in the response to the POST itself (never put in a URL, a session or a
redirect) and cannot be shown again.
"""

from __future__ import annotations

from typing import Any

from flask import (
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from intake import service
from intake.deadlines import load_policy
from intake.drafts import CaseDraft, ContactDetails, NewAttachment
from intake.errors import AlreadyFiled, AttachmentRejected, ContactRequired, IntakeError
from web.clients import client_hash
from web.errors import domain_message, status_for
from web.extensions import csrf_exempt, limiter
from web.i18n import LANG_COOKIE, LOCALES
from web.public import blueprint
from web.public.forms import ComplaintForm, ReceiptForm, ReplyForm, ReportForm, TipForm
from web.runtime import settings, unit_of_work


def _submit_limit() -> str:
    return str(current_app.config["FOODSAFE_SUBMIT_LIMIT"])


def _receipt_limit() -> str:
    return str(current_app.config["FOODSAFE_RECEIPT_LIMIT"])


@blueprint.get("/")
def home() -> ResponseReturnValue:
    return render_template("public/home.html")


@blueprint.get("/healthz")
@limiter.exempt
def healthz() -> ResponseReturnValue:
    """A trivial endpoint: the load balancer's probe and the benchmark's baseline."""
    return {"ok": True}


@blueprint.get("/lang/<code>")
def set_language(code: str) -> ResponseReturnValue:
    if code not in LOCALES:
        abort(404)
    target = request.args.get("next", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    response = redirect(target)
    response.set_cookie(
        LANG_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def uploaded_files(files: list[FileStorage] | None) -> list[NewAttachment]:
    """The chosen files as the domain takes them; it judges each by content (named errors)."""
    # The reporter's file name is not passed on: it can name a person or a place.
    chosen = [f for f in files or [] if f and f.filename]
    return [NewAttachment("upload", f.mimetype or "", f.read()) for f in chosen]


def _contact(form: ReportForm) -> ContactDetails | None:
    name, phone, email = (
        (form.name.data or "").strip(), (form.phone.data or "").strip(),
        (form.email.data or "").strip(),
    )
    if not (name or phone or email):
        return None
    return ContactDetails(name=name or None, phone=phone or None, email=email or None)


def _draft(form: ReportForm, kind: str, attachments: list[NewAttachment]) -> CaseDraft:
    # The page's own token files it once (intake.filed_once).
    return CaseDraft(
        kind=kind,
        channel="web",
        text=form.text.data or "",
        business_name=(form.business_name.data or "").strip() or None,
        place=(form.place.data or "").strip() or None,
        occurred_on=form.occurred_on.data,
        occurred_text=(form.occurred_text.data or "").strip() or None,
        contact=_contact(form),
        wants_reward=bool(getattr(form, "wants_reward", None) and form.wants_reward.data),
        attachments=attachments,
        page=str(form.csrf_token.data),
    )


def _at_the_file_box(
    form: ReportForm | ReplyForm, error: IntakeError | None, message: str | None
) -> str | None:
    """A refused file is said at the file box, where the files are chosen again ("a file
    that is not a photo" stood at the top, the box a screen below unmarked): None is then
    left for the top of the page; any other error's ``message`` stays there."""
    if not isinstance(error, AttachmentRejected):
        return message
    form.attachments.errors = [*form.attachments.errors, message]
    return None


def _file_case(form: ReportForm, kind: str, template: str) -> ResponseReturnValue:
    # A browser cannot be handed chosen files back: a form shown again says to choose them anew.
    reselect = form.is_submitted() and any(f and f.filename for f in form.attachments.data or [])
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(template, form=form, reselect=reselect), status
    if form.website.data:
        # A bot filled the honeypot: nothing is stored and nothing tells it why.
        return render_template(template, form=form, error=None, refused=True), 400
    try:
        attachments = uploaded_files(form.attachments.data)
        draft = _draft(form, kind, attachments)
        with unit_of_work() as session:
            submission = service.submit_case(
                session, settings=settings(), draft=draft, reporter=None
            )
    except AlreadyFiled:
        # This page was filed already: the back button and "submit" again (the browser
        # keeps what was typed), a reload re-posting it, a second tap. A second case with a
        # second receipt is not what they meant; the page that says so is.
        return redirect(url_for(f"public.{kind}_sent", again=1), 303)
    except IntakeError as error:
        message: str | None = domain_message(error)
        if isinstance(error, ContactRequired):
            # The phone box says it too: the message stood at the top, the boxes a screen
            # further down, none of them marked.
            form.phone.errors = [*form.phone.errors, _("请至少留下电话或电子邮箱中的一项。")]
        else:
            message = _at_the_file_box(form, error, message)
        return render_template(
            template, form=form, error=message, reselect=reselect
        ), status_for(error)
    # A tip that kept a way to reach its writer is a real-name tip: the receipt says so.
    real_name = kind == "tip" and draft.contact is not None and draft.contact.reachable
    # The page's script swaps this history entry for the GET page below, so a reload or
    # back/forward asks for that page and never posts the form (a second case) again.
    return render_template(
        "public/receipt.html", submission=submission, kind=kind, real_name=real_name,
        after_url=url_for(f"public.{kind}_sent"),
    )


@blueprint.route("/complaint", methods=["GET", "POST"])
@csrf_exempt
@limiter.limit(_submit_limit, methods=["POST"])
def complaint() -> ResponseReturnValue:
    return _file_case(ComplaintForm(), "complaint", "public/complaint.html")


@blueprint.route("/tip", methods=["GET", "POST"])
@csrf_exempt
@limiter.limit(_submit_limit, methods=["POST"])
def tip() -> ResponseReturnValue:
    return _file_case(TipForm(), "tip", "public/tip.html")


# Where a receipt page stands in the browser's history once shown: the receipt itself is
# never shown again (it lives only in the POST's answer), so a reload lands here.
@blueprint.get("/complaint/sent")
def complaint_sent() -> ResponseReturnValue:
    return _sent_page("complaint")


@blueprint.get("/tip/sent")
def tip_sent() -> ResponseReturnValue:
    return _sent_page("tip")


def _sent_page(kind: str) -> ResponseReturnValue:
    # ``again``: a filed page was sent a second time and nothing new was filed.
    return render_template("public/sent.html", kind=kind, again="again" in request.args)


def _status_page(
    view: Any, receipt: str, reply: ReplyForm | None = None, **extra: Any
) -> ResponseReturnValue:
    reply = reply or ReplyForm(formdata=None, receipt=receipt)
    # What the deadline is for, as the policy says it: a bare date told the reporter nothing.
    limit = load_policy(settings().deadlines_file).limits.get(view.due_limit or "")
    return render_template("public/status.html", case=view, reply=reply, limit=limit, **extra)


def _lookup_page(form: ReceiptForm, error: str | None = None) -> str:
    """The receipt box, saying how many wrong receipts a day the domain lets through."""
    return render_template("public/lookup.html", form=form, error=error,
                           allowed=settings().receipt_lookups_per_day)


@blueprint.route("/status", methods=["GET", "POST"])
@csrf_exempt
@limiter.limit(_receipt_limit, methods=["POST"])
def status() -> ResponseReturnValue:
    form = ReceiptForm()
    if not form.validate_on_submit():
        return _lookup_page(form), 400 if form.is_submitted() else 200
    receipt = form.receipt.data or ""
    try:
        with unit_of_work() as session:
            view = service.find_case_by_receipt(
                session, settings=settings(), receipt=receipt, client_key=client_hash()
            )
    except IntakeError as error:
        return _lookup_page(form, error=domain_message(error)), status_for(error)
    return _status_page(view, receipt)


@blueprint.post("/status/reply")
@csrf_exempt
@limiter.limit(_receipt_limit)
def reply() -> ResponseReturnValue:
    form = ReplyForm()
    if not form.validate_on_submit():
        if form.is_submitted() and set(form.errors) == {"text"}:
            # Only the message is missing or too long: back to the person's own case page,
            # the field saying what to do, not to the receipt box (they would have to type
            # the receipt again, with no word of why).
            return _back_to_case(form.receipt.data or "", 400, reply=form)
        return _lookup_page(ReceiptForm(formdata=None)), 400
    receipt = form.receipt.data or ""
    try:
        attachments = uploaded_files(form.attachments.data)
        with unit_of_work() as session:
            view = service.add_reporter_message(
                session, settings=settings(), receipt=receipt, text=form.text.data or "",
                attachments=attachments, client_key=client_hash(),
                page=str(form.csrf_token.data),
            )
    except AlreadyFiled:
        # The same reply sent again (back and "send", a reload re-posting it, a second
        # tap): the thread holds it once. The case page says it was sent already.
        return _back_to_case(receipt, 200, sent_again=True)
    except IntakeError as error:
        # What they wrote stays in the box to be mended (a receipt in it, say).
        return _back_to_case(receipt, status_for(error), error=error, reply=form)
    return _status_page(view, receipt, sent=True)


def _back_to_case(
    receipt: str, status: int, *, error: IntakeError | None = None,
    reply: ReplyForm | None = None, sent_again: bool = False,
) -> ResponseReturnValue:
    """The person's case page again with what went wrong (the receipt box if it cannot be read)."""
    try:
        with unit_of_work() as session:
            view = service.find_case_by_receipt(
                session, settings=settings(), receipt=receipt, client_key=client_hash()
            )
    except IntakeError as lookup_error:
        shown = error or lookup_error
        form = ReceiptForm(formdata=None)
        return _lookup_page(form, error=domain_message(shown)), status_for(shown)
    message = domain_message(error) if error else None
    if reply is not None:
        message = _at_the_file_box(reply, error, message)
    response = make_response(_status_page(view, receipt, reply=reply, error=message,
                                          sent_again=sent_again))
    response.status_code = status
    return response
