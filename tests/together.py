"""Running one action from several threads at the same instant (a double tap, two workers)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def at_the_same_instant(action: Callable[[], T], times: int = 2) -> list[T]:
    """What ``action`` returned in each of ``times`` threads released together."""
    start = threading.Barrier(times)
    results: list[T] = []
    lock = threading.Lock()

    def run() -> None:
        start.wait()
        result = action()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == times, "a thread failed or hung"
    return results
