"""The Open311 GeoReport v2 API (JSON and XML) and its OpenAPI description."""

from flask import Blueprint

blueprint = Blueprint("api", __name__)

from web.api import open311, openapi  # noqa: E402, F401 - routes register on import
