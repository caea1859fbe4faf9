"""End to end: the real python-telegram-bot Application polling a fake Bot API on 127.0.0.1.

Each test scripts a person (texts, button taps, photos) and asserts on what the bot sent.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_driver import photo_bytes
from fake_bot_api import FakeBotApi
from sqlalchemy import select
from telegram_harness import RunningBot

from bot.engine import DialogueEngine
from intake.models import Attachment, Case, FaqFeedback, Message

CHAT = 4242001


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    server = FakeBotApi().start()
    yield server
    server.stop()


@pytest.fixture
def running(api: FakeBotApi, dialogue: DialogueEngine) -> Iterator[RunningBot]:
    bot = RunningBot(api, dialogue).start()
    yield bot
    bot.stop()


def _exchange(api: FakeBotApi, *, text: str | None = None, tap: str | None = None,
              photo: bytes | None = None, chat: int = CHAT) -> list[str]:
    """Send one thing and wait for the bot's whole answer; the new messages' texts."""
    before = len(api.sent(chat))
    if text is not None:
        api.text(chat, text)
    elif tap is not None:
        api.tap(chat, tap)
    elif photo is not None:
        api.photo(chat, photo)
    return api.wait_answer(chat, before)


def _buttons(api: FakeBotApi, chat: int = CHAT) -> list[str]:
    markup = api.sent(chat)[-1].get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def test_start_shows_the_menu_and_registers_commands(api: FakeBotApi,
                                                    running: RunningBot) -> None:
    said = _exchange(api, text="/start")
    assert "食品安全助手" in said[0]
    assert _buttons(api) == ["menu:complaint", "menu:tip", "menu:status", "menu:question"]
    assert {c.params.get("language_code") for c in api.calls("setMyCommands")} == {None, "en"}


def test_complaint_over_telegram_with_a_photo_ends_with_a_protected_receipt(
        api: FakeBotApi, running: RunningBot, dialogue: DialogueEngine) -> None:
    _exchange(api, text="我在XX饭店吃出了苍蝇")
    assert "biz:use" in _buttons(api)
    _exchange(api, tap="biz:use")
    _exchange(api, tap="when:1")
    said = _exchange(api, photo=photo_bytes(exif_marker="TelegramExifMarker"))
    assert "第 1 张" in said[-1]
    assert api.calls("getFile")
    _exchange(api, tap="photos:done")
    _exchange(api, text="李先生 13912345678")
    said = _exchange(api, tap="confirm:submit")
    api.wait_for(lambda: len(api.sent(CHAT)) >= 2 and "承办部门" in api.sent_texts(CHAT)[-1])
    receipt_message = next(p for p in api.sent(CHAT) if "回执码" in str(p.get("text")))
    assert receipt_message.get("protect_content") in (True, "true", "True")
    assert api.calls("answerCallbackQuery") and api.calls("editMessageReplyMarkup")
    with dialogue.session_factory() as session:
        case = session.scalars(select(Case)).one()
        attachment = session.scalars(select(Attachment)).one()
        assert case.channel == "telegram" and attachment.content_type == "image/jpeg"
        stored = (dialogue.settings.upload_dir / attachment.cleaned_path).read_bytes()
        assert b"TelegramExifMarker" not in stored


def test_tip_status_and_question_over_telegram(api: FakeBotApi, running: RunningBot,
                                              dialogue: DialogueEngine) -> None:
    said = _exchange(api, text="我是后厨员工，老板让我们用过期的肉")
    assert "匿名" in said[0]
    _exchange(api, tap="tip:go")
    _exchange(api, tap="biz:unknown")
    _exchange(api, tap="when:skip")
    _exchange(api, tap="photos:skip")
    _exchange(api, tap="reward:no")
    _exchange(api, tap="confirm:submit")
    api.wait_for(lambda: "保密" in api.sent_texts(CHAT)[-1])
    receipt = next(str(p["text"]) for p in api.sent(CHAT) if "回执码" in str(p.get("text")))
    code = receipt.split("回执码：")[1].split()[0]
    said = _exchange(api, text=code)
    assert "已收到" in said[0]
    _exchange(api, tap="status:reply")
    _exchange(api, text="补充：他们每天晚上十点以后换标签")
    _exchange(api, tap="status:done")
    said = _exchange(api, text="隔夜菜还能吃吗？")
    api.wait_for(lambda: "有帮助吗" in api.sent_texts(CHAT)[-1])
    _exchange(api, tap="fb:1")
    with dialogue.session_factory() as session:
        assert session.scalars(select(Case)).one().reporter_pseudonym is None
        assert [m.text for m in session.scalars(select(Message))] == [
            "补充：他们每天晚上十点以后换标签"]
        assert session.scalars(select(FaqFeedback)).one().helpful is True


def test_a_4000_character_message_is_handled_and_long_replies_are_split(
        api: FakeBotApi, running: RunningBot) -> None:
    said = _exchange(api, text="我在老王面馆吃出了苍蝇。" * 333 + "苍")
    assert said and all(len(text) <= 4096 for text in api.sent_texts(CHAT))
    assert "商家" in said[-1]


def test_other_chat_types_and_unreadable_messages(api: FakeBotApi, running: RunningBot) -> None:
    group = {"message_id": 1, "date": 1, "chat": {"id": -100555, "type": "group", "title": "g"},
             "from": {"id": 9, "is_bot": False, "first_name": "x"}, "text": "我要举报"}
    api.push({"message": group})
    sticker = {"message_id": 2, "date": 1, "chat": {"id": CHAT, "type": "private"},
               "from": {"id": CHAT, "is_bot": False, "first_name": "x"},
               "sticker": {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
                           "is_animated": False, "is_video": False, "type": "regular"}}
    api.push({"message": sticker})
    api.wait_for(lambda: len(api.sent(CHAT)) == 1)
    assert "文字和照片" in api.sent_texts(CHAT)[0]
    assert api.sent(-100555) == []


def test_an_english_telegram_client_is_answered_in_english(api: FakeBotApi,
                                                          running: RunningBot) -> None:
    before = len(api.sent(CHAT + 7))
    api.text(CHAT + 7, "/start", lang="en-GB")
    said = api.wait_answer(CHAT + 7, before)
    assert said[0].startswith("Hello, I am the district's food-safety assistant")
