"""The complaint and tip flows of the dialogue engine, step by step, on both databases."""

from __future__ import annotations

from chat_driver import ChatDriver, photo_bytes
from documents import pdf_document
from sqlalchemy import select

from bot import staging
from intake.models import Attachment, Case, Contact, NotifierLink
from intake.settings import Settings


def _complaint_to_summary(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    assert chat.state == "report_what"
    chat.say("昨天在幸福路的老王面馆吃的牛肉面里有一只苍蝇")
    assert chat.state == "report_business"
    chat.say("幸福路12号 老王面馆")
    assert chat.state == "report_when"
    chat.say("昨天")
    assert chat.state == "report_photos"
    chat.photo()
    assert "1" in chat.text and chat.state == "report_photos"
    chat.tap("photos:done")
    assert chat.state == "report_contact"
    assert "调解" in chat.text  # says why the contact is needed
    chat.say("王女士 13812345678")
    assert chat.state == "report_confirm"


def test_complaint_step_by_step_ends_with_receipt_bureau_reason_and_deadline(
        chat: ChatDriver) -> None:
    _complaint_to_summary(chat)
    assert "老王面馆" in chat.text and "幸福路12号" in chat.text
    assert "138****5678" in chat.text and "13812345678" not in chat.text
    replies = chat.tap("confirm:submit")
    receipts = [r.receipt for r in replies if r.receipt]
    assert len(receipts) == 1 and receipts[0] in chat.text
    assert "区市场监管局" in chat.text and "分派依据：“" in chat.text  # bureau and evidence
    assert "七个工作日" in chat.text  # the legal deadline
    assert chat.state == "idle" and chat.draft == {}
    with chat.session() as session:
        case = session.scalars(select(Case)).one()
        why = chat.text.split("分派依据：", 1)[1].split("\n", 1)[0]
        for word in {e["matched"] for e in case.routing["evidence"]}:
            assert why.count(f"“{word}”") <= 1, why  # each word once, its clauses together
        assert (case.kind, case.channel, case.business_name, case.place) == (
            "complaint", "telegram", "老王面馆", "幸福路12号")
        assert case.occurred_on is not None
        assert session.scalar(select(Contact).where(Contact.case_id == case.id)) is not None
        assert len(session.scalars(select(Attachment)).all()) == 1
        assert case.reporter_pseudonym is not None
        assert session.scalars(select(NotifierLink)).one().pseudonym == case.reporter_pseudonym


def test_one_message_complaint_goes_straight_in_with_its_account_filled(
        chat: ChatDriver) -> None:
    chat.say("我在XX饭店吃出了苍蝇")
    assert chat.state == "report_business"
    assert chat.draft["what"] == "我在XX饭店吃出了苍蝇"
    assert "biz:use" in chat.payloads  # the business it named is offered
    chat.tap("biz:use")
    assert chat.draft["business"] == "XX饭店"


def test_each_field_can_be_corrected_from_the_summary(chat: ChatDriver) -> None:
    _complaint_to_summary(chat)
    chat.tap("edit:what")
    assert chat.state == "report_what"
    chat.say("前天在老王面馆吃的牛肉面里有两只苍蝇，服务员不承认")
    assert chat.state == "report_confirm" and "两只苍蝇" in chat.text
    chat.tap("edit:business")
    chat.say("幸福路13号 老王面馆二店")
    assert chat.state == "report_confirm" and "老王面馆二店" in chat.text
    chat.tap("edit:when")
    chat.say("3天前")
    assert chat.state == "report_confirm" and "3天前" in chat.text
    chat.tap("edit:contact")
    chat.say("someone@example.com")
    assert chat.state == "report_confirm" and "s***@example.com" in chat.text
    chat.tap("edit:photos")
    assert chat.state == "report_photos" and chat.draft["photos"] == []
    chat.tap("photos:skip")
    assert chat.state == "report_confirm"
    chat.tap("confirm:submit")
    with chat.session() as session:
        case = session.scalars(select(Case)).one()
        assert "两只苍蝇" in case.text and case.business_name == "老王面馆二店"
        assert session.scalars(select(Attachment)).all() == []


def test_complaint_without_a_contact_is_asked_again_or_can_become_a_tip(chat: ChatDriver) -> None:
    _complaint_to_summary(chat)
    chat.tap("edit:contact")
    chat.say("张三")
    assert chat.state == "report_contact" and "13812345678" in chat.text  # example shown
    chat.say("不想留")
    # Declining is answered with why and the anonymous way, not "no valid phone number".
    assert chat.state == "report_contact" and "13812345678" not in chat.text
    assert "switch:tip" in chat.payloads and "匿名举报" in chat.text
    chat.tap("switch:tip")
    assert chat.state == "tip_notice" and chat.draft["kind"] == "tip"
    assert "contact" not in chat.draft


def test_tip_starts_with_the_anonymity_notice_and_never_asks_who_you_are(
        chat: ChatDriver) -> None:
    asked: list[str] = []
    chat.tap("menu:tip")
    assert chat.state == "tip_notice"
    assert "姓名" in chat.text and "Telegram" in chat.text and "网页" in chat.text
    for step in (lambda: chat.tap("tip:go"),
                 lambda: chat.say("华联超市把过期酸奶改了日期重新上架"),
                 lambda: chat.say("华联超市 和平路"),
                 lambda: chat.tap("when:skip"),
                 lambda: chat.tap("photos:skip")):
        step()
        asked.append(chat.text)
    assert chat.state == "report_reward"
    chat.tap("reward:no")
    assert chat.state == "report_confirm" and "匿名" in chat.text
    assert not any("手机号" in text or "联系方式" in text for text in asked[:-1])
    chat.tap("confirm:submit")
    assert "保密" in chat.text and "十五个工作日" in chat.text
    with chat.session() as session:
        case = session.scalars(select(Case)).one()
        assert case.kind == "tip" and case.reporter_pseudonym is None
        assert session.scalars(select(Contact)).all() == []
        assert session.scalars(select(NotifierLink)).all() == []


def test_tip_takes_a_contact_only_when_the_person_wants_a_reward(chat: ChatDriver) -> None:
    chat.say("我是这家店的员工，老板让我们把过期的肉洗洗再用")
    assert chat.state == "tip_notice" and "what" in chat.draft
    chat.tap("tip:go")
    assert chat.state == "report_business"
    chat.tap("biz:unknown")
    chat.tap("when:0")
    chat.tap("photos:skip")
    chat.tap("reward:yes")
    assert chat.state == "report_contact"
    chat.say("13900001111")
    chat.tap("confirm:submit")
    with chat.session() as session:
        case = session.scalars(select(Case)).one()
        assert case.wants_reward and case.reporter_pseudonym is None
        assert session.scalars(select(Contact)).one() is not None


def test_photos_are_staged_sealed_and_deleted_after_submission(
        chat: ChatDriver, settings: Settings) -> None:
    marker = "ExifMarker-4471"
    _complaint_to_summary(chat)
    chat.tap("edit:photos")
    chat.photo(photo_bytes(exif_marker=marker))
    token = chat.draft["photos"][0]
    staged = (settings.data_dir / "bot-staging" / f"{token}.bin").read_bytes()
    assert marker.encode() not in staged  # sealed at rest
    assert staging.load(settings, token).find(marker.encode()) >= 0
    chat.tap("photos:done")
    chat.tap("confirm:submit")
    assert list((settings.data_dir / "bot-staging").iterdir()) == []


def test_a_file_that_is_not_a_photo_is_refused_at_the_photo_step(chat: ChatDriver) -> None:
    _complaint_to_summary(chat)
    chat.tap("edit:photos")
    chat.photo(b"MZ\x90\x00 this is not an image at all")
    assert chat.state == "report_photos" and chat.draft["photos"] == []
    assert "照片" in chat.text or "JPEG" in chat.text


def test_a_pdf_is_refused_at_the_photo_step_and_pointed_to_the_forms(chat: ChatDriver) -> None:
    _complaint_to_summary(chat)
    chat.tap("edit:photos")
    chat.photo(pdf_document())
    assert chat.state == "report_photos" and chat.draft["photos"] == []
    assert "只收照片" in chat.text and "表单" in chat.text


def test_a_photo_sent_before_or_after_its_step_is_kept_not_dropped(chat: ChatDriver) -> None:
    chat.command("start")
    chat.tap("menu:complaint")
    chat.say("昨天在幸福路的老王面馆吃的牛肉面里有一只苍蝇")
    # at the business step: kept, and the question asked again
    chat.photo()
    assert chat.state == "report_business" and len(chat.draft["photos"]) == 1
    assert "第 1 张" in chat.text and "哪家商家" in chat.text
    assert "photos:done" not in chat.payloads  # no button of another step
    # with a caption, the caption is the answer
    chat.photo(caption="幸福路12号 老王面馆")
    assert chat.state == "report_when" and len(chat.draft["photos"]) == 2
    assert chat.draft["business"] == "老王面馆"
    chat.say("昨天")
    chat.tap("photos:done")
    chat.say("王女士 13812345678")
    # at the summary: kept, and the summary shown again with the new count
    chat.photo()
    assert chat.state == "report_confirm" and "照片：3 张" in chat.text
    chat.tap("confirm:submit")
    with chat.session() as session:
        assert len(session.scalars(select(Attachment)).all()) == 3


def test_a_photo_with_no_report_under_way_is_said_not_to_be_kept(chat: ChatDriver) -> None:
    chat.command("start")
    chat.photo()
    assert chat.state == "idle" and "还没有保存" in chat.text and not chat.draft.get("photos")


def test_a_4000_character_account_is_accepted_and_summarised_short(chat: ChatDriver) -> None:
    account = ("我在老王面馆吃出了苍蝇，" * 400)[:4000]
    chat.tap("menu:complaint")
    chat.say(account)
    assert chat.state == "report_business"
    assert chat.draft["what"] == account
    chat.tap("biz:unknown")
    chat.tap("when:skip")
    chat.tap("photos:skip")
    chat.say("13812345678")
    assert len(chat.text) < 1000  # the summary clips the account
    chat.tap("confirm:submit")
    with chat.session() as session:
        assert session.scalars(select(Case)).one().text == account
