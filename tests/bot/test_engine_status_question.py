"""Checking a case by receipt, replying into its thread, and asking the knowledge base."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from chat_driver import ChatDriver
from sqlalchemy import select

from bot.engine import DialogueEngine
from intake.models import Case, FaqFeedback, FaqMiss, Message
from intake.receipts import new_receipt
from knowledge.faq import default_base


def test_status_by_receipt_shows_status_bureau_deadline_and_replies(chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    chat.command("status")
    assert chat.state == "status_receipt"
    chat.say(receipt.lower().replace("-", " "))
    assert chat.state == "status_view"
    assert "已收到" in chat.text and "区市场监管局" in chat.text and "办理期限" in chat.text
    assert receipt not in str(chat.draft)  # kept sealed while in the flow


def test_a_reply_is_dated_by_the_districts_calendar(chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    with chat.session() as session, session.begin():
        case = session.scalars(select(Case)).one()
        # 17:00 UTC on the 30th is 01:00 on the 1st in the district
        session.add(Message(case_id=case.id, author="staff", text="已派人核查",
                            created_at=datetime(2026, 11, 30, 17, 0, tzinfo=UTC)))
    chat.command("status")
    chat.say(receipt)
    assert "[2026-12-01] 已派人核查" in chat.text


def test_a_receipt_typed_anywhere_opens_the_case(chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    chat.say(f"帮我查一下 {receipt}")
    assert chat.state == "status_view"


def test_wrong_receipt_is_asked_again_and_nonsense_is_explained(chat: ChatDriver) -> None:
    chat.say("查进度")
    assert chat.state == "status_receipt"
    chat.say("不知道")
    assert chat.state == "status_receipt" and "20" in chat.text
    chat.say(new_receipt())
    assert chat.state == "status_receipt" and "没有找到" in chat.text


def test_reply_goes_into_the_thread_and_a_receipt_inside_it_is_refused(chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    chat.say(receipt)
    chat.tap("status:reply")
    assert chat.state == "status_reply"
    chat.say(f"我的回执是 {receipt}")
    assert chat.state == "status_reply" and "回执" in chat.text
    chat.say("商家今天还在营业，后厨依旧很脏")
    assert chat.state == "status_view" and "已添加" in chat.text
    with chat.session() as session:
        texts = [m.text for m in session.scalars(select(Message))]
    assert texts == ["商家今天还在营业，后厨依旧很脏"]
    chat.tap("status:done")
    assert chat.state == "idle" and "receipt" not in chat.draft


def test_typing_a_new_question_while_viewing_a_case_leaves_the_case(chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    chat.say(receipt)
    chat.say("隔夜菜还能吃吗？")
    assert chat.state == "idle" and "receipt" not in chat.draft
    assert "fb:1" in chat.payloads


def test_question_is_answered_with_its_source_and_feedback_is_recorded_once(
        chat: ChatDriver) -> None:
    chat.say("隔夜菜还能吃吗？")
    assert "来源" in chat.text and chat.payloads == ["fb:1", "fb:0"]
    chat.tap("fb:0")
    chat.tap("fb:1")  # a second vote on the same answer is stale
    with chat.session() as session:
        votes = [(f.entry_id, f.helpful) for f in session.scalars(select(FaqFeedback))]
    assert len(votes) == 1 and votes[0][1] is False
    assert "之前的步骤" in chat.text


def test_a_question_that_tells_of_an_incident_is_answered_and_offered_the_complaint_flow(
        chat: ChatDriver) -> None:
    # Given a question that also tells what happened to the writer
    told = "酸奶胀袋了还能喝吗"
    chat.say(told)
    # Then it is answered, and the complaint and tip flows are offered beside the answer
    assert "fb:1" in chat.payloads
    assert "menu:complaint" in chat.payloads and "menu:tip" in chat.payloads
    # When the person chooses to complain, what they wrote is already the account
    chat.tap("menu:complaint")
    assert chat.draft.get("what") == told


def test_a_plain_question_is_not_offered_the_complaint_flow(chat: ChatDriver) -> None:
    chat.say("生豆浆为什么一定要煮开？")
    assert "menu:complaint" not in chat.payloads


def test_small_talk_gets_the_menu_without_asking_the_knowledge_base(chat: ChatDriver) -> None:
    chat.say("请问怎么办理护照？")
    assert "menu:complaint" in chat.payloads
    with chat.session() as session:
        assert session.scalars(select(FaqMiss)).all() == []


def test_thanks_are_returned_and_venting_acknowledged_not_introduced(chat: ChatDriver) -> None:
    chat.say("好的谢谢你，再见")
    assert "不客气" in chat.text and "食品安全助手" not in chat.text
    chat.say("你们这帮吃干饭的，举报了也没用")
    assert "理解您的不满" in chat.text and "menu:complaint" in chat.payloads
    chat.say("你好")
    assert "食品安全助手" in chat.text


VAGUE = ("食品的那个事情怎么弄？", "请问外星人吃什么？", "那个东西到底能不能吃啊？",
         "这个怎么处理比较好？", "吃的方面有啥要注意的吗？", "请问关于肉的问题问谁？",
         "我想问一下那个标准的事情？")


def _unsure_question() -> str:
    """A question the shipped base answers with suggestions (the base grows, so search)."""
    base = default_base()
    for question in VAGUE:
        answer = base.answer(question)
        if not answer.answered and answer.in_scope and answer.suggestions:
            return question
    pytest.skip("the knowledge base is sure about every vague question we have")


def test_an_unsure_answer_offers_closest_questions_and_records_the_miss(
        chat: ChatDriver) -> None:
    chat.say(_unsure_question())
    suggestions = [p for p in chat.payloads if p.startswith("q:")]
    assert suggestions and "来源" not in chat.text
    with chat.session() as session:
        assert len(session.scalars(select(FaqMiss)).all()) == 1
    chat.tap(suggestions[0])
    assert "来源" in chat.text and "fb:1" in chat.payloads
    chat.tap(suggestions[0])  # the suggestion list is used up
    assert "之前的步骤" in chat.text


def test_receipt_guessing_through_the_bot_is_throttled_by_the_domain(
        dialogue: DialogueEngine) -> None:
    from dataclasses import replace

    strict = DialogueEngine(settings=replace(dialogue.settings, receipt_lookups_per_day=3),
                            session_factory=dialogue.session_factory,
                            knowledge=dialogue.knowledge, router=dialogue.router,
                            clock=dialogue.clock)
    guesser = ChatDriver(strict, conversation_key="guesser-1", user_id="guesser-1")
    for _ in range(3):
        guesser.say(new_receipt())
        assert "没有找到" in guesser.text
    guesser.say(new_receipt())
    assert "明天再试" in guesser.text and guesser.state == "idle"
    other = ChatDriver(strict, conversation_key="someone-else", user_id="someone-else")
    other.say(new_receipt())
    assert "没有找到" in other.text  # the limit is per conversation, not global
