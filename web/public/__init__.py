"""The public site: complaint and tip forms, status by receipt, the knowledge base."""

from flask import Blueprint

blueprint = Blueprint("public", __name__)

from web.public import knowledge, views  # noqa: E402, F401 - routes register on import
