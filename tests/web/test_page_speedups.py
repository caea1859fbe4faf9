"""What the request path was made cheaper by draws the same pages (docs/web.md, Speed)."""

from __future__ import annotations

from flask import Flask, render_template_string, url_for
from markupsafe import escape


def test_urls_remembered_for_pages_are_those_flask_builds(app: Flask) -> None:
    template = (
        "{{ url_for('static', filename='css/site.css') }}|{{ url_for('public.status') }}|"
        "{{ url_for('public.set_language', code='en', next=here) }}|"
        "{{ url_for('public.status', _anchor='thread') }}|"
        "{{ url_for('public.status', _external=True) }}"
    )
    for script_root in ("", "/foodsafe", ""):
        for here in ("/status", "/kb/3?x=<a>", "/status"):
            base = f"https://example.org{script_root}/"
            with app.test_request_context("/status", base_url=base):
                drawn = render_template_string(template, here=here)
                built = [
                    url_for("static", filename="css/site.css"), url_for("public.status"),
                    url_for("public.set_language", code="en", next=here),
                    url_for("public.status", _anchor="thread"),
                    url_for("public.status", _external=True),
                ]
            assert drawn == "|".join(str(escape(url)) for url in built)
            assert built[0] == f"{script_root}/static/css/site.css"
            assert built[4] == f"https://example.org{script_root}/status"
