"""End to end under stress: restarts, two bot processes, malformed updates, floods, staff
notifications, and the canary: the reporter's Telegram id never reaches the database or
the logs."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fake_bot_api import FakeBotApi
from sqlalchemy import select
from sqlite_files import sqlite_file_bytes
from telegram_harness import RunningBot

from bot.engine import DialogueEngine
from intake.db import transaction
from intake.floodgate import FloodGate
from intake.models import Case, Notification
from intake.routing.router import default_router
from intake.service import accept_case, reply_to_reporter
from intake.staff import create_staff
from knowledge.faq import default_base

CHAT = 917_000_333


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    server = FakeBotApi().start()
    yield server
    server.stop()


def _say(api: FakeBotApi, text: str, *, chat: int = CHAT, lane: str = "") -> list[str]:
    before = len(api.sent(chat))
    api.text(chat, text, lane=lane)
    return api.wait_answer(chat, before)


def _tap(api: FakeBotApi, data: str, *, chat: int = CHAT, lane: str = "") -> list[str]:
    before = len(api.sent(chat))
    api.tap(chat, data, lane=lane)
    return api.wait_answer(chat, before)


def _fresh_engine(engine: DialogueEngine) -> DialogueEngine:
    """What a new process builds: same settings and database, nothing else shared."""
    return DialogueEngine(settings=engine.settings, session_factory=engine.session_factory,
                          knowledge=default_base(), router=default_router(), clock=engine.clock)


def test_a_restart_in_the_middle_of_a_complaint_resumes_at_the_same_step(
        api: FakeBotApi, dialogue: DialogueEngine) -> None:
    first = RunningBot(api, dialogue).start()
    _say(api, "我在XX饭店吃出了苍蝇")
    _tap(api, "biz:use")
    first.stop()
    # Given the process is gone, when a new one starts and the person answers the next step,
    second = RunningBot(api, _fresh_engine(dialogue)).start()
    try:
        said = _tap(api, "when:1")
        # then it carries on with the photos step, the draft intact.
        assert "照片" in said[-1]
        _tap(api, "photos:skip")
        _say(api, "13812345678")
        said = _tap(api, "confirm:submit")
        assert any("回执码" in text for text in said)
    finally:
        second.stop()


def test_two_bot_processes_serve_one_conversation(api: FakeBotApi,
                                                  dialogue: DialogueEngine) -> None:
    one = RunningBot(api, dialogue, lane="a").start()
    two = RunningBot(api, _fresh_engine(dialogue), lane="b").start()
    try:
        # Each step reaches a different process, as behind a load balancer.
        _say(api, "我在XX饭店吃出了苍蝇", lane="a")
        _tap(api, "biz:use", lane="b")
        _tap(api, "when:0", lane="a")
        _tap(api, "photos:skip", lane="b")
        _say(api, "13812345678", lane="a")
        said = _tap(api, "confirm:submit", lane="b")
        assert any("回执码" in text for text in said)
        lanes = {r.lane for r in api.calls("sendMessage")}
        assert lanes == {"a", "b"}
        with dialogue.session_factory() as session:
            assert len(session.scalars(select(Case)).all()) == 1
    finally:
        one.stop()
        two.stop()


def test_malformed_updates_are_skipped_and_the_bot_keeps_serving(
        api: FakeBotApi, dialogue: DialogueEngine, caplog: pytest.LogCaptureFixture) -> None:
    bot = RunningBot(api, dialogue).start()
    try:
        secret = "MalformedSecretText"
        api.push({"message": {"message_id": "not-a-number", "text": secret}})
        api.push({"message": {"chat": {"id": CHAT}, "text": secret}})  # no date, no type
        api.push({"callback_query": {"data": "menu:tip"}})
        api.push({"edited_message": {"message_id": 1, "date": 1,
                                     "chat": {"id": CHAT, "type": "private"}, "text": secret}})
        said = _say(api, "你好")
        assert "食品安全助手" in said[0]
        assert secret not in caplog.text
        assert bot.app.running
    finally:
        bot.stop()


def test_a_flood_from_one_chat_is_cut_off_politely_without_hurting_others(
        api: FakeBotApi, dialogue: DialogueEngine) -> None:
    gate = FloodGate(dialogue.settings, burst=5, rate=0.01)
    bot = RunningBot(api, dialogue, rate_limit=gate).start()
    try:
        for index in range(60):
            api.text(CHAT, f"你好 {index}")
        other = _say(api, "隔夜菜还能吃吗？", chat=CHAT + 1)
        assert "来源" in other[0]
        api.wait_for(lambda: any("太快" in t for t in api.sent_texts(CHAT)))
        api.wait_answer(CHAT, len(api.sent(CHAT)) - 1, quiet=0.5)
        texts = api.sent_texts(CHAT)
        assert sum("太快" in t for t in texts) == 1
        assert len(texts) == 5 + 1  # five answered, one warning, the rest dropped
    finally:
        bot.stop()


@pytest.mark.redis
def test_two_bot_processes_share_one_flood_budget_through_redis(
        api: FakeBotApi, dialogue: DialogueEngine, redis_url: str) -> None:
    import redis

    namespace = f"foodsafe-test-flood-{uuid.uuid4().hex}"
    shared = replace(dialogue.settings, redis_url=redis_url)
    one = RunningBot(api, dialogue, lane="a",
                     rate_limit=FloodGate(shared, burst=5, rate=0.01, namespace=namespace)).start()
    two = RunningBot(api, _fresh_engine(dialogue), lane="b",
                     rate_limit=FloodGate(shared, burst=5, rate=0.01, namespace=namespace)).start()
    try:
        for index in range(30):  # the balancer alternates the flood between the processes
            api.text(CHAT, f"你好 {index}", lane="ab"[index % 2])
        api.wait_for(lambda: any("太快" in t for t in api.sent_texts(CHAT)))
        api.wait_answer(CHAT, len(api.sent(CHAT)) - 1, quiet=0.5)
        texts = api.sent_texts(CHAT)
        assert sum("太快" in t for t in texts) == 1  # one warning between the two
        assert len(texts) == 5 + 1  # five answered in all, not five per process
    finally:
        one.stop()
        two.stop()
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"*{namespace}*"))
        assert keys and not any(str(CHAT).encode() in key for key in keys)
        client.delete(*keys)
        client.close()


def test_staff_action_and_reply_reach_the_telegram_reporter(
        api: FakeBotApi, dialogue: DialogueEngine) -> None:
    bot = RunningBot(api, dialogue).start()
    try:
        _say(api, "我在XX饭店吃出了苍蝇")
        _tap(api, "biz:use")
        _tap(api, "when:0")
        _tap(api, "photos:skip")
        _say(api, "13812345678")
        _tap(api, "confirm:submit")
        settings = dialogue.settings
        with transaction(dialogue.session_factory) as session:
            number = session.scalars(select(Case.case_number)).one()
            lead = create_staff(session, settings=settings, username="samr.handler",
                                password="correct horse battery", bureau="samr",
                                role="handler", display_name="Handler")
            accept_case(session, settings=settings, actor=lead, case_number=number)
            reply_to_reporter(session, settings=settings, actor=lead, case_number=number,
                              text="我们已安排检查，请保留小票。")

        def notices() -> list[str]:
            return [t for t in api.sent_texts(CHAT) if number in t and "已提交" not in t]

        api.wait_for(lambda: len(notices()) >= 2)
        assert "受理" in notices()[0]
        assert "回复" in notices()[1] and "保留小票" not in notices()[1]  # no case text in a push
        with dialogue.session_factory() as session:
            assert all(n.delivered_at for n in session.scalars(select(Notification)))
    finally:
        bot.stop()


def test_canary_the_telegram_id_never_reaches_the_database_or_the_logs(
        api: FakeBotApi, dialogue: DialogueEngine, caplog: pytest.LogCaptureFixture,
        db_url: str) -> None:
    canary_id = 6_123_987_654
    caplog.set_level(logging.DEBUG)
    bot = RunningBot(api, dialogue).start()
    try:
        _say(api, "/start", chat=canary_id)
        _say(api, "我在XX饭店吃出了苍蝇，CanaryMarker", chat=canary_id)
        _tap(api, "biz:use", chat=canary_id)
        _tap(api, "when:0", chat=canary_id)
        _tap(api, "photos:skip", chat=canary_id)
        _say(api, "13812345678", chat=canary_id)
        said = _tap(api, "confirm:submit", chat=canary_id)
        assert any("回执码" in text for text in said)
        api.push({"message": {"message_id": "x", "chat": {"id": canary_id}}})  # malformed
        _say(api, "/help", chat=canary_id)
    finally:
        bot.stop()
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert str(canary_id) not in logged and "CanaryMarker" not in logged
    assert "13812345678" not in logged
    with dialogue.session_factory() as session:
        dump = _database_text(session, db_url)
    assert "CanaryMarker" in dump  # the case text is stored (staff must read it) …
    assert str(canary_id) not in dump  # … the Telegram id never is


def _database_text(session: object, db_url: str) -> str:
    """Every byte of the SQLite file, or every row of every table on PostgreSQL."""
    from sqlalchemy import text

    from intake.db import Base

    if db_url.startswith("sqlite"):
        return sqlite_file_bytes(db_url).decode("utf-8", errors="replace")
    rows = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(text(f'SELECT * FROM "{table.name}"')):  # type: ignore[attr-defined]  # noqa: S608
            rows.append(repr(tuple(row)))
    return "\n".join(rows)


def test_a_failed_send_is_logged_without_the_persons_words_or_ids(
        api: FakeBotApi, dialogue: DialogueEngine, caplog: pytest.LogCaptureFixture) -> None:
    bot = RunningBot(api, dialogue).start()
    try:
        # Telegram's error descriptions can quote the message: ours must not reach the log.
        api.fail("sendMessage", description="Bad Request: can't parse 'LeakyWords'")
        api.text(CHAT, "你好 LeakyWords")
        api.wait_for(lambda: any("update" in r.getMessage() and "failed" in r.getMessage()
                                 for r in caplog.records))
        api.wait_for(lambda: any("抱歉" in t for t in api.sent_texts(CHAT)))
    finally:
        bot.stop()
    logged = "\n".join(r.getMessage() + repr(r.args) + str(r.exc_info) for r in caplog.records)
    assert "BadRequest" in logged
    assert "LeakyWords" not in logged and str(CHAT) not in logged
