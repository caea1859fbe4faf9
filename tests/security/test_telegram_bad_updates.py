"""Malformed, oversized and hostile Telegram updates against the real PTB Application.

The fake Bot API (tests/bot/fake_bot_api.py) delivers what Telegram never would: updates
without a chat, a megabyte of text, NUL and control characters, forged button data,
photos that are HTML, a decompression bomb or a cut-off file. The bot answers politely
or not at all, stores nothing it should not, logs none of it, and keeps serving.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from intake.models import Attachment, Case
from intake.routing.router import default_router
from intake.settings import Settings
from knowledge.faq import default_base

BOT_TESTS = Path(__file__).resolve().parent.parent / "bot"
if str(BOT_TESTS) not in sys.path:
    sys.path.insert(0, str(BOT_TESTS))

from chat_driver import photo_bytes  # noqa: E402
from fake_bot_api import FakeBotApi  # noqa: E402
from telegram_harness import RunningBot  # noqa: E402
from test_bad_files import REFUSED  # noqa: E402

from bot.engine import DialogueEngine  # noqa: E402

CHAT = 770001
SECRET_TEXT = "金丝雀坏更新号"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    server = FakeBotApi().start()
    yield server
    server.stop()


@pytest.fixture
def running(api: FakeBotApi, settings: Settings,
            session_factory: sessionmaker[Session]) -> Iterator[RunningBot]:
    engine = DialogueEngine(settings=settings, session_factory=session_factory,
                            knowledge=default_base(), router=default_router())
    bot = RunningBot(api, engine).start()
    yield bot
    bot.stop()  # raises if the Application died


def raw_message(chat: int, **fields: Any) -> dict[str, Any]:
    return {"message_id": 1, "date": 1, "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "x"}, **fields}


HOSTILE_UPDATES: dict[str, dict[str, Any]] = {
    "no chat": {"message": {"message_id": 1, "date": 1, "text": "hello"}},
    "no sender": {"message": {"message_id": 2, "date": 1, "chat": {"id": CHAT + 1,
                                                                   "type": "private"},
                              "text": "我要举报"}},
    "unknown update kind": {"poll_answer_v9": {"whatever": True}},
    "empty update": {},
    "megabyte text": {"message": raw_message(CHAT + 2, text=SECRET_TEXT + "饭店苍蝇" * 250_000)},
    "nul and controls": {"message": raw_message(CHAT + 3, text=f"{SECRET_TEXT}\x00\x1b[2J\u202e")},
    "html text": {"message": raw_message(CHAT + 4, text="<script>alert(1)</script>" + SECRET_TEXT)},
    "edited message": {"edited_message": raw_message(CHAT + 5, text=SECRET_TEXT, edit_date=2)},
    "text is a number": {"message": raw_message(CHAT + 6, text=12345)},
    "negative chat id": {"message": raw_message(-1, text=SECRET_TEXT)},
    "forged button": {"callback_query": {"id": "1", "chat_instance": "c", "data": "confirm:submit",
                                         "from": {"id": CHAT + 7, "is_bot": False,
                                                  "first_name": "x"},
                                         "message": raw_message(CHAT + 7, text="x")}},
    "button without message": {"callback_query": {"id": "2", "chat_instance": "c",
                                                   "data": "../../" * 20,
                                                   "from": {"id": CHAT + 8, "is_bot": False,
                                                            "first_name": "x"}}},
    "huge button data": {"callback_query": {"id": "3", "chat_instance": "c", "data": "x" * 70_000,
                                            "from": {"id": CHAT + 9, "is_bot": False,
                                                     "first_name": "x"},
                                            "message": raw_message(CHAT + 9, text="x")}},
}


def count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_hostile_updates_neither_crash_the_bot_nor_store_nor_log_anything(
    api: FakeBotApi, running: RunningBot, session_factory: sessionmaker[Session],
    caplog: pytest.LogCaptureFixture, tried: Counter[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    last = 0
    for update in HOSTILE_UPDATES.values():
        last = api.push(dict(update))
    api.wait_for(lambda: api.confirmed() >= last, timeout=30)
    tried["telegram: hostile updates"] += len(HOSTILE_UPDATES)

    # The bot is still there for the next person,
    before = len(api.sent(CHAT))
    api.text(CHAT, "/start")
    assert "食品安全助手" in api.wait_answer(CHAT, before)[0]
    # nothing was filed, nothing it sent is over Telegram's limit, nothing was logged.
    assert count(session_factory, Case) == 0
    assert all(len(str(p.get("text", ""))) <= 4096 for p in api.sent())
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert SECRET_TEXT not in logged and "<script>" not in logged


def test_photos_that_lie_are_refused_politely_and_not_stored(
    api: FakeBotApi, running: RunningBot, session_factory: sessionmaker[Session],
    tried: Counter[str],
) -> None:
    chat = CHAT + 100
    for step in ("我在老王饭店吃出了苍蝇", None, None):
        before = len(api.sent(chat))
        if step is None:
            buttons = [b["callback_data"] for row in
                       (api.sent(chat)[-1].get("reply_markup") or {}).get("inline_keyboard", [])
                       for b in row]
            api.tap(chat, next(b for b in buttons if b in ("biz:use", "when:1", "when:skip")))
        else:
            api.text(chat, step)
        api.wait_answer(chat, before)
    # A Telegram photo is an image; the lying PDFs of the web's list are not sent as one.
    lying_photos = {name: data for name, data in REFUSED.items() if not name.startswith("pdf-")}
    for name, data in sorted(lying_photos.items()):
        before = len(api.sent(chat))
        api.photo(chat, data)
        said = api.wait_answer(chat, before)
        tried["telegram: lying photos"] += 1
        assert said and "第 1 张" not in said[-1], name
    assert count(session_factory, Attachment) == 0
    # and a real photo still works after the refusals
    before = len(api.sent(chat))
    api.photo(chat, photo_bytes())
    assert "第 1 张" in api.wait_answer(chat, before)[-1]
