"""The `botx2` pass's leftovers (docs/bot.md, `botx3`): a kind of shop whose food is not in
the lexicon, or written in traditional characters, is only a kind; after an answer aside at
the summary, the confirmation is asked again in short; a contact's name is read only from
what names one. Each driven through the engine as a person would, or read as the flow reads
it."""

from __future__ import annotations

import pytest
from chat_driver import ChatDriver
from sqlalchemy import select

from bot.businesses import business_answer, business_reference
from bot.characters import simplified
from bot.contacts import parse_contact
from bot.engine import DialogueEngine
from intake.contacts import open_contact
from intake.models import Case, Contact


def _at_business(chat: ChatDriver, account: str) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say(account)
    assert chat.state == "report_business", chat.text


# ---- a kind of shop identifies none, whatever it sells and however it is written ------------

# Written and labelled before the first run: with the answers below, 18 of these 53 readings
# were wrong then.
KINDS = [
    "在楼下烟酒店买的饮料过期了", "在一家卤味店买的鸭脖有股怪味", "在爆米花摊买的爆米花里有虫",
    "在炒货店买的瓜子发霉了", "在凉茶铺喝了一碗凉茶就肚子疼", "在糖水铺吃的双皮奶是馊的",
    "在麻辣烫店吃出了一根头发", "在螺蛳粉店吃完拉了一晚上", "在豆浆店喝的豆浆是酸的",
    "在粮油店买的大米生虫了", "在杂货店买的酱油过期半年", "在肠粉店吃完肚子痛",
    "在冷饮店买的冰棍化了又冻上", "在茶叶店买的茶叶有股农药味", "在粥铺喝的皮蛋瘦肉粥馊了",
    "在鸭脖店买的鸭脖有异味", "在酱菜店买的咸菜长毛了", "在干果店买的核桃都是坏的",
    "在一家串串店吃完上吐下泻", "在牛肉面馆吃出钢丝球的丝", "在餐廳吃飯吃出一隻蟑螂",
    "在樓下便利店買的牛奶過期了", "在燒臘店買的叉燒有怪味", "在一間麵包店買的麵包發霉",
    "在茶餐廳食咗個菠蘿油有頭髮", "在那家麵館吃出蒼蠅", "在一家湯包店吃的湯包餡是酸的",
]
NAMES = [
    ("在老王麵館吃出一隻蒼蠅", "老王麵館"), ("在陳記燒臘店買的叉燒有怪味", "陳記燒臘店"),
    ("在阿强烟酒店买的白酒是假的", "阿强烟酒店"), ("在老李卤味店买的鸭脖发臭", "老李卤味店"),
    ("在张记炒货店买的瓜子发霉", "张记炒货店"), ("在福记糖水铺吃的芝麻糊有沙子", "福记糖水铺"),
    ("在刘记螺蛳粉店吃完拉肚子", "刘记螺蛳粉店"), ("在金華茶餐廳吃的菠蘿包發霉", "金華茶餐廳"),
    ("在大众饭店吃的鱼不新鲜", "大众饭店"), ("在红星超市买的饼干过期了", "红星超市"),
    ("在幸福面馆吃出头发", "幸福面馆"), ("在鲜丰水果店买的葡萄烂了", "鲜丰水果店"),
    ("在金龙酒楼吃的海鲜不新鲜", "金龙酒楼"),
    ("在幸福路的卤味店买的鸭脖发臭", "卤味店"), ("在人民路的凉茶铺喝的凉茶有问题", "凉茶铺"),
]


@pytest.mark.parametrize("account", KINDS)
def test_a_kind_of_shop_is_only_a_kind(account: str) -> None:
    found = business_reference(account)
    assert found is not None and not found.identifies, found


@pytest.mark.parametrize(("account", "business"), NAMES)
def test_a_name_stays_a_name_as_typed(account: str, business: str) -> None:
    found = business_reference(account)
    assert found is not None and found.identifies and found.business == business, found


