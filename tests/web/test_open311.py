"""Open311 GeoReport v2: discovery, services, definitions, posting with a key, reading."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import API_KEY

from intake.models import Case

BASE = "/open311/v2"
REPORTER_FIELDS = {"reporter", "pseudonym", "reporter_pseudonym", "email", "phone", "first_name",
                   "last_name", "contact", "channel", "account_id"}


def post_request(client: FlaskClient, **fields: str):
    data = {"api_key": API_KEY, "service_code": "complaint",
            "description": "超市卖过期牛奶，要求退款。", "phone": "13800000000",
            "attribute[business_name]": "华联超市", "address_string": "建设路12号", **fields}
    return client.post(f"{BASE}/requests.json", data=data)


def test_discovery_and_services_list_both_case_categories(client: FlaskClient) -> None:
    discovery = client.get(f"{BASE}/discovery.json").json
    assert discovery["endpoints"][0]["url"].endswith("/open311/v2")
    services = client.get(f"{BASE}/services.json").json
    assert {s["service_code"] for s in services} == {"complaint", "tip"}
    xml = ElementTree.fromstring(client.get(f"{BASE}/services.xml").data)  # noqa: S314 - our own output
    assert xml.tag == "services" and len(xml.findall("service")) == 2


def test_service_definitions_describe_the_attributes(client: FlaskClient) -> None:
    tip = client.get(f"{BASE}/services/tip.json").json
    codes = {a["code"] for a in tip["attributes"]}
    assert {"business_name", "occurred_text", "wants_reward"} <= codes
    assert client.get(f"{BASE}/services/unknown.json").status_code == 404
    xml = ElementTree.fromstring(client.get(f"{BASE}/services/complaint.xml").data)  # noqa: S314 - our own output
    assert xml.find("service_code").text == "complaint"
    assert client.get(f"{BASE}/services.yaml").status_code == 404


def test_posting_needs_a_valid_api_key(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    assert post_request(client, api_key="wrong").status_code == 403
    assert client.post(f"{BASE}/requests.json", data={"service_code": "tip"}).status_code == 403
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_a_posted_complaint_names_its_bureau_deadline_and_receipt_once(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    response = post_request(client)
    assert response.status_code == 201
    created = response.json[0]
    assert created["receipt"] and created["service_request_id"].startswith("FS")
    with session_factory() as session:
        case = session.scalars(select(Case)).one()
    assert case.channel == "api"
    one = client.get(f"{BASE}/requests/{created['service_request_id']}.json").json[0]
    assert one["status"] == "open"
    assert one["expected_datetime"].startswith(case.due_on.isoformat())
    assert one["agency_responsible"] == created["agency_responsible"]
    assert "receipt" not in one


def test_a_complaint_without_contact_or_unknown_service_is_a_4xx(client: FlaskClient) -> None:
    assert post_request(client, phone="").status_code == 422
    assert post_request(client, service_code="pothole").status_code == 400
    assert post_request(client, description="").status_code == 422
    assert post_request(client, address_string="x" * 400).status_code == 400


def test_an_anonymous_tip_never_exposes_a_reporter_field(client: FlaskClient) -> None:
    created = post_request(client, service_code="tip", phone="",
                           description="工厂用工业盐腌菜，我是内部员工。").json[0]
    number = created["service_request_id"]
    for path in (f"{BASE}/requests/{number}.json", f"{BASE}/requests.json",
                 f"{BASE}/requests/{number}.json?api_key={API_KEY}"):
        for record in client.get(path).json:
            assert not REPORTER_FIELDS & set(record), path
    xml = client.get(f"{BASE}/requests/{number}.xml").data.decode()
    assert "<request>" in xml and "reporter" not in xml and "phone" not in xml


def test_reading_without_a_key_hides_description_and_address(client: FlaskClient) -> None:
    number = post_request(client).json[0]["service_request_id"]
    public = client.get(f"{BASE}/requests/{number}.json").json[0]
    assert "description" not in public and "address" not in public
    partner = client.get(f"{BASE}/requests/{number}.json?api_key={API_KEY}").json[0]
    assert partner["description"] == "超市卖过期牛奶，要求退款。"
    assert partner["address"] == "建设路12号"


def test_requests_filter_by_service_status_and_dates(client: FlaskClient) -> None:
    complaint = post_request(client).json[0]["service_request_id"]
    tip = post_request(client, service_code="tip", phone="").json[0]["service_request_id"]
    ids = lambda q: {r["service_request_id"] for r in client.get(f"{BASE}/requests.json?{q}").json}  # noqa: E731
    assert ids("service_code=tip") == {tip}
    assert ids("status=open") == {complaint, tip}
    assert ids("status=closed") == set()
    assert ids(f"service_request_id={complaint}") == {complaint}
    assert ids("start_date=2100-01-01T00:00:00Z") == set()
    assert ids("end_date=2100-01-01") == {complaint, tip}


@pytest.mark.parametrize("query", ["status=maybe", "service_code=x", "start_date=yesterday"])
def test_bad_filters_are_400_in_the_open311_error_shape(client: FlaskClient, query: str) -> None:
    response = client.get(f"{BASE}/requests.json?{query}")
    assert response.status_code == 400
    assert set(response.json[0]) == {"code", "description"}


def test_an_unknown_request_is_404(client: FlaskClient) -> None:
    assert client.get(f"{BASE}/requests/FS0000-XXXXX-XXXXX.json").status_code == 404
    assert client.get(f"{BASE}/requests/FS0000-XXXXX-XXXXX.xml").status_code == 404


def test_the_openapi_document_lists_every_json_endpoint(client: FlaskClient) -> None:
    document = client.get(f"{BASE}/openapi.json").json
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/discovery.json", "/services.json", "/services/{service_code}.json",
        "/requests.json", "/requests/{service_request_id}.json"}
    assert set(document["paths"]["/requests.json"]) == {"get", "post"}
