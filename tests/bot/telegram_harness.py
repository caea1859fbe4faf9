"""Running the real PTB Application against the fake Bot API, in a thread of its own.

``RunningBot`` goes through ``Application.run_polling`` exactly as ``foodsafe bot`` does
(post_init, polling, post_shutdown), on its own event loop, and stops it cleanly.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from fake_bot_api import FakeBotApi

from bot.engine import DialogueEngine
from bot.telegram.app import ALLOWED_UPDATES, build_application
from intake.floodgate import FloodGate


class RunningBot:
    def __init__(self, api: FakeBotApi, engine: DialogueEngine, *, lane: str = "",
                 rate_limit: FloodGate | None = None, notify_interval: float = 0.2,
                 **options: Any) -> None:
        self.app = build_application(
            settings=engine.settings, engine=engine, token=api.token,
            base_url=api.base_url(lane), base_file_url=api.base_file_url(),
            rate_limit=rate_limit, notify_interval=notify_interval, **options)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    def start(self, *, webhook: dict[str, Any] | None = None) -> RunningBot:
        """Poll (default) or, given ``webhook`` arguments, serve webhooks as in production."""
        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self._loop = loop
            try:
                if webhook is not None:
                    self.app.run_webhook(allowed_updates=ALLOWED_UPDATES, stop_signals=None,
                                         close_loop=False, **webhook)
                else:
                    self.app.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=0.0,
                                         timeout=1, stop_signals=None, close_loop=False)
            except BaseException as exc:  # surfaced by stop()
                self.failure = exc
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, daemon=True, name="ptb-app")
        self._thread.start()
        deadline = time.monotonic() + 15
        while not (self.app.running and self.app.updater and self.app.updater.running):
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"the bot did not start: {self.failure!r}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self.app.stop_running)
            self._thread.join(20)
        if self.failure is not None:
            raise self.failure
