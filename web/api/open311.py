"""Open311 GeoReport v2 under /open311/v2/: discovery, services, requests (JSON and XML).

Services are the two case categories, complaint (投诉) and tip (举报). ``agency_responsible``
is the lead bureau and ``expected_datetime`` the legal deadline. Posting needs an API key
(settings.open311_api_keys); reading is public but then shows no description or address,
which only a key holder sees. No response ever carries a reporter field (pseudonym,
contact, channel): for a tip that is the whole point, and a complaint's contact belongs to
the mediation, not to a partner system.
"""

from __future__ import annotations

import hmac
from datetime import UTC, date, datetime, time
from typing import Any

from flask import Response, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest

from intake import service
from intake.bureaus import BUREAUS
from intake.clock import DISTRICT_TZ
from intake.errors import IntakeError
from intake.public_requests import MAX_RESULTS, PublicRequest, find_public_requests
from intake.workflow import status_label
from web.api import blueprint
from web.api.xml import to_xml
from web.errors import status_for
from web.extensions import limiter
from web.runtime import settings, unit_of_work

FORMATS = ("json", "xml")
SERVICES = {
    "complaint": {
        "service_name": "食品投诉 Food complaint",
        "description": "买到或吃到有问题的食品，要求处理或调解（需要联系方式）。"
        " A consumer harmed by food seeks redress (contact details required).",
        "keywords": ["投诉", "complaint", "食品", "food"],
    },
    "tip": {
        "service_name": "食品举报 Food-safety tip",
        "description": "举报食品违法行为，可以匿名。"
        " Report a food-safety violation; may be anonymous.",
        "keywords": ["举报", "tip", "anonymous", "匿名"],
    },
}
TEXT_ATTRIBUTES = (
    ("business_name", "商家或单位名称 Business name", 200),
    ("occurred_text", "发生时间 When it happened", 200),
)


def _api_limit() -> str:
    return str(current_app.config["FOODSAFE_API_LIMIT"])


def _respond(root: str, value: Any, fmt: str, status: int = 200) -> ResponseReturnValue:
    if fmt == "xml":
        return Response(to_xml(root, value), status=status, mimetype="text/xml")
    response = jsonify(value)
    response.status_code = status
    return response


def _error(fmt: str, status: int, description: str) -> ResponseReturnValue:
    return _respond("errors", [{"code": status, "description": description}], fmt, status)


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        abort(404)
    return fmt


def _has_valid_key(candidate: str | None) -> bool:
    if not candidate:
        return False
    return any(
        hmac.compare_digest(candidate.encode(), key.encode()) for key in settings().open311_api_keys
    )


def _api_key() -> str | None:
    try:
        value = request.values.get("api_key")
    except BadRequest:
        return None
    return value


@blueprint.get("/discovery.<fmt>")
def discovery(fmt: str) -> ResponseReturnValue:
    fmt = _format(fmt)
    base = settings().base_url.rstrip("/") + "/open311/v2"
    return _respond("discovery", {
        "changeset": "2026-11-29T00:00:00Z",
        "contact": "区食安办 District Food Safety Office",
        "key_service": "API keys are issued by the District Food Safety Office.",
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": base,
            "changeset": "2026-11-29T00:00:00Z",
            "type": "production",
            "formats": ["application/json", "text/xml"],
        }],
    }, fmt)


@blueprint.get("/services.<fmt>")
def services(fmt: str) -> ResponseReturnValue:
    fmt = _format(fmt)
    return _respond("services", [
        {
            "service_code": code,
            "service_name": spec["service_name"],
            "description": spec["description"],
            "metadata": True,
            "type": "realtime",
            "keywords": ",".join(spec["keywords"]),
            "group": "食品安全 food safety",
        }
        for code, spec in SERVICES.items()
    ], fmt)


def _definition(code: str) -> dict[str, Any]:
    attributes: list[dict[str, Any]] = [
        {
            "variable": True, "code": name, "datatype": "string", "required": False,
            "datatype_description": f"at most {limit} characters", "order": order,
            "description": label,
        }
        for order, (name, label, limit) in enumerate(TEXT_ATTRIBUTES, start=1)
    ]
    if code == "tip":
        attributes.append({
            "variable": True, "code": "wants_reward", "datatype": "singlevaluelist",
            "required": False, "datatype_description": "needs email or phone",
            "order": len(attributes) + 1, "description": "申请举报奖励 Apply for a reward",
            "values": [{"key": "true", "name": "是 yes"}, {"key": "false", "name": "否 no"}],
        })
    return {"service_code": code, "attributes": attributes}


@blueprint.get("/services/<code>.<fmt>")
def service_definition(code: str, fmt: str) -> ResponseReturnValue:
    fmt = _format(fmt)
    if code not in SERVICES:
        return _error(fmt, 404, "unknown service_code")
    return _respond("service_definition", _definition(code), fmt)


def _field(name: str, limit: int) -> str | None:
    value = request.form.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise ValueError(name)
    return value or None


