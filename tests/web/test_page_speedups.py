"""What the request path was made cheaper by draws the same pages (docs/web.md, Speed)."""

from __future__ import annotations

import pytest
from flask import Flask, render_template_string, url_for
from flask_babel import lazy_gettext
from markupsafe import Markup, escape
from wtforms.widgets import core

from web.widgets import WTFORMS_HTML_PARAMS, html_params

ATTRIBUTES = [
    {},
    {"name": "text", "id": "text", "class_": "wide"},
    {"value": 'a "quoted" <b>&</b> \'x\'', "placeholder": Markup('say "hi" <i>now</i>')},
    {"checked": True, "readonly": False, "required": True, "name": "x"},
    {"data_max_bytes": 10485760, "aria_describedby": "a-hint a-count", "data_x_y_z": "1"},
    {"rows": 4, "maxlength": 2000, "for_": "receipt", "value": ""},
    {"value": lazy_gettext("电话"), "title": None, "step": 0.5},
    {"accept": "image/jpeg,image/png,application/pdf", "multiple": True, "type": "file"},
]


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_the_attributes_are_written_as_wtforms_writes_them(
    app: Flask, attributes: dict[str, object]
) -> None:
    with app.test_request_context("/?lang=en"):
        ours, theirs = html_params(**attributes), WTFORMS_HTML_PARAMS(**attributes)
    assert ours == theirs and isinstance(ours, Markup)


def test_every_widget_writes_its_attributes_through_the_faster_function(app: Flask) -> None:
    # Inputs call their class's, text areas and selects the module's.
    assert core.html_params is html_params and core.Input.html_params is html_params


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
