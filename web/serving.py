"""The app as gunicorn serves it: built, warmed and frozen before the workers fork."""

from __future__ import annotations

import gc

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from intake.settings import load_settings
from web.app import create_app


def warm() -> None:
    """Build the router, the FAQ index and jieba's dictionary now, once.

    With ``gunicorn --preload`` every worker inherits them instead of making its first
    citizen wait while it builds its own.
    """
    from intake.routing.router import default_router
    from knowledge.faq import default_base
    from knowledge.text import tokenizer

    default_router()
    default_base()
    tokenizer()


def freeze_long_lived() -> None:
    """Keep the garbage collector's full passes off what lives as long as the process.

    The router, the FAQ index and jieba's dictionary are some 335,000 objects: each full
    collection walked them all, 0.1–0.3 s holding the GIL, and on SQLite sometimes while
    the thread held the write turn, so every submission of every worker waited. Frozen,
    they are skipped (and the forked workers share their pages instead of copying them).
    """
    gc.collect()
    gc.freeze()


def production_app(**overrides: object) -> Flask:
    """The app from the environment's settings, warmed and frozen (``overrides`` as in
    :func:`web.app.create_app`: the web benchmark turns rate limits off)."""
    settings = load_settings()
    app = create_app(settings, **{"FOODSAFE_LINK_IN_BACKGROUND": True, **overrides})
    warm()
    freeze_long_lived()
    # Behind N reverse proxies, set FOODSAFE_PROXY_HOPS=N so rate limits and the receipt
    # throttle key on the client (X-Forwarded-For) instead of the proxy. Never set it
    # without a proxy: clients could then choose their own key.
    if settings.proxy_hops:
        hops = settings.proxy_hops
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
    return app
