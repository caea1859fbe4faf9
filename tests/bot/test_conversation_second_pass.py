"""The `botx` pass's leftovers (docs/bot.md, `botx2`): a business named without 在/去/从/到,
a generic name typed at the business question, English places after a kind of business, and
a receipt typed during a report; each driven through the engine as a person would."""

from __future__ import annotations

import pytest
from chat_driver import ChatDriver

from bot.engine import DialogueEngine
from intake.receipts import new_receipt


def _labels(chat: ChatDriver) -> list[str]:
    return [button.label for reply in chat.replies for button in reply.buttons]


# ---- a receipt typed during a report --------------------------------------------------------


@pytest.mark.parametrize(("step", "ask"), [
    ("report_business", "是哪家商家"), ("report_when", "什么时候"), ("report_photos", "照片"),
    ("report_contact", "联系"), ("report_confirm", "确认")])
def test_a_receipt_typed_during_a_report_is_looked_up_and_the_draft_kept(
        chat: ChatDriver, step: str, ask: str) -> None:
    receipt = chat.file_complaint()
    chat.say("昨天在老王面馆吃的牛肉面里有一只苍蝇，吃完肚子疼")
    answers = [lambda: chat.tap("biz:use"), lambda: chat.tap("when:1"),
               lambda: chat.tap("photos:skip"), lambda: chat.say("13912345678")]
    for answer in answers:
        if chat.state == step:
            break
        answer()
    assert chat.state == step, chat.text
    draft = chat.draft
    chat.say(receipt.lower())
    # It was taken as the business's name, a time, "please send a photo", a bad phone number.
    assert chat.state == step and chat.draft == draft, chat.text
    assert "承办部门" in chat.text and "办理期限" in chat.text
    assert "已填的内容都还在" in chat.text and ask in chat.text
    assert "status:reply" not in chat.payloads and "先把正在填的这份登记提交或取消" in chat.text
    assert receipt not in str(chat.draft)


