"""Staff login: argon2 password (intake.staff), then a TOTP code (pyotp), then a session
that ends after 30 idle minutes. Login attempts are rate limited per client and per name.

Who may do what is not decided here: :func:`staff_required` only makes sure somebody is
logged in, and every case action asks the domain (intake.authz), whose NotAllowed the
error handler turns into 403.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import (
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from intake import staff as staff_domain
from intake.errors import AuthenticationFailed
from intake.models import StaffUser
from intake.staff_sessions import load_actor, pass_second_factor
from web.clients import limit_key
from web.errors import domain_message
from web.extensions import limiter
from web.runtime import settings, unit_of_work
from web.security import STAFF_SESSION_MINUTES
from web.staff import blueprint
from web.staff.forms import LoginForm, TotpForm

PENDING_SECONDS = 300
# A code is valid for its 30 s step and one step either side (valid_window=1).
TOTP_REPLAY_SECONDS = 120
F = TypeVar("F", bound=Callable[..., ResponseReturnValue])


def _login_limit() -> str:
    return str(current_app.config["FOODSAFE_LOGIN_LIMIT"])


def _username_key() -> str:
    """Rate-limit key for the account being tried, so one name cannot be sprayed from many IPs."""
    name = (request.form.get("username") or "").strip().lower()
    return limit_key("login-user:" + hashlib.sha256(name.encode()).hexdigest()[:24])


def _pending_key() -> str:
    return limit_key("totp:" + str(session.get("pending_staff_id", "none")))


def first_use_of_code(user_id: int, code: str) -> bool:
    """True the first time a valid code is used: a code seen over someone's shoulder (or
    replayed from a proxy log) cannot log in a second time while it is still valid. Kept in
    the rate-limit storage, so instances sharing Redis share it."""
    if not limiter.enabled:
        return True  # no storage without limits (benchmarks only)
    key = limit_key(f"totp-used:{user_id}:{code}")
    return int(limiter.storage.incr(key, TOTP_REPLAY_SECONDS)) == 1


def current_actor(db: Session) -> StaffUser:
    """The logged-in staff user, loaded into ``db`` (the session of the current action)."""
    return load_actor(db, staff_id=g.staff_id)


def staff_required(view: F) -> F:
    """Only a logged-in staff member (password and TOTP) gets past; others go to login."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if "staff_id" not in session:
            return redirect(url_for("staff.login"))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


@blueprint.before_request
def enforce_idle_timeout() -> ResponseReturnValue | None:
    staff_id = session.get("staff_id")
    if staff_id is None:
        return None
    now = time.time()
    if now - float(session.get("seen", 0)) > STAFF_SESSION_MINUTES * 60:
        session.clear()
        flash(_("长时间未操作，已自动退出，请重新登录。"), "error")
        return redirect(url_for("staff.login"))
    session["seen"] = now
    g.staff_id = staff_id
    g.staff_name = session.get("staff_name")
    g.staff_role = session.get("staff_role")
    return None


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_username_key)
def login() -> ResponseReturnValue:
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("staff/login.html", form=form), 400 if form.is_submitted() else 200
    try:
        with unit_of_work() as db:
            user = staff_domain.authenticate(
                db, username=form.username.data or "", password=form.password.data or ""
            )
            user_id = user.id
    except AuthenticationFailed as error:
        form.password.errors = [domain_message(error)]
        return render_template("staff/login.html", form=form), 401
    session.clear()
    session["pending_staff_id"] = user_id
    session["pending_at"] = time.time()
    return redirect(url_for("staff.second_factor"))


@blueprint.route("/2fa", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit("5 per 5 minutes", methods=["POST"], key_func=_pending_key)
def second_factor() -> ResponseReturnValue:
    pending = session.get("pending_staff_id")
    if pending is None or time.time() - float(session.get("pending_at", 0)) > PENDING_SECONDS:
        session.clear()
        return redirect(url_for("staff.login"))
    form = TotpForm()
    if not form.validate_on_submit():
        return render_template("staff/totp.html", form=form), 400 if form.is_submitted() else 200
    code = (form.code.data or "").strip()
    identity = None
    try:
        with unit_of_work() as db:
            user = pass_second_factor(db, settings=settings(), staff_id=pending, code=code)
            if first_use_of_code(user.id, code):
                identity = (user.id, user.display_name, user.role, user.bureau)
    except AuthenticationFailed:
        identity = None
    if identity is None:
        form.code.errors = [_("验证码不正确或已过期。")]
        return render_template("staff/totp.html", form=form), 401
    session.clear()
    session.permanent = True
    session["staff_id"], session["staff_name"], session["staff_role"], session["staff_bureau"] = (
        identity
    )
    session["seen"] = time.time()
    return redirect(url_for("staff.queue"))


@blueprint.post("/logout")
def logout() -> ResponseReturnValue:
    session.clear()
    return redirect(url_for("staff.login"))
