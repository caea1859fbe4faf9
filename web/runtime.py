"""What one app instance holds: its settings and its database, reached from any view."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from intake.db import make_engine, make_session_factory, transaction
from intake.settings import Settings

EXTENSION_KEY = "foodsafe"


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]

    @classmethod
    def start(cls, settings: Settings) -> Runtime:
        engine = make_engine(settings.database_url)
        return cls(settings=settings, engine=engine, session_factory=make_session_factory(engine))


def runtime() -> Runtime:
    """The running app's :class:`Runtime` (set by create_app)."""
    found: Runtime = current_app.extensions[EXTENSION_KEY]
    return found


def settings() -> Settings:
    return runtime().settings


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """A session committed when the block succeeds, rolled back on any error."""
    with transaction(runtime().session_factory) as session:
        yield session
