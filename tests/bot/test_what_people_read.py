"""What a person reads in the assistant's replies: one language a reply, and nothing that is
untrue of the channel they are on (the UX review of 2026-11-30)."""

from __future__ import annotations

import re

from chat_driver import ChatDriver, FakeClock
from faq_factories import shipped_base_with_chinese_only
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.engine import DialogueEngine
from intake.models import Case
from intake.routing.router import default_router
from intake.settings import Settings
from knowledge.faq import default_base

TIP = "我们厂用过期的面粉做面包，还改了生产日期"


def _tip_submitted(chat: ChatDriver) -> str:
    chat.command("start")
    chat.tap("menu:tip")
    chat.tap("tip:go")
    chat.say(TIP)
    chat.say("不清楚")
    chat.say("上周")
    chat.tap("photos:skip")
    chat.tap("reward:no")
    assert chat.state == "report_confirm", chat.text
    chat.tap("confirm:submit")
    assert chat.state == "idle", chat.text
    return chat.text


def test_the_chinese_receipt_reply_is_punctuated_in_chinese_and_cites_in_chinese(
    chat: ChatDriver,
) -> None:
    text = _tip_submitted(chat)
    why = text.split("分派依据：", 1)[1].split("\n", 1)[0]
    assert why.count("“") >= 2, why  # several words, so a separator to look at
    assert "; " not in why and "；" in why
    basis = text.split("依据：", 2)[-1]
    assert "《" in basis and not re.search(r"[A-Za-z]{3,}", basis), basis


def test_the_english_receipt_reply_is_punctuated_and_cited_in_english(
    dialogue: DialogueEngine,
) -> None:
    chat = ChatDriver(dialogue, conversation_key="chat-5550002", user_id="5550002", lang="en")
    text = _tip_submitted(chat)
    why = text.split("Why: ", 1)[1].split("\n", 1)[0]
    assert "、" not in why and "；" not in why, why
    basis = text.split("(Basis: ", 1)[1].split(")", 1)[0]
    assert "《" not in basis and "art." in basis, basis


def test_the_web_chat_tip_notice_does_not_speak_of_telegram(dialogue: DialogueEngine) -> None:
    web = ChatDriver(dialogue, conversation_key="web-0001", user_id=None, channel="web")
    web.command("start")
    web.tap("menu:tip")
    assert web.state == "tip_notice"
    # It told a tipster on the web chat that Telegram could see the chat, and sent them to the
    # web form as "the more private channel" from the website itself.
    assert "Telegram" not in web.text
    assert "/tip" in web.text and "不记录您的 IP" in web.text


def test_the_telegram_tip_notice_points_at_the_tip_form(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:tip")
    assert "Telegram" in chat.text
    assert re.search(r"https?://\S+/tip\b", chat.text), chat.text


def test_an_english_status_check_names_the_bureau_in_english(dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="chat-5550003", user_id="5550003", lang="en")
    _tip_submitted(chat)
    receipt = next(r.receipt for r in chat.replies if r.receipt)
    chat.command("status")
    chat.say(receipt)
    assert chat.state == "status_view", chat.text
    # "Handled by: 区市场监管局" in an English reply.
    assert "Handled by: District " in chat.text and "区" not in chat.text


def test_an_english_question_is_answered_in_english_where_the_entry_has_english(
    dialogue: DialogueEngine,
) -> None:
    chat = ChatDriver(dialogue, conversation_key="chat-5550004", user_id="5550004", lang="en")
    chat.say("is it safe to eat leftovers from yesterday")
    entry = default_base().entry("home-overnight-dishes")
    assert entry.answer_en and entry.answer_en in chat.text, chat.text
    assert f"Source: {entry.source.cite('en')}" in chat.text
    assert "only in Chinese" not in chat.text and entry.answer not in chat.text


def test_an_english_conversation_is_told_when_an_answer_is_only_in_chinese(
    settings: Settings, session_factory: sessionmaker[Session], clock: FakeClock,
) -> None:
    # Given a base in which one entry has no English yet
    base = shipped_base_with_chinese_only("farm-produce-fresh-fish")
    dialogue = DialogueEngine(settings=settings, session_factory=session_factory,
                              knowledge=base, router=default_router(), clock=clock)
    entry = base.entry("farm-produce-fresh-fish")
    chat = ChatDriver(dialogue, conversation_key="chat-5550006", user_id="5550006", lang="en")
    chat.say(entry.question)
    assert entry.answer in chat.text, chat.text
    assert "(This answer is only in Chinese so far.)" in chat.text


def test_a_case_with_no_deadline_running_says_so_rather_than_a_dash(
    dialogue: DialogueEngine,
) -> None:
    chat = ChatDriver(dialogue, conversation_key="chat-5550005", user_id="5550005", lang="en")
    _tip_submitted(chat)
    receipt = next(r.receipt for r in chat.replies if r.receipt)
    with chat.session() as session:
        case = session.scalars(select(Case)).one()
        case.due_on = None  # as after an anonymous tip is accepted: no limit runs
        session.commit()
    chat.command("status")
    chat.say(receipt)
    assert "Due: none running" in chat.text and "Due: -" not in chat.text
