"""What one app instance holds: its settings and its database, reached from any view."""

from __future__ import annotations

import os
import weakref
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
        _forget_connections_after_fork(engine)
        return cls(settings=settings, engine=engine, session_factory=make_session_factory(engine))


def _forget_connections_after_fork(engine: Engine) -> None:
    """A forked worker (gunicorn --preload) must not reuse its parent's pooled connections."""
    ref = weakref.ref(engine)

    def reset() -> None:
        alive = ref()
        if alive is not None:
            alive.dispose(close=False)

    os.register_at_fork(after_in_child=reset)


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
