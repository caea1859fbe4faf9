"""Statistics."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from web.staff import blueprint
from web.staff.auth import staff_required


@blueprint.get("/statistics")
@staff_required
def statistics() -> ResponseReturnValue:
    return render_template("staff/queue.html", rows=[], counts={})
