"""What a person reads on the public pages and the desk: one language a page, messages that
say what to do, no state where the person is stuck.

Found walking the site in a phone browser in both languages (the UX review of 2026-11-30).
"""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from io import BytesIO

import pytest
from faq_factories import shipped_base_with_chinese_only
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import file_case, form_token, log_in, make_staff, photo_bytes

from intake.bureaus import BUREAUS
from intake.clock import local_today
from intake.db import transaction
from intake.drafts import CaseDraft, ContactDetails, NewAttachment, ReporterIdentity
from intake.models import Case
from intake.settings import Settings
from intake.submit import submit_case

COMPLAINT = "昨天在幸福路的老王川菜馆吃凉拌菜，全家腹泻，要求退款赔偿。"
TIP = "华联超市把过期酸奶改了生产日期重新上架，每周都这样。"
# Chinese punctuation that has no place in an English sentence.
CHINESE_PUNCTUATION = re.compile(r"[。，：；（）“”、？！]")


def english(client: FlaskClient) -> None:
    client.get("/lang/en")


def post_form(client: FlaskClient, path: str, data: dict[str, object]):
    page = client.get(path)
    data = {"csrf_token": form_token(page.data), **data}
    return client.post(path, data=data, content_type="multipart/form-data")


def cases(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(Case)) or 0)


def text_of(html: str) -> str:
    """The page's words: no tags, no attribute values."""
    return re.sub(r"<[^>]+>", " ", html)


# ---- one language a page -----------------------------------------------------------------


def test_the_english_forms_and_chat_carry_no_chinese_punctuation(client: FlaskClient) -> None:
    english(client)
    for path in ("/", "/complaint", "/tip", "/status", "/chat/", "/kb"):
        words = text_of(client.get(path).get_data(as_text=True))
        # The language switch's own label (中文) is the one Chinese word an English page shows.
        assert not CHINESE_PUNCTUATION.findall(words), (path, CHINESE_PUNCTUATION.findall(words))
    page = client.get("/complaint").get_data(as_text=True)
    assert 'use the <a href="/tip">Anonymous tip</a> form.' in page


def test_the_chinese_notice_keeps_its_link_inside_the_sentence(client: FlaskClient) -> None:
    page = client.get("/complaint").get_data(as_text=True)
    assert '请改用<a href="/tip">匿名举报</a>。' in page


def test_a_question_outside_food_safety_is_answered_in_one_language(client: FlaskClient) -> None:
    english(client)
    page = client.get("/kb?q=how do I renew my passport").get_data(as_text=True)
    assert "does not seem to be about food safety" in page
    assert ('you can <a href="/complaint">file a complaint</a> or <a href="/tip">send a tip</a>.'
            in page)
    assert "。" not in page


@pytest.mark.parametrize(("lang", "question", "wanted"), [
    ("zh_Hans", "餐馆不给发票",
     '要反映具体的食品问题，可以<a href="/complaint">投诉</a>或<a href="/tip">举报</a>。'),
    # "my kid got sick after school lunch" is now answered (the canteen entry's English
    # phrasings); this one still finds only suggestions.
    ("en", "my stomach feels funny after the buffet",
     'To tell us about a particular food problem, <a href="/complaint">file a complaint</a> '
     'or <a href="/tip">send a tip</a>.'),
])
def test_a_food_question_without_an_exact_answer_names_the_way_to_act(
    client: FlaskClient, lang: str, question: str, wanted: str
) -> None:
    """"My kid got sick after the school lunch" found three storage tips and nothing else."""
    page = client.get(f"/kb?lang={lang}&q={question}").get_data(as_text=True)
    answer = page.split('id="answer"', 1)[1].split("</section>", 1)[0]
    assert "<ul>" in answer and wanted in answer, answer


def test_a_knowledge_entrys_checked_date_stays_whole(client: FlaskClient) -> None:
    """On a 360 px phone "核对日期：2026-11-" stood over "29"."""
    page = client.get("/kb/farm-produce-fresh-eggs").get_data(as_text=True)
    assert re.search(r'<span class="nowrap" id="checked">核对日期：\d{4}-\d\d-\d\d</span>', page)


