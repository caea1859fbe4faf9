"""Administration of staff accounts and roles (administrators only).

Creating an account goes through ``intake.staff.create_staff`` (argon2 hash, sealed TOTP
secret); the new TOTP secret is shown once, as a QR code, for the person's authenticator
app. Role, bureau and active changes are audited.
"""

from __future__ import annotations

import base64
import io

import qrcode
from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import audit
from intake import staff as staff_domain
from intake.errors import NotAllowed
from intake.models import StaffUser
from web.runtime import settings, unit_of_work
from web.staff import blueprint
from web.staff.auth import current_actor, staff_required
from web.staff.forms import AccountChangeForm, StaffAccountForm

ADMIN_ROLE = "admin"
# The custodian alone approves revealing a reporter's contact. An administrator who could
# appoint one could approve their own request through a sock puppet, so custodian accounts
# are created on the server (``foodsafe create-staff``) and the desk never grants the role
# nor edits a custodian's account.
RESERVED_ROLE = "custodian"


def _admin(db: Session) -> StaffUser:
    # intake.authz has no staff-administration action yet; this is the one place that
    # asks, so moving it into the domain later changes this function only.
    actor = current_actor(db)
    if actor.role != ADMIN_ROLE:
        raise NotAllowed("staff administration is for administrators")
    return actor


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@blueprint.get("/accounts")
@staff_required
def accounts() -> ResponseReturnValue:
    with unit_of_work() as db:
        _admin(db)
        users = list(db.scalars(select(StaffUser).order_by(StaffUser.bureau, StaffUser.username)))
        rows = [(u.id, u.username, u.display_name, u.bureau, u.role, u.active) for u in users]
    return render_template("staff/accounts.html", rows=rows, form=StaffAccountForm(),
                           change=AccountChangeForm(formdata=None))


@blueprint.post("/accounts")
@staff_required
def create_account() -> ResponseReturnValue:
    form = StaffAccountForm()
    with unit_of_work() as db:
        actor = _admin(db)
        if not form.validate_on_submit():
            abort(400)
        if form.role.data == RESERVED_ROLE:
            raise NotAllowed("custodians are appointed on the server, not at the desk")
        user = staff_domain.create_staff(
            db, settings=settings(), username=form.username.data or "",
            password=form.password.data or "", bureau=form.bureau.data or "",
            role=form.role.data or "", display_name=form.display_name.data or "",
        )
        audit.record(db, action="staff_created", actor=audit.staff_actor(actor), staff=actor,
                     detail={"username": user.username, "bureau": user.bureau, "role": user.role})
        uri = staff_domain.totp_uri(settings(), user)
        username = user.username
    return render_template("staff/enrol.html", username=username, uri=uri,
                           qr=_qr_data_uri(uri))


@blueprint.post("/accounts/<int:user_id>")
@staff_required
def change_account(user_id: int) -> ResponseReturnValue:
    form = AccountChangeForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work() as db:
        actor = _admin(db)
        user = db.get(StaffUser, user_id)
        if user is None:
            abort(404)
        if user.id == actor.id:
            raise NotAllowed("administrators cannot change their own account here")
        if RESERVED_ROLE in (user.role, form.role.data):
            raise NotAllowed("custodians are appointed on the server, not at the desk")
        before = {"role": user.role, "bureau": user.bureau, "active": user.active}
        user.role = form.role.data or user.role
        user.bureau = form.bureau.data or user.bureau
        user.active = form.active.data == "1" if form.active.data in ("0", "1") else user.active
        audit.record(db, action="staff_changed", actor=audit.staff_actor(actor), staff=actor,
                     detail={"username": user.username, "before": before,
                             "after": {"role": user.role, "bureau": user.bureau,
                                       "active": user.active}})
    flash(_("账号已更新。"), "ok")
    return redirect(url_for("staff.accounts"), code=303)
