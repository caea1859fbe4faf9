"""The staff desk: login with two factors, the queue, a case, statistics and administration."""

from flask import Blueprint

blueprint = Blueprint("staff", __name__)

from web.staff import admin, auth, cases, queue, stats  # noqa: E402, F401 - routes register
