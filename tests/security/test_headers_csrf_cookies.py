"""Headers on every page, CSRF on every form, and the flags of every cookie the app sets."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import RELAXED_LIMITS, file_case, form_token, log_in, make_staff

from intake.models import Case, Message
from intake.settings import Settings
from web.app import create_app

PAGES = ("/", "/complaint", "/tip", "/status", "/kb", "/chat/", "/staff/login",
         "/open311/v2/discovery.json", "/open311/v2/services.xml", "/open311/v2/openapi.json",
         "/no-such-page")
REPORTER_FORMS = ("/complaint", "/tip", "/status")
TIP = "华联超市把过期酸奶改了生产日期重新上架。"


def count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_strict_policy_and_the_usual_headers(
    client: FlaskClient, path: str
) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    if response.mimetype == "text/html":
        assert response.headers["Cache-Control"] == "no-store"
    assert "Server" not in response.headers or "Werkzeug" not in response.headers["Server"]


@pytest.mark.parametrize("path", ("/", "/complaint", "/tip", "/status", "/kb"))
def test_no_public_page_loads_anything_from_another_origin(client: FlaskClient, path: str) -> None:
    page = client.get(path).data.decode()
    for attribute in ('src="http', "src='http", 'href="http', "src=\"//", 'href="//'):
        assert attribute not in page


@pytest.mark.parametrize("path", REPORTER_FORMS)
def test_a_reporter_form_posted_without_its_token_is_refused_and_stores_nothing(
    client: FlaskClient, session_factory: sessionmaker[Session], path: str
) -> None:
    response = client.post(path, data={"text": TIP, "receipt": "7KQ2M-9XDAB-C3EFG-HJK4N"})
    assert response.status_code == 400
    assert count(session_factory, Case) == 0


@pytest.mark.parametrize("token", ["", "1.deadbeef", "abc.def", "99999999999.00", "1"])
def test_a_forged_reporter_token_is_refused(
    client: FlaskClient, session_factory: sessionmaker[Session], token: str
) -> None:
    response = client.post("/tip", data={"csrf_token": token, "text": TIP})
    assert response.status_code == 400
    assert count(session_factory, Case) == 0


def test_an_expired_reporter_token_is_refused(
    client: FlaskClient, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = form_token(client.get("/tip").data)
    later = time.time() + 7 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.post("/tip", data={"csrf_token": token, "text": TIP}).status_code == 400
    assert count(session_factory, Case) == 0


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another site's page
    {"Origin": "null", "Sec-Fetch-Site": "cross-site"},  # a sandboxed frame elsewhere
])
def test_a_cross_site_post_with_a_valid_token_is_refused(
    client: FlaskClient, session_factory: sessionmaker[Session], headers: dict[str, str]
) -> None:
    token = form_token(client.get("/tip").data)
    response = client.post("/tip", data={"csrf_token": token, "text": TIP}, headers=headers)
    assert response.status_code == 400
    assert count(session_factory, Case) == 0


def test_a_token_from_another_deployment_is_refused(
    client: FlaskClient, web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    from intake.settings import Keys

    other = create_app(replace(web_settings, keys=Keys.generate()), **RELAXED_LIMITS)
    foreign = form_token(other.test_client().get("/tip").data)
    other.extensions["foodsafe"].engine.dispose()
    assert client.post("/tip", data={"csrf_token": foreign, "text": TIP}).status_code == 400
    assert count(session_factory, Case) == 0


@pytest.mark.parametrize("body,headers", [
    ('{"conversation": "aaaaaaaaaaaaaaaaaaaa", "text": "hi"}', {"Origin": "https://evil.example"}),
    ('{"conversation": "aaaaaaaaaaaaaaaaaaaa", "text": "hi"}', {"Sec-Fetch-Site": "cross-site"}),
    ("conversation=aaaaaaaaaaaaaaaaaaaa&text=hi", {}),  # a plain form cannot drive the chat
])
def test_the_web_chat_refuses_cross_site_and_non_json_posts(
    client: FlaskClient, body: str, headers: dict[str, str]
) -> None:
    content_type = "application/json" if body.startswith("{") else (
        "application/x-www-form-urlencoded")
    response = client.post("/chat/messages", data=body, content_type=content_type,
                           headers=headers)
    assert response.status_code == 400


def test_staff_login_and_every_staff_action_need_the_session_token(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    assert client.post("/staff/login", data={"username": "x", "password": "y"}).status_code == 400
    number = file_case(session_factory, web_settings, kind="tip", text=TIP).case_number
    log_in(client, "coord", make_staff(session_factory, web_settings, username="coord",
                                       bureau="fso", role="coordinator"))
    for action, fields in (("reply", {"text": "我们已收到，正在核查。"}), ("accept", {})):
        response = client.post(f"/staff/cases/{number}/{action}", data=fields)
        assert response.status_code == 400
    assert client.post("/staff/accounts", data={"username": "mallory"}).status_code in (400, 403)
    assert count(session_factory, Message) == 0
    with session_factory() as session:
        assert session.scalars(select(Case.status)).one() == "received"


def test_reporter_pages_and_posts_set_no_cookie_at_all(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    for path in ("/", "/complaint", "/tip", "/status", "/kb"):
        assert "Set-Cookie" not in client.get(path).headers, path
    token = form_token(client.get("/tip").data)
    response = client.post("/tip", data={"csrf_token": token, "text": TIP})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_the_staff_session_cookie_is_httponly_lax_and_host_only_in_development(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    log_in(client, "wang", make_staff(session_factory, web_settings, username="wang",
                                      bureau="samr"))
    cookie = client.get("/staff/").headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain=" not in cookie


def test_over_https_the_session_cookie_is_secure_and_host_prefixed(
    web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    app: Flask = create_app(replace(web_settings, base_url="https://foodsafe.example.gov.cn"),
                            **RELAXED_LIMITS)
    client = app.test_client()
    response = client.get("/staff/login", base_url="https://foodsafe.example.gov.cn")
    cookie = response.headers["Set-Cookie"]
    app.extensions["foodsafe"].engine.dispose()
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
    assert "Domain=" not in cookie


def test_the_language_cookie_is_httponly_and_never_a_redirect_offsite(client: FlaskClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x"):
        response = client.get("/lang/en", query_string={"next": target})
        assert response.status_code == 302
        assert response.location in ("/", "http://localhost/")
    cookie = client.get("/lang/en").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
