"""The canary across every channel: the web forms, the web chat, the Open311 API, the
console (`foodsafe chat`) and Telegram (the real python-telegram-bot Application against
the fake Bot API).

Each channel carries a marker text, and the web ones a fake client IP and user agent; the
Telegram one a fake user id and chat id. Afterwards: no log line (any logger, any thread)
holds the marker, the IP, the user agent or the Telegram ids; no row of any table (and for
SQLite no byte of the files) holds the IP, the user agent or the ids; the marker appears
only in the case text and the reporter's thread; the opted-in phone number is unreadable.
"""

from __future__ import annotations

import io
import logging
import secrets
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlite_files import sqlite_file_bytes
from web_factories import API_KEY, form_token, receipt_on

from intake.db import Base
from intake.routing.router import default_router
from intake.settings import Settings
from knowledge.faq import default_base

BOT_TESTS = Path(__file__).resolve().parent.parent / "bot"
if str(BOT_TESTS) not in sys.path:
    sys.path.insert(0, str(BOT_TESTS))

from fake_bot_api import FakeBotApi  # noqa: E402
from telegram_harness import RunningBot  # noqa: E402

from bot.console import run_console  # noqa: E402
from bot.engine import DialogueEngine  # noqa: E402

IP = "203.0.113.199"
FORWARDED = "198.51.100.211"
TG_USER = 987650001
TG_CHAT = 987650002
PHONE = "13700004321"
# Where report text may live: the case and the reporter's messages. Conversations hold a
# draft only while it is being written (checked separately below).
TEXT_COLUMNS = {("cases", "text"), ("messages", "text")}
TIP_BUTTONS = ("tip:go", "biz:unknown", "when:skip", "photos:skip", "reward:no",
               "confirm:submit")


def marker(channel: str) -> str:
    # Short alphanumeric runs between Chinese characters: nothing mistakes it for a receipt.
    token = secrets.token_hex(4)
    return f"金丝雀{channel}号{token[:4]}号{token[4:]}"


def table_values(engine: Engine) -> Iterator[tuple[str, str, Any]]:
    with Session(engine) as session:
        for table in Base.metadata.sorted_tables:
            result = session.execute(text(f"SELECT * FROM {table.name}"))  # noqa: S608
            columns = list(result.keys())
            for row in result:
                for column, value in zip(columns, row, strict=True):
                    yield table.name, column, value


