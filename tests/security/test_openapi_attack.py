"""schemathesis against the Open311 OpenAPI document, as an attacker would use it.

tests/web/test_openapi_fuzz.py sends schema-valid requests with a good key. Here every
operation also gets schema-violating (negative) requests, with no key, a wrong key and the
right one; the checks are: never a 5xx, every JSON answer matches the documented schema,
every answer has the documented content type, and no answer ever carries a reporter's
contact, pseudonym or receipt (except the one-time receipt of a POST the key holder made).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)
from schemathesis.generation import GenerationMode
from sqlalchemy.orm import Session, sessionmaker
from web_factories import API_KEY, file_case

from intake.settings import Settings

EXAMPLES = 10
KEYS = {"no key": None, "wrong key": "not-the-key", "right key": API_KEY}
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
RECEIPT = re.compile(r"[2-9A-HJ-NP-TW-Z]{5}-[2-9A-HJ-NP-TW-Z]{5}-[2-9A-HJ-NP-TW-Z]{5}-")
PHONE = "13800000000"  # the contact web_factories.file_case files with
PSEUDONYM = re.compile(r"\bR-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


def attack(operation: schemathesis.APIOperation, mode: GenerationMode, key: str | None,
           counts: Counter[str]) -> None:
    label = f"{operation.method.upper()} {operation.path} {mode.value}"

    @given(case=operation.as_strategy(generation_mode=mode))
    @hsettings(max_examples=EXAMPLES, deadline=None, database=None,
               suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        if isinstance(case.body, dict):
            case.body.pop("api_key", None)
            if key is not None:
                case.body["api_key"] = key
        if isinstance(case.query, dict):
            case.query.pop("api_key", None)
        response = case.call()
        counts[label] += 1
        assert response.status_code < 500, (label, response.status_code, response.text[:300])
        if mode is GenerationMode.POSITIVE or response.status_code < 400:
            case.validate_response(response, checks=CHECKS)
        body = response.text
        assert PHONE not in body and not PSEUDONYM.search(body)
        for field in ('"pseudonym"', '"phone"', '"email"', '"first_name"', '"last_name"'):
            assert field not in body, (label, field)
        if not (operation.method.upper() == "POST" and key == API_KEY
                and response.status_code == 201):
            assert not RECEIPT.search(body), (label, body[:200])

    try:
        run()
    except Unsatisfiable:
        # An operation without parameters has no schema-violating request to make.
        assert mode is GenerationMode.NEGATIVE


@pytest.mark.parametrize("key_name", sorted(KEYS))
def test_no_generated_request_breaks_the_api_or_leaks_a_reporter(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings,
    key_name: str, tried: Counter[str],
) -> None:
    # Given cases to find: a complaint with a phone number, and an anonymous tip,
    file_case(session_factory, web_settings)
    file_case(session_factory, web_settings, kind="tip", business=None)
    schema = schemathesis.openapi.from_wsgi("/open311/v2/openapi.json", app)
    counts: Counter[str] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            attack(operation, mode, KEYS[key_name], counts)
    assert len(operations) >= 6
    assert all(counts[f"{o.method.upper()} {o.path} positive"] > 0 for o in operations)
    tried[f"schemathesis ({key_name})"] += sum(counts.values())


@pytest.mark.parametrize("key_name", sorted(KEYS))
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_every_api_call_with_no_wrong_or_right_key_gets_exactly_its_due(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
    key_name: str, fmt: str,
) -> None:
    key = KEYS[key_name]
    number = file_case(session_factory, web_settings,
                       text="老王饭店的凉菜吃了腹泻 lunch-box-42，要求赔偿。").case_number
    with_key = {"api_key": key} if key else {}
    posted = client.post(f"/open311/v2/requests.{fmt}", data={
        **with_key, "service_code": "tip", "description": "超市把过期酸奶改日期上架。"})
    listed = client.get(f"/open311/v2/requests.{fmt}", query_string=with_key)
    one = client.get(f"/open311/v2/requests/{number}.{fmt}", query_string=with_key)

    if key == API_KEY:
        assert posted.status_code == 201 and RECEIPT.search(posted.data.decode())
    else:
        assert posted.status_code == 403 and not RECEIPT.search(posted.data.decode())
    for response in (listed, one):
        assert response.status_code == 200
        page = response.data.decode()
        # The report text and place go only to key holders; contact and pseudonym to no one.
        assert ("lunch-box-42" in page) == (key == API_KEY), (key_name, fmt)
        assert PHONE not in page and not PSEUDONYM.search(page) and "张三" not in page
