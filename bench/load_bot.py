"""Load through the bot: the real python-telegram-bot Application polling the fake Bot API
(tests/bot/fake_bot_api.py) on 127.0.0.1, on a private PostgreSQL database.

    .venv/bin/python bench/load_bot.py                  # 5,000 updates from 50 chats at once
    .venv/bin/python bench/load_bot.py --updates 350 --chats 10

Each chat files one anonymous tip (a text and six button taps: seven updates) and the
script checks what the Bot API was asked to send: every receipt the bot sent to a chat
resolves, by its keyed hash, to the case holding that chat's text; no tip is stored twice;
no chat is left without an answer; no Telegram id is stored. Figures: updates per second,
p50/p99 from an update's arrival to the bot's first answer to it, cases lost (must be 0).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import importlib.util
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import text

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# bench/bot.py and bench/web.py would shadow the packages of the same names: drop bench/
# from the import path, and load the sibling load.py by its file.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT / "tests" / "bot"))
_spec = importlib.util.spec_from_file_location("foodsafe_bench_load", BENCH / "load.py")
assert _spec and _spec.loader
_load = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_load)
DEFAULT_PG, drop_database = _load.DEFAULT_PG, _load.drop_database
percentile, private_database = _load.percentile, _load.private_database

from fake_bot_api import FakeBotApi  # noqa: E402
from telegram_harness import RunningBot  # noqa: E402

from bot.engine import DialogueEngine  # noqa: E402
from intake.db import make_engine, make_session_factory  # noqa: E402
from intake.floodgate import FloodGate  # noqa: E402
from intake.migrate import upgrade  # noqa: E402
from intake.routing.router import default_router  # noqa: E402
from intake.settings import Keys, Settings  # noqa: E402
from knowledge.faq import default_base  # noqa: E402

STEPS = ("tip:go", "biz:unknown", "when:skip", "photos:skip", "reward:no", "confirm:submit")
UPDATES_PER_TIP = 1 + len(STEPS)
RECEIPT = re.compile(r"回执码：\s*([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5})")
FIRST_CHAT = 880_000_001
TIPS = ("老板让我们用过期的肉做包子", "后厨把掉在地上的菜捡起来继续用", "仓库里的奶粉改了生产日期",
        "冷库断电两天肉化了又冻上", "食堂承包商用地沟油炒菜")


class CountingApi(FakeBotApi):
    """The fake Bot API, also keeping each chat's sent texts for cheap waiting."""

    def __init__(self) -> None:
        super().__init__()
        self.by_chat: dict[str, list[str]] = defaultdict(list)
        self.changed = threading.Condition()

    def _api_sendMessage(self, params: dict[str, Any], lane: str) -> Any:
        result = super()._api_sendMessage(params, lane)
        with self.changed:
            self.by_chat[str(params.get("chat_id"))].append(str(params.get("text", "")))
            self.changed.notify_all()
        return result

    def count(self, chat: int) -> int:
        with self.changed:
            return len(self.by_chat[str(chat)])

    def wait_more(self, chat: int, before: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while len(self.by_chat[str(chat)]) <= before:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"chat {chat} got no answer")
                self.changed.wait(left)


def one_tip(
    api: CountingApi, chat: int, run: str, latencies: list[float]
) -> tuple[str, str | None]:
    marker = f"负载{run}号{chat - FIRST_CHAT}"  # an index: the chat id itself must not be stored
    steps: list[tuple[str, str]] = [("text", f"我是员工，{TIPS[chat % len(TIPS)]}（{marker}）")]
    steps += [("tap", payload) for payload in STEPS]
    for kind, value in steps:
        before = api.count(chat)
        started = time.perf_counter()
        if kind == "text":
            api.text(chat, value, user_id=chat)
        else:
            api.tap(chat, value, user_id=chat)
        api.wait_more(chat, before)
        latencies.append(time.perf_counter() - started)
    # The receipt and the bureau come in two messages: wait for the receipt to be among them.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with api.changed:
            found = [RECEIPT.search(t) for t in api.by_chat[str(chat)]]
        receipts = [m.group(1) for m in found if m]
        if receipts:
            return marker, receipts[-1]
        time.sleep(0.02)
    return marker, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--chats", type=int, default=50, help="chats talking at the same time")
    parser.add_argument("--postgres", default=DEFAULT_PG)
    args = parser.parse_args()

    tips = -(-args.updates // UPDATES_PER_TIP)
    run = secrets.token_hex(3)
    url, name = private_database(args.postgres)
    upgrade(url)
    engine = make_engine(url, pool_size=20, max_overflow=10)
    settings = replace(Settings(keys=Keys.generate()), database_url=url,
                       data_dir=Path(tempfile.mkdtemp(prefix="foodsafe-load-bot-")))
    dialogue = DialogueEngine(settings=settings, session_factory=make_session_factory(engine),
                              knowledge=default_base(), router=default_router())
    api = CountingApi().start()
    bot = RunningBot(api, dialogue, rate_limit=FloodGate(settings, burst=20)).start()
    latencies: list[float] = []
    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=args.chats) as pool:
            outcomes = list(pool.map(lambda i: one_tip(api, FIRST_CHAT + i, run, latencies),
                                     range(tips)))
        elapsed = time.perf_counter() - started
    finally:
        bot.stop()
        api.stop()

    with engine.connect() as conn:
        rows = conn.execute(text("SELECT case_number, receipt_hash, text FROM cases")).all()
        identities = conn.execute(text("SELECT count(*) FROM cases WHERE text LIKE :p"),
                                  {"p": f"%{str(FIRST_CHAT)[:6]}%"}).scalar()
    by_marker: dict[str, list[str]] = defaultdict(list)
    for _number, digest, body in rows:
        for marker in re.findall(rf"负载{run}号\d+", body):
            by_marker[marker].append(digest)
    lost = unanswered = 0
    for marker, receipt in outcomes:
        if receipt is None:
            unanswered += 1
            continue
        digest = hmac.new(settings.keys.receipt_key, receipt.encode(), hashlib.sha256).hexdigest()
        if digest not in by_marker.get(marker, []):
            lost += 1
    duplicates = sum(1 for digests in by_marker.values() if len(digests) > 1)
    updates = len(latencies)
    engine.dispose()
    drop_database(args.postgres, name)
    shutil.rmtree(settings.data_dir, ignore_errors=True)

    print(f"bot load: {updates} updates ({tips} anonymous tips) from {args.chats} chats at once "
          f"through the PTB Application + fake Bot API + PostgreSQL in {elapsed:.1f} s = "
          f"{updates / elapsed:.1f} updates/s")
    print(f"update -> first answer: p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms")
    print(f"receipts sent {tips - unanswered}/{tips}; cases stored {len(rows)}")
    print(f"CASES LOST (receipt sent, case missing or another's): {lost}; duplicates: "
          f"{duplicates}; tips without a receipt: {unanswered}; "
          f"Telegram ids stored in case text: {identities}")
    failed = bool(lost or duplicates or unanswered or identities or len(rows) != tips)
    print("RESULT:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
