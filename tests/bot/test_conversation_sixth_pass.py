"""The `botx6` pass (docs/bot.md, `botx6`): what ten walked Chinese conversations got wrong.
Each driven through the engine as a person would, or read as the flow reads it."""

from __future__ import annotations

import pytest
from chat_driver import ChatDriver

from bot.businesses import business_reference, picks_by_kind
from bot.signals import adds_more, declared_only


def _at_photos(chat: ChatDriver, account: str) -> None:
    chat.say(account)
    chat.tap("biz:use")
    chat.tap("when:1")
    assert chat.state == "report_photos", chat.text


# ---- 1. traditional characters at the steps that compare words ------------------------------


def test_no_photos_in_traditional_characters_skips_the_photos(chat: ChatDriver) -> None:
    _at_photos(chat, "我在樂福餐廳吃飯 吃出一隻蟑螂 好噁心")
    chat.say("沒有照片")  # was: "请发送照片，或点“完成”/“跳过”"
    assert chat.state == "report_contact", chat.text


def test_confirming_in_traditional_characters_submits(chat: ChatDriver) -> None:
    _at_photos(chat, "我在樂福餐廳吃飯 吃出一隻蟑螂")
    chat.tap("photos:skip")
    chat.say("13612345678")
    chat.say("確認")  # was: asked to tap the button
    assert chat.state == "idle" and any(reply.receipt for reply in chat.replies), chat.text


# ---- 2. a tip: the reward heard of, then a contact typed at the reward question ------------


@pytest.mark.parametrize("text", ["我要举报 听说有奖励", "我要举报，是不是有奖金",
                                  "I want to report a restaurant, I heard there is a reward"])
def test_a_declaration_with_the_reward_is_no_account(text: str) -> None:
    assert declared_only(text)  # was: the account


@pytest.mark.parametrize("text", ["我要举报 老板不给员工发奖金还卖过期肉",
                                  "我要举报 奖励饭店卖过期肉"])
def test_an_account_naming_a_bonus_stays_an_account(text: str) -> None:
    assert not declared_only(text)


def test_the_reward_and_a_phone_in_one_answer(chat: ChatDriver) -> None:
    chat.say("我要举报 听说有奖励")
    chat.tap("tip:go")
    assert chat.state == "report_what", chat.text  # was: "which business?", no account
    chat.say("城东菜市场有个卖猪肉的摊位卖注水肉 摊主姓王")
    chat.say("城东菜市场 王老板的猪肉摊")
    chat.say("每天早上都这样")
    chat.tap("photos:skip")
    assert chat.state == "report_reward", chat.text
    chat.say("要奖励 我的电话是13712345678")  # was: "请点“保持匿名”或…"
    assert chat.state == "report_confirm", chat.text
    assert "137****5678" in chat.text and "注水肉" in chat.text


# ---- 3. after the case is shown: a photo, or more of what happened, is for the case --------


def test_a_photo_and_more_after_the_case_is_shown_go_to_the_case(chat: ChatDriver) -> None:
    receipt = chat.file_complaint("昨天在幸福路的张记包子铺买的包子是馊的")
    chat.say(f"我想查一下进度 回执码 {receipt}")
    assert chat.state == "status_view", chat.text
    chat.photo()  # was: "这张照片还没有保存…" and the menu
    assert chat.state == "status_view" and "已添加" in chat.text, chat.text
    chat.say("还有一点忘了说 我家孩子也吃了 也拉肚子")  # was: a new complaint
    assert chat.state == "status_view" and "已添加" in chat.text, chat.text


@pytest.mark.parametrize(("text", "adds"), [
    ("还有一点忘了说 孩子也吃了", True), ("补充一下 是前天买的", True),
    ("還有一點忘了說", True), ("one more thing, my son ate it too", True),
    ("还有一个问题 多久能处理", False), ("我要投诉", False), ("忘了带钱", False),
])
def test_what_adds_to_what_was_told(text: str, adds: bool) -> None:
    assert adds_more(text) is adds


def test_a_new_request_after_the_case_still_leaves_it(chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    chat.say(receipt)
    chat.say("我要投诉")
    assert chat.state == "report_what", chat.text


# ---- 4. two businesses: one chosen by its kind ---------------------------------------------


def test_choosing_the_offered_business_by_its_kind(chat: ChatDriver) -> None:
    chat.say("昨天在老李面馆吃了碗面 又去隔壁的蜜雪冰城买了杯奶茶 回来就吐了")
    assert chat.state == "report_business", chat.text
    chat.say("应该是面馆")  # was: the business "应该是面馆"
    assert chat.state == "report_when" and chat.draft["business"] == "老李面馆", chat.draft


@pytest.mark.parametrize(("text", "picks"), [
    ("应该是面馆", True), ("是那家面馆吧", True), ("老李面馆", False), ("超市", False),
    ("是老王面馆", False), ("人民路", False),
])
def test_picks_by_kind(text: str, picks: bool) -> None:
    assert picks_by_kind(text, "老李面馆") is picks


# ---- 5. only a landmark, and the name forgotten ---------------------------------------------


def test_a_landmark_and_the_name_forgotten(chat: ChatDriver) -> None:
    chat.say("在万达广场那边吃的麻辣烫 吃出一根钢丝")
    assert chat.state == "report_business", chat.text
    chat.say("就在万达广场负一楼 名字不记得了")  # was: business "名字不记得了"
    assert chat.state == "report_when", chat.text
    assert chat.draft.get("place") == "万达广场负一楼", chat.draft
    assert "记得" not in (chat.draft.get("business") or ""), chat.draft


# ---- 6. 酒家, 饭庄, 食府, 茶楼 are kinds of food place -------------------------------------------


@pytest.mark.parametrize(("account", "business"), [
    ("在菜市场旁边的福满楼酒家吃饭", "福满楼酒家"), ("在聚丰饭庄吃的饺子", "聚丰饭庄"),
    ("在金悦食府吃完拉肚子", "金悦食府"), ("在陶陶居茶楼喝早茶", "陶陶居茶楼"),
])
def test_restaurant_kinds_end_a_name(account: str, business: str) -> None:
    found = business_reference(account)  # was: none, or the landmark before it
    assert found is not None and found.identifies and found.business == business, found


def test_a_tea_house_alone_is_a_kind() -> None:
    found = business_reference("喺茶楼食咗啲虾饺，返屋企成晚肚痛")
    assert found is not None and not found.identifies, found


def test_a_place_after_zai_beside_the_name_loses_the_zai(chat: ChatDriver) -> None:
    chat.say("我要举报")
    chat.tap("tip:go")
    chat.say("我在一家烧腊店打工 老板把卖剩的叉烧第二天回锅再卖")
    assert chat.state == "report_business", chat.text
    chat.say("店名叫金记烧腊 在中山路")  # was: place "在中山路"
    assert (chat.draft["business"], chat.draft["place"]) == ("金记烧腊", "中山路"), chat.draft


@pytest.mark.parametrize(("account", "business"), [
    ("前天上午我去菜市场旁边那个福满楼酒家喝早茶", "福满楼酒家"),
    ("在菜市场门口那家张记包子铺买的", "张记包子铺"),
    ("在超市对面的老王面馆吃饭", "老王面馆"),
])
def test_a_business_beside_a_landmark_that_is_a_kind(account: str, business: str) -> None:
    found = business_reference(account)  # was: the landmark (菜市场, 超市)
    assert found is not None and found.identifies and found.business == business, found
