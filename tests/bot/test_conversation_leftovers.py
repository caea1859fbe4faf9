"""Three leftovers of the second review (docs/bot.md, `botx`): a business only pointed at is
not offered as its name, gibberish is not an account, and a status question at a free step is
answered, each driven through the engine as a person would."""

from __future__ import annotations

import pytest
from chat_driver import ChatDriver

from bot.engine import DialogueEngine


def _labels(chat: ChatDriver) -> list[str]:
    return [button.label for reply in chat.replies for button in reply.buttons]


def _complaint(chat: ChatDriver, account: str) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say(account)
    assert chat.state == "report_business", chat.text


@pytest.mark.parametrize("typed", ["asdfasdf", "啊啊啊啊啊", "。。。。", "asdf asdf asdf",
                                   "哈哈哈哈哈哈哈哈", "qwertyuiop", "sdf jkl qwr"])
def test_gibberish_at_what_happened_is_refused_kindly_and_asked_again(
        chat: ChatDriver, typed: str) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say(typed)
    # "asdfasdf" was the account, and the next answer became the business.
    assert chat.state == "report_what" and "what" not in chat.draft, chat.text
    assert "这段我没看明白" in chat.text and "发生了什么" in chat.text
    chat.say("面里有苍蝇")  # words, only short: asked for more, as before
    assert chat.state == "report_what" and "至少 6 个字" in chat.text
    chat.say("我在老王面馆吃出了苍蝇")
    assert chat.state == "report_business" and chat.draft["what"] == "我在老王面馆吃出了苍蝇"


def test_gibberish_is_refused_in_english_too(dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-2", user_id="62", lang="en")
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("asdfghjkl")
    assert chat.state == "report_what" and "could not make that out" in chat.text
    chat.say("I got sick")  # three short words are words
    assert chat.state == "report_business"
