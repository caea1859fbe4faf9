"""Response headers and cookie settings that every page gets.

The Content-Security-Policy allows no inline script or style and no other origin: every
script, stylesheet, font and chart is served by this app (no CDN), so a stored script
could not run even if it slipped past autoescaping.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, Response, abort, current_app, request
from werkzeug.datastructures import MultiDict

from intake.settings import Settings

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

STAFF_SESSION_MINUTES = 30


def configure_cookies(app: Flask, settings: Settings) -> None:
    """Session cookies: signed with the session key, HttpOnly, SameSite, Secure over HTTPS."""
    secure = settings.production or settings.base_url.startswith("https://")
    app.config.update(
        SECRET_KEY=settings.keys.session_key,
        SESSION_COOKIE_NAME="__Host-session" if secure else "session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=STAFF_SESSION_MINUTES),
        SESSION_REFRESH_EACH_REQUEST=True,
        PREFERRED_URL_SCHEME="https" if secure else "http",
    )


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if response.mimetype == "text/html":
        # Pages may show a receipt or a case: never keep them in a shared cache.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _holds_nul(values: MultiDict[str, str]) -> bool:
    return any("\x00" in value for listed in values.listvalues() for value in listed)


def refuse_nul_bytes() -> None:
    """400 for a NUL character anywhere in the path, query or form.

    No person types one, and PostgreSQL cannot store one in text: let through, it turns a
    submission or a lookup into a 500 on PostgreSQL while SQLite would store it.
    """
    if "\x00" in request.path or _holds_nul(request.args):
        abort(400)
    if request.method in ("POST", "PUT", "PATCH") and (
        _holds_nul(request.form)
        or (request.is_json and "\\u0000" in request.get_data(as_text=True))
    ):
        abort(400)


def install(app: Flask, settings: Settings) -> None:
    configure_cookies(app, settings)
    app.before_request(refuse_nul_bytes)
    app.after_request(add_security_headers)
