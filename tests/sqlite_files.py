"""Reading the bytes of a live SQLite database without breaking its locks."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

SUFFIXES = ("", "-wal", "-shm")


def sqlite_file_bytes(db_url: str) -> bytes:
    """Every byte SQLite keeps for ``db_url`` (the database, its WAL and its shared memory).

    The files are read by a child process on purpose: closing *any* descriptor of a file drops
    every POSIX lock this process holds on it (SQLite's "close() cancels locks" hazard), after
    which another process may delete the WAL index from under the open connections and every
    later query fails with "disk I/O error". ``cat`` in a child leaves this process's locks be.
    """
    path = Path(str(make_url(db_url).database))
    files = [str(p) for p in (Path(f"{path}{suffix}") for suffix in SUFFIXES) if p.exists()]
    if not files:
        return b""
    return subprocess.run(["cat", *files], capture_output=True, check=True).stdout
