"""Administration."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from web.staff import blueprint
from web.staff.auth import staff_required


@blueprint.get("/accounts")
@staff_required
def accounts() -> ResponseReturnValue:
    return render_template("staff/queue.html", rows=[], counts={})


@blueprint.get("/reveals")
@staff_required
def reveal_requests() -> ResponseReturnValue:
    return render_template("staff/queue.html", rows=[], counts={})
