"""Photos in the web chat: one multipart post per photo, through the same engine step and the
same intake checks as a Telegram photo; nothing lost, nothing identifying kept or logged."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import replace
from typing import Any

import pytest
from documents import CAMERA_MARKER, GPS_IFD, camera_exif, pdf_document
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from test_chat import KEY, press, say
from web_factories import RELAXED_LIMITS, file_case, log_in, make_staff

from intake.attachments import read_cleaned, read_original
from intake.models import Attachment, Case
from intake.settings import Settings
from web.app import create_app

ACCOUNT = "今天中午在幸福路老王川菜馆吃的凉拌菜里有一只苍蝇，吃完肚子疼，要求退款。"
SECRET_NAME = "IMG_20261130_幸福路12号_张三家.jpg"
CLIENT_IP = "203.0.113.77"


def gps_photo(size: tuple[int, int] = (320, 240)) -> bytes:
    """A phone's JPEG: the camera's make and a GPS position in its EXIF."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=camera_exif().tobytes())
    data = out.getvalue()
    assert CAMERA_MARKER.encode() in data
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)
    return data


def page_token(client: FlaskClient) -> str:
    """The chat page's cookie-less form token (what chat.js sends with a photo)."""
    page = client.get("/chat/").data.decode()
    found = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert found, "the chat page carries no form token"
    return found.group(1)


def send_photo(client: FlaskClient, data: bytes, *, token: str | None = None,
               name: str = SECRET_NAME, conversation: str = KEY,
               headers: dict[str, str] | None = None, **kwargs: Any) -> Any:
    """Post a photo as chat.js does (its JSON Accept header included)."""
    form = {"csrf_token": token if token is not None else page_token(client),
            "conversation": conversation, "photo": (io.BytesIO(data), name)}
    return client.post("/chat/photos", data=form, content_type="multipart/form-data",
                       headers={"Accept": "application/json", **(headers or {})}, **kwargs)


def photo_replies(client: FlaskClient, data: bytes, **kwargs: Any) -> list[dict[str, Any]]:
    response = send_photo(client, data, **kwargs)
    assert response.status_code == 200, response.data[:300]
    assert "Set-Cookie" not in response.headers
    return list(response.json["messages"])


def text_of(replies: list[dict[str, Any]]) -> str:
    return "\n".join(m["text"] for m in replies)


def to_photo_step(client: FlaskClient) -> list[dict[str, Any]]:
    say(client, command="start")
    replies = say(client, button="menu:complaint")
    replies = say(client, text=ACCOUNT)
    replies = say(client, text="老王川菜馆 幸福路88号")
    return press(client, replies, "when:0")


def test_a_photo_sent_in_the_chat_reaches_the_case_cleaned_with_its_original_sealed(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
) -> None:
    # Given a citizen at the photo step of a complaint in the web chat
    assert "照片" in text_of(to_photo_step(client))
    original = gps_photo()
    # When they send a phone photo carrying GPS, then finish the complaint
    replies = photo_replies(client, original)
    assert "已收到第 1 张照片" in text_of(replies)
    replies = press(client, replies, "photos:done")
    replies = say(client, text="13800000000")
    assert "照片：1 张" in text_of(replies)
    replies = press(client, replies, "confirm:submit")
    assert any(m["receipt"] for m in replies)
    # Then the case holds the photo: the copy staff open has no EXIF, no GPS, no camera
    # name; the original is kept sealed, byte for byte; nothing is left in staging
    with session_factory() as session:
        case = session.scalars(select(Case)).one()
        attachment = session.scalars(select(Attachment)).one()
        assert attachment.case_id == case.id and case.channel == "chat"
        number, bureau = case.case_number, case.lead_bureau
        cleaned = read_cleaned(web_settings, attachment)
        assert read_original(web_settings, attachment) == original
        sealed = (web_settings.upload_dir / attachment.original_path).read_bytes()
    assert CAMERA_MARKER.encode() not in cleaned and CAMERA_MARKER.encode() not in sealed
    assert not Image.open(io.BytesIO(cleaned)).getexif()
    assert b"Exif" not in cleaned and SECRET_NAME.encode() not in cleaned
    assert list((web_settings.data_dir / "bot-staging").iterdir()) == []
    # And the staff member of that bureau opens the cleaned copy
    staff = client.application.test_client()
    log_in(staff, "photo.handler",
           make_staff(session_factory, web_settings, username="photo.handler", bureau=bureau))
    page = staff.get(f"/staff/cases/{number}").data.decode()
    link = page.split(f"/staff/cases/{number}/attachments/")[1].split('"')[0]
    shown = staff.get(f"/staff/cases/{number}/attachments/{link}")
    assert shown.status_code == 200 and shown.data == cleaned


def test_a_photo_sent_before_its_step_is_kept_for_the_draft(
    client: FlaskClient, session_factory: sessionmaker[Session],
) -> None:
    say(client, command="start")
    say(client, button="menu:complaint")
    say(client, text=ACCOUNT)
    # at the business step, a photo: kept, and the business asked for again
    replies = photo_replies(client, gps_photo())
    assert "已收到第 1 张照片" in text_of(replies) and "商家" in text_of(replies)
    replies = say(client, text="老王川菜馆 幸福路88号")
    replies = press(client, replies, "when:0")
    replies = press(client, replies, "photos:done")
    replies = say(client, text="13800000000")
    # at the summary, another: the summary is shown again with the new count
    replies = photo_replies(client, gps_photo((64, 48)))
    assert "照片：2 张" in text_of(replies)
    press(client, replies, "confirm:submit")
    with session_factory() as session:
        assert len(session.scalars(select(Attachment)).all()) == 2