def test_the_status_page_says_what_the_deadline_is_for(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    """It showed a bare date under "Deadline"."""
    submission = file_case(session_factory, web_settings)
    for lang, wanted in [("zh_Hans", "决定是否受理"), ("en", "Decide within 7 working days")]:
        page = post_form(client, f"/status?lang={lang}", {"receipt": submission.receipt})
        deadline = page.get_data(as_text=True).split('id="deadline">', 1)[1].split("</dd>", 1)[0]
        assert re.match(r'<span class="nowrap">\d{4}-\d\d-\d\d</span>', deadline), deadline
        assert wanted in deadline, deadline


@pytest.mark.parametrize(("path", "fields"), [
    ("/complaint", {"text": COMPLAINT}), ("/tip", {"text": TIP, "wants_reward": "y"})])
def test_a_missing_contact_is_marked_at_the_phone_box_too(
    client: FlaskClient, path: str, fields: dict[str, object]
) -> None:
    """The domain's message stood at the top of the page and no box below was marked."""
    for lang, wanted in [("zh_Hans", "请至少留下电话或电子邮箱中的一项。"),
                         ("en", "Please leave a phone number or an e-mail address.")]:
        response = post_form(client, f"{path}?lang={lang}", fields)
        page = response.get_data(as_text=True)
        assert response.status_code == 422
        phone = re.search(r'<input[^>]*id="phone"[^>]*>', page)
        assert phone and 'aria-invalid="true"' in phone.group(0), page
        assert f'<div id="phone-error"><p class="field-error">{wanted}</p></div>' in page


def test_the_case_kind_is_a_noun_on_the_status_page(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    english(client)
    page = client.get("/status")
    response = client.post(
        "/status", data={"csrf_token": form_token(page.data), "receipt": submission.receipt}
    )
    words = text_of(response.get_data(as_text=True))
    assert re.search(r"Type\s+Complaint\b", words), words
    assert "Complain " not in words


# ---- messages that say what to do --------------------------------------------------------


def test_a_reward_without_contact_is_explained_as_a_reward_not_as_a_complaint(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    response = post_form(client, "/tip", {"text": TIP, "wants_reward": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "申请举报奖励需要留下电话或电子邮箱" in page
    # It used to tell a tipster, on the tip form, to choose a tip.
    assert "匿名反映请选择" not in page
    assert cases(session_factory) == 0


def test_a_complaint_whose_contact_cannot_reach_anyone_is_sent_back_to_be_mended(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    for contact, message in [
        ({"email": "abc"}, "电子邮箱格式不对"),
        ({"email": "name@qq"}, "电子邮箱格式不对"),
        ({"phone": "138"}, "电话号码看起来不完整"),
        ({"phone": "不告诉你"}, "电话号码看起来不完整"),
    ]:
        response = post_form(client, "/complaint", {"text": COMPLAINT, **contact})
        page = response.get_data(as_text=True)
        assert response.status_code == 400, contact
        assert message in page and "还没有提交" in page, contact
        assert 'aria-invalid="true"' in page
    assert cases(session_factory) == 0
    # What people really type is taken.
    for phone in ("13800138000", "+86 138-0013-8000", "010 1234 5678", "13800138000 微信同号"):
        assert (
            post_form(client, "/complaint", {"text": COMPLAINT, "phone": phone}).status_code == 200
        ), phone
    assert (
        post_form(client, "/complaint", {"text": COMPLAINT, "email": "wang@example.cn"}).status_code
        == 200
    )


def test_a_date_still_to_come_is_refused_with_what_to_do_instead(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    response = post_form(
        client, "/complaint", {"text": COMPLAINT, "phone": "13800138000", "occurred_on": tomorrow}
    )
    assert response.status_code == 400
    assert "日期不能晚于今天" in response.get_data(as_text=True)
    assert cases(session_factory) == 0
    today = local_today().isoformat()
    assert (
        post_form(
            client, "/complaint", {"text": COMPLAINT, "phone": "13800138000", "occurred_on": today}
        ).status_code
        == 200
    )


def test_an_empty_account_asks_for_it_in_words_not_the_library_default(
    client: FlaskClient,
) -> None:
    english(client)
    page = post_form(client, "/complaint", {"text": ""}).get_data(as_text=True)
    assert "Please write what happened." in page
    assert "This field is required" not in page


def test_field_hints_and_errors_are_tied_to_their_field(client: FlaskClient) -> None:
    page = client.get("/complaint").get_data(as_text=True)
    assert re.search(r'<input[^>]*aria-describedby="attachments-hint attachments-chosen"[^>]*>',
                     page)
    assert 'id="attachments-hint"' in page
    page = post_form(client, "/complaint", {"text": COMPLAINT, "email": "abc"}).get_data(
        as_text=True
    )
    field = re.search(r'<input[^>]*id="email"[^>]*>', page)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert 'aria-describedby="email-error"' in field.group(0) and 'id="email-error"' in page


def test_an_expired_form_says_so_and_keeps_what_was_written(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    client.get("/complaint")
    response = client.post(
        "/complaint",
        content_type="multipart/form-data",
        data={
            "csrf_token": "1.expired",
            "text": COMPLAINT,
            "phone": "13800138000",
            "attachments": [(BytesIO(photo_bytes()), "IMG_0001.jpg")],
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    # It came back silently before: the same form, not a word of why.
    assert "页面已过期，还没有提交" in page and COMPLAINT in page
    assert "刚才选择的照片或文件没有保留" in page
    assert cases(session_factory) == 0


def test_a_form_without_files_does_not_ask_to_choose_them_again(client: FlaskClient) -> None:
    page = post_form(client, "/complaint", {"text": COMPLAINT}).get_data(as_text=True)
    assert "没有保留" not in page


def test_an_empty_reply_stays_on_the_case_and_says_what_is_missing(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    page = client.get("/status")
    shown = client.post(
        "/status", data={"csrf_token": form_token(page.data), "receipt": submission.receipt}
    )
    response = client.post(
        "/status/reply",
        data={"csrf_token": form_token(shown.data), "receipt": submission.receipt, "text": ""},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    # It used to drop the person back at the empty receipt box, without a word.
    assert submission.case_number in html and "请写下要补充或回复的内容" in html


def test_the_receipt_box_shows_the_shape_of_a_receipt(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    receipt = file_case(session_factory, web_settings).receipt
    placeholder = re.search(r'placeholder="([^"]+)"', client.get("/status").get_data(as_text=True))
    assert placeholder
    assert [len(g) for g in placeholder.group(1).split("-")] == [len(g) for g in receipt.split("-")]


def test_the_receipt_page_says_why_the_receipt_must_stay_secret(
    client: FlaskClient,
) -> None:
    english(client)
    page = post_form(client, "/tip", {"text": TIP}).get_data(as_text=True)
    assert "anyone who has it can read the progress and replies" in page


# ---- the desk ----------------------------------------------------------------------------


def test_the_desk_in_english_speaks_english_around_the_case(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    person = ReporterIdentity("telegram", "4242")
    contact = ContactDetails(name="张三", phone="13800000000")
    with transaction(session_factory) as session:
        first, _ = (
            submit_case(
                session,
                settings=web_settings,
                reporter=person,
                draft=CaseDraft(
                    kind="complaint",
                    channel="telegram",
                    text=text,
                    business_name=business,
                    contact=contact,
                ),
            )
            for text, business in [
                (COMPLAINT, "老王川菜馆"),
                ("在华联超市买的牛奶过期了，要求退货。", "华联超市"),
            ]
        )
    totp = make_staff(
        session_factory, web_settings, username="fso.coord", bureau="fso", role="coordinator"
    )
    log_in(client, "fso.coord", totp)
    english(client)
    queue = client.get("/staff/").get_data(as_text=True)
    assert ">Complaint</td>" in queue
    page = client.get(f"/staff/cases/{first.case_number}").get_data(as_text=True)
    others = page.split("Other cases of this complainant", 1)[1].split("</section>", 1)[0]
    assert "Received" in others and "已收到" not in others
    assert "（cooperating" not in page and "cooperating：" not in page
    # The running limit in words, not its policy key.
    assert "complaint_accept" not in page
    assert "Decide within 7 working days" in page


def test_the_english_knowledge_base_marks_the_answers_still_in_chinese(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = shipped_base_with_chinese_only("farm-produce-fresh-eggs")
    monkeypatch.setattr("web.public.knowledge.default_base", lambda: base)
    entry = base.entry("farm-produce-fresh-eggs")
    english(client)
    page = client.get(f"/kb?topic={entry.topic}").get_data(as_text=True)
    assert "Some answers are only in Chinese so far" in page
    # A screen reader reads a Chinese question as Chinese, not as English letters.
    assert f'<li lang="zh-Hans"><a href="/kb/{entry.id}">' in page
    page = client.get(f"/kb/{entry.id}").get_data(as_text=True)
    assert re.search(r'<h1 lang="zh-Hans">', page)
    client.get("/lang/zh_Hans")
    assert "only in Chinese" not in client.get("/kb").get_data(as_text=True)


# ---- a tipster knows what a phone number left on the tip form means --------------------


def test_the_tip_form_says_contact_makes_a_real_name_tip_before_it_is_given(
    client: FlaskClient,
) -> None:
    page = client.get("/tip").get_data(as_text=True)
    # It said "contact is needed only for a reward", yet a phone left without one is kept
    # and makes the tip a real-name one, whose writer the office must tell of its decision.
    assert "就是完全匿名举报" in page and "留下电话或邮箱即为实名举报" in page
    assert "不申请奖励就不用留下任何联系方式" not in page


def test_the_receipt_of_a_tip_with_contact_says_it_is_a_real_name_tip(
    client: FlaskClient,
) -> None:
    named = post_form(client, "/tip", {"text": TIP, "phone": "13800138000"})
    assert named.status_code == 200 and 'id="real-name"' in named.get_data(as_text=True)
    anonymous = post_form(client, "/tip", {"text": TIP})
    assert 'id="real-name"' not in anonymous.get_data(as_text=True)


def test_the_english_statistics_name_their_charts_in_english_and_say_when_one_is_empty(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    file_case(session_factory, web_settings)
    totp = make_staff(session_factory, web_settings, username="st.en", bureau="fso",
                      role="coordinator")
    log_in(client, "st.en", totp)
    english(client)
    page = client.get("/staff/statistics").get_data(as_text=True)
    # The images' text was their code ("weekly"); an empty chart drew bare axes.
    assert 'alt="Cases per week by bureau"' in page and 'alt="weekly"' not in page
    assert page.count("No data yet") == 2
    assert "/staff/statistics/weekly.png?lang=en" in page
    chinese = client.get("/staff/statistics/weekly.png?lang=zh_Hans").data
    assert client.get("/staff/statistics/weekly.png?lang=en").data != chinese


def as_administrator(
    client: FlaskClient, factory: sessionmaker[Session], settings: Settings
) -> str:
    """Logged in as an administrator; the accounts page."""
    log_in(client, "root", make_staff(factory, settings, username="root", bureau="fso",
                                      role="admin"))
    return client.get("/staff/accounts").get_data(as_text=True)


def test_the_accounts_page_names_roles_and_offers_only_what_the_desk_may_grant(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    make_staff(session_factory, web_settings, username="keeper", bureau="fso", role="custodian")
    page = as_administrator(client, session_factory, web_settings)
    # Roles read as codes ("handler"), and "custodian" was offered only to be refused.
    assert "系统管理员" in page and ">admin<" not in page
    assert 'value="custodian"' not in page and "保管人账号只能在服务器上管理" in page
    english(client)
    page = client.get("/staff/accounts").get_data(as_text=True)
    assert ">Administrator<" in page and ">District Education and Sports Bureau<" in page


def test_a_new_account_with_a_short_password_comes_back_to_be_mended(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    token = form_token(as_administrator(client, session_factory, web_settings))
    response = client.post("/staff/accounts", data={
        "csrf_token": token, "username": "newbie", "display_name": "新同事",
        "password": "short", "bureau": "edu", "role": "handler"})
    page = response.get_data(as_text=True)
    # It was a bare "request malformed" page, everything typed lost.
    assert response.status_code == 400
    assert 'value="newbie"' in page and 'class="field-error"' in page


def test_the_menus_are_named_and_the_language_switch_speaks_its_own_language(
    client: FlaskClient,
) -> None:
    page = client.get("/").get_data(as_text=True)
    assert '<nav class="lang" aria-label="语言">' in page
    assert '<nav class="main" aria-label="主菜单">' in page
    # Read out in English by an English voice, not spelled by a Chinese one.
    assert re.search(r'<a [^>]*lang="en"[^>]*>English</a>', page)
    english(client)
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<a [^>]*lang="zh-Hans"[^>]*>中文</a>', page)
    assert 'aria-label="Main menu"' in page


def test_the_desk_calls_a_complainant_a_complainant(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    complaint = file_case(session_factory, web_settings)
    tip = file_case(session_factory, web_settings, kind="tip", text=TIP, business="华联超市")
    totp = make_staff(session_factory, web_settings, username="fso.c2", bureau="fso",
                      role="coordinator")
    log_in(client, "fso.c2", totp)
    page = client.get(f"/staff/cases/{complaint.case_number}").get_data(as_text=True)
    # 举报人 is a tip's writer; the one who complains is the 投诉人.
    assert "回复投诉人" in page and "<dt>投诉人</dt>" in page and "举报人" not in page
    page = client.get(f"/staff/cases/{tip.case_number}").get_data(as_text=True)
    assert "回复举报人" in page and "<dt>举报人</dt>" in page
    # The audit trail's times stay whole on a phone.
    assert re.search(r'<td class="nowrap"[^>]*>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>', page)


def test_six_files_are_refused_as_too_many_and_every_accepted_type_is_offered(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    photos = [(BytesIO(photo_bytes()), f"IMG_{n}.jpg") for n in range(6)]
    response = post_form(client, "/complaint", {
        "text": COMPLAINT, "phone": "13800138000", "attachments": photos})
    page = response.get_data(as_text=True)
    # It said "type not supported or too large (images only)" of six good photos.
    assert response.status_code == 422 and "一次最多附 5 个文件" in page
    assert "刚才选择的照片或文件没有保留" in page
    assert cases(session_factory) == 0
    picker = re.search(r'<input[^>]*id="attachments"[^>]*>', client.get("/complaint").get_data(
        as_text=True))
    assert picker and "image/gif" in picker.group(0) and "application/pdf" in picker.group(0)


def test_a_refused_reply_keeps_what_was_written_and_says_what_to_change(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    page = client.get("/status")
    shown = client.post("/status", data={
        "csrf_token": form_token(page.data), "receipt": submission.receipt})
    token = form_token(shown.data)
    message = f"我的回执码是 {submission.receipt}，请尽快处理，店家今天还在营业。"
    response = client.post("/status/reply", data={
        "csrf_token": token, "receipt": submission.receipt, "text": message})
    html = response.get_data(as_text=True)
    # The message was thrown away with the refusal; it stays to be mended.
    assert response.status_code == 422 and "请删去后再发送" in html
    assert "店家今天还在营业" in html
    too_long = "店" * 2001
    response = client.post("/status/reply", data={
        "csrf_token": token, "receipt": submission.receipt, "text": too_long})
    html = response.get_data(as_text=True)
    # The form let 5,000 characters through to a domain that takes 2,000.
    assert response.status_code == 400 and submission.case_number in html
    assert 'maxlength="2000"' in html


def test_the_date_boxes_stop_at_the_districts_this_year(client: FlaskClient) -> None:
    html = client.get("/complaint").get_data(as_text=True)
    years = re.search(r'<select id="occurred_on" name="occurred_on-year".*?</select>', html)
    assert years
    offered = re.findall(r'<option value="(\d+)"', years.group(0))
    assert offered[0] == str(local_today().year) and offered == sorted(offered, reverse=True)


def date_boxes(html: str) -> list[tuple[str, str, str]]:
    """The date's boxes as drawn: (name, accessible name, the word after it)."""
    group = html.split('class="date-boxes"', 1)[1].split("</span>\n", 1)[0]
    return re.findall(r'<select id="[^"]+" name="occurred_on-(\w+)" aria-label="([^"]+)"'
                      r'.*?</select>(?:<span aria-hidden="true">([^<]+)</span>)?', group)


def test_the_date_reads_in_the_pages_language_not_the_browsers(client: FlaskClient) -> None:
    """The browser's date box showed "mm/dd/yyyy" on the Chinese page (this chromium's
    English); a Chinese phone would show its own. The page's own words and order now."""
    for path in ("/complaint", "/tip"):
        html = client.get(path).get_data(as_text=True)
        assert 'type="date"' not in html
        assert date_boxes(html) == [
            ("year", "年", "年"), ("month", "月", "月"), ("day", "日", "日")]
        assert '<option value="11">11</option>' in html
    english(client)
    html = client.get("/complaint").get_data(as_text=True)
    assert date_boxes(html) == [("day", "Day", ""), ("month", "Month", ""), ("year", "Year", "")]
    assert '<option value="11">November</option>' in html
    # an empty box says which it is, where no word follows it
    assert '<option value="">Day</option>' in html and '<option value="">Year</option>' in html
    assert 'role="group" aria-label="Date it happened" aria-describedby="occurred_on-hint"' in html


def test_a_date_chosen_in_the_boxes_is_the_cases_and_half_a_date_is_said_at_the_field(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    complaint = {"text": COMPLAINT, "phone": "13800138000"}
    day = local_today() - timedelta(days=3)
    chosen = {"occurred_on-year": str(day.year), "occurred_on-month": str(day.month),
              "occurred_on-day": str(day.day)}
    assert post_form(client, "/complaint", {**complaint, **chosen}).status_code == 200
    with session_factory() as session:
        assert session.scalar(select(Case.occurred_on)) == day

    # a month and a day without the year: said at the box, what was chosen kept
    half = post_form(client, "/complaint", {**complaint, "occurred_on-month": "2",
                                            "occurred_on-day": "14"})
    html = half.get_data(as_text=True)
    error = html.split('id="occurred_on-error"', 1)[1].split("</div>", 1)[0]
    assert half.status_code == 400 and "请把年、月、日都选上" in error
    assert '<option value="2" selected>2</option>' in html and 'aria-invalid="true"' in html
    # a day the month does not have, and a day still to come
    no_such = {**chosen, "occurred_on-month": "2", "occurred_on-day": "30"}
    assert "没有这一天" in post_form(client, "/complaint", {**complaint, **no_such}).get_data(
        as_text=True)
    later = local_today() + timedelta(days=1)
    to_come = {"occurred_on-year": str(later.year), "occurred_on-month": str(later.month),
               "occurred_on-day": str(later.day)}
    assert "日期不能晚于今天" in post_form(client, "/complaint", {**complaint, **to_come}).get_data(
        as_text=True)
    # none chosen is no date
    assert post_form(client, "/complaint", complaint).status_code == 200
    assert cases(session_factory) == 2


# ---- one English name for each kind -------------------------------------------------------

# 投诉 is a complaint (filed), 举报 a tip (sent), its writer a tipster: the English pages
# said "Complain", "Report", "Report a violation" and "Anonymous tip" for the same two things.
OTHER_NAMES = re.compile(
    r"\b(report|reports|reported|reporting|reporter|reporters|complain|tip off|tip us off|"
    r"whistle\w*)\b", re.IGNORECASE)


def names_in(html: str, pattern: str) -> list[str]:
    return [re.sub(r"\s+", " ", text_of(m)).strip() for m in re.findall(pattern, html, re.S)]


def test_the_english_pages_and_the_bot_call_the_two_kinds_by_one_name_each(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    from bot.messages import MESSAGES

    english(client)
    pages = {path: client.get(path).get_data(as_text=True) for path in (
        "/", "/complaint", "/tip", "/status", "/chat/", "/kb", "/kb?q=how do I renew my passport",
        "/complaint/sent", "/tip/sent")}
    pages["complaint receipt"] = post_form(
        client, "/complaint", {"text": COMPLAINT, "phone": "13800138000"}).get_data(as_text=True)
    pages["tip receipt"] = post_form(
        client, "/tip", {"text": TIP, "phone": "13800138001"}).get_data(as_text=True)
    with session_factory() as session:
        numbers = dict(session.execute(select(Case.kind, Case.case_number)).all())
    totp = make_staff(session_factory, web_settings, username="fso.names", bureau="fso",
                      role="coordinator")
    log_in(client, "fso.names", totp)
    english(client)
    pages["queue"] = client.get("/staff/").get_data(as_text=True)
    for kind, number in numbers.items():
        pages[kind] = client.get(f"/staff/cases/{number}").get_data(as_text=True)

    for where, html in pages.items():
        words = text_of(html)  # the audit trail included: its actors and details are words
        assert not OTHER_NAMES.findall(words), (where, OTHER_NAMES.findall(words))
    home = pages["/"]
    menu = re.search(r'<nav class="main"[^>]*>(.*?)</nav>', home, re.S)
    assert menu and names_in(menu.group(1), r"<a [^>]*>(.*?)</a>") == [
        "Complaint", "Tip", "Check progress", "Q&A", "Chat"]
    assert names_in(home, r"<strong>(.*?)</strong>")[:2] == ["File a complaint", "Send a tip"]
    assert "<h1>Food complaint</h1>" in pages["/complaint"]
    assert "<h1>Anonymous tip</h1>" in pages["/tip"]
    assert ">Submit complaint</button>" in pages["/complaint"]
    assert ">Submit tip</button>" in pages["/tip"]
    assert "<h1>Your complaint has been received</h1>" in pages["complaint receipt"]
    assert "<h1>Your tip has been received</h1>" in pages["tip receipt"]
    assert ">Complaint</option>" in pages["queue"] and ">Tip</option>" in pages["queue"]
    assert ">Tip</td>" in pages["queue"] and ">Complaint</td>" in pages["queue"]
    assert "<dt>Tipster</dt>" in pages["tip"] and "Reply to the tipster" in pages["tip"]
    assert "<dt>Complainant</dt>" in pages["complaint"]
    from knowledge.faq.messages import text

    said = [m["en"] for m in MESSAGES.values()] + [text("out_of_scope", "en")]
    other_names = [m for m in said if OTHER_NAMES.search(m)]
    assert not other_names, other_names
    assert MESSAGES["btn_complaint"]["en"] == "File a complaint"
    assert MESSAGES["btn_tip"]["en"] == "Anonymous tip"


def test_the_audit_trail_says_who_did_what_in_the_desks_words(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    """It listed stored codes: "reporter", "submitted", "viewed"."""
    tip = file_case(session_factory, web_settings, kind="tip", text=TIP, business="华联超市")
    totp = make_staff(session_factory, web_settings, username="fso.trail", bureau="fso",
                      role="coordinator")
    log_in(client, "fso.trail", totp)
    for lang, wanted in [
        ("zh_Hans", [("举报人", "提交"), ("fso.trail", "查看案件")]),
        ("en", [("Tipster", "Submit"), ("fso.trail", "View the case")]),
    ]:
        page = client.get(f"/staff/cases/{tip.case_number}?lang={lang}").get_data(as_text=True)
        trail = page.split('<table id="audit"', 1)[1].split("</table>", 1)[0]
        cell = r"<td[^>]*>([^<]*)</td>"  # (labelled for a phone's cards: data-label)
        rows = [row[1:3] for row in re.findall(f"<tr>{cell}{cell}{cell}", trail)]
        assert rows[:2] == wanted, rows
        assert "reporter" not in trail and "submitted" not in trail and "viewed" not in trail


def trail_details(client: FlaskClient, number: str, lang: str) -> list[str]:
    """The audit trail's "Detail" cells of a case page, in ``lang``."""
    page = client.get(f"/staff/cases/{number}?lang={lang}").get_data(as_text=True)
    trail = page.split('<table id="audit"', 1)[1].split("</table>", 1)[0]
    return [unescape(cell) for cell in re.findall(r'<td data-label="[^"]*">([^<]*)</td></tr>',
                                                       trail)]


def test_the_audit_trails_details_are_words_not_stored_codes(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    """The details read "kind=complaint channel=web lead=samr attachments=0 contact=True",
    "from=received to=accepted" and "attachment=3f9a0c1e"."""
    draft = CaseDraft(kind="tip", channel="web", text=TIP, business_name="华联超市",
                      contact=ContactDetails(phone="13800138000"),
                      attachments=[NewAttachment("a.jpg", "image/jpeg", photo_bytes())])
    with transaction(session_factory) as session:
        number = submit_case(session, settings=web_settings, draft=draft).case_number
        bureau = session.scalars(select(Case.lead_bureau)).one()
    target = "agri" if bureau != "agri" else "samr"
    lead, custodian, coordinator = app.test_client(), app.test_client(), app.test_client()
    log_in(lead, "trail.lead", make_staff(session_factory, web_settings, username="trail.lead",
                                          bureau=bureau, role="lead"))
    log_in(custodian, "trail.cu", make_staff(session_factory, web_settings, username="trail.cu",
                                             bureau="fso", role="custodian"))
    log_in(coordinator, "trail.co", make_staff(session_factory, web_settings,
                                               username="trail.co", bureau="fso",
                                               role="coordinator"))

    def act(action: str, **fields: str) -> None:
        token = form_token(lead.get(f"/staff/cases/{number}").data)
        response = lead.post(f"/staff/cases/{number}/{action}",
                             data={"csrf_token": token, **fields})
        assert response.status_code == 303, (action, response.status_code)

    link = re.search(r'href="(/staff/cases/[^"]+/attachments/[^"]+)"',
                     lead.get(f"/staff/cases/{number}").get_data(as_text=True))
    assert link and lead.get(link.group(1)).status_code == 200
    act("extend", reason="需要补充检验")  # a tip's verification may be extended once
    act("accept")
    act("reply", text="您好，已受理。")
    act("request_reveal", reason="需要联系投诉人组织调解")
    inbox = custodian.get("/staff/reveals").get_data(as_text=True)
    approve = re.search(r'action="(/staff/reveals/[^"]+/approve)"', inbox)
    assert approve
    custodian.post(approve.group(1), data={"csrf_token": form_token(inbox)})
    # The request's status in words too: it read "approved".
    page = lead.get(f"/staff/cases/{number}?lang=en").get_data(as_text=True)
    # The request's number is its row id: PostgreSQL's sequences run on across tests.
    shown = re.search(r"Request (#\d+) · Approved", page)
    assert shown and "· approved" not in page
    request = shown.group(1)
    act("transfer", to_bureau=target, reason="涉及农药残留，属农业部门")

    names = {code: (b.name_zh, b.name_en) for code, b in BUREAUS.items()}
    for lang, wanted in [
        ("zh_Hans", [f"类型：举报；渠道：网页表单；承办部门：{names[bureau][0]}；附件 1 个；"
                     "留有联系方式",
                     "第 1 个附件（image/jpeg）", "状态：已收到，待受理 → 已受理", "回复 7 字",
                     f"申请 {request}",
                     f"状态：已受理 → 已收到，待受理；承办部门：{names[bureau][0]} → "
                     f"{names[target][0]}；理由：涉及农药残留，属农业部门"]),
        ("en", ["Type: Tip; Channel: Web form; Responsible bureau: " + names[bureau][1]
                + "; Attachments: 1; Contact details left", "Attachment 1 (image/jpeg)",
                "Status: Received → Accepted", "Reply of 7 characters",
                f"Request {request}",
                f"Status: Accepted → Received; Responsible bureau: {names[bureau][1]} → "
                f"{names[target][1]}; Reason: 涉及农药残留，属农业部门"]),
    ]:
        details = trail_details(coordinator, number, lang)
        for line in wanted:
            assert line in details, (lang, line, [d for d in details if d])
        deadline = "办理时限" if lang == "zh_Hans" else "Deadline"
        reason = "；理由：" if lang == "zh_Hans" else "; Reason: "
        assert [d for d in details if re.fullmatch(
            rf"{deadline}：?:? ?\d{{4}}-\d\d-\d\d → \d{{4}}-\d\d-\d\d{reason}需要补充检验", d)]
        codes = re.compile(rf"=|\b(received|accepted|tip|web|True|{bureau}|{target})\b")
        assert not [d for d in details if codes.search(d)], details


@pytest.mark.parametrize(("lang", "wanted"), [
    ("zh_Hans", ["疑似重复 3 件", "30 天内投诉 6 件，涉及 5 家商家，要求赔偿 4 件", "代号 R-AB12",
                 "附件 abcd1234", "无附件；未留联系方式", "quirk=1"]),
    ("en", ["Possible duplicates: 3",
            "6 complaints about 5 businesses in 30 days, 4 demanding compensation",
            "Pseudonym R-AB12", "Attachment abcd1234", "No attachments; No contact details",
            "quirk=1"]),
])
def test_the_system_events_details_are_words_too(app: Flask, lang: str, wanted: list[str]) -> None:
    """The duplicate search, the serial-complainant flag and the rest; a key the desk does not
    know yet is shown as stored rather than hidden."""
    from web.staff.trail import audit_detail

    details = [{"count": 3},
               {"complaints": 6, "businesses": 5, "compensation_demands": 4, "window_days": 30},
               {"pseudonym": "R-AB12"}, {"attachment": "abcd1234"},
               {"attachments": 0, "contact": False}, {"quirk": 1}]
    with app.test_request_context(f"/?lang={lang}"):
        assert [audit_detail(d) for d in details] == wanted


def test_each_form_gives_an_example_of_its_own_kind(client: FlaskClient) -> None:
    """The tip form's example was a complaint's: a fly in a restaurant's dish."""
    for lang, complaint_example, tip_example in [
        ("zh_Hans", "菜里有苍蝇", "过期酸奶"), ("en", "found a fly", "expired yoghurt")]:
        complaint = client.get(f"/complaint?lang={lang}").get_data(as_text=True)
        tip = client.get(f"/tip?lang={lang}").get_data(as_text=True)
        text_box = re.compile(r'<textarea[^>]*id="text"[^>]*>')
        assert complaint_example in text_box.search(complaint).group(0)  # type: ignore[union-attr]
        assert tip_example in text_box.search(tip).group(0)  # type: ignore[union-attr]
        assert complaint_example not in tip


def test_the_queue_folds_its_filters_unless_one_is_in_use(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    totp = make_staff(session_factory, web_settings, username="fso.fold", bureau="fso",
                      role="coordinator")
    log_in(client, "fso.fold", totp)
    folded = re.search(r'<details class="filter-box" id="filters"( open)?>',
                       client.get("/staff/").get_data(as_text=True))
    assert folded and folded.group(1) is None
    for query in ("kind=tip", "overdue=1", "status=all"):
        shown = re.search(r'<details class="filter-box" id="filters"( open)?>',
                          client.get(f"/staff/?{query}").get_data(as_text=True))
        assert shown and shown.group(1) == " open", query
