"""Bad input at every layer: the text layer, the domain, the web forms and the API.

Whatever arrives (1 MB of text, control characters, right-to-left overrides, NUL bytes,
HTML and SQL), the answer is the stored case, a named domain error, a 4xx or a polite
message: never a 5xx, never a stack trace, never a script that runs on a staff page.
Hypothesis explores the text and domain layers; fixed lists carry the known attacks.
"""

from __future__ import annotations

import string
from collections import Counter
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from input_counts import TRIED
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import API_KEY, form_token, log_in, make_staff

from intake import receipts
from intake.bureaus import BUREAUS
from intake.db import transaction
from intake.drafts import CaseDraft, ContactDetails
from intake.errors import CaseNotFound, IntakeError, ReceiptThrottled
from intake.models import Case
from intake.reporter import find_case_by_receipt
from intake.routing.router import default_router
from intake.settings import Settings
from intake.submit import submit_case
from knowledge.text import normalize, tokenize

# Every kind of character a hostile or broken client can send, weighted towards the odd.
CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f\x85"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(CONTROL + BIDI + INVISIBLE + "<>&'\";-/\\%_*"),
        st.sampled_from("饭店超市过期腹泻苍蝇举报投诉食堂"),
    ),
    max_size=300,
)
# Database-backed properties reuse the test's database across examples on purpose.
FIXTURES_OK = [HealthCheck.function_scoped_fixture]
MEGABYTE = "投诉" * (512 * 1024 // 2) + "x" * (512 * 1024)

PAYLOADS = {
    "script": "<script>alert('xss')</script>老王饭店有苍蝇",
    "img-onerror": '"><img src=x onerror=alert(1)>饭店腹泻',
    "svg": "<svg/onload=alert(1)>超市过期",
    "template": "{{ config.SECRET_KEY }} {% raw %}{{7*7}}{% endraw %} 饭店",
    "sql-drop": "'; DROP TABLE cases; -- 饭店苍蝇",
    "sql-or": "' OR '1'='1' -- 超市过期酸奶",
    "sql-union": "1 UNION SELECT password_hash FROM staff_users -- 食堂",
    "rtl-override": "老王\u202e饭店\u202c吃出苍蝇 gnp.exe",
    "control": "饭店\x01\x02\x07\x08\x0b\x0c\x1b[31m腹泻\x7f",
    "nul": "饭店\x00苍蝇",
    "zero-width": "饭\u200b店\u200d苍\ufeff蝇",
    "megabyte": MEGABYTE,
    "emoji-only": "🤢🤮🪳🪰",
    "whitespace-only": " \t\u3000\n ",
}


def _no_crash(response: Any) -> None:
    body = response.data.decode("utf-8", errors="replace")
    assert response.status_code < 500, response.status_code
    assert "Traceback" not in body and "sqlalchemy" not in body.lower()


# --- the text layer -------------------------------------------------------------------


@hsettings(max_examples=400, deadline=None)
@given(HOSTILE)
def test_normalising_any_text_never_fails_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert all(isinstance(token, str) and token for token in tokenize(once))
    TRIED["text layer (normalize, tokenize)"] += 1


@hsettings(max_examples=200, deadline=None)
@given(HOSTILE)
def test_routing_any_text_names_a_real_bureau(text: str) -> None:
    decision = default_router().route(text)
    assert decision.lead in BUREAUS
    assert all(code in BUREAUS for code in decision.co)
    assert 0.0 <= decision.confidence <= 1.0
    TRIED["domain: routing"] += 1


@hsettings(max_examples=300, deadline=None)
@given(st.one_of(HOSTILE, st.text(alphabet=receipts.ALPHABET + "-  lo01", max_size=30)))
def test_any_typed_receipt_is_either_refused_or_canonical(typed: str) -> None:
    found = receipts.canonical(typed)
    if found is not None:
        assert receipts.canonical(found) == found
        assert len(found) == receipts.LENGTH + receipts.GROUPS - 1
        assert set(found) <= set(receipts.ALPHABET + "-")
    TRIED["domain: receipt parsing"] += 1


# --- the domain, on both databases ----------------------------------------------------

DRAFTS = st.builds(
    CaseDraft,
    kind=st.sampled_from(["complaint", "tip", "tip", "other"]),
    channel=st.sampled_from(["web", "telegram", "chat", "api", "fax"]),
    text=st.one_of(HOSTILE, st.sampled_from(list(PAYLOADS.values()))),
    business_name=st.none() | st.text(max_size=220),
    place=st.none() | st.text(max_size=320),
    occurred_text=st.none() | st.text(max_size=220),
    contact=st.none() | st.builds(ContactDetails, name=st.none() | st.text(max_size=50),
                                  phone=st.none() | st.text(string.digits + "+- ", max_size=20),
                                  email=st.none() | st.emails()),
    wants_reward=st.booleans(),
)


@hsettings(max_examples=60, deadline=None, suppress_health_check=FIXTURES_OK)
@given(draft=DRAFTS)
# A NUL byte was a DataError (500) on PostgreSQL until intake.submit refused it.
@example(draft=CaseDraft(kind="tip", channel="telegram", text="饭店\x00苍蝇"))
@example(draft=CaseDraft(kind="tip", channel="chat", text="饭店苍蝇", place="幸福路\x00"))
def test_any_draft_is_either_stored_intact_or_refused_with_a_named_error(
    session_factory: sessionmaker[Session], settings: Settings, draft: CaseDraft
) -> None:
    TRIED["domain: submit_case"] += 1
    try:
        with transaction(session_factory) as session:
            submitted = submit_case(session, settings=settings, draft=draft)
    except IntakeError as error:
        assert error.code and error.message("zh") and error.message("en")
        return
    with session_factory() as session:
        stored = session.scalars(
            select(Case).where(Case.case_number == submitted.case_number)).one()
    assert stored.text == draft.text.strip()


@hsettings(max_examples=60, deadline=None, suppress_health_check=FIXTURES_OK)
@given(typed=HOSTILE)
def test_any_receipt_lookup_is_not_found_or_throttled_never_a_crash(
    session_factory: sessionmaker[Session], settings: Settings, typed: str
) -> None:
    TRIED["domain: receipt lookup"] += 1
    with pytest.raises((CaseNotFound, ReceiptThrottled)), transaction(session_factory) as session:
        find_case_by_receipt(session, settings=settings, receipt=typed, client_key="fuzz")


# --- the web and the API --------------------------------------------------------------


def post_form(client: FlaskClient, path: str, data: dict[str, Any]) -> Any:
    page = client.get(path if path != "/status/reply" else "/status")
    return client.post(path, data={"csrf_token": form_token(page.data), **data},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_hostile_text_in_every_public_form_and_api_call_never_gives_a_5xx(
    client: FlaskClient, name: str, tried: Counter[str]
) -> None:
    payload = PAYLOADS[name]
    calls = [
        post_form(client, "/complaint", {"text": payload, "business_name": payload[:200],
                                         "place": payload[:300], "phone": "13800000000"}),
        post_form(client, "/tip", {"text": payload, "business_name": payload[:200]}),
        post_form(client, "/status", {"receipt": payload[:64]}),
        post_form(client, "/status/reply", {"receipt": payload[:64], "text": payload}),
        client.post("/open311/v2/requests.json", data={
            "api_key": API_KEY, "service_code": "tip", "description": payload,
            "attribute[business_name]": payload, "address_string": payload}),
        client.post("/open311/v2/requests.xml", data={
            "api_key": payload[:100], "service_code": payload[:50], "description": payload}),
        client.get("/open311/v2/requests.json", query_string={
            "service_request_id": payload[:2000], "start_date": payload[:100]}),
        client.get(f"/open311/v2/requests/{payload[:100]}.json"),
        client.get("/kb", query_string={"q": payload[:2000]}),
        client.post("/staff/login", data={"username": payload[:200], "password": payload[:200]}),
    ]
    for response in calls:
        _no_crash(response)
    tried[f"web: fixed payloads x {len(calls)} endpoints"] += len(calls)


@pytest.mark.parametrize("name", ["nul"])
def test_a_nul_byte_is_a_400_not_a_database_error(client: FlaskClient, name: str) -> None:
    # PostgreSQL cannot store NUL in text: before web/security.refuse_nul_bytes this was a 500.
    response = post_form(client, "/tip", {"text": PAYLOADS[name]})
    assert response.status_code == 400
    assert client.get("/open311/v2/requests/FS\x00.json").status_code == 400


@hsettings(max_examples=40, deadline=None, suppress_health_check=FIXTURES_OK)
@given(text=HOSTILE, business=HOSTILE, place=HOSTILE, reward=st.booleans())
def test_random_tips_through_the_form_are_stored_or_refused_politely(
    app: Flask, text: str, business: str, place: str, reward: bool
) -> None:
    TRIED["web: random tip forms"] += 1
    client = app.test_client()
    data: dict[str, Any] = {"text": text, "business_name": business, "place": place}
    if reward:
        data["wants_reward"] = "y"
    response = post_form(client, "/tip", data)
    _no_crash(response)
    assert response.status_code in (200, 400, 422)


def test_a_stored_script_is_shown_to_staff_as_text_never_as_markup(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    for name in ("script", "img-onerror", "svg", "template"):
        assert post_form(client, "/tip", {"text": PAYLOADS[name],
                                          "business_name": PAYLOADS[name][:60]}).status_code == 200
    totp = make_staff(session_factory, web_settings, username="coord", bureau="fso",
                      role="coordinator")
    log_in(client, "coord", totp)
    with session_factory() as session:
        numbers = list(session.scalars(select(Case.case_number)))
    pages = [client.get(f"/staff/cases/{n}").data.decode() for n in numbers]
    pages.append(client.get("/staff/").data.decode())
    joined = "\n".join(pages)
    assert "&lt;script&gt;alert(" in joined
    for raw in ("<script>alert", "<img src=x onerror", "<svg/onload"):
        assert raw not in joined
    assert "&lt;svg/onload=alert(1)&gt;" in joined
    # The template payload is shown as typed, never evaluated.
    assert "{{ config.SECRET_KEY }}" in joined and "49" not in joined.split("{{7*7}}")[0][-5:]
