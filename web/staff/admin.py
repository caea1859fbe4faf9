"""Administration of staff accounts and roles (administrators only).

Who may administer, which roles the desk may grant and every audit event are the domain's
(``intake.staff_admin``); this module turns forms into its calls. The new account's TOTP
secret is shown once, as a QR code, for the person's authenticator app.
"""

from __future__ import annotations

import base64
import io

import qrcode
from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from intake import authz, staff_admin
from web.runtime import settings, unit_of_work
from web.staff import blueprint
from web.staff.auth import current_actor, staff_required
from web.staff.forms import ROLE_LABELS, AccountChangeForm, StaffAccountForm, localise_choices


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@blueprint.get("/accounts")
@staff_required
def accounts() -> ResponseReturnValue:
    with unit_of_work() as db:
        accounts = staff_admin.list_staff_accounts(db, actor=current_actor(db))
    return _accounts_page(accounts, StaffAccountForm())


def _accounts_page(
    accounts: list[staff_admin.StaffAccount], form: StaffAccountForm, status: int = 200
) -> ResponseReturnValue:
    rows = [(a.id, a.username, a.display_name, a.bureau, a.role, a.active) for a in accounts]
    return render_template(
        "staff/accounts.html", rows=rows, form=localise_choices(form),
        change=localise_choices(AccountChangeForm(formdata=None)), role_labels=ROLE_LABELS,
        reserved_role=staff_admin.RESERVED_ROLE,
    ), status


@blueprint.post("/accounts")
@staff_required
def create_account() -> ResponseReturnValue:
    form = StaffAccountForm()
    with unit_of_work() as db:
        actor = current_actor(db)
        # A stranger to administration hears "not allowed" before anything about the form.
        authz.ensure_administers_staff(actor)
        if not form.validate_on_submit():
            # The page again with what to mend (a short password, a missing name), not a bare
            # "request malformed" that lost everything typed.
            accounts = staff_admin.list_staff_accounts(db, actor=actor)
            return _accounts_page(accounts, form, 400)
        enrolment = staff_admin.create_staff_account(
            db, settings=settings(), actor=actor, username=form.username.data or "",
            password=form.password.data or "", bureau=form.bureau.data or "",
            role=form.role.data or "", display_name=form.display_name.data or "",
        )
    return render_template("staff/enrol.html", username=enrolment.username,
                           uri=enrolment.totp_uri, qr=_qr_data_uri(enrolment.totp_uri))


@blueprint.post("/accounts/<int:user_id>")
@staff_required
def change_account(user_id: int) -> ResponseReturnValue:
    form = AccountChangeForm()
    if not form.validate_on_submit():
        abort(400)
    active = {"1": True, "0": False}.get(form.active.data or "")
    with unit_of_work() as db:
        staff_admin.change_staff_account(
            db, actor=current_actor(db), user_id=user_id, role=form.role.data or None,
            bureau=form.bureau.data or None, active=active,
        )
    flash(_("账号已更新。"), "ok")
    return redirect(url_for("staff.accounts"), code=303)
