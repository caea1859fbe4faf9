"""The flood gate (intake.floodgate): a burst, then about the rate; one warning per flood;
other chats untouched; two processes share one chat's budget through Redis, which never
sees a chat id; with Redis down the gate counts in memory and the bot goes on.

``limits`` reads ``time.time()`` itself, so the windows here are real, and short."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import replace

import pytest

from intake.floodgate import (
    DEFAULT_BURST,
    DEFAULT_RATE,
    REDIS_RETRY_SECONDS,
    FloodGate,
    FloodRule,
)
from intake.settings import Keys, Settings

CHAT = "917000333"
OTHER = "917000334"


async def _admit_many(gate: FloodGate, chat: str, count: int) -> list[tuple[bool, bool]]:
    return [(a.allowed, a.warn) for a in
            [await gate.admit("telegram", chat) for _ in range(count)]]


def test_a_burst_goes_through_then_one_warning_and_silence(settings: Settings) -> None:
    async def run() -> None:
        gate = FloodGate(settings, burst=5, rate=0.01)
        seen = await _admit_many(gate, CHAT, 40)
        assert seen[:5] == [(True, False)] * 5
        assert seen[5] == (False, True)  # the first dropped message says "slow down" …
        assert seen[6:] == [(False, False)] * 34  # … and only the first
        assert (await gate.admit("telegram", OTHER)).allowed  # another chat is untouched
        assert (await gate.admit("web", CHAT)).allowed  # so is the same number elsewhere
        await gate.aclose()  # at shutdown no task of the gate is left pending on the loop
        assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []

    asyncio.run(run())


def test_after_the_burst_about_the_rate_gets_through(settings: Settings) -> None:
    async def run() -> None:
        gate = FloodGate(settings, burst=3, rate=1.0)
        assert [a for a, _ in await _admit_many(gate, CHAT, 5)] == [True] * 3 + [False] * 2
        await asyncio.sleep(1.05)  # one a second, as a person writing at the rate would
        assert [a for a, _ in await _admit_many(gate, CHAT, 3)] == [True, False, False]
        await asyncio.sleep(1.05)  # (burst - 1) / rate after the burst, its reserve is back
        assert [a for a, _ in await _admit_many(gate, CHAT, 4)] == [True] * 3 + [False]

    asyncio.run(run())


def test_a_second_album_soon_after_the_first_goes_through(settings: Settings) -> None:
    # Each photo is a message and an album holds at most ten: a reporter with more photos
    # sends a second album. Scaled down: bursts of 5 at 1/s, the reserve back in 4 s.
    async def run() -> None:
        gate = FloodGate(settings, burst=5, rate=1.0)
        assert all(a for a, _ in await _admit_many(gate, CHAT, 5))
        await asyncio.sleep(4.1)
        assert all(a for a, _ in await _admit_many(gate, CHAT, 5))

    asyncio.run(run())


def test_a_flood_that_never_stops_runs_at_about_the_rate() -> None:
    rule = FloodRule.of(burst=DEFAULT_BURST, rate=DEFAULT_RATE)
    assert rule.reserve is not None
    burst = rule.steady.amount + rule.reserve.amount
    long_run = (rule.steady.amount / rule.steady.get_expiry()
                + rule.reserve.amount / rule.reserve.get_expiry())
    assert burst == DEFAULT_BURST
    # At most twice the rate: the reserve comes back as fast as the steady window.
    assert DEFAULT_RATE <= long_run <= 2 * DEFAULT_RATE
    assert rule.warned.get_expiry() == rule.reserve.get_expiry()  # one warning per flood


def test_the_storage_key_is_a_keyed_hash_of_the_chat(settings: Settings) -> None:
    gate = FloodGate(settings)
    key = gate.key("telegram", CHAT)
    assert CHAT not in key
    assert key == FloodGate(settings).key("telegram", CHAT)  # every process agrees
    assert key != gate.key("telegram", OTHER)
    assert key != FloodGate(replace(settings, keys=Keys.generate())).key("telegram", CHAT)


@pytest.mark.redis
def test_two_processes_share_one_chats_budget_in_redis_without_its_id(
        settings: Settings, redis_url: str) -> None:
    import redis

    namespace = f"foodsafe-test-flood-{uuid.uuid4().hex}"
    shared = replace(settings, redis_url=redis_url)

    async def run() -> list[tuple[bool, bool]]:
        first = FloodGate(shared, burst=5, rate=0.01, namespace=namespace)
        second = FloodGate(shared, burst=5, rate=0.01, namespace=namespace)
        assert first.shared and second.shared
        seen = []
        for index in range(20):  # the balancer alternates the chat's messages
            gate = first if index % 2 == 0 else second
            admission = await gate.admit("telegram", CHAT)
            seen.append((admission.allowed, admission.warn))
        assert (await second.admit("telegram", OTHER)).allowed
        await first.aclose()
        await second.aclose()
        return seen

    seen = asyncio.run(run())
    assert sum(allowed for allowed, _ in seen) == 5  # not five per process
    assert sum(warn for _, warn in seen) == 1  # one "slow down" between the two

    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        keys: list[str] = list(client.scan_iter(match=f"*{namespace}*"))
        stored = list(keys)
        for key in keys:
            kind = client.type(key)
            if kind == "list":
                stored += [str(item) for item in client.lrange(key, 0, -1)]
            elif kind == "string":
                stored.append(str(client.get(key)))
        assert len(keys) >= 3  # steady, reserve and warned windows were really stored
        assert FloodGate(settings).key("telegram", CHAT) in " ".join(keys)
        assert not any(CHAT in item or OTHER in item for item in stored)
    finally:
        if keys:
            client.delete(*keys)
        client.close()


def test_with_redis_down_the_gate_counts_in_this_process_and_says_so_once(
        settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    now = [1000.0]
    down = replace(settings, redis_url="redis://127.0.0.1:1/0")  # nothing listens on port 1
    caplog.set_level(logging.DEBUG)

    async def run() -> tuple[list[tuple[bool, bool]], float]:
        gate = FloodGate(down, burst=3, rate=0.01, clock=lambda: now[0])
        started = time.monotonic()
        seen = await _admit_many(gate, CHAT, 6)
        elapsed = time.monotonic() - started
        assert (await gate.admit("telegram", OTHER)).allowed
        now[0] += REDIS_RETRY_SECONDS + 1  # later, Redis is tried again (still down)
        seen += await _admit_many(gate, CHAT, 1)
        return seen, elapsed

    seen, elapsed = asyncio.run(run())
    assert seen == [(True, False)] * 3 + [(False, True)] + [(False, False)] * 3
    assert elapsed < 5  # one failed attempt, not one per message
    warnings = [r for r in caplog.records if r.name == "intake.floodgate"]
    assert len(warnings) == 2 and "Redis unavailable" in warnings[0].getMessage()
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert CHAT not in logged and OTHER not in logged
