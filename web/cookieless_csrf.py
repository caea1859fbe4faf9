"""CSRF for reporter-facing forms without a cookie.

Flask-WTF's default token lives in the session cookie; the tip form promises to set no
cookie at all, so reporter forms use this token instead: an HMAC of its issue time under
the session key, valid for a few hours, plus a same-origin check (Sec-Fetch-Site / Origin)
that is what actually stops a cross-site post. The form carries everything; the server
keeps nothing and the browser stores nothing.

Each rendered form's token is its own (a random part beside the time), so a report form
or a reply files once per page: the views pass the token to the domain, which keeps its
digest in the row it filed (:mod:`intake.filed_once`) and refuses the same page again (the
back button and "submit" again, a reload re-posting it, a double tap).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, request
from flask_wtf import FlaskForm
from wtforms.csrf.core import CSRF
from wtforms.validators import ValidationError

TOKEN_HOURS = 6
_LABEL = b"foodsafe cookieless csrf v1|"


def _sign(issued: str, secret: bytes | None = None) -> str:
    key: bytes = secret or current_app.config["SECRET_KEY"]
    return hmac.new(key, _LABEL + issued.encode(), hashlib.sha256).hexdigest()


def new_token(secret: bytes | None = None) -> str:
    """A page's token under ``secret`` (the app's session key by default).

    The time, then a random part: two pages drawn in the same second differ. ``bench/web.py``
    draws its complaints' pages here, as a browser would get them from the form.
    """
    issued = f"{int(time.time())}-{secrets.token_hex(8)}"
    return f"{issued}.{_sign(issued, secret)}"


def same_origin() -> bool:
    """False when the browser says the post comes from another site.

    Browsers send Sec-Fetch-Site, which is decisive. Under our ``no-referrer`` policy the
    Origin of a same-origin form post is ``null``, so Origin is only compared when it is a
    real origin (older browsers, scripts).
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return True
    return urlsplit(origin).netloc == request.host


class SignedTimeCSRF(CSRF):  # type: ignore[misc]
    def generate_csrf_token(self, csrf_token_field: Any) -> str:
        return new_token()

    def validate_csrf_token(self, form: Any, field: Any) -> None:
        issued, _, signature = str(field.data or "").partition(".")
        # A page drawn before the random part was added carries the time alone.
        seconds = issued.partition("-")[0]
        if not seconds.isdigit() or not hmac.compare_digest(signature, _sign(issued)):
            raise ValidationError("invalid form token")
        if time.time() - int(seconds) > TOKEN_HOURS * 3600:
            raise ValidationError("form token expired")
        if not same_origin():
            raise ValidationError("cross-site form post")


class CookielessForm(FlaskForm):  # type: ignore[misc]
    """A FlaskForm whose CSRF token needs no session (so rendering it sets no cookie)."""

    class Meta:
        csrf_class = SignedTimeCSRF
