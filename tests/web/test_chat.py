"""The web chat: the bot's dialogue engine behind JSON, without cookies."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import form_token

from intake.models import Case
from knowledge.faq import default_base

KEY = "web-chat-test-conversation-0001"


def say(client: FlaskClient, **body: Any) -> list[dict[str, Any]]:
    response = client.post("/chat/messages", json={"conversation": KEY, **body})
    assert response.status_code == 200, response.data[:300]
    assert "Set-Cookie" not in response.headers
    return list(response.json["messages"])


def press(client: FlaskClient, replies: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """Press the offered button whose payload starts with ``prefix`` (fails if none is)."""
    offered = [b["payload"] for m in replies for b in m["buttons"]]
    chosen = next((p for p in offered if p.startswith(prefix)), None)
    assert chosen, f"no {prefix!r} button among {offered}"
    return say(client, button=chosen)


def test_the_chat_page_sets_no_cookie_and_loads_only_local_script(client: FlaskClient) -> None:
    response = client.get("/chat/")
    assert "Set-Cookie" not in response.headers
    page = response.data.decode()
    assert 'src="/static/js/chat.js"' in page and "data-conversation=" in page


def test_a_question_in_the_chat_is_answered_from_the_knowledge_base(client: FlaskClient) -> None:
    replies = say(client, command="start")
    assert replies and replies[0]["buttons"]
    replies = say(client, text="隔夜菜能吃吗")
    assert "冰箱" in replies[0]["text"] or "热透" in replies[0]["text"]


def test_an_english_reader_of_the_chat_is_answered_in_english(client: FlaskClient) -> None:
    entry = default_base().entry("home-overnight-dishes")
    client.get("/lang/en")
    say(client, command="start")
    replies = say(client, text="is it safe to eat leftovers from yesterday")
    text = "\n".join(reply["text"] for reply in replies)
    assert entry.answer_en and entry.answer_en in text
    assert f"Source: {entry.source.cite('en')}" in text and entry.answer not in text


def test_a_tip_filed_in_the_chat_gets_a_receipt_that_opens_the_status_page(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    say(client, command="start")
    replies = say(client, text="我要举报")
    replies = press(client, replies, "tip:")
    replies = say(client, text="华联超市把过期酸奶改了生产日期重新上架，每周都这样。")
    replies = say(client, text="华联超市建设路店")
    replies = press(client, replies, "when:skip")
    replies = press(client, replies, "photos:skip")
    replies = press(client, replies, "reward:no")
    replies = press(client, replies, "confirm:")
    receipt = next(m["receipt"] for m in replies if m["receipt"])
    with session_factory() as session:
        case = session.scalars(select(Case)).one()
    assert case.kind == "tip" and case.reporter_pseudonym is None
    page = client.get("/status").data
    status = client.post("/status", data={"csrf_token": form_token(page), "receipt": receipt})
    assert status.status_code == 200 and case.case_number in status.data.decode()


def test_the_chat_endpoint_refuses_what_a_page_of_ours_would_not_send(client: FlaskClient) -> None:
    good = {"conversation": KEY, "text": "你好"}
    assert client.post("/chat/messages", data=good).status_code == 400  # not JSON
    assert client.post("/chat/messages", json={**good, "conversation": "short"}).status_code == 400
    assert client.post("/chat/messages", json={**good, "conversation": "x" * 20 + "/.."}
                       ).status_code == 400
    assert client.post("/chat/messages", json={"conversation": KEY}).status_code == 400
    assert client.post("/chat/messages", json={**good, "text": "长" * 2001}).status_code == 400
    assert client.post("/chat/messages", json=["not", "an", "object"]).status_code == 400
    assert client.post("/chat/messages", json=good,
                       headers={"Sec-Fetch-Site": "cross-site"}).status_code == 400