@pytest.mark.parametrize(("typed", "reading"), [
    ("卤味店", "pointer"), ("烟酒店", "pointer"), ("楼下那个炒货店", "pointer"),
    ("餐廳", "pointer"), ("樓下的麵館", "pointer"), ("爆米花摊", "pointer"), ("糖水铺", "pointer"),
    ("老李卤味店", None), ("老王麵館", None), ("陳記燒臘店", None), ("福记糖水铺", None),
])
def test_a_kind_typed_at_the_business_question_is_a_pointer(typed: str, reading: str | None
                                                             ) -> None:
    assert business_answer(typed) == reading


def test_simplified_keeps_every_place_and_what_is_not_chinese() -> None:
    typed = "在樓下便利店買的Milk，１２瓶😀"
    assert simplified(typed) == "在楼下便利店买的Milk，１２瓶😀"
    assert len(simplified(typed)) == len(typed)


def test_a_shop_named_by_what_it_sells_is_asked_for_by_name(chat: ChatDriver) -> None:
    _at_business(chat, "在楼下烟酒店买的饮料过期了，喝完肚子疼")
    # It was offered as the business's name: 就是“楼下烟酒店” (酒店 was its kind, so 烟 its name).
    assert "就是“楼下烟酒店”" not in chat.labels
    assert "您说的“楼下烟酒店”叫什么名字？在哪里？" in chat.text, chat.text


def test_a_name_in_traditional_characters_is_offered_as_typed(chat: ChatDriver) -> None:
    _at_business(chat, "昨天在老王麵館吃的牛肉麵裡有一隻蒼蠅")
    assert "就是“老王麵館”" in chat.labels, chat.text  # was only "不清楚"
    chat.tap("biz:use")
    assert chat.draft["business"] == "老王麵館"


# ---- an answer aside at the summary: the confirmation again, in short -----------------------


def _at_summary(chat: ChatDriver, kind: str = "complaint") -> None:
    _at_business(chat, "昨天在老王面馆吃的牛肉面里有一只苍蝇，吃完肚子疼")
    chat.tap("biz:use")
    chat.tap("when:1")
    chat.tap("photos:skip")
    chat.say("13812345678")
    assert chat.state == "report_confirm", chat.text


@pytest.mark.parametrize("asked", [
    "你们会不会去查他们啊 查了会不会告诉我", "我之前那个投诉怎么样了", "投诉多久能处理完？"])
def test_after_an_answer_aside_at_the_summary_it_is_not_shown_again(
        chat: ChatDriver, asked: str) -> None:
    _at_summary(chat)
    draft = chat.draft
    chat.say(asked)
    assert chat.state == "report_confirm" and chat.draft == draft, chat.text
    # The whole summary came again after the answer.
    assert "老王面馆" not in chat.text and "牛肉面" not in chat.text, chat.text
    assert "您的投诉还没有提交，已填的内容都还在" in chat.text
    assert chat.payloads[-3:] == ["confirm:submit", "confirm:review", "cancel"]
    chat.tap("confirm:review")  # nothing lost: the summary in full, with what to correct
    assert "老王面馆" in chat.text and "edit:what" in chat.payloads
    chat.say("确认提交")
    assert chat.state == "idle" and "回执码" in chat.text, chat.text


def test_after_a_receipt_at_the_summary_the_confirmation_is_short_and_submits(
        chat: ChatDriver) -> None:
    receipt = chat.file_complaint()
    _at_summary(chat)
    chat.say(receipt)
    assert chat.state == "report_confirm" and "承办部门" in chat.text
    assert "牛肉面" not in chat.text and "还没有提交" in chat.text
    chat.tap("confirm:submit")
    assert chat.state == "idle" and "已提交" in chat.text


def test_an_aside_at_the_summary_that_adds_to_the_account_shows_it(chat: ChatDriver) -> None:
    _at_summary(chat)
    chat.say("对了，他们后厨的抹布特别脏，这样是不是违法？")
    assert "已把这段补充到经过里" in chat.text, chat.text
    # The account changed: the summary shows it in full.
    assert "后厨的抹布" in chat.text and "edit:what" in chat.payloads


