"""``foodsafe serve``: the web app on the development server (``make run``).

Production runs gunicorn instead: ``gunicorn -w 4 -b 0.0.0.0:8000 web.wsgi:app`` (no
``--access-logfile``: an access log would record reporters' addresses).
"""

from __future__ import annotations

import click

from intake.settings import ConfigurationError, load_settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Flask debug mode (never in production).")
def serve(host: str, port: int, debug: bool) -> None:
    """Serve the public site, the staff desk and the Open311 API."""
    try:
        settings = load_settings()
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from exc
    from web.app import create_app

    app = create_app(settings, FOODSAFE_LINK_IN_BACKGROUND=True)
    click.echo(f"foodsafe web: http://{host}:{port}/  (staff desk: http://{host}:{port}/staff/)")
    app.run(host=host, port=port, debug=debug, use_reloader=False, threaded=True)
