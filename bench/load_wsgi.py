"""The WSGI app the load script serves with gunicorn: production's app, limits opened up.

Every load client comes from 127.0.0.1, so the per-client rate limits (which are what a
real deployment wants) would turn the load test into a rate-limit test. Everything else
is ``web.wsgi`` unchanged: built, warmed and frozen before gunicorn forks (``--preload``).
"""

from web.serving import production_app

OPEN = "1000000 per minute"

app = production_app(
    FOODSAFE_SUBMIT_LIMIT=OPEN,
    FOODSAFE_RECEIPT_LIMIT=OPEN,
    FOODSAFE_API_LIMIT=OPEN,
    FOODSAFE_CHAT_LIMIT=OPEN,
)
