"""The OpenAPI 3 document of every JSON endpoint of the Open311 API."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from web.api import blueprint
from web.runtime import settings

_STRING = {"type": "string"}
# The API answers 400 to anything else, so the document promises no more than it accepts.
_DATE_TIME = {"type": "string", "format": "date-time"}
_ERRORS = {
    "description": "Open311 error list",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
}


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or _STRING}


SCHEMAS: dict[str, Any] = {
    "Errors": {"type": "array", "items": {"type": "object", "required": ["code", "description"],
               "properties": {"code": {"type": "integer"}, "description": _STRING}}},
    "Discovery": {"type": "object", "properties": {
        "changeset": _STRING, "contact": _STRING, "key_service": _STRING,
        "endpoints": {"type": "array", "items": {"type": "object"}}}},
    "Services": {"type": "array", "items": {"type": "object",
                 "required": ["service_code", "service_name", "metadata", "type"],
                 "properties": {"service_code": _STRING, "service_name": _STRING,
                                "description": _STRING, "metadata": {"type": "boolean"},
                                "type": _STRING, "keywords": _STRING, "group": _STRING}}},
    "ServiceDefinition": {"type": "object", "required": ["service_code", "attributes"],
                          "properties": {"service_code": _STRING,
                                         "attributes": {"type": "array",
                                                        "items": {"type": "object"}}}},
    "Request": {"type": "object", "required": ["service_request_id", "status",
                                                "agency_responsible"],
                "properties": {
                    "service_request_id": _STRING,
                    "status": {"type": "string", "enum": ["open", "closed"]},
                    "status_notes": _STRING, "service_name": _STRING, "service_code": _STRING,
                    "agency_responsible": _STRING, "service_notice": _STRING,
                    "requested_datetime": _STRING, "updated_datetime": _STRING,
                    "expected_datetime": {"type": ["string", "null"]},
                    "description": _STRING, "address": {"type": ["string", "null"]}},
                "additionalProperties": False},
    "Requests": {"type": "array", "items": {"$ref": "#/components/schemas/Request"}},
    "Created": {"type": "array", "items": {"type": "object",
                "required": ["service_request_id", "receipt"],
                "properties": {"service_request_id": _STRING, "service_notice": _STRING,
                               "account_id": {"type": ["string", "null"]}, "receipt": _STRING,
                               "agency_responsible": _STRING,
                               "expected_datetime": {"type": ["string", "null"]}}}},
}

POST_BODY = {
    "required": True,
    "content": {"application/x-www-form-urlencoded": {"schema": {
        "type": "object",
        "required": ["api_key", "service_code", "description"],
        "properties": {
            "api_key": _STRING,
            "service_code": {"type": "string", "enum": ["complaint", "tip"]},
            "description": {"type": "string", "maxLength": 5000},
            "address_string": {"type": "string", "maxLength": 300},
            "first_name": {"type": "string", "maxLength": 50},
            "last_name": {"type": "string", "maxLength": 50},
            "phone": {"type": "string", "maxLength": 40},
            "email": {"type": "string", "maxLength": 200},
            "attribute[business_name]": {"type": "string", "maxLength": 200},
            "attribute[occurred_text]": {"type": "string", "maxLength": 200},
            "attribute[wants_reward]": {"type": "string", "enum": ["true", "false"]},
        }}}},
}


def document(server_url: str) -> dict[str, Any]:
    errors = {"400": _ERRORS, "404": _ERRORS, "429": _ERRORS}
    return {
        "openapi": "3.1.0",
        "info": {"title": "foodsafe Open311 GeoReport v2", "version": "2.0",
                 "description": "Food-safety complaints (投诉) and tips (举报). JSON endpoints; "
                                "each also answers with .xml."},
        "servers": [{"url": server_url}],
        "paths": {
            "/discovery.json": {"get": {"operationId": "discovery",
                                        "responses": {"200": _json("Discovery", "discovery")}}},
            "/services.json": {"get": {"operationId": "services",
                                       "responses": {"200": _json("Services", "services")}}},
            "/services/{service_code}.json": {"get": {
                "operationId": "serviceDefinition",
                "parameters": [{"name": "service_code", "in": "path", "required": True,
                                "schema": _STRING}],
                "responses": {"200": _json("ServiceDefinition", "definition"), **errors}}},
            "/requests.json": {
                "get": {"operationId": "listRequests", "parameters": [
                    _query("service_request_id", "comma-separated ids"),
                    _query("service_code", "complaint or tip"),
                    _query("start_date", "earliest request, RFC 3339", _DATE_TIME),
                    _query("end_date", "latest request, RFC 3339", _DATE_TIME),
                    _query("status", "open or closed"),
                    _query("api_key", "optional; a key also shows description and address")],
                    "responses": {"200": _json("Requests", "requests"), **errors}},
                "post": {"operationId": "createRequest", "requestBody": POST_BODY,
                         "responses": {"201": _json("Created", "created; the receipt once"),
                                       "403": _ERRORS, "422": _ERRORS, **errors}}},
            "/requests/{service_request_id}.json": {"get": {
                "operationId": "getRequest",
                "parameters": [{"name": "service_request_id", "in": "path", "required": True,
                                "schema": _STRING}, _query("api_key", "optional")],
                "responses": {"200": _json("Requests", "one request"), **errors}}},
        },
        "components": {"schemas": SCHEMAS},
    }


@blueprint.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(document(settings().base_url.rstrip("/") + "/open311/v2"))
