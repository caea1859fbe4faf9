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


@pytest.mark.parametrize(("account", "said"), [
    ("我在那家面馆吃出了苍蝇", "那家面馆"),
    ("在楼下的店买的面包发霉了", "楼下的店"),
    ("昨天在一家饭店吃饭，回来就拉肚子", "一家饭店"),
    ("在小区门口的超市买的酸奶胀袋了", "小区门口的超市"),
])
def test_a_business_only_pointed_at_is_asked_for_by_name_and_address(
        chat: ChatDriver, account: str, said: str) -> None:
    _complaint(chat, account)
    # It was offered as the business's name: 就是“那家面馆”.
    assert f"就是“{said}”" not in _labels(chat)
    assert f"您说的“{said}”叫什么名字？在哪里？" in chat.text, chat.text
    assert f"只知道是“{said}”" in _labels(chat) and "biz:unknown" in chat.payloads
    chat.say("幸福路12号 老王面馆")
    assert chat.state == "report_when"
    assert (chat.draft["business"], chat.draft["place"]) == ("老王面馆", "幸福路12号")


def test_what_the_person_said_is_still_theirs_to_give_when_they_know_no_more(
        chat: ChatDriver) -> None:
    _complaint(chat, "我在那家面馆吃出了苍蝇")
    chat.tap("biz:use")
    assert chat.state == "report_when" and chat.draft["business"] == "那家面馆"


@pytest.mark.parametrize(("account", "said", "business", "place"), [
    ("我在老王面馆吃出了苍蝇", "老王面馆", "老王面馆", None),
    ("我在幸福路的老王面馆吃出了一只苍蝇", "幸福路的老王面馆", "老王面馆", "幸福路"),
    ("我在幸福路的面馆吃出了头发", "幸福路的面馆", "面馆", "幸福路"),  # a kind at a place
    ("在那家老王面馆吃的面里有虫", "老王面馆", "老王面馆", None),
    # the better of two: first pointed at, then named
    ("在那家面馆吃的，后来才知道是在幸福路的老王面馆", "幸福路的老王面馆", "老王面馆", "幸福路"),
])
def test_a_business_named_or_located_is_offered_and_kept_as_the_case_keeps_it(
        chat: ChatDriver, account: str, said: str, business: str, place: str | None) -> None:
    _complaint(chat, account)
    assert f"就是“{said}”" in _labels(chat) and "叫什么名字" not in chat.text
    chat.tap("biz:use")
    assert (chat.draft["business"], chat.draft["place"]) == (business, place)


def test_an_english_kind_of_business_is_asked_for_by_name(dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-1", user_id="61", lang="en")
    _complaint(chat, "I got sick after eating at the noodle shop yesterday")
    assert 'It is "noodle shop"' not in _labels(chat)
    assert 'What is "noodle shop" called, and where is it?' in chat.text, chat.text
    assert 'Only "noodle shop"' in _labels(chat)


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


def _to_when(chat: ChatDriver) -> None:
    _complaint(chat, "昨天在老王面馆吃的牛肉面里有一只苍蝇，吃完肚子疼")
    chat.say("幸福路12号 老王面馆")
    assert chat.state == "report_when", chat.text


@pytest.mark.parametrize("typed", ["我之前那个投诉怎么样了", "我上次的举报有进展吗",
                                   "这个要多久才有结果？"])
def test_a_status_question_at_when_is_answered_and_the_draft_kept(
        chat: ChatDriver, typed: str) -> None:
    _to_when(chat)
    draft = chat.draft
    chat.say(typed)
    # "我之前那个投诉怎么样了" was stored as the time (之前) and the photo question came next.
    assert chat.state == "report_when" and chat.draft == draft, chat.text
    assert "回执码" in chat.text and "menu:status" in chat.payloads
    assert "已填的内容都还在" in chat.text and "when:skip" in chat.payloads
    chat.say("昨天晚上")
    assert chat.state == "report_photos" and chat.draft["when_text"] == "昨天晚上"


@pytest.mark.parametrize("step", ["report_what", "report_business"])
def test_a_status_question_at_the_other_free_steps_is_answered_too(
        chat: ChatDriver, step: str) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    if step == "report_business":
        chat.say("昨天在老王面馆吃的牛肉面里有一只苍蝇")
    draft = chat.draft
    chat.say("我之前那个投诉怎么样了")
    # It became the account, or the business's name.
    assert chat.state == step and chat.draft == draft, chat.text
    assert "回执码" in chat.text and "menu:status" in chat.payloads
    chat.tap("menu:status")  # said so: the unsent report is dropped, the receipt asked for
    assert chat.state == "status_receipt" and "已放弃" in chat.text


def test_a_time_with_a_case_word_is_still_the_answer(chat: ChatDriver) -> None:
    _to_when(chat)
    chat.say("就是投诉的前一天晚上")  # a status word (投诉), read: not a status question
    assert chat.state == "report_photos", chat.text