def test_a_receipt_with_words_is_not_kept_in_the_report_and_a_wrong_one_is_said_so(
        chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    chat.tap("menu:complaint")
    chat.say(f"上次的投诉回执码是 {receipt}，这次又在同一家店吃出了头发")
    assert chat.state == "report_what" and "what" not in chat.draft, chat.text
    assert "承办部门" in chat.text and "没有记进这份登记" in chat.text
    chat.say(new_receipt())  # no such case: said so, the step kept
    assert chat.state == "report_what" and "没有找到对应的案件" in chat.text
    assert "没有记进" not in chat.text
    chat.say("这次又在同一家店吃出了头发，老王面馆")
    assert chat.state == "report_business"


def test_a_receipt_in_english_during_a_tip(dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-r", user_id="71", lang="en")
    receipt = chat.file_complaint("I found a fly in my noodles at Golden Dragon Restaurant")
    chat.tap("menu:tip")
    chat.tap("tip:go")
    chat.say(receipt.replace("-", " "))
    assert chat.state == "report_what" and "Handled by" in chat.text, chat.text
    assert "Back to your tip; nothing you entered is lost" in chat.text


# ---- a generic name typed at the business question ------------------------------------------


def _at_business(chat: ChatDriver, account: str = "昨天吃的凉皮里有头发，吃完肚子疼") -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say(account)
    assert chat.state == "report_business", chat.text


@pytest.mark.parametrize("typed", ["那家店", "楼下的饭馆", "小区门口卖早点的", "路边摊"])
def test_a_business_only_pointed_at_in_the_answer_is_asked_for_once_more(
        chat: ChatDriver, typed: str) -> None:
    _at_business(chat)
    chat.say(typed)
    # It was the business, on to "when?".
    assert chat.state == "report_business" and "business" not in chat.draft, chat.text
    assert f"您说的“{typed}”叫什么名字？在哪里？" in chat.text
    assert f"只知道是“{typed}”" in _labels(chat) and "biz:unknown" in chat.payloads
    chat.say("幸福路12号 老王面馆")
    assert chat.state == "report_when"
    assert (chat.draft["business"], chat.draft["place"]) == ("老王面馆", "幸福路12号")


def test_asked_once_more_an_honest_dont_know_moves_on_and_keeps_what_was_said(
        chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("楼下的饭馆")
    chat.say("不知道")
    assert chat.state == "report_when" and chat.draft["business"] == "楼下的饭馆", chat.text


def test_asked_once_more_a_pointer_again_is_taken_no_loop(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("那家店")
    chat.say("就是一家小面馆")
    assert chat.state == "report_when" and chat.draft["business"] == "一家小面馆"


def test_asked_once_more_a_place_alone_joins_what_was_said(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("楼下的饭馆")
    chat.say("幸福路21号")
    assert (chat.draft["business"], chat.draft["place"]) == ("楼下的饭馆", "幸福路21号")


def test_not_knowing_the_name_is_asked_where_once(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("不知道叫啥")
    assert chat.state == "report_business" and "它在哪里" in chat.text, chat.text
    assert "biz:unknown" in chat.payloads
    chat.say("不知道")
    assert chat.state == "report_when" and chat.draft["business"] is None


def test_a_plain_dont_know_moves_on_at_once(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("不知道")  # was the business "不知道"
    assert chat.state == "report_when" and chat.draft["business"] is None, chat.text


def test_a_generic_name_in_english_is_asked_for_once_more(dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-b", user_id="72", lang="en")
    _at_business(chat, "I found a hair in my noodles yesterday and felt sick")
    chat.say("the restaurant downstairs")
    assert chat.state == "report_business" and "called, and where is it?" in chat.text, chat.text
    chat.say("no idea")
    assert chat.state == "report_when" and chat.draft["business"] == "the restaurant downstairs"


# ---- a business named without 在/去/从/到, and chains --------------------------------------


@pytest.mark.parametrize(("account", "said"), [
    ("老王面馆的凉皮吃出头发", "老王面馆"),
    ("我昨天老王面馆吃的牛肉面，里面有只苍蝇", "老王面馆"),
    ("买了幸福路的永康超市的牛奶，打开是酸的", "幸福路的永康超市"),
])
def test_a_business_named_without_a_preposition_is_offered(
        chat: ChatDriver, account: str, said: str) -> None:
    _at_business(chat, account)
    # Only "不清楚" was offered: the business was read only after 在/去/从/到.
    assert f"就是“{said}”" in _labels(chat), chat.text


@pytest.mark.parametrize(("account", "chain"), [
    ("星巴克咖啡里有异物，喝了一口才发现", "星巴克"),
    ("楼下711卖过期面包，日期都过了三天", "711"),
    ("在沃尔玛超市买的猪肉是臭的", "沃尔玛超市"),
])
def test_a_chain_named_is_offered_and_which_of_its_shops_asked(
        chat: ChatDriver, account: str, chain: str) -> None:
    _at_business(chat, account)
    assert f"就是“{chain}”" in _labels(chat), chat.text
    assert f"“{chain}”有很多家店，是哪一家？" in chat.text
    chat.say("人民路88号")  # where it is: the chain's name is kept with it
    assert chat.state == "report_when"
    assert (chat.draft["business"], chat.draft["place"]) == (chain, "人民路88号")


def test_a_chain_with_its_place_is_offered_as_it_was_said(chat: ChatDriver) -> None:
    _at_business(chat, "人民路的星巴克咖啡里有虫子")
    assert "就是“人民路的星巴克”" in _labels(chat) and "很多家店" not in chat.text
    chat.tap("biz:use")
    assert (chat.draft["business"], chat.draft["place"]) == ("星巴克", "人民路")


def test_a_chain_typed_at_the_business_question_is_asked_where(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("肯德基")
    assert chat.state == "report_business" and "“肯德基”有很多家店" in chat.text, chat.text
    chat.say("火车站旁边那家")
    assert (chat.draft["business"], chat.draft["place"]) == ("肯德基", "火车站旁边那家")


# ---- English places after a kind of business -------------------------------------------------


@pytest.mark.parametrize(("account", "said", "business", "place"), [
    ("I got food poisoning from the noodle shop on 5th street", "noodle shop on 5th street",
     "noodle shop", "5th street"),
    ("KFC near the train station sold me a raw chicken burger", "KFC near the train station",
     "KFC", "near the train station"),
    ("I ate at Golden Dragon Restaurant, 12 Xingfu Road and got sick",
     "Golden Dragon Restaurant, 12 Xingfu Road", "Golden Dragon Restaurant", "12 Xingfu Road"),
])
def test_an_english_place_after_a_business_is_read_as_its_place(
        dialogue: DialogueEngine, account: str, said: str, business: str, place: str) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-p", user_id="73", lang="en")
    _at_business(chat, account)
    assert f'It is "{said}"' in _labels(chat) and "called" not in chat.text, chat.text
    chat.tap("biz:use")
    assert (chat.draft["business"], chat.draft["place"]) == (business, place)


@pytest.mark.parametrize(("typed", "business", "place"), [
    ("the noodle shop on 5th street", "the noodle shop", "5th street"),
    ("Golden Dragon Restaurant, 12 Xingfu Road", "Golden Dragon Restaurant", "12 Xingfu Road"),
    ("KFC near the train station", "KFC", "near the train station"),
])
def test_an_english_answer_is_split_into_business_and_place(
        dialogue: DialogueEngine, typed: str, business: str, place: str) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-s", user_id="74", lang="en")
    _at_business(chat, "I found a hair in my noodles yesterday and felt sick")
    chat.say(typed)
    assert chat.state == "report_when", chat.text
    assert (chat.draft["business"], chat.draft["place"]) == (business, place)


def test_a_place_near_the_writer_is_no_place(dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-h", user_id="75", lang="en")
    _at_business(chat, "I got sick after eating at the noodle shop near my house")
    assert 'What is "noodle shop" called, and where is it?' in chat.text, chat.text


# ---- walked through in the console (docs/bot.md, `botx2`) ------------------------------------


def test_a_shop_named_with_pu_behind_where_the_writer_lives_is_offered_by_its_name(
        chat: ChatDriver) -> None:
    _at_business(chat, "就是前两天吧 我在我们楼下那个老张包子铺买了几个肉包子 回来一吃那个肉是酸的")
    assert "就是“老张包子铺”" in _labels(chat), chat.text  # only "不清楚" was offered
    chat.say("就是那个老张包子铺啊 在幸福路上 门牌号我记不住了")
    # The whole sentence was the business's name.
    assert chat.draft["business"] == "老张包子铺", chat.draft
    assert chat.draft["place"] == "幸福路上 门牌号我记不住了"  # 在 dropped since `botx6`


def test_saying_there_are_no_photos_skips_them(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("幸福路12号 老王面馆")
    chat.tap("when:1")
    assert chat.state == "report_photos"
    chat.say("我没拍照片 包子都扔了")  # was "please send a photo, or tap Done/Skip"
    assert chat.state == "report_contact", chat.text


def test_a_question_the_base_cannot_answer_at_the_summary_is_not_ignored(
        chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("幸福路12号 老王面馆")
    chat.tap("when:1")
    chat.tap("photos:skip")
    chat.say("13812345678")
    draft = chat.draft
    chat.say("你们会不会去查他们啊 查了会不会告诉我")
    # Was "please tap Submit, or choose what to change", the question unanswered.
    assert chat.state == "report_confirm" and chat.draft == draft
    assert "这个问题我在这里答不上来" in chat.text and "回执码" in chat.text


@pytest.mark.parametrize(("first", "account", "label"), [
    ("Hi, I want to complain about a restaurant",
     "I had dinner at the Golden Dragon on Nanjing Road last Friday and found glass in my rice",
     'It is "Golden Dragon on Nanjing Road"'),
    ("我要投诉一家餐馆", "昨天在幸福路的老王面馆吃的牛肉面里有玻璃渣", "就是“幸福路的老王面馆”"),
])
def test_a_first_message_that_only_says_what_the_person_wants_is_not_the_account(
        dialogue: DialogueEngine, first: str, account: str, label: str) -> None:
    chat = ChatDriver(dialogue, conversation_key="decl", user_id="76")
    chat.command("start")
    chat.say(first)
    # It was "what happened", and the real account only joined it at the business question.
    assert chat.state == "report_what" and "what" not in chat.draft, chat.text
    chat.say(account)
    assert chat.state == "report_business" and chat.draft["what"] == account
    assert label in _labels(chat), chat.text  # named, it wins over "一家餐馆"


def test_more_of_a_tip_told_at_the_notice_offers_the_business_it_names(
        chat: ChatDriver) -> None:
    chat.command("start")
    chat.say("我在饭店后厨上班，老板让我们把过期的肉洗洗接着用")
    assert chat.state == "tip_notice", chat.text
    chat.say("就是万达广场三楼那家川菜馆，天天这样")
    assert chat.state == "report_business", chat.text
    assert "就是“万达广场三楼那家川菜馆”" in _labels(chat)  # only "不清楚" was offered


def test_an_answer_naming_the_business_that_tells_more_keeps_both(chat: ChatDriver) -> None:
    _at_business(chat, "我想投诉一下，吃完肚子疼了一晚上")
    chat.say("昨天中午在幸福路的老王面馆吃的牛肉面，吃完全家都拉肚子")
    assert chat.state == "report_when", chat.text
    assert (chat.draft["business"], chat.draft["place"]) == ("老王面馆", "幸福路")
    assert "吃完全家都拉肚子" in chat.draft["what"]  # the rest was lost


def test_a_day_told_in_the_account_is_offered_at_when(chat: ChatDriver) -> None:
    _at_business(chat, "上周五在老王面馆吃的牛肉面里有一只苍蝇")  # the clock: Wed 25 Nov
    chat.tap("biz:use")
    assert "就是11月20日" in _labels(chat), chat.text
    chat.tap("when:told")
    assert chat.state == "report_photos" and chat.draft["when_on"] == "2026-11-20"


def test_continue_typed_after_an_answer_aside_asks_the_question_again(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("继续")  # was "这段我没看明白"
    assert chat.state == "report_what" and "没看明白" not in chat.text
    assert "请描述发生了什么" in chat.text


def test_a_nervous_insider_is_taken_at_their_word(chat: ChatDriver) -> None:
    chat.command("start")
    chat.say("我在一家饭店后厨上班，老板让我们把过期的肉洗洗接着用，我不知道该不该说")
    assert chat.state == "tip_notice", chat.text
    chat.tap("tip:go")
    chat.say("这家店叫什么我不敢说太细，就在万达广场三楼那家川菜馆")
    # The whole first clause was the business's name.
    assert (chat.draft["business"], chat.draft["place"]) == ("川菜馆", "万达广场三楼")
    chat.say("就这个月，几乎每天都这样")
    chat.say("没有照片，我不敢拍")
    chat.tap("reward:no")
    assert chat.state == "report_confirm", chat.text
    chat.say("我的手机会不会被查到")
    # Was "这个问题我在这里答不上来…提交以后，我会告诉您由哪个部门办理", nothing of their fear.
    assert "不保存" in chat.text and "几次举报联系在一起" in chat.text, chat.text


def test_an_english_insiders_worry_is_answered_and_not_filed_as_the_tip(
        dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-i", user_id="77", lang="en")
    chat.command("start")
    tip = ("I work in the kitchen of a hotpot restaurant and my manager tells us to reuse the "
           "oil from customers' pots.")
    chat.say(tip)
    assert chat.state == "tip_notice", chat.text
    chat.say("will my boss find out it was me?")
    # Was added to what happened, to be read by staff as part of the tip.
    assert chat.draft["what"] == tip and "Added to what happened" not in chat.text
    # Answered from the knowledge base: the law's duty of confidentiality, with its source.
    assert "confidential" in chat.text and "Article 115" in chat.text
    chat.tap("tip:go")
    chat.say("It's the Spicy Garden hotpot near the People's Square metro station")
    assert (chat.draft["business"], chat.draft["place"]) == (
        "Spicy Garden hotpot", "near the People's Square metro station")


def test_an_elderly_rambler_loses_nothing_and_is_not_asked_twice(chat: ChatDriver) -> None:
    _at_business(chat, "同志你好啊，我老头子昨天在菜市场东头那个卖熟食的摊子上买了半斤猪头肉，"
                       "回家一吃有股馊味，他吃了就闹肚子")
    # "菜市场东头" is no place staff can find: which market?
    assert "您说的“菜市场东头那个卖熟食的摊”叫什么名字？在哪里？" in chat.text, chat.text
    chat.say("不晓得叫个啥 就是菜市场东头 卖熟食的")  # asked already: all they know
    assert chat.state == "report_when", chat.text
    assert chat.draft["business"] == "菜市场东头那个卖熟食的摊"
    chat.say("就是和平路菜市场")  # the place, late: was only added to what happened
    assert chat.state == "report_when" and chat.draft["place"] == "和平路菜市场", chat.text
    assert "上一项已改为：和平路菜市场" in chat.text
    chat.say("昨天上午")
    chat.say("我也不会拍照")  # was "请发送照片"
    assert chat.state == "report_contact", chat.text


def test_a_contact_typed_at_the_photo_question_is_taken(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.say("幸福路12号 老王面馆")
    chat.tap("when:1")
    chat.say("我没有手机号 我就一个座机 021-12345678")  # was "请发送照片"
    assert chat.state == "report_confirm" and "021****5678" in chat.text, chat.text


def test_a_business_given_late_at_when_fills_the_business(chat: ChatDriver) -> None:
    _at_business(chat)
    chat.tap("biz:unknown")
    chat.say("就是幸福路的老王面馆")
    assert chat.state == "report_when", chat.text
    assert (chat.draft["business"], chat.draft["place"]) == ("老王面馆", "幸福路")


def test_a_long_answer_that_only_says_where_does_not_join_the_account(chat: ChatDriver) -> None:
    _at_business(chat)
    what = chat.draft["what"]
    chat.say("幸福路12号 老王面馆，就在公交站旁边，门口有个大招牌")
    assert chat.state == "report_when" and chat.draft["what"] == what
    assert "补充到经过里" not in chat.text


def test_a_receipt_with_a_question_about_its_case_is_not_told_to_send_it_again(
        chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    _at_business(chat)
    chat.say(f"我上次投诉的回执码是 {receipt} ，想顺便问问那个怎么样了")
    assert "承办部门" in chat.text and "没有记进这份登记" not in chat.text, chat.text
