"""What a person reads in the assistant's replies: one language a reply, and nothing that is
untrue of the channel they are on (the UX review of 2026-11-30)."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from chat_driver import ChatDriver, FakeClock
from faq_factories import shipped_base_with_chinese_only
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.console import run_console
from bot.engine import DialogueEngine
from intake.models import Case
from intake.routing.router import default_router
from intake.settings import Settings
from knowledge.faq import default_base

TIP = "我们厂用过期的面粉做面包，还改了生产日期"


def _tip_to_reward(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:tip")
    chat.tap("tip:go")
    chat.say(TIP)
    chat.say("不清楚")
    chat.say("上周")
    chat.tap("photos:skip")
    assert chat.state == "report_reward", chat.text


def _tip_submitted(chat: ChatDriver) -> str:
    _tip_to_reward(chat)
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
    chat.command("lang", "en")  # chosen: a question typed in Chinese does not switch it back
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


# ---- the second UX review (2026-11-30): what a person typed is never lost or misfiled ----


def _complaint_to_photos(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("昨天在老王面馆吃的牛肉面里有一只苍蝇，吃完肚子疼")
    chat.say("幸福路12号 老王面馆")
    chat.tap("when:1")
    assert chat.state == "report_photos", chat.text


def test_a_question_in_the_middle_of_a_complaint_is_answered_and_the_step_resumes(
    chat: ChatDriver,
) -> None:
    _complaint_to_photos(chat)
    chat.photo()
    chat.say("隔夜菜还能吃吗？")
    # It said "please send a photo" and dropped the question.
    entry = default_base().entry("home-overnight-dishes")
    assert entry.answer in chat.text and "来源：" in chat.text, chat.text
    assert chat.state == "report_photos" and "已填的内容都还在" in chat.text
    assert chat.replies[-1].text.startswith("有照片吗"), chat.text  # the step, asked last
    assert len(chat.draft["photos"]) == 1 and "fb:1" not in chat.payloads


def test_a_worry_at_the_tip_notice_is_answered_not_filed_as_the_tip(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:tip")
    chat.say("我会不会被老板发现？你们会记录我的手机号吗？")
    # It became the tip's account, and every later answer slid one field down.
    assert chat.state == "tip_notice" and "what" not in chat.draft, chat.draft
    assert "tip:go" in chat.payloads and "联系方式" in chat.text
    assert chat.text.count("匿名举报须知") == 0  # the five lines are not repeated


def test_a_correction_answers_the_previous_question_again(chat: ChatDriver) -> None:
    _complaint_to_photos(chat)
    chat.tap("photos:skip")
    chat.say("不对，照片我有")
    assert chat.state == "report_photos", chat.text
    chat.tap("photos:skip")
    chat.say("返回")
    assert chat.state == "report_photos" and "上一个问题" in chat.text
    chat.tap("photos:skip")
    chat.say("13812345678")
    chat.tap("edit:when")
    chat.say("不对，是前天")  # while correcting a field: the new answer itself
    assert chat.state == "report_confirm" and "· 时间：前天" in chat.text, chat.text


def test_a_correction_of_the_business_does_not_become_the_date(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("昨天在老王面馆吃的牛肉面里有一只苍蝇，吃完肚子疼")
    chat.say("幸福路12号 老王面馆")
    chat.say("不对，应该是幸福路21号")
    # It was stored as the date ("时间：不对，应该是幸福路21号") and the when question skipped.
    assert chat.state == "report_when", chat.text
    assert chat.draft["place"] == "幸福路21号" and "when_text" not in chat.draft
    assert chat.draft["business"] == "老王面馆"  # only the place was corrected
    assert "幸福路21号" in chat.text and chat.replies[-1].text.startswith("是什么时候")
    chat.say("返回")
    assert chat.state == "report_business"
    chat.say("不对，还有一只蟑螂")  # at the business question: the account is amended
    assert chat.state == "report_business"
    assert chat.draft["what"].startswith("昨天在老王面馆") and "（更正：还有一只蟑螂）" in \
        chat.draft["what"]


def test_returning_while_correcting_a_field_leaves_it_as_it_was(chat: ChatDriver) -> None:
    _complaint_to_photos(chat)
    chat.tap("photos:skip")
    chat.say("13812345678")
    chat.tap("edit:business")
    chat.say("返回")
    # "返回" became the business's name.
    assert chat.state == "report_confirm" and chat.draft["business"] == "老王面馆"


def test_declining_a_contact_is_answered_with_the_anonymous_way(chat: ChatDriver) -> None:
    _complaint_to_photos(chat)
    chat.tap("photos:skip")
    chat.say("我不想留电话")
    assert chat.state == "report_contact" and "没有找到有效" not in chat.text
    assert "switch:tip" in chat.payloads and "cancel" in chat.payloads


def test_a_tipster_going_back_on_the_reward_stays_anonymous(chat: ChatDriver) -> None:
    _tip_to_reward(chat)
    chat.tap("reward:yes")
    chat.say("算了，不要奖励了")
    assert chat.state == "report_confirm" and chat.draft["reward"] is False, chat.text
    assert "· 身份：匿名" in chat.text


def test_a_tip_says_what_is_kept_and_what_is_not_before_it_is_submitted(
    dialogue: DialogueEngine,
) -> None:
    for channel, lang, kept, not_kept, protected in (
        ("telegram", "zh", "保存：上面的内容和照片", "不保存：您的 Telegram 账号", "打击报复"),
        ("web", "zh", "保存：上面的内容和照片", "不保存：您的 IP 地址", "打击报复"),
        ("telegram", "en", "Kept: what is above", "Not kept: your Telegram account",
         "retaliation"),
    ):
        chat = ChatDriver(dialogue, conversation_key=f"{channel}-{lang}-7", user_id=None,
                          channel=channel, lang=lang)
        _tip_to_reward(chat)
        chat.tap("reward:no")
        assert chat.state == "report_confirm"
        for said in (kept, not_kept, protected):
            assert said in chat.text, (channel, lang, chat.text)
        assert "原件" in chat.text or "original" in chat.text  # the sealed original is said


def test_an_english_message_to_a_chinese_set_chat_is_answered_in_english(
    dialogue: DialogueEngine,
) -> None:
    chat = ChatDriver(dialogue, conversation_key="chat-5550008", user_id="5550008", lang="zh")
    chat.say("I bought expired milk at the supermarket and got sick")
    assert chat.state == "report_business"
    assert "Which business" in chat.text and "是哪家" not in chat.text, chat.text
    assert "/lang zh" in chat.text
    chat.command("cancel")
    chat.command("lang", "zh")
    chat.say("I bought expired milk at the supermarket and got sick")
    assert "是哪家" in chat.text  # chosen with /lang: kept


def test_an_account_sent_in_several_messages_stays_the_account(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("昨天中午在单位门口买的盒饭")
    chat.say("吃了以后全家都拉肚子，孩子还发烧了")
    # The second half of the story became the business, the next answer the date.
    assert chat.state == "report_business" and "business" not in chat.draft
    assert chat.draft["what"] == "昨天中午在单位门口买的盒饭\n吃了以后全家都拉肚子，孩子还发烧了"
    chat.say("幸福路12号 老王面馆")  # a business answer is still one
    assert chat.state == "report_when" and chat.draft["business"] == "老王面馆"
    chat.say("吃完就吐了，到现在还难受")
    assert chat.state == "report_when" and chat.draft["what"].endswith("到现在还难受")


def test_a_photo_caption_joins_the_account_and_is_not_the_steps_answer(
    chat: ChatDriver,
) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("在楼下小卖部买的面包发霉了")
    chat.photo(caption="就是这个面包")
    # The caption was stored as the business's name.
    assert chat.state == "report_business" and "business" not in chat.draft
    assert "（照片说明：就是这个面包）" in chat.draft["what"] and len(chat.draft["photos"]) == 1
    chat.tap("biz:use")
    chat.tap("when:1")
    chat.photo(caption="小票上有日期")  # at the photo step it was dropped
    assert "（照片说明：小票上有日期）" in chat.draft["what"]
    assert chat.replies[-1].buttons and chat.payloads == ["photos:done"]


def test_a_reply_to_staff_is_acknowledged_without_the_whole_case_again(
    chat: ChatDriver,
) -> None:
    _tip_submitted(chat)
    receipt = next(r.receipt for r in chat.replies if r.receipt)
    chat.command("status")
    chat.say(receipt)
    chat.tap("status:reply")
    chat.say("补充：他们每天晚上十点以后换标签")
    # The case (status, bureau, up to five staff replies of 500 characters) came again.
    assert chat.state == "status_view" and "已添加到案件记录" in chat.text
    assert "承办部门" not in chat.text and len(chat.text) < 60
    assert chat.payloads == ["status:reply", "status:done"]


def test_a_buttons_label_typed_instead_of_tapped_works_as_the_button(chat: ChatDriver) -> None:
    _tip_to_reward(chat)  # answers the business question by typing "不清楚"
    # "不清楚" was stored as the business's name.
    assert chat.draft["business"] is None
    chat.say("保持匿名")
    assert chat.state == "report_confirm" and chat.draft["reward"] is False
    chat.say("改时间")
    assert chat.state == "report_when", chat.text
    chat.say("记不清了")
    assert chat.state == "report_confirm" and chat.draft["when_text"] is None


def test_more_said_at_the_tip_notice_adds_to_the_first_message_never_replaces_it(
    chat: ChatDriver,
) -> None:
    chat.command("start")
    chat.say(TIP)
    assert chat.state == "tip_notice" and chat.draft["what"] == TIP
    chat.say("而且老板每天晚上让我们偷偷换标签")
    # The second message replaced the account the first one had given.
    assert chat.draft["what"].startswith(TIP) and chat.draft["what"].endswith("换标签")
    assert chat.state == "report_business"


def test_a_question_that_also_tells_is_answered_and_kept_with_the_account(
    chat: ChatDriver,
) -> None:
    _tip_to_reward(chat)
    chat.say("老板让我们用过期面粉，这样合法吗？")
    assert chat.state == "report_reward" and "来源：" in chat.text, chat.text
    assert chat.draft["what"].endswith("\n老板让我们用过期面粉，这样合法吗？")


def test_a_tipster_asking_what_is_kept_is_not_told_of_a_code_name(chat: ChatDriver) -> None:
    _tip_to_reward(chat)
    chat.tap("reward:no")
    chat.say("会保存我的什么信息？")
    # The answer said a Telegram account becomes a code name staff see: true of a complaint,
    # while a tip keeps none (bot.flows.report.submit).
    assert chat.state == "report_confirm" and "来源：" in chat.text
    assert "代号，工作人员只能看到代号" not in chat.text and "连代号也不留" in chat.text


def test_leaving_a_report_half_written_says_the_draft_is_dropped(chat: ChatDriver) -> None:
    _complaint_to_photos(chat)
    chat.command("status")
    # The half-written complaint was deleted without a word.
    assert chat.state == "status_receipt" and "刚才没有提交的投诉已放弃" in chat.text
    assert "kind" not in chat.draft
    chat.command("start")
    assert "已放弃" not in chat.text  # nothing was under way
    chat.tap("menu:tip")
    chat.tap("menu:question")  # an earlier message's menu button
    assert "刚才没有提交的举报已放弃" in chat.text and chat.state == "idle"


def test_a_forgotten_receipt_is_answered_not_called_malformed(chat: ChatDriver) -> None:
    chat.command("status")
    chat.say("我忘了回执码")
    # "这不像回执码：回执码是 20 位字母和数字" to a person who said they have none.
    entry = default_base().entry("service-receipt-lost")
    assert entry.answer in chat.text and "这不像回执码" not in chat.text, chat.text
    assert chat.state == "status_receipt" and "cancel" in chat.payloads
    chat.say("ABCDE-12345")  # a mistyped receipt is still told what is wrong with it
    assert "这不像回执码" in chat.text


# ---- the second review's leftovers (2026-11-30, `botux2`) ----


def test_gibberish_or_a_lone_emoji_at_the_tip_notice_is_not_the_account(
    chat: ChatDriver,
) -> None:
    for typed in ("asdfghjkl", "👍", "？？", "hhhhhhhhh"):
        chat.command("start")
        chat.tap("menu:tip")
        chat.say(typed)
        # "asdfghjkl" became the tip's account, and the business question came next.
        assert chat.state == "tip_notice" and "what" not in chat.draft, (typed, chat.draft)
        assert "请描述您要举报的问题" in chat.text and "cancel" in chat.payloads
    chat.say(TIP)  # asked for it, the account comes
    assert chat.state == "report_business" and chat.draft["what"] == TIP
    chat.command("start")
    chat.say(TIP)  # the account came first: gibberish adds nothing to it
    chat.say("asdfghjkl")
    assert chat.state == "tip_notice" and chat.draft["what"] == TIP


def test_a_business_named_in_english_is_offered_as_a_button(dialogue: DialogueEngine) -> None:
    for account, business in (
        ("I got food poisoning after eating at Golden Dragon Restaurant yesterday",
         "Golden Dragon Restaurant"),
        # the place said after it is read as its place too (`botx2`)
        ("I bought expired milk from the Lucky Mart on 5th street", "Lucky Mart on 5th street"),
        ("My sandwich from the FamilyMart was mouldy", "FamilyMart"),
    ):
        chat = ChatDriver(dialogue, conversation_key="chat-5550009", user_id="5550009",
                          lang="en")
        chat.command("start")
        chat.tap("menu:complaint")
        chat.say(account)
        assert chat.state == "report_business", chat.text
        # Only "I don't know" was offered: the business pattern read Chinese only.
        labels = [button.label for reply in chat.replies for button in reply.buttons]
        assert f'It is "{business}"' in labels, labels
        chat.tap("biz:use")
        assert chat.draft["business"] == business.removesuffix(" on 5th street")


def _complaint_to_when(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("昨天在老王面馆吃的牛肉面里有一只苍蝇，吃完肚子疼")
    chat.say("幸福路12号 老王面馆")
    assert chat.state == "report_when", chat.text


def test_the_when_question_takes_a_time_and_asks_again_for_anything_else(
    chat: ChatDriver,
) -> None:
    _complaint_to_when(chat)
    account = chat.draft["what"]
    for typed in ("hello?", "？？", "🤔", "asdfghjkl"):
        chat.say(typed)
        # "hello?" was stored as the time ("· 时间：hello?") and the photo question came next.
        assert chat.state == "report_when" and "when_text" not in chat.draft, (typed, chat.text)
        assert "例如：昨天晚上、上周三" in chat.text and "when:skip" in chat.payloads
        assert chat.draft["what"] == account  # nothing of it joined the account
    chat.say("他们家后厨也很脏，苍蝇到处飞")  # more of the account, not a time: kept there
    assert chat.state == "report_when" and chat.draft["what"].endswith("苍蝇到处飞")
    chat.say("前天晚上")
    assert chat.state == "report_photos" and chat.draft["when_text"] == "前天晚上"
    today = date.fromisoformat(chat.draft["when_on"]) + timedelta(days=2)
    chat.tap("photos:skip")
    chat.say("13812345678")
    for typed, days in (("上周三", None), ("昨天", 1), ("大概是上个月中旬", None),
                        ("last Friday", None), ("不记得了", None), ("don't remember", None)):
        chat.tap("edit:when")
        chat.say(typed)
        assert chat.state == "report_confirm", (typed, chat.text)
        forgotten = typed in ("不记得了", "don't remember")
        assert chat.draft["when_text"] == (None if forgotten else typed)
        if days is not None:
            assert chat.draft["when_on"] == (today - timedelta(days=days)).isoformat()
        if typed == "last Friday":
            assert date.fromisoformat(chat.draft["when_on"]).weekday() == 4


def test_the_console_shows_the_tip_notice_meant_for_a_terminal(
    dialogue: DialogueEngine,
) -> None:
    typed = "\n".join(["/start", "2", "/quit"]) + "\n"  # the menu's second button: a tip
    out = io.StringIO()
    run_console(dialogue, stdin=io.StringIO(typed), stdout=out, conversation_key="term-tip")
    printed = out.getvalue()
    # It told a person at a terminal that "Telegram can see this chat" and never stores
    # their Telegram account.
    assert "匿名举报须知" in printed and "Telegram" not in printed, printed
    assert "终端" in printed and "/tip" in printed
