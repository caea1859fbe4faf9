"""Migrations under test: the head matches the models; every migration runs up and down."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

import intake.models  # noqa: F401 - every table on the metadata
from intake.db import Base, make_engine
from intake.migrate import alembic_config, downgrade, upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database of this test's own, with no tables."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    server = os.environ.get("FOODSAFE_TEST_POSTGRES_URL")
    if not server:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("FOODSAFE_TEST_POSTGRES_URL must be set under CI=true")
        pytest.skip("PostgreSQL suite off (set FOODSAFE_TEST_POSTGRES_URL)")
    admin_url = make_url(server).set(drivername="postgresql+psycopg")
    name = f"foodsafe_migr_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _differences(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_the_migration_head_matches_the_models(empty_url):
    upgrade(empty_url)
    assert _differences(empty_url) == []
    assert _tables(empty_url) == set(Base.metadata.tables)


def test_there_is_one_linear_chain(empty_url):
    script = ScriptDirectory.from_config(alembic_config(empty_url))
    assert len(script.get_heads()) == 1
    assert all(len(rev._all_down_revisions) <= 1 for rev in script.walk_revisions())


def test_every_migration_upgrades_and_downgrades_one_step_at_a_time(empty_url):
    script = ScriptDirectory.from_config(alembic_config(empty_url))
    revisions = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    for revision in revisions:
        upgrade(empty_url, revision)
    for revision in reversed(revisions):
        down_to = script.get_revision(revision).down_revision or "base"
        downgrade(empty_url, str(down_to))
    assert _tables(empty_url) == set()
    upgrade(empty_url)
    assert _differences(empty_url) == []
