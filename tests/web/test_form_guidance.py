"""What the report forms say before anything is sent (a citizen's review, sixth session).

A star alone told an older reader nothing (nor that the rest may stay empty); the complaint
form said which contact it needs only in its refusal; "日期" did not say the date of what.
"""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import RELAXED_LIMITS, file_case, form_token

from intake.models import ReceiptLookupFailures
from intake.settings import Settings
from web.app import create_app


@pytest.mark.parametrize(("lang", "star", "contact", "date"), [
    ("zh_Hans", "带 * 号的必须填写，其余可以不填。", "电话和电子邮箱至少填一项。",
     '<label for="occurred_on">发生日期</label>\n  <p class="muted" id="occurred_on-hint">'
     "记不清哪天可以不填，写在下面的“大约什么时候”里。</p>"),
    ("en", "Fields marked * must be filled in; the others may be left empty.",
     "Give a phone number or an e-mail address, or both.",
     '<label for="occurred_on">Date it happened</label>\n  <p class="muted" id="occurred_on-hint">'
     "Not sure of the day? Leave it empty and say it under \"Roughly when\" below.</p>"),
])
def test_the_forms_say_what_is_needed_before_anything_is_sent(
    client: FlaskClient, lang: str, star: str, contact: str, date: str,
) -> None:
    client.get(f"/lang/{lang}")
    complaint = client.get("/complaint").get_data(as_text=True)
    tip = client.get("/tip").get_data(as_text=True)
    for page in (complaint, tip):
        assert f'<p class="muted" id="required-note">{star}</p>' in page
        assert date in page
        # said before the first field
        assert page.index('id="required-note"') < page.index('id="text"')
    # the complaint names the contact it needs above the boxes; the tip needs none
    assert complaint.index(contact) < complaint.index('id="phone"')
    # one sentence after the other, as each language writes them
    gap = " " if lang == "en" else ""
    assert f"{contact}{gap}{'Contact' if lang == 'en' else '联系方式加密保存'}" in complaint
    assert contact not in tip


@pytest.mark.parametrize(("lang", "said"), [
    ("zh_Hans", "工作人员只能打开去除了拍摄位置、作者等隐藏信息的副本；原件加密封存，只留作证据。"),
    ("en", "Staff can open only a copy without hidden information such as where a photo was "
           "taken or who wrote a document; the original is sealed, encrypted, as evidence only."),
])
def test_the_tip_page_says_who_sees_a_files_copy_and_what_becomes_of_the_original(
    client: FlaskClient, lang: str, said: str,
) -> None:
    """"A copy without hidden information, and the original, encrypted": a tipster read that
    the photo's location was kept after all, with no word of who could see it."""
    client.get(f"/lang/{lang}")
    page = client.get("/tip").get_data(as_text=True)
    kept = page.split('<li id="kept-files">', 1)[1].split("</li>", 1)[0]
    assert said in kept


def test_error_pages_have_a_heading_of_words_and_keep_the_code_below(
    client: FlaskClient,
) -> None:
    """A page headed "404" (or "429") told an older reader nothing."""
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "<h1>找不到页面</h1>" in page and "错误代码：404" in page
    client.get("/lang/en")
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "<h1>Page not found</h1>" in page and "Error code: 404" in page


def test_a_form_sent_too_often_says_how_to_get_back_to_what_was_typed(
    web_settings: Settings,
) -> None:
    """A complaint over the per-minute limit met "429 / Too many requests", everything
    typed gone with no word of the back button."""
    app = create_app(web_settings, **{**RELAXED_LIMITS, "FOODSAFE_SUBMIT_LIMIT": "1 per minute"})
    client = app.test_client()
    try:
        data = {"text": "华联超市把过期酸奶改了生产日期重新上架。"}
        for _ in range(2):
            token = form_token(client.get("/tip").data)
            response = client.post("/tip", data={"csrf_token": token, **data})
        page = response.get_data(as_text=True)
        assert response.status_code == 429 and "<h1>请稍后再试</h1>" in page
        assert "刚才的操作没有完成。请用返回键回到上一页（填写的内容一般还在）" in page
        assert "错误代码：429" in page
    finally:
        app.extensions["foodsafe"].engine.dispose()


