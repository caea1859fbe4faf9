"""When the duplicate search runs for the cases a submission files.

A submission marks its session (:func:`search_when_committed`); when that session commits,
the cases waiting are searched (:func:`intake.duplicates.link_pending`):

- by the process's background linker, when one was started for the database
  (:func:`start_background`: the web server does). It is woken once the commit has made
  the case visible, so a reporter's receipt never waits for the search, and the searches
  of a busy moment share one transaction;
- otherwise inside the committing transaction, just before its commit, under a savepoint
  (commands, tests, the bot, a one-off app): the case is linked when the caller returns.

Either way a failed search is logged and left: the case stays pending, and the next
search of any process on the same database picks it up (every background linker also
looks every :data:`SWEEP_SECONDS`), so nothing is lost if a process dies between its
commit and its search.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from intake.db import make_session_factory, transaction
from intake.duplicates import BATCH, link_pending

log = logging.getLogger(__name__)

# How long a woken linker waits for more commits to join its batch.
GATHER_SECONDS = 0.05
# How often an idle linker looks for cases left pending (by a process that died, say).
SWEEP_SECONDS = 60.0

_PENDING = "foodsafe.duplicates_pending"
_WAKE = "foodsafe.wake_linker"


def search_when_committed(session: Session) -> None:
    """Search the cases ``session`` filed for their possible duplicates when it commits."""
    session.info[_PENDING] = True


def link_all(factory: sessionmaker[Session], *, batch_size: int = BATCH) -> int:
    """Search every pending case, a batch a transaction; how many were searched.

    Goes on while a batch read as many cases as it may: even if other searches claimed them
    all meanwhile, more may be waiting behind them. Never raises: a failed batch is logged
    and its cases stay pending for the next search.
    """
    searched = 0
    try:
        while True:
            with transaction(factory) as session:
                batch = link_pending(session, limit=batch_size)
            searched += batch.searched
            if batch.read < batch_size:
                return searched
    except Exception as error:  # the cases stay pending; the next search retries
        _failed(error)
        return searched


class BackgroundLinker:
    """One process's linker thread for one database, woken by commits that filed cases.

    The thread starts at the first wake-up in a process, so a server that builds its app
    before forking its workers (gunicorn ``--preload``) gets one linker in each worker.
    """

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._pid = 0
        self._wake = threading.Event()
        self._stopped = False

    def wake(self) -> None:
        with self._lock:
            if self._stopped:
                return
            if self._pid != os.getpid():
                self._pid = os.getpid()
                self._wake = threading.Event()
                threading.Thread(
                    target=self._run, args=(self._wake,), name="duplicate-linker", daemon=True
                ).start()
            self._wake.set()

    def stop(self) -> None:
        """End the thread after its current batch (the cases it leaves stay pending)."""
        with self._lock:
            self._stopped = True
            self._wake.set()

    def _run(self, wake: threading.Event) -> None:
        while not self._stopped:
            wake.wait(SWEEP_SECONDS)
            time.sleep(GATHER_SECONDS)  # let the commits of a busy moment join one batch
            wake.clear()
            if not self._stopped:
                link_all(self._factory)


_BACKGROUND: weakref.WeakKeyDictionary[Engine, BackgroundLinker] = weakref.WeakKeyDictionary()


def start_background(engine: Engine) -> BackgroundLinker:
    """Search the cases filed on ``engine`` in a background thread of each process."""
    linker = _BACKGROUND.get(engine)
    if linker is None:
        linker = _BACKGROUND[engine] = BackgroundLinker(make_session_factory(engine))
    return linker


def stop_background(engine: Engine) -> None:
    """Back to searching at each commit on ``engine``; its background thread ends."""
    linker = _BACKGROUND.pop(engine, None)
    if linker is not None:
        linker.stop()


@event.listens_for(Session, "before_commit")
def _search_what_was_filed(session: Session) -> None:
    # A savepoint's release is a commit too, inside the transaction that filed the case.
    if session.in_nested_transaction() or not session.info.pop(_PENDING, False):
        return
    linker = _BACKGROUND.get(_engine(session))
    if linker is not None:
        session.info[_WAKE] = linker  # woken once the commit has made the case visible
        return
    try:
        with session.begin_nested():  # a failed search must not undo the filing
            link_pending(session)
    except Exception as error:
        _failed(error)


@event.listens_for(Session, "after_commit")
def _wake_the_linker(session: Session) -> None:
    linker = session.info.pop(_WAKE, None)
    if linker is not None and not session.in_nested_transaction():
        linker.wake()


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    # Only the outermost: a savepoint rolled back inside the filing transaction undoes
    # none of the filing, and the search is still owed at its commit.
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
        session.info.pop(_WAKE, None)


def _failed(error: Exception) -> None:
    # The error's type only: a database error's message can quote the statement's values.
    log.warning("duplicate search failed (%s); the cases stay pending", type(error).__name__)


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine
