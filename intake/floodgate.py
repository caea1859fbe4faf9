"""The flood gate: how many messages one conversation may send, shared by every process.

A flood from one chat (a script, a stuck key) must not slow everyone else down nor fill the
database with conversation turns. The counting is the :pypi:`limits` library's (the engine
under the web's Flask-Limiter), in Redis when ``settings.redis_url`` is set, so that every
bot process behind a load balancer draws on one budget per chat, and in this process's
memory otherwise.

The rule, as three of its moving/fixed windows keyed by one keyed hash of the conversation:

* **steady** — one message every ``1/rate`` seconds (``rate`` at or above one a second:
  ``rate`` a second), tried first, so a person writing at a human pace never touches the
  reserve;
* **reserve** — ``burst - 1`` more messages when the steady window is used up; each comes
  back ``RESERVE_SLACK`` times slower than the steady rate would have sent it. So a burst
  of ``burst`` messages goes through at once, then about ``rate`` a second. (``limits`` has
  no token bucket: a single window either blocks a person for a whole window after a burst
  or lets a flood burst again every window, hence the two.) The slack trades a flood's
  long-run excess over ``rate`` (``1/RESERVE_SLACK`` of it) against how long a person who
  spent the reserve waits for it to come back. A reporter's evidence decides it: Telegram
  sends at most ten photos an album, so one with fifteen sends two, and each photo is a
  message. With a slack of one the reserve is back 22 s after the first album (the old
  token bucket: 24 s), where a slack of five (110 s) dropped most of a second album sent a
  minute later; a flood that never stops gets at most twice ``rate``, one message a second
  with the defaults, which one conversation's turns bear easily.
* **warned** — beyond both, the message is dropped, and only the first dropped message in
  one reserve window asks for the "slow down". The flag is a window of its own in the same
  storage rather than a per-process boolean because two processes each holding a flag would
  both warn; a fixed window of one hit is atomic in Redis (INCR), so of all processes
  exactly one sees the first drop. It is not reset by an admitted message (the old
  in-memory bucket did that, and so warned every ``1/rate`` seconds of a steady flood): a
  flood is over when its reserve has come back.

Privacy (clause 30): the conversation key (a Telegram chat id) never reaches the storage.
Every storage key holds only :func:`intake.pseudonyms.pseudonym` of it under a key derived
from the pseudonym key for this purpose alone, so it cannot be matched with a reporter's
pseudonym, the database's conversation hash, or confirmed without the key. (Its 40 bits
make two chats sharing a budget unlikely among the chats active in one window, and harmless.)

Redis down: the gate **fails open to this process's memory**. Shared counting is a
fairness nicety, not a security boundary (receipt guessing is throttled by the domain in
the database), and a gate that refused every message while Redis is away would take the
whole bot down with it; each process then limits its own share, as before, and tries Redis
again after ``REDIS_RETRY_SECONDS``. The log line names the exception type only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter
from limits.storage import storage_from_string

from intake.crypto import derive_key
from intake.pseudonyms import pseudonym
from intake.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_BURST = 12
DEFAULT_RATE = 0.5  # messages per second once the burst is spent
RESERVE_SLACK = 1  # the reserve comes back at the steady rate (see the module's docstring)
REDIS_RETRY_SECONDS = 30.0
REDIS_TIMEOUT_SECONDS = 0.5  # a gate that waits on a lost Redis stalls every chat
NAMESPACE = "foodsafe-flood"
PURPOSE = "flood-gate"


@dataclass(frozen=True)
class Admission:
    """Whether to handle a message, and whether to say "slow down" for it."""

    allowed: bool
    warn: bool = False


@dataclass(frozen=True)
class FloodRule:
    """The three windows of one burst and rate (see the module's docstring)."""

    steady: RateLimitItem
    reserve: RateLimitItem | None
    warned: RateLimitItem

    @classmethod
    def of(cls, *, burst: int, rate: float, namespace: str = NAMESPACE) -> FloodRule:
        if burst < 1 or rate <= 0:
            raise ValueError("a flood rule needs burst >= 1 and rate > 0")
        if rate >= 1:
            steady = RateLimitItemPerSecond(round(rate), 1, namespace=namespace)
        else:
            steady = RateLimitItemPerSecond(1, round(1 / rate), namespace=namespace)
        spare = burst - steady.amount
        window = max(1, math.ceil(RESERVE_SLACK * max(spare, 1) / rate))
        reserve = RateLimitItemPerSecond(spare, window, namespace=namespace) if spare > 0 else None
        return cls(steady, reserve, RateLimitItemPerSecond(1, window, namespace=namespace))


class _Counter:
    """The rule's windows on one storage."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.moving = MovingWindowRateLimiter(storage)
        self.fixed = FixedWindowRateLimiter(storage)

    async def admit(self, rule: FloodRule, key: str) -> Admission:
        if await self.moving.hit(rule.steady, "steady", key):
            return Admission(True)
        if rule.reserve is not None and await self.moving.hit(rule.reserve, "reserve", key):
            return Admission(True)
        return Admission(False, warn=await self.fixed.hit(rule.warned, "warned", key))


class FloodGate:
    """One per process; :meth:`admit` for every incoming message of a conversation."""

    def __init__(self, settings: Settings, *, burst: int = DEFAULT_BURST,
                 rate: float = DEFAULT_RATE, namespace: str = NAMESPACE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rule = FloodRule.of(burst=burst, rate=rate, namespace=namespace)
        self._hash_key = derive_key(settings.keys.pseudonym_key, PURPOSE)
        self._local = _Counter(MemoryStorage())
        self._shared: _Counter | None = None
        if settings.redis_url:
            storage = storage_from_string(
                "async+" + settings.redis_url, implementation="redispy", wrap_exceptions=True,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                socket_timeout=REDIS_TIMEOUT_SECONDS)
            if not isinstance(storage, Storage):  # an "async+" scheme always gives one
                raise TypeError("the flood gate needs an asyncio storage")
            self._shared = _Counter(storage)
        self._clock = clock
        self._shared_down_until = -math.inf

    @property
    def shared(self) -> bool:
        """Whether the budget is counted in Redis (shared by every process)."""
        return self._shared is not None

    def key(self, channel: str, conversation_key: str) -> str:
        """What the storage sees of a conversation: a keyed hash, never the id."""
        return pseudonym(self._hash_key, channel, conversation_key)

    async def admit(self, channel: str, conversation_key: str) -> Admission:
        key = self.key(channel, conversation_key)
        if self._shared is not None and self._clock() >= self._shared_down_until:
            try:
                return await self._shared.admit(self.rule, key)
            except Exception as exc:  # whatever Redis does, the bot goes on
                self._shared_down_until = self._clock() + REDIS_RETRY_SECONDS
                log.warning("flood gate: Redis unavailable (%s); counting in this process "
                            "for %.0f s", type(exc).__name__, REDIS_RETRY_SECONDS)
        return await self._local.admit(self.rule, key)

    async def aclose(self) -> None:
        """At shutdown, on the loop that used the gate: stop the memory storage's expiry
        task and close the Redis connections (``limits`` has no close of its own)."""
        timer = getattr(self._local.storage, "timer", None)
        if isinstance(timer, asyncio.Task) and not timer.done():
            timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await timer
        client = getattr(getattr(self._shared and self._shared.storage, "bridge", None),
                         "storage", None)
        if client is not None and hasattr(client, "aclose"):
            with contextlib.suppress(Exception):  # closing a lost connection may fail too
                await client.aclose()