def _draft_from_form(code: str) -> service.CaseDraft:
    description = request.form.get("description") or ""
    business = request.form.get("attribute[business_name]")
    occurred = request.form.get("attribute[occurred_text]")
    place = _field("address_string", 300)
    first, last = _field("first_name", 50), _field("last_name", 50)
    phone, email = _field("phone", 40), _field("email", 200)
    name = " ".join(part for part in (last, first) if part) or None
    contact = service.ContactDetails(name=name, phone=phone, email=email) if (
        name or phone or email) else None
    return service.CaseDraft(
        kind=code,
        channel="api",
        text=description,
        business_name=(business or "").strip() or None,
        place=place,
        occurred_text=(occurred or "").strip() or None,
        contact=contact,
        wants_reward=code == "tip" and request.form.get("attribute[wants_reward]") == "true",
    )


@blueprint.post("/requests.<fmt>")
@limiter.limit(_api_limit)
def create_request(fmt: str) -> ResponseReturnValue:
    fmt = _format(fmt)
    if not _has_valid_key(_api_key()):
        return _error(fmt, 403, "a valid api_key is required to post requests")
    code = request.form.get("service_code", "")
    if code not in SERVICES:
        return _error(fmt, 400, "service_code must be one of: " + ", ".join(SERVICES))
    try:
        draft = _draft_from_form(code)
        with unit_of_work() as session:
            submission = service.submit_case(session, settings=settings(), draft=draft)
    except ValueError as exc:
        return _error(fmt, 400, f"{exc} is too long")
    except IntakeError as error:
        return _error(fmt, status_for(error), f"{error.code}: {error.en}")
    return _respond("service_requests", [{
        "service_request_id": submission.case_number,
        "service_notice": (
            "回执码只显示这一次，请转交给报告人并提醒其保密。"
            " The receipt is shown once: pass it to the reporter and ask them to keep it secret."
        ),
        "account_id": None,
        "receipt": submission.receipt,
        "agency_responsible": BUREAUS[submission.decision.lead].name_zh,
        "expected_datetime": _deadline(submission.deadline),
    }], fmt, 201)


def _deadline(due_on: date | None) -> str | None:
    """The end of the deadline's day in the district, as ISO 8601 with offset."""
    if due_on is None:
        return None
    return datetime.combine(due_on, time(23, 59, 59), tzinfo=DISTRICT_TZ).isoformat()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _public(record: PublicRequest, with_details: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "service_request_id": record.case_number,
        "status": "open" if record.is_open else "closed",
        "status_notes": f"{status_label(record.status, 'zh')} {status_label(record.status, 'en')}",
        "service_name": SERVICES[record.kind]["service_name"],
        "service_code": record.kind,
        "agency_responsible": BUREAUS[record.lead_bureau].name_zh,
        "service_notice": "",
        "requested_datetime": _iso(record.created_at),
        "updated_datetime": _iso(record.updated_at),
        "expected_datetime": _deadline(record.due_on),
    }
    if with_details:
        body["description"] = record.text
        body["address"] = record.place
    return body


def _parse_moment(name: str) -> datetime | None:
    value = request.args.get(name)
    if not value:
        return None
    try:
        # RFC 3339 allows a lower-case "t" and "z"; fromisoformat wants neither.
        moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        # In UTC here, so a valid date-time at the edge of the calendar (0001-01-01T00:00+05:00)
        # is refused as input instead of overflowing in the database driver.
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise ValueError(name) from None


@blueprint.get("/requests.<fmt>")
@limiter.limit(_api_limit)
def list_requests(fmt: str) -> ResponseReturnValue:
    fmt = _format(fmt)
    wanted = request.args.get("service_request_id") or ""
    ids = [i.strip() for i in wanted.split(",") if i.strip()]
    code = request.args.get("service_code")
    status = request.args.get("status")
    if code is not None and code not in SERVICES:
        return _error(fmt, 400, "unknown service_code")
    if status is not None and status not in ("open", "closed"):
        return _error(fmt, 400, "status must be open or closed")
    try:
        start, end = _parse_moment("start_date"), _parse_moment("end_date")
    except ValueError as exc:
        return _error(fmt, 400, f"{exc} must be an ISO 8601 date-time")
    with unit_of_work() as session:
        records = find_public_requests(
            session, case_numbers=ids[:MAX_RESULTS], kind=code,
            state="open" if status == "open" else "closed" if status == "closed" else None,
            start=start, end=end,
        )
    details = _has_valid_key(_api_key())
    return _respond("service_requests", [_public(r, details) for r in records], fmt)


@blueprint.get("/requests/<request_id>.<fmt>")
@limiter.limit(_api_limit)
def get_request(request_id: str, fmt: str) -> ResponseReturnValue:
    fmt = _format(fmt)
    with unit_of_work() as session:
        records = find_public_requests(session, case_numbers=[request_id[:40]], limit=1)
    if not records:
        return _error(fmt, 404, "no such service_request_id")
    return _respond("service_requests", [_public(records[0], _has_valid_key(_api_key()))], fmt)
