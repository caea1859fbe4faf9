"""Per-chat rate limiting of incoming messages: a token bucket per chat, in memory.

A flood from one chat (a script, a stuck key) must not slow everyone else down nor fill the
database with conversation turns: each chat may send ``burst`` messages at once and then one
every ``1/rate`` seconds; beyond that, messages are dropped with one polite warning per
flood. Buckets are keyed by chat id in memory only and forgotten when full again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_BURST = 12
DEFAULT_RATE = 0.5  # messages per second once the burst is spent


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class ChatRateLimit:
    def __init__(self, *, burst: int = DEFAULT_BURST, rate: float = DEFAULT_RATE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self._buckets: dict[int, _Bucket] = {}

    def allow(self, chat_id: int) -> tuple[bool, bool]:
        """(allowed, warn): whether to handle this message, and whether to say "slow down"."""
        now = self.clock()
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            bucket = self._buckets[chat_id] = _Bucket(tokens=float(self.burst), updated=now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            self._forget_full(now)
            return True, False
        warn = not bucket.warned
        bucket.warned = True
        return False, warn

    def _forget_full(self, now: float) -> None:
        if len(self._buckets) < 10_000:
            return
        refill = self.burst / self.rate if self.rate else 0
        for chat_id in [c for c, b in self._buckets.items() if now - b.updated > refill]:
            del self._buckets[chat_id]
