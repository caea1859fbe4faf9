"""Chained fixtures: keys → settings → database (SQLite and PostgreSQL) → session.

Every test that takes ``session`` (or ``engine``/``session_factory``) runs once per database
backend. SQLite always runs; PostgreSQL runs when ``FOODSAFE_TEST_POSTGRES_URL`` points at a
server, each test session in a database of its own so parallel runs never collide. Under
``CI=true`` a missing PostgreSQL or Redis server fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from intake.db import make_engine, make_session_factory
from intake.settings import Keys, Settings

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get("FOODSAFE_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("FOODSAFE_TEST_REDIS_URL")


def _unavailable(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true but is not available")
    pytest.skip(f"{what} not configured")


@pytest.fixture(scope="session")
def keys() -> Keys:
    return Keys.generate()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A freshly migrated, empty database for this test session, per backend."""
    from intake.migrate import upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        upgrade(url)
        yield url
        return
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("FOODSAFE_TEST_POSTGRES_URL must be set under CI=true")
        pytest.skip("PostgreSQL suite off (set FOODSAFE_TEST_POSTGRES_URL)")
    admin = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    name = f"foodsafe_test_{uuid.uuid4().hex[:12]}"
    admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with admin_engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except (DBAPIError, OSError) as exc:
        admin_engine.dispose()
        _unavailable(f"PostgreSQL at {admin.host}:{admin.port} ({type(exc).__name__})")
    url = admin.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture(scope="session")
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """A session factory on an empty database; every row is removed after the test."""
    from intake.db import Base

    yield make_session_factory(engine)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as sess:
        yield sess


@pytest.fixture
def settings(keys: Keys, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings for one test: fresh data dir; the test database when the test uses one."""
    database_url = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    if "db_url" in request.fixturenames:
        database_url = request.getfixturevalue("db_url")
    return replace(Settings(keys=keys), data_dir=tmp_path / "var", database_url=database_url)


@pytest.fixture
def redis_url() -> str:
    """A Redis URL for tests that need the real server."""
    if not REDIS_URL:
        _unavailable("Redis (FOODSAFE_TEST_REDIS_URL)")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        _unavailable(f"Redis at {REDIS_URL} ({type(exc).__name__})")
    finally:
        client.close()
    return str(REDIS_URL)
