"""Web fixtures: settings → database → app → client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker
from web_factories import API_KEY, RELAXED_LIMITS

from intake.settings import Settings
from web.app import create_app


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
