"""The queue of the bureau's cases (every case for the coordinator), filtered and sorted."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from web.staff import blueprint
from web.staff.auth import staff_required


@blueprint.get("/")
@staff_required
def queue() -> ResponseReturnValue:
    return render_template("staff/queue.html", rows=[], counts={})
