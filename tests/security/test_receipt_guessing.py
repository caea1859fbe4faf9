"""Receipt guessing at full speed: the numbers SECURITY.md promises, held by the code.

A client (one IP address on the web, one key in the domain) gets GUESSES_PER_DAY wrong
receipts per day; after that every lookup is refused, even with a right receipt, until the
next day. On top, the web allows WEB_PER_MINUTE lookups a minute. With 97-bit receipts the
chance that one client's day of guessing hits any of a million cases is about 3e-22.
"""

from __future__ import annotations

import secrets
from collections import Counter
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker
from web_factories import RELAXED_LIMITS, file_case, form_token

from intake import receipts, throttle
from intake.db import transaction
from intake.errors import CaseNotFound, ReceiptThrottled
from intake.reporter import add_reporter_message, find_case_by_receipt
from intake.settings import Settings
from web.app import create_app

GUESSES_PER_DAY = 50  # FOODSAFE_RECEIPT_LOOKUPS_PER_DAY, default; written in SECURITY.md
WEB_PER_MINUTE = 20  # FOODSAFE_RECEIPT_LIMIT "20 per minute;200 per day"
GUESSER = "198.51.100.66"
NEIGHBOUR = "198.51.100.67"


def random_receipt() -> str:
    return receipts.new_receipt()


def look_up(client: FlaskClient, receipt: str, address: str = GUESSER) -> int:
    token = form_token(client.get("/status").data)
    return client.post("/status", data={"csrf_token": token, "receipt": receipt},
                       environ_base={"REMOTE_ADDR": address}).status_code


def test_the_documented_budget_is_the_configured_one(web_settings: Settings) -> None:
    assert web_settings.receipt_lookups_per_day == GUESSES_PER_DAY
    assert receipts.bits_of_entropy() > 97
    # one client's day of guesses against a million cases
    assert GUESSES_PER_DAY * 1_000_000 / len(receipts.ALPHABET) ** receipts.LENGTH < 1e-20


def test_a_guesser_at_full_speed_gets_exactly_the_daily_budget_then_nothing(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
    tried: Counter[str],
) -> None:
    real = file_case(session_factory, web_settings).receipt
    statuses = Counter(look_up(client, random_receipt()) for _ in range(GUESSES_PER_DAY + 10))
    tried["receipt guesses at full speed (web)"] += GUESSES_PER_DAY + 10

    assert statuses == {404: GUESSES_PER_DAY, 429: 10}
    # Once throttled, even the right receipt tells the guesser nothing,
    assert look_up(client, real) == 429
    # while another client (another address) is not locked out by the guesser.
    assert look_up(client, real, NEIGHBOUR) == 200


def test_replies_spend_the_same_budget_as_lookups(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
) -> None:
    real = file_case(session_factory, web_settings).receipt
    for _ in range(GUESSES_PER_DAY):
        token = form_token(client.get("/status").data)
        client.post("/status/reply", data={"csrf_token": token, "receipt": random_receipt(),
                                           "text": "补充一点情况"},
                    environ_base={"REMOTE_ADDR": GUESSER})
    assert look_up(client, real) == 429


def test_the_budget_comes_back_the_next_day_only(
    session_factory: sessionmaker[Session], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = date(2026, 11, 30)
    monkeypatch.setattr(throttle, "_today", lambda: today)
    for _ in range(settings.receipt_lookups_per_day):
        with pytest.raises(CaseNotFound), transaction(session_factory) as session:
            find_case_by_receipt(session, settings=settings, receipt=random_receipt(),
                                 client_key="bot:chat-1")
    with pytest.raises(ReceiptThrottled), transaction(session_factory) as session:
        find_case_by_receipt(session, settings=settings, receipt=random_receipt(),
                             client_key="bot:chat-1")
    monkeypatch.setattr(throttle, "_today", lambda: today + timedelta(days=1))
    with pytest.raises(CaseNotFound), transaction(session_factory) as session:
        find_case_by_receipt(session, settings=settings, receipt=random_receipt(),
                             client_key="bot:chat-1")


def test_the_domain_throttles_channels_without_a_web_limiter(
    session_factory: sessionmaker[Session], settings: Settings
) -> None:
    # The bot and the API reach the domain directly: the budget holds there too.
    client_key = f"telegram:{secrets.token_hex(4)}"
    refused = 0
    for _ in range(settings.receipt_lookups_per_day + 5):
        try:
            with transaction(session_factory) as session:
                add_reporter_message(session, settings=settings, receipt=random_receipt(),
                                     text="还有别的情况", client_key=client_key)
        except ReceiptThrottled:
            refused += 1
        except CaseNotFound:
            pass
    assert refused == 5


def test_the_web_allows_only_twenty_lookups_a_minute_per_client(
    web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    limits = {**RELAXED_LIMITS, "FOODSAFE_RECEIPT_LIMIT": "20 per minute;200 per day"}
    app: Flask = create_app(web_settings, **limits)
    client = app.test_client()
    statuses = [look_up(client, random_receipt(), "192.0.2.10") for _ in range(WEB_PER_MINUTE + 3)]
    app.extensions["foodsafe"].engine.dispose()
    assert statuses[:WEB_PER_MINUTE] == [404] * WEB_PER_MINUTE
    assert statuses[WEB_PER_MINUTE:] == [429] * 3


def chat_guess(client: FlaskClient, conversation: str, address: str = GUESSER) -> str:
    response = client.post("/chat/messages", json={"conversation": conversation,
                                                   "text": random_receipt()},
                           environ_base={"REMOTE_ADDR": address},
                           headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200
    return "\n".join(m["text"] for m in response.get_json()["messages"])


def test_the_web_chat_budget_is_per_client_not_per_conversation(
    client: FlaskClient, session_factory: sessionmaker[Session], tried: Counter[str],
) -> None:
    # A guesser who opens a fresh chat conversation for every guess still gets one budget.
    said = [chat_guess(client, secrets.token_urlsafe(18)) for _ in range(GUESSES_PER_DAY + 3)]
    tried["receipt guesses through the web chat"] += len(said)
    assert sum("没有找到" in s for s in said) == GUESSES_PER_DAY
    assert all("失败次数过多" in s for s in said[GUESSES_PER_DAY:])
