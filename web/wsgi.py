"""The WSGI entry point for production: ``gunicorn web.wsgi:app``.

Settings come from the environment (FOODSAFE_*); start-up fails fast when a secret is
missing. Several gunicorn instances may serve one database: the web keeps no state in the
process (sessions are signed cookies, rate limits go to Redis when FOODSAFE_REDIS_URL is set).
"""

from werkzeug.middleware.proxy_fix import ProxyFix

from intake.settings import load_settings
from web.app import create_app

settings = load_settings()
app = create_app(settings)


def _warm() -> None:
    """Build the router and the FAQ index now: with ``gunicorn --preload`` every worker
    inherits them instead of making its first citizen wait while it builds its own."""
    from intake.routing.router import default_router
    from knowledge.faq import default_base

    default_router()
    default_base()


_warm()
# Behind N reverse proxies, set FOODSAFE_PROXY_HOPS=N so rate limits and the receipt throttle
# key on the client (X-Forwarded-For) instead of the proxy. Never set it without a proxy:
# clients could then choose their own key.
if settings.proxy_hops:
    hops = settings.proxy_hops
    app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
        app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
    )
