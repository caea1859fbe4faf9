"""CSRF for reporter-facing forms without a cookie.

Flask-WTF's default token lives in the session cookie; the tip form promises to set no
cookie at all, so reporter forms use this token instead: an HMAC of its issue time under
the session key, valid for a few hours, plus a same-origin check (Sec-Fetch-Site / Origin)
that is what actually stops a cross-site post. The form carries everything; the server
keeps nothing and the browser stores nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, request
from flask_wtf import FlaskForm
from wtforms.csrf.core import CSRF
from wtforms.validators import ValidationError

TOKEN_HOURS = 6
_LABEL = b"foodsafe cookieless csrf v1|"


def _sign(issued: str) -> str:
    secret: bytes = current_app.config["SECRET_KEY"]
    return hmac.new(secret, _LABEL + issued.encode(), hashlib.sha256).hexdigest()


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
        issued = str(int(time.time()))
        return f"{issued}.{_sign(issued)}"

    def validate_csrf_token(self, form: Any, field: Any) -> None:
        issued, _, signature = str(field.data or "").partition(".")
        if not issued.isdigit() or not hmac.compare_digest(signature, _sign(issued)):
            raise ValidationError("invalid form token")
        if time.time() - int(issued) > TOKEN_HOURS * 3600:
            raise ValidationError("form token expired")
        if not same_origin():
            raise ValidationError("cross-site form post")


class CookielessForm(FlaskForm):  # type: ignore[misc]
    """A FlaskForm whose CSRF token needs no session (so rendering it sets no cookie)."""

    class Meta:
        csrf_class = SignedTimeCSRF
