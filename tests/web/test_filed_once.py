"""A report form is filed once per page, and its file box speaks the page's language.

From a citizen's review on a phone (2026-11-30, sixth session): the back button after a
receipt showed the form with what was typed, and "submit" filed a second case with a second
receipt; a reload without script re-posted it the same way. Photos over the five the label
allows went through; a refused file was named at the top only; the file box said "Choose
Files / No file chosen" in the browser's language.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from io import BytesIO

import pytest
import requests
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from together import at_the_same_instant
from web_factories import (
    RELAXED_LIMITS,
    file_case,
    form_token,
    photo_bytes,
    receipt_on,
    serving,
)

from intake.models import Case, Message
from intake.settings import Settings
from web.app import create_app
from web.cookieless_csrf import _sign

COMPLAINT = "昨天在幸福路的老王川菜馆吃凉拌菜，全家腹泻，要求退款赔偿。"
TIP = "华联超市把过期酸奶改了生产日期重新上架，每周都这样。"
FORMS = [("/complaint", {"text": COMPLAINT, "phone": "13800000000"}), ("/tip", {"text": TIP})]


def cases(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(Case)) or 0)


def post(client: FlaskClient, path: str, token: str, data: dict[str, object]):
    return client.post(path, data={"csrf_token": token, **data},
                       content_type="multipart/form-data")


def reply_token(client: FlaskClient, receipt: str) -> str:
    """The token of the reply box on the case page ``receipt`` opens."""
    found = post(client, "/status", form_token(client.get("/status").data),
                 {"receipt": receipt}).get_data(as_text=True)
    return form_token(found.split('action="/status/reply"', 1)[1])


@pytest.mark.parametrize(("path", "data"), FORMS)
def test_the_same_page_sent_twice_files_one_case_and_says_so(
    client: FlaskClient, session_factory: sessionmaker[Session], path: str,
    data: dict[str, object],
) -> None:
    # Given a filed form
    token = form_token(client.get(path).data)
    first = post(client, path, token, data)
    assert first.status_code == 200 and receipt_on(first.data)

    # When the same page is sent again (back and "submit", a reload re-posting it)
    again = post(client, path, token, data)

    # Then nothing is filed, and the page that explains the receipt says it was not
    assert again.status_code == 303 and again.location.endswith(f"{path}/sent?again=1")
    assert cases(session_factory) == 1
    page = client.get(again.location).get_data(as_text=True)
    assert "这份表单刚才已经提交过，这次没有再提交，也没有新的回执码。" in page
    assert 'id="receipt"' not in page
    # and leads to a new, empty form for a different matter
    assert f'<a href="{path}">要反映另一件事，请重新填写一份' in page
    assert "刚才已经提交过" not in client.get(f"{path}/sent").get_data(as_text=True)

    # A new page of the form files a new case as before
    assert receipt_on(post(client, path, form_token(client.get(path).data), data).data)
    assert cases(session_factory) == 2


def test_two_posts_of_one_page_at_the_same_instant_file_one_case(
    app: object, session_factory: sessionmaker[Session],
) -> None:
    """A double tap without script: two posts of one page at once. The page was marked only
    after its case was stored, so both passed the check and filed two cases, two receipts."""
    with serving(app) as url:  # type: ignore[arg-type]
        token = form_token(requests.get(f"{url}/complaint", timeout=10).text)
        answers = at_the_same_instant(lambda: requests.post(
            f"{url}/complaint", data={"csrf_token": token, **FORMS[0][1]},
            allow_redirects=False, timeout=60,
        ))
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [200, 303] and cases(session_factory) == 1
    filed = next(answer for answer in answers if answer.status_code == 200)
    assert receipt_on(filed.content)
    lost = next(answer for answer in answers if answer.status_code == 303)
    assert lost.headers["Location"].endswith("/complaint/sent?again=1")


def test_a_page_filed_on_one_instance_is_not_filed_again_on_another(
    web_settings: Settings, session_factory: sessionmaker[Session],
) -> None:
    """Two instances (or gunicorn workers) on one database, without Redis: each kept its
    own marks, so the same page posted to the other filed a second case. The bench's app,
    whose limits are off, kept none at all."""
    first = create_app(web_settings, **RELAXED_LIMITS)
    second = create_app(web_settings, RATELIMIT_ENABLED=False)
    try:
        one, other = first.test_client(), second.test_client()
        for path, data in FORMS:
            token = form_token(one.get(path).data)
            assert receipt_on(post(one, path, token, data).data)
            again = post(other, path, token, data)
            assert again.status_code == 303 and again.location.endswith(f"{path}/sent?again=1")
        assert cases(session_factory) == 2
        # and a reply's page is sent once too
        receipt = file_case(session_factory, web_settings).receipt
        token = reply_token(one, receipt)
        reply = {"receipt": receipt, "text": "我还保留了购物小票。"}
        assert post(one, "/status/reply", token, reply).status_code == 200
        again = post(other, "/status/reply", token, reply)
        assert "这条消息刚才已经发送过，这次没有再发一次。" in again.get_data(as_text=True)
        with session_factory() as session:
            assert session.scalar(select(func.count()).select_from(Message)) == 1
    finally:
        first.extensions["foodsafe"].engine.dispose()
        second.extensions["foodsafe"].engine.dispose()


def test_a_refused_post_leaves_its_page_free_to_be_sent_again(
    client: FlaskClient, session_factory: sessionmaker[Session],
) -> None:
    """Only a filed page counts as sent: one refused (no contact) is sent again, mended."""
    token = form_token(client.get("/complaint").data)
    assert post(client, "/complaint", token, {"text": COMPLAINT}).status_code == 422
    mended = post(client, "/complaint", token, {"text": COMPLAINT, "phone": "13800000000"})
    assert mended.status_code == 200 and receipt_on(mended.data)
    assert cases(session_factory) == 1


def test_each_drawing_of_a_form_has_its_own_token_and_older_tokens_still_work(
    client: FlaskClient, app: object, session_factory: sessionmaker[Session],
) -> None:
    # Two pages drawn in the same second: a token marked as filed must be one page's only.
    tokens = {form_token(client.get("/tip").data) for _ in range(3)}
    assert len(tokens) == 3
    # A page drawn before the tokens had a random part (time and signature alone) is taken.
    with app.test_request_context():  # type: ignore[attr-defined]
        issued = str(int(time.time()))
        old = f"{issued}.{_sign(issued)}"
    assert receipt_on(post(client, "/tip", old, {"text": TIP}).data)
    assert cases(session_factory) == 1


@pytest.mark.parametrize("path", ["/complaint", "/tip"])
def test_more_files_than_allowed_are_refused_at_the_file_box(
    client: FlaskClient, session_factory: sessionmaker[Session], path: str
) -> None:
    data = dict(FORMS)[path]
    token = form_token(client.get(path).data)
    photos = [(BytesIO(photo_bytes()), f"IMG_{n}.jpg") for n in range(6)]
    response = post(client, path, token, {**data, "attachments": photos})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and cases(session_factory) == 0
    box = page.split('id="attachments-error"', 1)[1]
    assert "一次最多附 5 个文件" in box.split("</div>", 1)[0]
    assert str(data["text"]) in page  # what was typed is kept
    assert "刚才选择的照片或文件没有保留" in page


def test_a_refused_file_is_named_at_the_file_box_not_only_at_the_top(
    client: FlaskClient, session_factory: sessionmaker[Session],
) -> None:
    token = form_token(client.get("/tip").data)
    response = post(client, "/tip", token, {
        "text": TIP, "attachments": [(BytesIO(b"MZ\x90\x00 not a photo"), "setup.exe")]})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and cases(session_factory) == 0
    field = re.search(r'<input[^>]*id="attachments"[^>]*>', page)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert "attachments-error" in field.group(0)
    box = page.split('id="attachments-error"', 1)[1].split("</div>", 1)[0]
    assert "只接受照片（JPEG、PNG、WebP、GIF）和 PDF 文件。" in box
    assert page.count("只接受照片（JPEG、PNG、WebP、GIF）和 PDF 文件。") == 1
    assert "还没有提交：有几处需要修改，请看下面各项的提示。" in page


def test_a_reply_with_too_many_or_refused_files_says_so_at_its_file_box(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
) -> None:
    submission = file_case(session_factory, web_settings)
    token = reply_token(client, submission.receipt)
    text = "我还保留了购物小票和照片。"
    many = post(client, "/status/reply", token, {
        "receipt": submission.receipt, "text": text,
        "attachments": [(BytesIO(photo_bytes()), f"IMG_{n}.jpg") for n in range(6)]})
    page = many.get_data(as_text=True)
    assert many.status_code == 422 and 'id="case-status"' in page and text in page
    assert "一次最多附 5 个文件" in page.split('id="attachments-error"', 1)[1]

    refused = post(client, "/status/reply", token, {
        "receipt": submission.receipt, "text": text,
        "attachments": [(BytesIO(b"not a photo at all"), "notes.txt")]})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and text in page
    assert "只接受照片" in page.split('id="attachments-error"', 1)[1]
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 0


@pytest.mark.parametrize(("lang", "button", "none"), [
    ("zh_Hans", "选择照片或文件", "还没有选择文件；每个文件不超过 10 MB。"),
    ("en", "Choose photos or files", "No file chosen yet; each file up to 10\u00a0MB."),
])
def test_the_file_box_has_a_button_and_words_in_the_pages_language(
    client: FlaskClient, lang: str, button: str, none: str,
) -> None:
    client.get(f"/lang/{lang}")
    for path in ("/complaint", "/tip"):
        page = client.get(path).get_data(as_text=True)
        picker = page.split('<div class="picker" data-picker', 1)[1].split("</div>", 1)[0]
        assert f'data-none="{none}"' in picker and 'data-max-bytes="10485760"' in picker
        label = f'<label for="attachments" class="button secondary picker-button">{button}</label>'
        assert label in picker
        # the native box is still the form's field, described by the line that says what was chosen
        field = re.search(r'<input[^>]*type="file"[^>]*>', picker)
        assert field and 'name="attachments"' in field.group(0)
        assert "attachments-chosen" in field.group(0)
        assert 'data-sending="' in page


def test_a_refused_form_hands_its_place_in_the_history_to_the_forms_page(
    client: FlaskClient,
) -> None:
    """Back from a receipt that followed a refused try met "Confirm Form Resubmission"."""
    assert "data-history-url" not in client.get("/complaint").get_data(as_text=True)
    token = form_token(client.get("/complaint").data)
    refused = post(client, "/complaint", token, {"text": COMPLAINT}).get_data(as_text=True)
    assert 'data-history-url="/complaint"' in refused
    token = form_token(client.get("/tip").data)
    refused = post(client, "/tip", token, {"text": ""}).get_data(as_text=True)
    assert 'data-history-url="/tip"' in refused


def test_a_post_over_the_limit_says_the_limits_and_the_way_back_to_what_was_typed(
    web_settings: Settings,
) -> None:
    """"413 / The upload is too large. / Home": what was typed was gone, no word of how."""
    app = create_app(replace(web_settings, max_upload_bytes=1_048_576), **RELAXED_LIMITS)
    client = app.test_client()
    try:
        page = client.get("/tip").get_data(as_text=True)
        assert 'data-max-total="3145728"' in page and "合计超过 3 MB" in page
        token = form_token(page)
        huge = post(client, "/tip", token, {
            "text": TIP, "attachments": [(BytesIO(b"x" * 4_300_000), "VID_0001.mp4")]})
        words = huge.get_data(as_text=True)
        assert huge.status_code == 413 and "<h1>文件太大</h1>" in words
        assert "每个文件最多 1 MB，一次合计最多 3 MB。还没有提交。请用返回键回到上一页" in words
        client.get("/lang/en")
        words = post(client, "/tip", token, {
            "text": TIP, "attachments": [(BytesIO(b"x" * 4_300_000), "VID_0001.mp4")]}
        ).get_data(as_text=True)
        assert "<h1>Files too large</h1>" in words and "Please use the back button" in words
    finally:
        app.extensions["foodsafe"].engine.dispose()


def test_the_same_reply_sent_twice_is_added_once_and_the_page_says_so(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
) -> None:
    """Back to the case page and "send" again put the same message in the thread twice."""
    submission = file_case(session_factory, web_settings)
    token = reply_token(client, submission.receipt)
    reply = {"receipt": submission.receipt, "text": "我还保留了购物小票。"}
    assert post(client, "/status/reply", token, reply).status_code == 200
    again = post(client, "/status/reply", token, reply)
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and 'id="case-status"' in page
    assert "这条消息刚才已经发送过，这次没有再发一次。" in page
    assert 'data-history-url="/status"' in page
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 1
    # a new page's reply is added as before
    token = form_token(page.split('action="/status/reply"', 1)[1])
    assert post(client, "/status/reply", token, reply).status_code == 200
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 2
