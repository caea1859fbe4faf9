"""Plain factory functions for web tests (forms, receipts, photos, cases, staff)."""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.serving import make_server

from intake.db import transaction
from intake.drafts import CaseDraft, ContactDetails, Submission
from intake.settings import Settings
from intake.staff import create_staff, totp_secret
from intake.submit import submit_case

API_KEY = "test-open311-key"
PASSWORD = "correct horse battery staple"
RELAXED_LIMITS = {
    "FOODSAFE_RECEIPT_LIMIT": "1000 per minute",
    "FOODSAFE_SUBMIT_LIMIT": "1000 per minute",
    "FOODSAFE_LOGIN_LIMIT": "1000 per minute",
    "FOODSAFE_CHAT_LIMIT": "1000 per minute",
    "FOODSAFE_API_LIMIT": "1000 per minute",
}


def form_token(html: bytes | str) -> str:
    """The CSRF token of the first form on a page."""
    text = html.decode() if isinstance(html, bytes) else html
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text) or re.search(
        r'name="csrf_token" value="([^"]+)"', text
    )
    assert found, "page has no CSRF token"
    return found.group(1)


def receipt_on(html: bytes) -> str:
    found = re.search(r'id="receipt">([^<]+)<', html.decode())
    assert found, "page shows no receipt"
    return found.group(1).strip()


def photo_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30)) -> bytes:
    image = Image.new("RGB", size, (10, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMakerMarker"
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def file_case(
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    kind: str = "complaint",
    text: str = "在幸福路的老王饭店吃凉菜后腹泻，要求赔偿。",
    business: str | None = "老王饭店",
) -> Submission:
    contact = ContactDetails(name="张三", phone="13800000000") if kind == "complaint" else None
    draft = CaseDraft(kind=kind, channel="web", text=text, business_name=business,
                      place="幸福路1号", contact=contact)
    with transaction(factory) as session:
        return submit_case(session, settings=settings, draft=draft)


def make_staff(
    factory: sessionmaker[Session], settings: Settings, *, username: str, bureau: str,
    role: str = "handler",
) -> pyotp.TOTP:
    """A staff account; returns its TOTP generator (the authenticator app's view)."""
    with transaction(factory) as session:
        user = create_staff(session, settings=settings, username=username, password=PASSWORD,
                            bureau=bureau, role=role, display_name=username)
        return pyotp.TOTP(totp_secret(settings, user))


def log_in(client: FlaskClient, username: str, totp: pyotp.TOTP) -> None:
    """Password, then a TOTP code. A code logs in only once, so when this user already used
    the current one (a second login in the same test), the next step's code is used, as an
    authenticator would show half a minute later (the server accepts one step either side)."""
    page = client.get("/staff/login")
    response = client.post("/staff/login", data={
        "csrf_token": form_token(page.data), "username": username, "password": PASSWORD})
    assert response.status_code == 302, response.data[:500]
    token = form_token(client.get("/staff/2fa").data)
    for offset in (0, 30, -30):
        code = totp.at(time.time() + offset)
        response = client.post("/staff/2fa", data={"csrf_token": token, "code": code})
        if response.status_code == 302:
            break
    assert response.status_code == 302, response.data[:500]
    assert response.location.endswith("/staff/")


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """``app`` on a real threaded HTTP server on 127.0.0.1; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