def test_a_tip_in_english_gets_the_short_confirmation(dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="en-3", user_id="81", lang="en")
    chat.command("start")
    chat.tap("menu:tip")
    chat.tap("tip:go")
    chat.say("The kitchen of Golden Dragon Restaurant reuses cooking oil every day")
    chat.tap("biz:use")
    chat.tap("when:skip")
    chat.tap("photos:skip")
    chat.tap("reward:no")
    chat.say("will my boss find out it was me?")
    assert chat.state == "report_confirm", chat.text
    assert "Your tip is not submitted yet; nothing you entered is lost" in chat.text
    assert "Golden Dragon" not in chat.text.split("not submitted")[-1]


# ---- a contact's name, only from what names one ---------------------------------------------

# Written and labelled before the first run (10 of 32 right then).
CONTACTS = [
    ("我姓王电话13800000000", "王"), ("13812345678 王女士", "王女士"),
    ("王先生 13912345678", "王先生"), ("我叫张三，电话13812345678", "张三"),
    ("我是李明 13812345678", "李明"), ("我儿子的 行不行 他姓李 13812345678", "李"),
    ("13812345678", None), ("打我电话13812345678", None),
    ("手机13812345678 白天都能接", None), ("13812345678 谢谢", None),
    ("my number is 13812345678, name is John", "John"),
    ("My name is Anna Smith, 13812345678", "Anna Smith"), ("call me on 13812345678", None),
    ("13812345678 please call after 6pm", None), ("I'm Tom, my phone is 13812345678", "Tom"),
    ("anna@example.com", None), ("邮箱 anna@example.com 我是王芳", "王芳"),
    ("姓名：赵敏 电话：13812345678", "赵敏"), ("联系人刘先生 021-12345678", "刘先生"),
    ("免贵姓欧阳，13812345678", "欧阳"), ("13812345678 找陈阿姨", "陈阿姨"),
    ("我是他妈妈 13812345678", None), ("我是本人 13812345678", None),
    ("张三 13812345678", "张三"), ("李明：13812345678", "李明"),  # written before it, as on a form
    ("谢谢 13812345678", None), ("白天 13812345678", None), ("马上回电 13812345678", None),
    ("小区门口 13812345678", None),  # words, not names, though 谢 白 马 are surnames
    ("13812345678 叫我小王就行", "小王"), ("Mr. Chen, 13812345678", "Mr. Chen"),
    ("这是我的手机号13812345678，晚上打", None), ("我姓李，叫李建国，手机13812345678", "李建国"),
    ("phone 13812345678, this is Maria", "Maria"), ("我是消费者，电话13812345678", None),
    ("不想留姓名，就留个电话13812345678", None), ("我姓陳，電話13812345678", "陳"),
]


@pytest.mark.parametrize(("typed", "name"), CONTACTS)
def test_a_contact_name_is_read_only_from_what_names_one(typed: str, name: str | None) -> None:
    contact = parse_contact(typed)
    assert contact is not None and contact.name == name


def test_the_filed_contact_keeps_only_the_name_given(chat: ChatDriver) -> None:
    _at_business(chat, "昨天在老王面馆吃的牛肉面里有一只苍蝇，吃完肚子疼")
    chat.tap("biz:use")
    chat.tap("when:1")
    chat.tap("photos:skip")
    chat.say("我姓王电话13800000000")
    chat.tap("confirm:submit")
    assert chat.state == "idle" and "已提交" in chat.text, chat.text
    with chat.session() as session:
        case = session.scalars(select(Case)).all()[-1]
        row = session.scalar(select(Contact).where(Contact.case_id == case.id))
        assert row is not None
        contact = open_contact(chat.engine.settings, case_number=case.case_number,
                               ciphertext=row.ciphertext)
    assert (contact.name, contact.phone) == ("王", "13800000000")  # was "我姓王"
