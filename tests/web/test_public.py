"""The public site: filing, the receipt shown once, status by receipt, no cookies, no IPs."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlite_files import sqlite_file_bytes
from web_factories import RELAXED_LIMITS, file_case, form_token, photo_bytes, receipt_on

from intake.bureaus import bureau_name
from intake.models import Attachment, Case, Message, ReceiptLookupFailures
from intake.settings import Settings
from web.app import create_app

COMPLAINT = "昨天在幸福路的老王川菜馆吃凉拌菜，全家腹泻，要求退款赔偿。"
TIP = "华联超市把过期酸奶改了生产日期重新上架，每周都这样。"
CLIENT_IP = "203.0.113.77"


def count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def post_form(client: FlaskClient, path: str, data: dict[str, object], **kwargs: object):
    page = client.get(path)
    data = {"csrf_token": form_token(page.data), **data}
    return client.post(path, data=data, content_type="multipart/form-data", **kwargs)


def test_the_home_page_speaks_chinese_and_links_every_service(client: FlaskClient) -> None:
    page = client.get("/").data.decode()
    assert 'lang="zh-Hans"' in page
    for path in ("/complaint", "/tip", "/status", "/kb", "/chat/"):
        assert f'href="{path}"' in page


def test_a_complaint_with_a_photo_gets_a_receipt_the_bureau_and_the_deadline(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    response = post_form(client, "/complaint", {
        "text": COMPLAINT, "business_name": "老王川菜馆", "place": "幸福路88号",
        "name": "张三", "phone": "13800000000",
        "attachments": [(BytesIO(photo_bytes()), "IMG_0001.jpg")],
    })
    page = response.data.decode()
    assert response.status_code == 200
    receipt = receipt_on(response.data)
    assert len(receipt.replace("-", "")) >= 16
    assert "只显示这一次" in page and 'data-copy-target="receipt"' in page
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    with session_factory() as session:
        case = session.scalars(select(Case)).one()
        assert bureau_name(case.lead_bureau) in page
        assert f"{case.due_on.isoformat()} 前作出处理决定" in page
        # Why: each word once, with the plan's clauses it was routed by.
        clauses = [e["clause"] for e in case.routing["evidence"] if e["matched"] == "川菜馆"]
        assert len(clauses) >= 2 and page.count("您提到“川菜馆”") == 1
        assert f"第{'、'.join(dict.fromkeys(clauses))}条" in page
        attachment = session.scalars(select(Attachment)).one()
        cleaned = (web_settings.upload_dir / attachment.cleaned_path).read_bytes()
    assert b"PhoneMakerMarker" not in cleaned
    assert attachment.content_type == "image/jpeg"


@pytest.mark.parametrize(("path", "data"), [
    ("/complaint", {"text": COMPLAINT, "phone": "13800000000"}),
    ("/tip", {"text": TIP}),
])
def test_a_receipt_page_hands_its_place_in_the_history_to_a_get_page(
    client: FlaskClient, session_factory: sessionmaker[Session], path: str,
    data: dict[str, object],
) -> None:
    """A reload of the receipt posted the form again and filed a second case: the page now
    names the GET page its script puts in its place, and is never cached."""
    response = post_form(client, path, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and receipt_on(response.data)
    assert f'data-history-url="{path}/sent"' in page
    assert response.headers["Cache-Control"] == "no-store"
    assert count(session_factory, Case) == 1

    sent = client.get(f"{path}/sent")
    words = sent.get_data(as_text=True)
    assert sent.status_code == 200 and sent.headers["Cache-Control"] == "no-store"
    assert "回执码只显示一次" in words and "不会重复提交" in words
    assert 'href="/status"' in words
    # Nothing of the case, no form to send again, nothing filed by asking.
    assert 'id="receipt"' not in words and "<form" not in words.split("<main>", 1)[1]
    assert "data-history-url" not in words
    assert count(session_factory, Case) == 1


def test_the_language_switch_on_a_receipt_warns_and_leads_to_its_stand_in(
    client: FlaskClient,
) -> None:
    """The switch read as "this page in English" and dropped the receipt for good."""
    page = post_form(client, "/tip", {"text": TIP}).get_data(as_text=True)
    switch = re.search(r'<a href="/lang/en\?next=([^"]+)"[^>]*>English</a>', page)
    assert switch and switch.group(1) == "/tip/sent"
    assert 'data-confirm="回执码只显示这一次' in switch.group(0)
    form = client.get("/tip").get_data(as_text=True)
    assert '<a href="/lang/en?next=/tip" lang="en" hreflang="en">English</a>' in form


def test_the_page_after_a_receipt_speaks_english_and_names_the_kind(client: FlaskClient) -> None:
    client.get("/lang/en")
    complaint = client.get("/complaint/sent").get_data(as_text=True)
    tip = client.get("/tip/sent").get_data(as_text=True)
    assert "Your complaint has been submitted" in complaint and "same complaint" in complaint
    assert "Your tip has been submitted" in tip and "same tip" in tip
    assert "回执" not in complaint + tip


def test_a_complaint_without_contact_is_refused_and_keeps_what_was_written(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    response = post_form(client, "/complaint", {"text": COMPLAINT})
    assert response.status_code == 422
    page = response.data.decode()
    assert "联系方式" in page and COMPLAINT in page
    assert count(session_factory, Case) == 0


def test_the_tip_form_explains_what_is_kept_before_the_form_and_sets_no_cookie(
    client: FlaskClient,
) -> None:
    response = client.get("/tip")
    page = response.data.decode()
    assert page.index('id="what-we-keep"') < page.index("<form")
    assert "IP" in page and "Cookie" in page
    assert "Set-Cookie" not in response.headers
    response = post_form(client, "/tip", {"text": TIP, "business_name": "华联超市"})
    assert response.status_code == 200
    assert receipt_on(response.data)
    assert "Set-Cookie" not in response.headers
    assert not client._cookies  # type: ignore[attr-defined]


def test_a_tip_leaves_no_client_address_in_logs_or_database(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    response = post_form(client, "/tip", {"text": TIP}, environ_base={"REMOTE_ADDR": CLIENT_IP})
    assert response.status_code == 200
    assert CLIENT_IP not in caplog.text
    assert TIP not in caplog.text
    if web_settings.database_url.startswith("sqlite"):
        raw = sqlite_file_bytes(web_settings.database_url)
        assert CLIENT_IP.encode() not in raw


def test_a_filled_honeypot_stores_nothing(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    response = post_form(client, "/tip", {"text": TIP, "website": "http://spam.example"})
    assert response.status_code == 400
    assert count(session_factory, Case) == 0


def test_a_form_without_its_token_or_from_another_site_is_refused(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    assert client.post("/tip", data={"text": TIP}).status_code == 400
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Origin": "null", "Sec-Fetch-Site": "same-site"}):
        assert post_form(client, "/tip", {"text": TIP}, headers=headers).status_code == 400
    assert count(session_factory, Case) == 0


def test_a_file_that_lies_about_being_a_photo_is_refused_by_name(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    response = post_form(client, "/tip", {
        "text": TIP, "attachments": [(BytesIO(b"<script>alert(1)</script>"), "cat.jpg")]})
    assert response.status_code == 422
    assert "图片" in response.data.decode() or "照片" in response.data.decode()
    assert count(session_factory, Case) == 0


def test_the_status_page_shows_status_bureau_deadline_and_accepts_a_reply(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    response = post_form(client, "/status", {"receipt": submission.receipt.lower()})
    page = response.data.decode()
    assert response.status_code == 200
    assert submission.case_number in page and submission.decision.lead_name in page
    assert submission.deadline is not None and submission.deadline.isoformat() in page
    response = client.post("/status/reply", data={
        "csrf_token": form_token(page), "receipt": submission.receipt,
        "text": "补充：当天的小票还在。", "attachments": [(BytesIO(photo_bytes("PNG")), "x.png")],
    }, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "补充：当天的小票还在。" in response.data.decode()
    assert count(session_factory, Message) == 1
    assert count(session_factory, Attachment) == 1
    # The message says which files came with it (the case's count alone did not).
    mine = re.search(r'<li class="reporter"><div class="who">([^<]*)</div>', response.data.decode())
    assert mine and "附件 1 个" in mine.group(1)
    # Times read as the district's clock shows them (stored in UTC).
    with session_factory() as session, session.begin():
        message, case = session.scalars(select(Message)).one(), session.scalars(select(Case)).one()
        message.created_at = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)
        case.created_at = datetime(2026, 11, 29, 23, 5, tzinfo=UTC)
    page = post_form(client, "/status", {"receipt": submission.receipt}).data.decode()
    assert "2026-11-30 09:30" in page and "01:30" not in page
    assert "2026-11-30 07:05" in page and "UTC" not in page


def test_a_reply_sent_hands_its_place_in_the_history_to_the_receipt_box(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    """A reload after "sent" posted the message (and its files) again; the language switch
    there led to GET /status/reply, a 405."""
    submission = file_case(session_factory, web_settings)
    page = post_form(client, "/status", {"receipt": submission.receipt}).data.decode()
    assert "data-history-url" not in page
    response = client.post("/status/reply", data={
        "csrf_token": form_token(page), "receipt": submission.receipt, "text": "补充：小票还在。"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'data-history-url="/status"' in html
    switch = re.search(r'<a href="/lang/en\?next=([^"]+)"', html)
    assert switch and switch.group(1) == "/status"
    assert "data-confirm" not in html.split("</header>", 1)[0]
    english = client.get(f"/lang/en?next={switch.group(1)}", follow_redirects=True)
    assert english.status_code == 200 and "Look up" in english.get_data(as_text=True)


def test_a_reply_that_contains_the_receipt_is_refused(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    page = post_form(client, "/status", {"receipt": submission.receipt}).data
    response = client.post("/status/reply", data={
        "csrf_token": form_token(page), "receipt": submission.receipt,
        "text": f"我的回执是 {submission.receipt}"})
    assert response.status_code == 422
    assert count(session_factory, Message) == 0


def test_a_wrong_receipt_is_not_found_and_guessing_is_throttled_by_the_domain(
    client: FlaskClient, web_settings: Settings
) -> None:
    app = create_app(replace(web_settings, receipt_lookups_per_day=3), **RELAXED_LIMITS)
    guesser = app.test_client()
    codes = [post_form(guesser, "/status", {"receipt": f"AAAAA-BBBBB-CCCCC-DDDD{c}"}).status_code
             for c in "23456"]
    app.extensions["foodsafe"].engine.dispose()
    assert codes[:3] == [404, 404, 404]
    assert codes[3:] == [429, 429]


@pytest.mark.parametrize(("typed", "zh", "en"), [
    ("AAAAA-BBBBB-CCCCC-DDDD0", "这里却有：0", "but this has: 0"),
    ("ABCDE-FGHJK-23456-789", "这里有 18 个", "this has 18"),
    ("回执码", "这里却有：回执码", "but this has: 回执码"),
])
def test_a_receipt_of_the_wrong_shape_says_what_is_wrong_and_costs_no_guess(
    client: FlaskClient, session_factory: sessionmaker[Session], typed: str, zh: str, en: str,
) -> None:
    """It said "no case matches" and counted one of the day's failed lookups."""
    for lang, wanted in (("zh_Hans", zh), ("en", en)):
        response = post_form(client, f"/status?lang={lang}", {"receipt": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and wanted in page, (lang, page)
        assert 'aria-invalid="true"' in page and f'value="{typed}"' in page
    with session_factory() as session:
        assert not session.scalars(select(ReceiptLookupFailures)).all()


def test_a_receipt_typed_in_full_width_finds_its_case(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    """A Chinese keyboard's full-width mode types "ＡＢ２－…": no case matched."""
    receipt = file_case(session_factory, web_settings).receipt
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in receipt)
    response = post_form(client, "/status", {"receipt": full_width})
    assert response.status_code == 200 and 'id="case-number"' in response.get_data(as_text=True)


def test_the_web_rate_limit_stops_a_fast_guesser_before_the_domain(
    web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    limits = {**RELAXED_LIMITS, "FOODSAFE_RECEIPT_LIMIT": "2 per minute"}
    app = create_app(web_settings, **limits)
    guesser = app.test_client()
    codes = [post_form(guesser, "/status", {"receipt": "AAAAA-BBBBB-CCCCC-DDDDE"}).status_code
             for _ in range(3)]
    app.extensions["foodsafe"].engine.dispose()
    assert codes == [404, 404, 429]


def test_every_page_carries_a_strict_content_security_policy(client: FlaskClient) -> None:
    for path in ("/", "/tip", "/kb", "/staff/login", "/open311/v2/services.json"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_no_page_loads_anything_from_another_origin(client: FlaskClient) -> None:
    for path in ("/", "/complaint", "/tip", "/status", "/kb", "/chat/", "/staff/login"):
        page = client.get(path).data.decode()
        assert "http://" not in page.replace("http://localhost", "")
        assert "https://" not in page


def test_the_language_switch_sets_only_a_preference_and_never_redirects_offsite(
    client: FlaskClient,
) -> None:
    response = client.get("/lang/en?next=/tip")
    assert response.status_code == 302 and response.location.endswith("/tip")
    assert "lang=en" in response.headers["Set-Cookie"]
    page = client.get("/tip").data.decode()
    assert 'lang="en"' in page and "What we keep" in page
    assert client.get("/lang/en?next=//evil.example").location in ("/", "http://localhost/")
    assert client.get("/lang/xx").status_code == 404


def test_unknown_pages_get_a_polite_404(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "找不到" in response.data.decode()


def test_an_oversized_upload_is_refused_politely(
    web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    app = create_app(replace(web_settings, max_upload_bytes=2000), **RELAXED_LIMITS)
    client = app.test_client()
    big_photo = photo_bytes(size=(400, 300))
    assert len(big_photo) > 2000
    response = post_form(client, "/tip", {"text": TIP,
                                          "attachments": [(BytesIO(big_photo), "big.jpg")]})
    assert response.status_code == 422
    huge = post_form(client, "/tip", {"text": TIP,
                                      "attachments": [(BytesIO(b"x" * 2_000_000), "huge.jpg")]})
    assert huge.status_code == 413 and "太大" in huge.data.decode()
    app.extensions["foodsafe"].engine.dispose()
    assert count(session_factory, Case) == 0


def test_a_wrong_method_is_405(client: FlaskClient) -> None:
    assert client.delete("/tip").status_code == 405
    assert client.get("/status/reply").status_code == 405


def test_an_app_built_after_one_without_limits_still_limits(
    web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    create_app(web_settings, RATELIMIT_ENABLED=False).extensions["foodsafe"].engine.dispose()
    app = create_app(web_settings, **{**RELAXED_LIMITS, "FOODSAFE_RECEIPT_LIMIT": "1 per minute"})
    guesser = app.test_client()
    codes = [post_form(guesser, "/status", {"receipt": "AAAAA-BBBBB-CCCCC-DDDDE"}).status_code
             for _ in range(2)]
    app.extensions["foodsafe"].engine.dispose()
    assert codes == [404, 429]
