"""SQLite writers take turns on locks that hand the turn on at once, instead of napping.

SQLite lets one transaction write at a time. A writer that finds the database locked is made
to wait by SQLite's busy handler, which sleeps and retries after 1, 2, 5, 10 … up to 100 ms:
under a dozen concurrent submissions the lock was often free while every waiter slept (a
fifth of the CPU stood idle in bench/web.py). Here a connection first queues, before its
transaction's first write, on a lock shared by its process's threads (woken the moment the
writer before it commits or rolls back), then on an advisory lock on a file beside the
database, shared by the processes (gunicorn workers), polled at a fine grain.

The locks only order writers that would wait anyway: SQLite's own locking stays the guard
of consistency. A writer that has not had its turn within the busy timeout goes ahead and
lets SQLite decide, as before, so a stuck transaction cannot hang the others for longer.

SQLite's automatic checkpoint (copying the write-ahead log into the database, with an
fsync) runs inside the COMMIT that crosses its threshold, that is while the writer still
holds the turn, so every other writer waited for it. Connections made here turn it
off (``wal_autocheckpoint=0``, see ``intake.db``) and run the same PASSIVE
checkpoint themselves, after handing the turn on, once every :data:`CHECKPOINT_EVERY`
write transactions of the process.

The duplicate linkers (:mod:`intake.duplicates`) read and compare without the write turn,
so that submissions keep writing while they work, and take a turn of their own, on a
second file, so that two processes' linkers do not compare the same waiting cases.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import sqlite3
import threading
import time
from contextlib import suppress
from typing import Any

# As long as SQLite's busy timeout (intake.db): after it a writer stops queuing here.
TURN_TIMEOUT = 30.0
# How often a writer of another process looks whether the file lock is free (seconds).
FIRST_POLL, LONGEST_POLL = 0.0002, 0.002
TURN_FILE_SUFFIX = "-writer.lock"
LINKERS_FILE_SUFFIX = "-linkers.lock"
# Write transactions of a process between two checkpoints; a submission writes about ten
# pages, so this is about SQLite's own default of 1,000 pages.
CHECKPOINT_EVERY = 100
_WRITE_COMMITS = itertools.count(1)
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")

_THREAD_TURNS: dict[str, threading.Lock] = {}
_THREAD_TURNS_LOCK = threading.Lock()


def _database_path(database: object) -> str | None:
    """The database file's real path; None for an in-memory or URI-named database."""
    name = os.fsdecode(database) if isinstance(database, str | bytes | os.PathLike) else ""
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return os.path.realpath(name)


def _thread_turn(path: str) -> threading.Lock:
    with _THREAD_TURNS_LOCK:
        return _THREAD_TURNS.setdefault(path, threading.Lock())


class TurnTakingConnection(sqlite3.Connection):
    """A sqlite3 connection that waits for its turn before its transaction's first write."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        path = _database_path(database)
        self._thread_turn = _thread_turn(path) if path else None
        self._turn_file = path + TURN_FILE_SUFFIX if path else None
        self._turn_fd: int | None = None
        self._holding = False
        self._linkers_file = path + LINKERS_FILE_SUFFIX if path else None
        self._linkers_fd: int | None = None
        self._linking = False

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or TurnTakingCursor)

    def commit(self) -> None:
        wrote = self._holding
        try:
            super().commit()
        finally:
            self._end_turn()
        if wrote and next(_WRITE_COMMITS) % CHECKPOINT_EVERY == 0:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Copy the log into the database as far as readers allow, blocking no writer."""
        super().execute("PRAGMA wal_checkpoint(PASSIVE)").close()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._end_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._end_turn()
            for fd in (self._turn_fd, self._linkers_fd):
                if fd is not None:
                    os.close(fd)
            self._turn_fd = self._linkers_fd = None

    def take_linkers_turn(self) -> None:
        """Wait until no other linker of the database is searching; held to the transaction's
        end (commit or rollback).

        A transaction that writes already (a search inside the submission's own transaction)
        does not wait: a linker holding this turn may be waiting for the write turn.
        """
        if self._holding or self._linking or self._linkers_file is None:
            return
        if self._linkers_fd is None:
            self._linkers_fd = _open_lock_file(self._linkers_file)
            if self._linkers_fd is None:
                self._linkers_file = None
                return
        if _lock(self._linkers_fd, time.monotonic() + TURN_TIMEOUT):
            self._linking = True

    def take_turn(self, sql: str) -> None:
        """Before a write (unless this transaction has the turn already), wait for it."""
        if self._holding or self._thread_turn is None or not _is_write(sql):
            return
        deadline = time.monotonic() + TURN_TIMEOUT
        if not self._thread_turn.acquire(timeout=TURN_TIMEOUT):
            return  # let SQLite's busy handler decide
        if self._lock_file(deadline):
            self._holding = True
        else:
            self._thread_turn.release()

    def _lock_file(self, deadline: float) -> bool:
        """Wait for the other processes' writers; False when the busy timeout ran out.

        Where the file cannot be had (a read-only folder, no locks on the file system) the
        process's own turn is all there is, and SQLite's busy handler serves the rest.
        """
        fd = self._open_turn_file()
        return fd is None or _lock(fd, deadline)

    def _open_turn_file(self) -> int | None:
        if self._turn_fd is None and self._turn_file is not None:
            self._turn_fd = _open_lock_file(self._turn_file)
            if self._turn_fd is None:
                self._turn_file = None
        return self._turn_fd

    def _end_turn(self) -> None:
        if self._linking:
            self._linking = False
            _unlock(self._linkers_fd)
        if not self._holding:
            return
        self._holding = False
        _unlock(self._turn_fd)
        if self._thread_turn is not None:
            self._thread_turn.release()


def _open_lock_file(path: str) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None


def _lock(fd: int, deadline: float) -> bool:
    """Lock ``fd``'s file, polling; False when ``deadline`` passed first. A file system
    without locks is taken as locked: the caller then relies on SQLite's own locking."""
    pause = FIRST_POLL
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, LONGEST_POLL)
        except OSError:
            return True


def _unlock(fd: int | None) -> None:
    if fd is not None:
        with suppress(OSError):  # nothing held: the lock could not be had
            fcntl.flock(fd, fcntl.LOCK_UN)


class TurnTakingCursor(sqlite3.Cursor):
    """Every statement SQLAlchemy and Alembic run goes through a cursor: writes wait here."""

    connection: TurnTakingConnection

    def execute(self, sql: str, parameters: Any = (), /) -> TurnTakingCursor:
        self.connection.take_turn(sql)
        super().execute(sql, parameters)
        return self

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> TurnTakingCursor:
        self.connection.take_turn(sql)
        super().executemany(sql, seq_of_parameters)
        return self

    def executescript(self, sql_script: str, /) -> TurnTakingCursor:
        self.connection.take_turn(sql_script)
        super().executescript(sql_script)
        return self


def _is_write(sql: str) -> bool:
    return sql.lstrip()[:7].upper().startswith(_WRITES)
