"""CSRF for reporter-facing forms without a cookie.

Flask-WTF's default token lives in the session cookie; the tip form promises to set no
cookie at all, so reporter forms use this token instead: an HMAC of its issue time under
the session key, valid for a few hours, plus a same-origin check (Sec-Fetch-Site / Origin)
that is what actually stops a cross-site post. The form carries everything; the server
keeps nothing and the browser stores nothing.

Each rendered form's token is its own (a random part beside the time), so a report form
can be filed once per page: :func:`spend` marks the token of a filed form in the rate-limit
storage, and :func:`spent` tells a second post of the same page (the back button and
"submit" again, a reload re-posting it) from a new one. Nothing but a hash of the token is
kept, for the token's lifetime.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, request
from flask_wtf import FlaskForm
from wtforms.csrf.core import CSRF
from wtforms.validators import ValidationError

from web.clients import limit_key
from web.extensions import limiter

log = logging.getLogger(__name__)

TOKEN_HOURS = 6
_LABEL = b"foodsafe cookieless csrf v1|"


def _sign(issued: str) -> str:
    secret: bytes = current_app.config["SECRET_KEY"]
    return hmac.new(secret, _LABEL + issued.encode(), hashlib.sha256).hexdigest()


def _spent_key(token: str) -> str:
    return limit_key("form-filed:" + hashlib.sha256(token.encode()).hexdigest()[:32])


def spent(token: str) -> bool:
    """True when a form with this token was already filed (:func:`spend`)."""
    if not limiter.enabled:
        return False  # no storage without limits (benchmarks only)
    try:
        return bool(limiter.storage.get(_spent_key(token)))
    except Exception:  # the storage down: file it (a possible second case beats none)
        log.warning("form-filed check unavailable")
        return False


def spend(token: str) -> None:
    """Mark the form carrying ``token`` as filed, for as long as the token is valid.

    Marked after the case is stored, not before: two posts of one page at the same instant
    (a double tap without script) then file twice, as before, instead of the second one
    hiding the first one's receipt for good.
    """
    if not limiter.enabled:
        return
    try:
        limiter.storage.incr(_spent_key(token), TOKEN_HOURS * 3600)
    except Exception:  # the case is stored: its receipt must still be shown
        log.warning("form-filed mark unavailable")


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
        # The time, then a random part: two pages drawn in the same second differ.
        issued = f"{int(time.time())}-{secrets.token_hex(8)}"
        return f"{issued}.{_sign(issued)}"

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