def test_a_photo_added_to_a_case_by_receipt_in_the_chat_joins_its_thread(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
) -> None:
    receipt = file_case(session_factory, web_settings).receipt
    say(client, command="start")
    say(client, button="menu:status")
    replies = say(client, text=receipt)
    replies = press(client, replies, "status:reply")
    assert "已添加到案件记录" in text_of(photo_replies(client, gps_photo()))
    with session_factory() as session:
        attachment = session.scalars(select(Attachment)).one()
        assert attachment.message_id is not None
        assert CAMERA_MARKER.encode() not in read_cleaned(web_settings, attachment)


@pytest.mark.parametrize(("data", "why"), [
    (b"MZ\x90\x00 this is a program, not a photo" * 10, "只接受照片"),
    (pdf_document(), "只收照片"),
    (gps_photo()[:600], "不完整"),
    (b"", "空文件"),
], ids=["program", "pdf", "truncated", "empty"])
def test_a_file_that_is_not_a_usable_photo_is_refused_in_chinese_and_not_kept(
    client: FlaskClient, web_settings: Settings, data: bytes, why: str,
) -> None:
    to_photo_step(client)
    replies = photo_replies(client, data)
    assert "这张照片无法使用" in text_of(replies) and why in text_of(replies)
    staged = web_settings.data_dir / "bot-staging"
    assert not staged.exists() or list(staged.iterdir()) == []
    # the step is still the photo step: a good photo is taken next
    assert "已收到第 1 张照片" in text_of(photo_replies(client, gps_photo()))


def test_an_oversized_photo_is_refused_by_the_engine_or_by_the_request_limit(
    web_settings: Settings, session_factory: sessionmaker[Session],
) -> None:
    app = create_app(replace(web_settings, max_upload_bytes=20_000), **RELAXED_LIMITS)
    client = app.test_client()
    try:
        page = client.get("/chat/").data.decode()
        assert 'data-max-bytes="20000"' in page
        to_photo_step(client)
        big = gps_photo((1600, 1200))
        assert len(big) > 20_000
        replies = photo_replies(client, big)
        assert "这张照片无法使用：附件太大" in text_of(replies)
        # beyond the request limit the post is cut off before the engine: 413, in Chinese
        huge = send_photo(client, b"\xff\xd8" + b"x" * 2_000_000)
        assert huge.status_code == 413
        # with the limits, and nothing about going back to a page the chat does not have
        assert huge.json[0]["description"] == (
            "上传的文件太大：每个文件最多 0.0191 MB，一次合计最多 0.0572 MB。")
    finally:
        app.extensions["foodsafe"].engine.dispose()


def test_english_speakers_are_refused_in_english(client: FlaskClient) -> None:
    client.get("/lang/en")
    assert "Add a photo" in client.get("/chat/").data.decode()
    to_photo_step(client)
    refused = text_of(photo_replies(client, b"plain text, no photo at all"))
    assert "That file cannot be used" in refused and "Only photos" in refused


def test_a_photo_post_needs_the_pages_token_and_the_same_origin(client: FlaskClient) -> None:
    to_photo_step(client)
    photo = gps_photo()
    for token in ("", "123.forged", "1.0000"):
        refused = send_photo(client, photo, token=token)
        assert refused.status_code == 400 and "页面已过期" in refused.json[0]["description"]
    cross_site = send_photo(client, photo, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 400
    # and a post of ours with a bad conversation key or no file
    assert send_photo(client, photo, conversation="short").status_code == 400
    assert send_photo(client, photo, conversation="x" * 20 + "/..").status_code == 400
    no_file = client.post("/chat/photos", data={"csrf_token": page_token(client),
                                                "conversation": KEY})
    assert no_file.status_code == 400
    # none of it reached the conversation: the next photo is the first
    assert "已收到第 1 张照片" in text_of(photo_replies(client, photo))


def test_photos_and_messages_share_the_chats_rate_limit(
    web_settings: Settings, session_factory: sessionmaker[Session],
) -> None:
    limits = {**RELAXED_LIMITS, "FOODSAFE_CHAT_LIMIT": "3 per minute"}
    app: Flask = create_app(web_settings, **limits)
    client = app.test_client()
    try:
        token = page_token(client)
        say(client, command="start")
        say(client, button="menu:complaint")
        assert send_photo(client, gps_photo(), token=token).status_code == 200
        limited = send_photo(client, gps_photo(), token=token)
        assert limited.status_code == 429 and "请求过于频繁" in limited.json[0]["description"]
        assert client.post("/chat/messages", json={"conversation": KEY, "text": "你好"}
                           ).status_code == 429
    finally:
        app.extensions["foodsafe"].engine.dispose()


def test_no_file_name_exif_or_address_reaches_the_log(
    client: FlaskClient, caplog: pytest.LogCaptureFixture,
) -> None:
    photo = gps_photo()  # made before the capture: Pillow's own DEBUG lines quote EXIF
    caplog.set_level(logging.DEBUG)
    to_photo_step(client)
    address = {"environ_base": {"REMOTE_ADDR": CLIENT_IP}}
    photo_replies(client, photo, **address)
    photo_replies(client, b"not a photo " * 20, **address)
    send_photo(client, photo, token="forged", **address)
    for secret in (SECRET_NAME, "IMG_20261130", CAMERA_MARKER, CLIENT_IP, ACCOUNT):
        assert secret not in caplog.text
