"""SQLite writers queue for their turn, hand it on at commit, and never wait past the timeout."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from intake import sqlite_writers
from intake.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
SECOND_WRITER = """
import sys
from sqlalchemy import text
from intake.db import make_engine
with make_engine(sys.argv[1]).begin() as conn:
    conn.execute(text("INSERT INTO t (who) VALUES ('second')"))
"""


@pytest.fixture
def turn_engine(tmp_path: Path):
    eng = make_engine(f"sqlite:///{tmp_path / 'turns.sqlite3'}")
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)"))
    yield eng
    eng.dispose()


def test_threads_writing_at_once_all_get_through_in_turn(turn_engine):
    errors: list[BaseException] = []

    def write(who: int) -> None:
        try:
            for n in range(20):
                with turn_engine.begin() as conn:
                    conn.execute(text("INSERT INTO t (who) VALUES (:w)"), {"w": f"{who}-{n}"})
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with turn_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 160


def test_the_turn_passes_on_at_commit_and_at_rollback(turn_engine):
    with turn_engine.begin() as conn:
        conn.execute(text("INSERT INTO t (who) VALUES ('a')"))
    rollback = turn_engine.connect()
    rollback.execute(text("INSERT INTO t (who) VALUES ('b')"))
    rollback.rollback()
    started = time.monotonic()
    with turn_engine.begin() as conn:  # would wait TURN_TIMEOUT if a turn had not been handed on
        conn.execute(text("INSERT INTO t (who) VALUES ('c')"))
    assert time.monotonic() - started < 1.0
    rollback.close()
    with turn_engine.connect() as conn:
        assert conn.execute(text("SELECT who FROM t ORDER BY id")).scalars().all() == ["a", "c"]


def test_reads_do_not_wait_for_a_writer(turn_engine):
    writer = turn_engine.connect()
    writer.execute(text("INSERT INTO t (who) VALUES ('w')"))  # holds the turn, uncommitted
    started = time.monotonic()
    with turn_engine.connect() as reader:
        assert reader.execute(text("SELECT count(*) FROM t")).scalar_one() == 0
    assert time.monotonic() - started < 1.0
    writer.commit()
    writer.close()


def test_a_writer_of_another_process_waits_for_the_turn(turn_engine, tmp_path: Path):
    holder = turn_engine.connect()
    holder.execute(text("INSERT INTO t (who) VALUES ('first')"))
    assert Path(f"{tmp_path / 'turns.sqlite3'}{sqlite_writers.TURN_FILE_SUFFIX}").exists()
    url = f"sqlite:///{tmp_path / 'turns.sqlite3'}"
    other = subprocess.Popen([sys.executable, "-c", SECOND_WRITER, url], cwd=ROOT)
    time.sleep(1.0)
    assert other.poll() is None  # still queued behind the uncommitted first writer
    holder.commit()
    holder.close()
    assert other.wait(timeout=30) == 0
    with turn_engine.connect() as conn:
        assert conn.execute(text("SELECT who FROM t ORDER BY id")).scalars().all() == [
            "first",
            "second",
        ]


def test_a_writer_stops_queuing_after_the_timeout_and_sqlite_decides(turn_engine, monkeypatch):
    monkeypatch.setattr(sqlite_writers, "TURN_TIMEOUT", 0.2)
    holder = turn_engine.connect()
    holder.execute(text("INSERT INTO t (who) VALUES ('held')"))
    result: list[str] = []

    def late_writer() -> None:
        with turn_engine.begin() as conn:  # SQLite's busy handler waits for the holder's commit
            conn.execute(text("INSERT INTO t (who) VALUES ('late')"))
        result.append("written")

    thread = threading.Thread(target=late_writer)
    thread.start()
    time.sleep(0.6)  # past the turn's timeout: now waiting on SQLite's own lock
    assert result == []
    holder.commit()
    holder.close()
    thread.join(timeout=30)
    assert result == ["written"]


def test_commit_leaves_the_checkpoint_to_after_the_turn(turn_engine, tmp_path: Path, monkeypatch):
    """SQLite would copy the log into the database inside a COMMIT past 1,000 pages."""
    monkeypatch.setattr(sqlite_writers, "CHECKPOINT_EVERY", 10**6)
    database = tmp_path / "turns.sqlite3"
    page = "x" * 4096
    with turn_engine.connect() as conn:
        start_size = database.stat().st_size  # a stat opens no descriptor: locks stay put
        for _ in range(1100):  # about 2,200 pages of log
            conn.execute(text("INSERT INTO t (who) VALUES (:w)"), {"w": page})
            conn.commit()
        assert database.stat().st_size == start_size  # no checkpoint ran inside a commit
        monkeypatch.setattr(sqlite_writers, "CHECKPOINT_EVERY", 5)
        for _ in range(5):
            conn.execute(text("INSERT INTO t (who) VALUES ('w')"))
            conn.commit()
        assert database.stat().st_size > 1100 * 4096  # the fifth commit checkpointed, after it
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 1105
