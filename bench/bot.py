"""Benchmark of the Telegram assistant: scripted updates through the real PTB Application.

Pushes N scripted updates (default 5,000: 500 chats, each saying hello, asking a question,
voting on the answer, filing a one-message complaint through to its receipt and asking to
check a case) into the fake Bot API (tests/bot/fake_bot_api.py) on 127.0.0.1, and measures
the assistant's Application polling it: updates per second and p50/p99 handling time (from
PTB starting an update to its last handler returning, per-chat queueing included). Beside it,
in the same process and against the same fake server, the same number of updates through a
bare echo Application (one handler, one sendMessage per update): the floor. Aim: at least a
third of the echo rate.

    .venv/bin/python bench/bot.py [--updates 5000] [--database-url URL] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# This file is bench/bot.py: drop its own folder from the path so `bot` is the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "tests" / "bot"))

from fake_bot_api import FakeBotApi  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import (  # noqa: E402
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.engine import DialogueEngine  # noqa: E402
from bot.telegram.app import ALLOWED_UPDATES, build_application  # noqa: E402
from intake.db import make_engine, make_session_factory  # noqa: E402
from intake.floodgate import FloodGate  # noqa: E402
from intake.migrate import upgrade  # noqa: E402
from intake.routing.router import default_router  # noqa: E402
from intake.settings import Keys, Settings  # noqa: E402
from knowledge.faq import default_base  # noqa: E402

SCRIPT: tuple[tuple[str, str], ...] = (
    ("text", "/start"),
    ("text", "隔夜菜还能吃吗？"),
    ("tap", "fb:1"),
    ("text", "我在幸福路的老王面馆吃出了一只苍蝇"),
    ("tap", "biz:use"),
    ("tap", "when:1"),
    ("tap", "photos:skip"),
    ("text", "王女士 13812345678"),
    ("tap", "confirm:submit"),
    ("text", "查进度"),
)
FIRST_CHAT = 700_000_001


class TimedApplication(Application):  # type: ignore[type-arg]
    """An Application that records how long each update took to process."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.timings: list[float] = []

    async def process_update(self, update: object) -> None:
        started = time.perf_counter()
        try:
            await super().process_update(update)
        finally:
            self.timings.append(time.perf_counter() - started)


def push_script(api: FakeBotApi, updates: int) -> None:
    chats = max(1, updates // len(SCRIPT))
    pushed = 0
    for step in range(len(SCRIPT)):
        for index in range(chats):
            if pushed >= updates:
                return
            kind, value = SCRIPT[step]
            chat = FIRST_CHAT + index
            if kind == "text":
                api.text(chat, value)
            else:
                api.tap(chat, value)
            pushed += 1


def run(application: TimedApplication, api: FakeBotApi, updates: int) -> tuple[float, list[float]]:
    """Start polling, push the script, wait until every update is processed; (seconds, times)."""
    loop = asyncio.new_event_loop()
    done = threading.Event()

    def target() -> None:
        asyncio.set_event_loop(loop)
        application.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=0.0, timeout=1,
                                stop_signals=None, close_loop=False)
        done.set()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    while not (application.running and application.updater and application.updater.running):
        time.sleep(0.01)
    started = time.perf_counter()
    push_script(api, updates)
    while len(application.timings) < updates:
        time.sleep(0.005)
    elapsed = time.perf_counter() - started
    loop.call_soon_threadsafe(application.stop_running)
    done.wait(30)
    loop.close()
    return elapsed, list(application.timings)


def echo_application(api: FakeBotApi, concurrency: int) -> TimedApplication:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if update.callback_query is not None:
            await update.callback_query.answer()
        message = update.effective_message
        text = (message.text if message is not None and message.text else None) or "ok"
        if chat is not None:
            await context.bot.send_message(chat.id, text)

    application = (ApplicationBuilder().application_class(TimedApplication).token(api.token)
                   .base_url(api.base_url()).base_file_url(api.base_file_url())
                   .concurrent_updates(concurrency).build())
    application.add_handler(MessageHandler(filters.ALL, echo))
    application.add_handler(CallbackQueryHandler(echo))
    return application  # type: ignore[return-value]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(name: str, updates: int, elapsed: float, timings: list[float]) -> float:
    rate = updates / elapsed
    print(f"{name:<10} {updates} updates in {elapsed:6.2f} s: {rate:7.1f} updates/s, "
          f"handling p50 {statistics.median(timings) * 1000:6.1f} ms, "
          f"p99 {percentile(timings, 0.99) * 1000:6.1f} ms")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--database-url", default=None,
                        help="an empty database to use (default: a fresh SQLite file)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="foodsafe-bench-bot-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    upgrade(url)
    settings = replace(Settings(keys=Keys.generate()), data_dir=workdir / "var", database_url=url)
    engine = DialogueEngine(settings=settings,
                            session_factory=make_session_factory(make_engine(url)),
                            knowledge=default_base(), router=default_router())
    default_base().answer("热身")  # build the base and tokenizer before timing
    default_router().route("热身")
    try:
        api = FakeBotApi().start()
        echo = echo_application(api, args.concurrency)
        echo_time, echo_timings = run(echo, api, args.updates)
        api.stop()

        api = FakeBotApi().start()
        assistant = build_application(
            settings=settings, engine=engine, token=api.token, base_url=api.base_url(),
            base_file_url=api.base_file_url(), concurrency=args.concurrency, notify=False,
            rate_limit=FloodGate(settings, burst=len(SCRIPT) + 2),
            application_class=TimedApplication)
        ours_time, ours_timings = run(assistant, api, args.updates)  # type: ignore[arg-type]
        receipts = sum("回执码" in str(p.get("text")) for p in api.sent())
        api.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"database: {url.split(':', 1)[0]}, concurrency {args.concurrency}, "
          f"script of {len(SCRIPT)} updates per chat")
    floor = report("echo", args.updates, echo_time, echo_timings)
    rate = report("assistant", args.updates, ours_time, ours_timings)
    print(f"receipts sent: {receipts}")
    print(f"assistant / echo = {rate / floor:.2f} (aim >= 0.33)")


if __name__ == "__main__":
    main()