@pytest.mark.parametrize(("lang", "said"), [
    ("zh_Hans", '在线咨询需要启用 JavaScript。也可以直接填写<a href="/complaint">投诉表单</a>或'
                '<a href="/tip">匿名举报表单</a>，或在<a href="/kb">食品安全问答</a>里找答案。'),
    ("en", 'The chat needs JavaScript. You can also fill in the <a href="/complaint">complaint '
           'form</a> or the <a href="/tip">anonymous tip form</a>, or look for an answer in the '
           '<a href="/kb">Food-safety Q&A</a>.'),
])
def test_without_script_the_chat_shows_no_dead_box_and_names_every_other_way(
    client: FlaskClient, lang: str, said: str,
) -> None:
    """Without script the chat showed an empty log and a box whose "send" reloaded the page
    and lost what was typed; its note named the complaint form alone."""
    client.get(f"/lang/{lang}")
    page = client.get("/chat/").get_data(as_text=True)
    assert '<div id="chat" hidden ' in page
    assert said in page.split('id="chat-needs-script">', 1)[1]


def test_a_case_number_typed_as_the_receipt_is_named_for_what_it_is(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
) -> None:
    """The receipt page shows two codes; the case number, the official-looking one, typed into
    the receipt box was told "no 0, 1, O, I, L, U or V … this has: 1"."""
    submission = file_case(session_factory, web_settings)
    for typed in (submission.case_number, submission.case_number.lower().replace("-", " ")):
        token = form_token(client.get("/status").data)
        page = client.post("/status", data={"csrf_token": token, "receipt": typed}
                           ).get_data(as_text=True)
        assert "这是案件编号，不是回执码。查进度要用回执码" in page
    with session_factory() as session:  # told at the field: no failed lookup counted
        assert session.scalar(select(func.count()).select_from(ReceiptLookupFailures)) == 0
    receipt = post_form_page(client, "/complaint", {"text": "在幸福路的老王饭店吃凉菜后腹泻。",
                                                    "phone": "13800000000"})
    assert "和工作人员沟通时可以说这个编号；查进度要用上面的回执码。" in receipt


def post_form_page(client: FlaskClient, path: str, data: dict[str, str]) -> str:
    token = form_token(client.get(path).data)
    return client.post(path, data={"csrf_token": token, **data}).get_data(as_text=True)


@pytest.mark.parametrize(("lang", "said"), [
    ("zh_Hans",
     '要反映具体的食品问题，可以<a href="/complaint">投诉</a>或<a href="/tip">举报</a>。'),
    ("en", 'To tell us about a particular food problem, <a href="/complaint">file a complaint</a> '
           'or <a href="/tip">send a tip</a>.'),
])
def test_a_knowledge_entry_names_the_ways_to_act(client: FlaskClient, lang: str, said: str) -> None:
    """"What are the symptoms of food poisoning?", read after a bad meal, had no way on."""
    client.get(f"/lang/{lang}")
    page = client.get("/kb/service-how-to-complain").get_data(as_text=True)
    assert f'<p id="act">{said}</p>' in page


@pytest.mark.parametrize(("lang", "heading", "said"), [
    ("zh_Hans", "回执码丢了？", "我们无法找回或重新发送回执码。"),
    ("en", "Lost your receipt?", "We cannot recover or resend a receipt."),
])
def test_the_receipt_box_says_what_to_do_without_a_receipt(
    client: FlaskClient, lang: str, heading: str, said: str,
) -> None:
    """Someone at the receipt box without the receipt found no word of what to do."""
    client.get(f"/lang/{lang}")
    page = client.get("/status").get_data(as_text=True)
    assert f"<h2>{heading}</h2>" in page
    assert said in page.split('id="lost-receipt">', 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize(("path", "marked"), [
    ("/complaint", "/complaint"), ("/complaint/sent", "/complaint"), ("/tip", "/tip"),
    ("/status", "/status"), ("/kb", "/kb"), ("/kb/service-how-to-complain", "/kb"),
    ("/chat/", "/chat/"), ("/", None),
])
def test_the_menu_marks_where_the_reader_is(
    client: FlaskClient, path: str, marked: str | None,
) -> None:
    page = client.get(path).get_data(as_text=True)
    menu = page.split('<nav class="main"', 1)[1].split("</nav>", 1)[0]
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', menu)
    assert current == ([marked] if marked else [])


def test_the_home_page_promises_of_a_tip_only_what_is_kept_away(client: FlaskClient) -> None:
    """"匿名，不留痕迹" / "leave no trace": the tip page says what is kept (the text, the
    files); the home page now says what is not (who wrote it, the IP address)."""
    page = client.get("/").get_data(as_text=True)
    assert "不留痕迹" not in page and "不记录您的身份和 IP 地址" in page
    client.get("/lang/en")
    page = client.get("/").get_data(as_text=True)
    assert "no trace" not in page and "neither who you are nor your IP address" in page
