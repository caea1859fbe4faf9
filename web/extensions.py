"""The Flask extensions, created unbound here and bound to an app in :func:`web.app.create_app`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_babel import Babel
from flask_limiter import Limiter
from flask_wtf import CSRFProtect

from web.clients import client_key

csrf = CSRFProtect()
babel = Babel()
# One limiter object serves every app built in this process (Flask-Limiter keeps its
# storage on the extension); each create_app binds it afresh with that app's storage.
limiter = Limiter(client_key, headers_enabled=True)

F = TypeVar("F", bound=Callable[..., Any])


def csrf_exempt(view: F) -> F:
    """Exempt a view from the session-bound CSRF check (it uses a cookie-less token or a key)."""
    csrf.exempt(view)
    return view
