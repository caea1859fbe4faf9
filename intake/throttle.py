"""Domain-level throttling of failed receipt lookups, per client key and day.

The web limits requests too, but the bot and the API reach the domain without it, so the
domain itself refuses a client that has guessed wrong too often today. The client key (an
IP address, a chat id) is stored only as a keyed hash. A failure is counted in a separate,
immediately committed transaction, because the caller's transaction rolls back when the
lookup raises CaseNotFound.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from functools import cache

from sqlalchemy import URL, Engine, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from intake.clock import local_today
from intake.db import make_engine
from intake.errors import ReceiptThrottled
from intake.models import ReceiptLookupFailures
from intake.settings import Settings


def client_hash(settings: Settings, client_key: str) -> str:
    message = b"receipt-lookup\x00" + client_key.encode()
    return hmac.new(settings.keys.receipt_key, message, hashlib.sha256).hexdigest()


def _today() -> date:
    """The district's day: the allowance renews at midnight in China, not in UTC."""
    return local_today()


# Built once, as every lookup asks it.
_FAILURES_TODAY = select(ReceiptLookupFailures.failures).where(
    ReceiptLookupFailures.client_hash == bindparam("client_hash"),
    ReceiptLookupFailures.day == bindparam("day"),
)


def ensure_not_throttled(session: Session, *, settings: Settings, client_key: str) -> None:
    """Raise ReceiptThrottled when this client has used up today's failed guesses."""
    failures = session.scalar(
        _FAILURES_TODAY, {"client_hash": client_hash(settings, client_key), "day": _today()}
    )
    if failures is not None and failures >= settings.receipt_lookups_per_day:
        raise ReceiptThrottled()


def count_failure(session: Session, *, settings: Settings, client_key: str) -> None:
    """Count one failed lookup so that it survives the caller's rollback."""
    values = {"client_hash": client_hash(settings, client_key), "day": _today(), "failures": 1}
    if _holds_sqlite_write_lock(session):
        # A second SQLite connection would wait for this one's lock: count in the caller's
        # transaction instead (it is kept if the caller commits).
        _upsert(session, values)
        return
    with Session(bind=_side_engine(session.get_bind().engine.url)) as side, side.begin():
        _upsert(side, values)


@cache
def _side_engine(url: URL) -> Engine:
    """An unpooled engine for the counter: a second connection from the caller's pool could
    wait forever when every pooled connection belongs to a guesser waiting the same way."""
    return make_engine(url.render_as_string(hide_password=False), poolclass=NullPool)


def _upsert(session: Session, values: dict[str, object]) -> None:
    """Insert the day's counter or add one to it, atomically (SQLite and PostgreSQL)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ReceiptLookupFailures).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["client_hash", "day"],
            set_={"failures": ReceiptLookupFailures.failures + 1},
        )
    )


def _holds_sqlite_write_lock(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite" or not session.in_transaction():
        return False
    raw = session.connection().connection.dbapi_connection
    return bool(getattr(raw, "in_transaction", False))
