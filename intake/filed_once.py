"""A page of a form files once: its token is kept, as a digest, in the row it filed.

A channel whose page can be sent twice (the web's forms: the back button and "submit"
again, a reload re-posting, a double tap without script) passes the page's once-only token
with the case or the reporter's message (``page``). Its digest goes into that row, under a
unique index, by the INSERT that stores the row, so the mark costs no statement of its own
and is shared by whatever shares the database (gunicorn's workers, several instances). The
same page sent again, at once or hours later, finds its digest taken and files nothing
(:class:`intake.errors.AlreadyFiled`). Two posts of one page at the same instant: the
database makes the second wait for the first's commit (PostgreSQL's unique index, SQLite's
one writer); it loses when the first was stored and files when the first was rolled back.
Nothing but the digest is kept; channels without such a page (the bot, the API) pass none.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.dml import ReturningInsert

DIGEST_LENGTH = 32


def page_digest(page: str | None) -> str | None:
    """What is kept of a page's token (None without a page)."""
    return hashlib.sha256(page.encode()).hexdigest()[:DIGEST_LENGTH] if page else None


@cache
def insert_unless_taken(model: Any, dialect: str) -> ReturningInsert[Any]:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id`` into ``model``'s table.

    No conflict target: a row whose page (or any other unique value) is taken is skipped,
    the statement answers no id and the transaction goes on, with no savepoint or round
    trip before it; the caller tells which value was taken.
    """
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(model).on_conflict_do_nothing().returning(model.id)
