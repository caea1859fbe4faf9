"""The WSGI app the load script serves with gunicorn: production's app, limits opened up.

Every load client comes from 127.0.0.1, so the per-client rate limits (which are what a
real deployment wants) would turn the load test into a rate-limit test. Everything else
is ``web.wsgi`` unchanged. The router is built here, before gunicorn forks (``--preload``),
so every worker shares it instead of each building its own.
"""

from intake.routing.router import default_router
from intake.settings import load_settings
from web.app import create_app

OPEN = "1000000 per minute"

app = create_app(
    load_settings(),
    FOODSAFE_SUBMIT_LIMIT=OPEN,
    FOODSAFE_RECEIPT_LIMIT=OPEN,
    FOODSAFE_API_LIMIT=OPEN,
    FOODSAFE_CHAT_LIMIT=OPEN,
)
default_router()
