"""Storage faults on Telegram: the disk fills up at the moment a tip is confirmed.

The real PTB Application runs against the fake Bot API (tests/bot/fake_bot_api.py) on a
SQLite database; just before the person taps "submit", the database is capped at its
current size (SQLITE_FULL, as on a full disk). The person is told it was not submitted and
to try again, gets no receipt, nothing is stored; once there is space, the same tap files
the tip and sends the receipt.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine

from intake.db import make_engine, make_session_factory
from intake.migrate import upgrade
from intake.models import Case
from intake.routing.router import default_router
from intake.settings import Settings
from knowledge.faq import default_base

BOT_TESTS = Path(__file__).resolve().parent.parent / "bot"
if str(BOT_TESTS) not in sys.path:
    sys.path.insert(0, str(BOT_TESTS))

from fake_bot_api import FakeBotApi  # noqa: E402
from telegram_harness import RunningBot  # noqa: E402

from bot.engine import DialogueEngine  # noqa: E402

CHAT = 660001
LONG_TIP = "我是后厨员工，老板让我们把过期的肉剁碎了做包子馅，每天晚上十点以后换标签。" * 40
STEPS = ("tip:go", "biz:unknown", "when:skip", "photos:skip", "reward:no")


class Disk:
    """A switch that caps every new SQLite connection at the database's current size."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pages: int | None = None
        event.listen(engine, "connect", self._on_connect)

    def _on_connect(self, dbapi_connection: Any, _record: Any) -> None:
        if self.pages is not None:
            dbapi_connection.execute(f"PRAGMA max_page_count={self.pages}")

    def fill(self) -> None:
        # VACUUM first: free pages left by rewritten drafts would otherwise absorb the case.
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM")
            pages = int(conn.execute(text("PRAGMA page_count")).scalar() or 0)
        self.engine.dispose()
        self.pages = pages

    def free(self) -> None:
        self.pages = None
        self.engine.dispose()


@pytest.fixture
def disk_and_bot(settings: Settings, tmp_path: Path) -> Iterator[tuple[FakeBotApi, Disk]]:
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    disk = Disk(engine)
    dialogue = DialogueEngine(settings=replace(settings, database_url=url),
                              session_factory=make_session_factory(engine),
                              knowledge=default_base(), router=default_router())
    api = FakeBotApi().start()
    bot = RunningBot(api, dialogue, notify=False).start()
    yield api, disk
    bot.stop()
    api.stop()
    engine.dispose()


def cases(disk: Disk) -> int:
    with disk.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Case)).scalar() or 0)


def exchange(api: FakeBotApi, *, text_: str | None = None, tap: str | None = None) -> list[str]:
    before = len(api.sent(CHAT))
    if text_ is not None:
        api.text(CHAT, text_)
    else:
        api.tap(CHAT, str(tap))
    return api.wait_answer(CHAT, before)


def test_a_full_disk_at_submission_says_try_again_and_shows_no_receipt(
    disk_and_bot: tuple[FakeBotApi, Disk],
) -> None:
    api, disk = disk_and_bot
    exchange(api, text_=LONG_TIP)
    for payload in STEPS:
        exchange(api, tap=payload)

    disk.fill()
    said = exchange(api, tap="confirm:submit")

    assert any("没有提交" in s and "稍后再试" in s for s in said), said
    assert not any("回执码" in s for s in api.sent_texts(CHAT))
    assert cases(disk) == 0

    # Given space again, the person tries again and the tip is filed once, with a receipt.
    disk.free()
    said = exchange(api, tap="confirm:submit")
    if not any("回执码" in s for s in said):  # the flow may ask to confirm once more
        said = exchange(api, tap="confirm:submit")
    api.wait_for(lambda: any("回执码" in s for s in api.sent_texts(CHAT)))
    assert cases(disk) == 1
