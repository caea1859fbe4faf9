"""The database: engine, sessions and the declarative base every model derives from.

Plain SQLAlchemy 2 sessions (no Flask-SQLAlchemy) so the bot, the web and the CLI share
the domain without an application context.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    SQLColumnExpression,
    any_,
    bindparam,
    create_engine,
    event,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from intake.sqlite_writers import TurnTakingConnection

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def among_ids(column: SQLColumnExpression[int], name: str, dialect: str) -> ColumnElement[bool]:
    """``column`` is one of the ids bound as ``name``: one statement whatever their number.

    An expanding ``IN`` writes a placeholder per id, so every count is another statement
    for SQLAlchemy to expand and the driver to convert and cache, and PostgreSQL plans it
    anew instead of reusing its prepared plan. PostgreSQL takes the ids as one array,
    SQLite as one JSON text.
    """
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(Integer)))
    each = func.json_each(bindparam(name, type_=JSON))
    ids: Select[int] = select(literal_column("value", Integer)).select_from(each)
    return column.in_(ids.scalar_subquery())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    if isinstance(dbapi_connection, TurnTakingConnection):
        # It checkpoints after handing the write turn on, instead of inside COMMIT.
        cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a generous busy timeout.

    SQLite keeps the sqlite3 driver's own transaction handling, which issues ``BEGIN`` just
    before a transaction's first INSERT/UPDATE/DELETE: the write lock is taken by that
    statement itself (waiting under the busy timeout), never upgraded from a read snapshot
    that a concurrent commit could have made stale, so writers do not fail with
    SQLITE_BUSY_SNAPSHOT. ``BEGIN IMMEDIATE`` for every session (the SQLAlchemy recipe)
    would buy nothing more for writers and would make read-only pages queue for the one
    write lock. Writers keep the lock short by doing their pure work before the first write
    (see :func:`intake.submit.submit_case`), and queue for it without napping
    (:mod:`intake.sqlite_writers`).
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # Bound values are report texts and contacts: keep them out of SQL logs and of the
    # messages of database errors, which end up in logs and tracebacks.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        kwargs.setdefault(
            "connect_args",
            {"timeout": 30, "check_same_thread": False, "factory": TurnTakingConnection},
        )
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    with factory() as session, session.begin():
        yield session
