"""Two app instances (two servers, two engines) on one database serve the same cases; with
Redis configured they also share their rate limits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import requests
from flask import Flask
from sqlalchemy.orm import Session, sessionmaker
from web_factories import PASSWORD, RELAXED_LIMITS, form_token, make_staff, receipt_on, serving

from intake.settings import Settings
from web.app import create_app


@contextmanager
def instance(app: Flask) -> Iterator[str]:
    """One more app instance on its own server (and its own database engine)."""
    with serving(app) as url:
        yield url
    app.extensions["foodsafe"].engine.dispose()


def post_page(http: requests.Session, url: str, data: dict[str, str]) -> requests.Response:
    token = form_token(http.get(url, timeout=10).text)
    return http.post(url, data={"csrf_token": token, **data}, timeout=30)


def test_a_case_filed_on_one_instance_is_served_by_the_other(
    web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    with instance(create_app(web_settings, **RELAXED_LIMITS)) as first, \
            instance(create_app(web_settings, **RELAXED_LIMITS)) as second:
        citizen = requests.Session()
        filed = post_page(citizen, f"{first}/tip", {"text": "华联超市把过期酸奶改日期重新上架。"})
        assert filed.status_code == 200
        receipt = receipt_on(filed.content)
        status = post_page(citizen, f"{second}/status", {"receipt": receipt})
        assert status.status_code == 200 and "case-status" in status.text

        # a staff login on one instance is valid on the other (signed, stateless sessions)
        totp = make_staff(session_factory, web_settings, username="twin", bureau="fso",
                          role="coordinator")
        staff = requests.Session()
        assert post_page(staff, f"{first}/staff/login",
                         {"username": "twin", "password": PASSWORD}).status_code == 200
        post_page(staff, f"{first}/staff/2fa", {"code": totp.now()})
        queue = staff.get(f"{second}/staff/", timeout=10)
        assert queue.status_code == 200 and 'id="queue"' in queue.text
        number = status.text.split('id="case-number">')[1].split("<")[0]
        assert number in queue.text


def test_with_redis_the_instances_share_one_receipt_rate_limit(
    web_settings: Settings, session_factory: sessionmaker[Session], redis_url: str
) -> None:
    settings = replace(web_settings, redis_url=redis_url)
    limits = {**RELAXED_LIMITS, "FOODSAFE_RECEIPT_LIMIT": "2 per minute",
              "FOODSAFE_LIMIT_NAMESPACE": f"foodsafe-test-{uuid.uuid4().hex}"}
    with instance(create_app(settings, **limits)) as first, \
            instance(create_app(settings, **limits)) as second:
        guesser = requests.Session()
        codes = [post_page(guesser, f"{url}/status", {"receipt": "AAAAA-BBBBB-CCCCC-DDDDE"}
                           ).status_code for url in (first, second, first)]
    assert codes == [404, 404, 429]
