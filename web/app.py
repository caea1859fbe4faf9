"""The web application factory: one Flask app per call, built from a typed Settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, has_request_context, request

from intake import duplicate_linker
from intake.bureaus import BUREAUS
from intake.clock import district_time
from intake.drafts import CHANNEL_LABELS
from intake.settings import Settings, load_settings
from intake.uploads import IMAGE_FORMATS
from web import errors, i18n, security
from web.extensions import babel, csrf, limiter
from web.runtime import EXTENSION_KEY, Runtime

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


# What the forms' file pickers offer: every type intake.uploads takes (the list was written
# out in two templates and had lost GIF, which the domain accepts).
UPLOAD_ACCEPT = ",".join([*sorted(set(IMAGE_FORMATS.values())), "application/pdf"])

def create_app(settings: Settings | None = None, **overrides: object) -> Flask:
    """A ready app for ``settings`` (default: from the environment).

    ``overrides`` go into ``app.config`` last (tests turn rate limits down or off here).
    """
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=errors.files_per_request(settings.max_upload_bytes) + 1024 * 1024,
        FOODSAFE_CLIENT_KEY=settings.keys.session_key,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        BABEL_DEFAULT_LOCALE=i18n.DEFAULT_LOCALE,
        BABEL_TRANSLATION_DIRECTORIES=str(TRANSLATIONS),
        # Explicit, because the shared Limiter would otherwise keep an earlier app's choice.
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=settings.redis_url or "memory://",
        FOODSAFE_LIMIT_NAMESPACE="foodsafe-web",
        RATELIMIT_HEADERS_ENABLED=True,
        FOODSAFE_RECEIPT_LIMIT="20 per minute;200 per day",
        FOODSAFE_SUBMIT_LIMIT="10 per minute;100 per day",
        FOODSAFE_LOGIN_LIMIT="10 per minute;50 per hour",
        FOODSAFE_CHAT_LIMIT="60 per minute",
        FOODSAFE_API_LIMIT="120 per minute",
        JSON_AS_ASCII=False,
        # Servers search new cases for duplicates in a thread of each process, after the
        # receipt; off, each submission's commit searches at once (tests, one-off apps).
        FOODSAFE_LINK_IN_BACKGROUND=False,
    )
    app.config.update(overrides)
    runtime = app.extensions[EXTENSION_KEY] = Runtime.start(settings)
    if app.config["FOODSAFE_LINK_IN_BACKGROUND"]:
        duplicate_linker.start_background(runtime.engine)

    security.install(app, settings)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.cache_template_translations(app)
    limiter.init_app(app)
    _quiet_access_log()

    from web.api import blueprint as api_blueprint
    from web.chat import blueprint as chat_blueprint
    from web.public import blueprint as public_blueprint
    from web.staff import blueprint as staff_blueprint

    app.register_blueprint(public_blueprint)
    app.register_blueprint(staff_blueprint, url_prefix="/staff")
    app.register_blueprint(api_blueprint, url_prefix="/open311/v2")
    app.register_blueprint(chat_blueprint, url_prefix="/chat")
    csrf.exempt(api_blueprint)  # API clients authenticate with an API key, not a cookie
    errors.install(app)
    app.jinja_env.globals.update(url_for=_remembered_url_for(app), pick=i18n.pick,
                                 locale=i18n.select_locale, bureaus=BUREAUS,
                                 language_next=i18n.language_next,
                                 channels=CHANNEL_LABELS, upload_accept=UPLOAD_ACCEPT,
                                 max_upload_bytes=settings.max_upload_bytes,
                                 max_upload_mb=errors.megabytes(settings.max_upload_bytes),
                                 max_files_bytes=errors.files_per_request(
                                     settings.max_upload_bytes),
                                 max_files_mb=errors.megabytes(
                                     errors.files_per_request(settings.max_upload_bytes)))
    app.jinja_env.filters.update(
        district_time=_district_time, listing=i18n.listing, bureau_name=i18n.bureau_name,
        rule_name=i18n.rule_name, text_lang=i18n.text_lang,
    )
    return app


def _remembered_url_for(app: Flask) -> Callable[..., str]:
    """``url_for`` for templates, remembering the relative URLs it built.

    Every page builds the same dozen (the stylesheet and script, the menu, the language
    switch) for every visitor, and Werkzeug built each anew. A relative URL depends on the
    endpoint, its values and the app's script root alone, so it is remembered by those;
    anything else (an external URL, an anchor, a method or scheme, an endpoint relative to
    the blueprint, URL defaults, host or server-name matching, no request) is built as
    before. The least recently used go first, so the values a request chooses (the
    language switch's way back) cannot crowd out the pages' own.
    """
    build = app.url_for

    @lru_cache(maxsize=1024)
    def remembered(script_root: str, endpoint: str, values: tuple[tuple[str, Any], ...]) -> str:
        return build(endpoint, **dict(values))

    def url_for(endpoint: str, **values: Any) -> str:
        if (endpoint.startswith(".") or app.url_default_functions or app.url_map.host_matching
                or app.config["SERVER_NAME"] or not has_request_context()
                or any(name.startswith("_") for name in values)):
            return build(endpoint, **values)
        try:
            return remembered(request.script_root, endpoint, tuple(sorted(values.items())))
        except TypeError:  # a value that cannot be a key (a list, say)
            return build(endpoint, **values)

    return url_for


def _district_time(moment: datetime, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored (UTC) time as people in the district read it, for every page."""
    return district_time(moment).strftime(pattern)


def _quiet_access_log() -> None:
    # Werkzeug's access log starts each line with the client address; a tipster's IP
    # must not reach a log file, so the development server logs warnings only.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
