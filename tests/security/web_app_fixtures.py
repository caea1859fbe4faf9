"""The web fixtures of tests/web, shared with the security and fault suites.

tests/web's conftest is not visible from sibling directories, so its app fixtures are
restated here on the same chain (settings → database → app → client) and imported by the
conftests of tests/security and tests/faults.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

WEB_TESTS = Path(__file__).resolve().parent.parent / "web"
if str(WEB_TESTS) not in sys.path:
    sys.path.insert(0, str(WEB_TESTS))

from flask import Flask  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402
from web_factories import API_KEY, RELAXED_LIMITS  # noqa: E402

from intake.settings import Settings  # noqa: E402
from web.app import create_app  # noqa: E402


@pytest.fixture
def web_settings(settings: Settings, session_factory: sessionmaker[Session]) -> Settings:
    return replace(settings, open311_api_keys=(API_KEY,))


@pytest.fixture
def app(web_settings: Settings) -> Iterator[Flask]:
    application = create_app(web_settings, **RELAXED_LIMITS)
    yield application
    application.extensions["foodsafe"].engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
