"""The WSGI entry point for production: ``gunicorn --preload web.wsgi:app``.

Settings come from the environment (FOODSAFE_*); start-up fails fast when a secret is
missing. Several gunicorn instances may serve one database: the web keeps no state in the
process (sessions are signed cookies, rate limits go to Redis when FOODSAFE_REDIS_URL is set).
"""

from web.serving import production_app

app = production_app()