def as_text(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    return str(value)


def sqlite_bytes(url: str) -> bytes:
    if not url.startswith("sqlite"):
        return b""
    return sqlite_file_bytes(url)


def logged(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        lines.append(repr(record.args))
        if record.exc_info and record.exc_info[1] is not None:
            lines.append(repr(record.exc_info[1]))
    return "\n".join(lines)


def through_web_forms(client: Any, markers: dict[str, str]) -> None:
    env = {"REMOTE_ADDR": IP}
    headers = {"X-Forwarded-For": FORWARDED, "User-Agent": f"Canary-UA/{IP}"}
    for kind in ("tip", "complaint"):
        token = form_token(client.get(f"/{kind}", environ_base=env, headers=headers).data)
        fields = {"csrf_token": token, "text": f"老王饭店后厨用过期肉 {markers[kind]}",
                  "business_name": "老王饭店"}
        if kind == "complaint":
            fields |= {"name": "王五", "phone": PHONE}
        response = client.post(f"/{kind}", data=fields, environ_base=env, headers=headers)
        assert response.status_code == 200, response.data[:300]
        markers[f"{kind}-receipt"] = receipt_on(response.data)
    # The reporter comes back by receipt and adds to the thread.
    token = form_token(client.get("/status", environ_base=env).data)
    response = client.post("/status/reply", environ_base=env, headers=headers, data={
        "csrf_token": token, "receipt": markers["tip-receipt"],
        "text": f"补充情况 {markers['reply']}"})
    assert response.status_code == 200


def through_api(client: Any, markers: dict[str, str]) -> None:
    response = client.post("/open311/v2/requests.json", environ_base={"REMOTE_ADDR": IP},
                           headers={"X-Forwarded-For": FORWARDED}, data={
                               "api_key": API_KEY, "service_code": "tip",
                               "description": f"超市卖过期酸奶 {markers['api']}"})
    assert response.status_code == 201


def through_web_chat(client: Any, markers: dict[str, str]) -> None:
    conversation = secrets.token_urlsafe(18)

    def send(**body: str) -> list[dict[str, Any]]:
        response = client.post("/chat/messages", json={"conversation": conversation, **body},
                               environ_base={"REMOTE_ADDR": IP},
                               headers={"X-Forwarded-For": FORWARDED,
                                        "Sec-Fetch-Site": "same-origin"})
        assert response.status_code == 200, response.data[:300]
        return list(response.get_json()["messages"])

    send(text=f"我是后厨员工，老板让我们用过期的肉 {markers['chat']}")
    replies: list[dict[str, Any]] = []
    for button in TIP_BUTTONS:
        replies = send(button=button)
    assert any(r.get("receipt") for r in replies), replies


def through_telegram(dialogue: DialogueEngine, markers: dict[str, str]) -> None:
    api = FakeBotApi().start()
    bot = RunningBot(api, dialogue).start()
    try:
        before = len(api.sent(TG_CHAT))
        api.text(TG_CHAT, f"我是后厨员工，老板让我们用过期的肉 {markers['telegram']}",
                 user_id=TG_USER)
        api.wait_answer(TG_CHAT, before)
        for button in TIP_BUTTONS:
            before = len(api.sent(TG_CHAT))
            api.tap(TG_CHAT, button, user_id=TG_USER)
            api.wait_answer(TG_CHAT, before)
        api.wait_for(lambda: any("回执码" in t for t in api.sent_texts(TG_CHAT)))
    finally:
        bot.stop()
        api.stop()


def through_console(dialogue: DialogueEngine, markers: dict[str, str]) -> None:
    # `foodsafe chat`: the numbered buttons are tip:go, biz:unknown, when:skip (3rd),
    # photos:skip (2nd), reward:no, confirm:submit.
    typed = "\n".join([f"我是后厨员工，老板让我们用过期的肉 {markers['console']}",
                       "1", "1", "3", "2", "1", "1", "/quit"]) + "\n"
    out = io.StringIO()
    run_console(dialogue, stdin=io.StringIO(typed), stdout=out)
    assert "回执码" in out.getvalue(), out.getvalue()[-500:]


def test_no_channel_stores_an_ip_or_a_platform_id_or_logs_report_text(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings,
    caplog: pytest.LogCaptureFixture, tried: Counter[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    markers = {name: marker(name) for name in ("tip", "complaint", "reply", "api", "chat",
                                               "telegram", "console")}
    client = app.test_client()
    through_web_forms(client, markers)
    through_api(client, markers)
    through_web_chat(client, markers)
    dialogue = DialogueEngine(settings=web_settings, session_factory=session_factory,
                              knowledge=default_base(), router=default_router())
    through_telegram(dialogue, markers)
    through_console(dialogue, markers)
    tried["canary: channels"] += 6

    engine = session_factory.kw["bind"]
    secrets_ = {"ip": IP, "forwarded ip": FORWARDED, "user agent": "Canary-UA",
                "telegram user id": str(TG_USER), "telegram chat id": str(TG_CHAT),
                "phone": PHONE}
    found_markers: Counter[str] = Counter()
    for table, column, value in table_values(engine):
        rendered = as_text(value)
        for what, secret in secrets_.items():
            assert secret not in rendered, f"{what} stored in {table}.{column}"
        for name, text_ in markers.items():
            if text_ in rendered and not name.endswith("receipt"):
                assert (table, column) in TEXT_COLUMNS or table == "conversations", (
                    f"marker {name} in {table}.{column}")
                found_markers[name] += 1
                if table == "conversations":
                    found_markers[f"{name} left in a conversation draft"] += 1
    raw = sqlite_bytes(web_settings.database_url)
    for what, secret in secrets_.items():
        assert secret.encode() not in raw, f"{what} in the SQLite file"
    for name in ("tip", "complaint", "reply", "api", "chat", "telegram", "console"):
        assert found_markers[name] >= 1, f"the {name} channel's text was not stored"
    assert not [k for k in found_markers if k.endswith("conversation draft")], found_markers

    log_text = logged(caplog)
    for name, text_ in markers.items():
        assert text_ not in log_text, f"{name} text or receipt in the logs"
    for what, secret in secrets_.items():
        assert secret not in log_text, f"{what} in the logs"
