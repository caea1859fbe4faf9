"""schemathesis against our own OpenAPI document: no input makes the API fail with a 5xx.

Each operation gets a bounded number of generated requests; POSTs carry a valid API key so
the generated bodies reach the intake service instead of stopping at the key check.
"""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from web_factories import API_KEY

EXAMPLES_PER_OPERATION = 25


def exercise_operation(operation: object, label: str, tried: dict[str, int]) -> None:
    @given(case=operation.as_strategy())  # type: ignore[attr-defined]
    @hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))
    def exercise(case: schemathesis.Case) -> None:
        if isinstance(case.body, dict):
            case.body["api_key"] = API_KEY
        response = case.call()
        tried[label] += 1
        assert response.status_code < 500, (label, response.status_code, response.text[:300])

    exercise()


@pytest.mark.slow
def test_no_generated_request_gets_a_server_error(app: Flask) -> None:
    schema = schemathesis.openapi.from_wsgi("/open311/v2/openapi.json", app)
    tried: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        tried[label] = 0

        exercise_operation(operation, label, tried)
    assert len(tried) == 6 and all(n > 0 for n in tried.values()), tried
    print("schemathesis requests per operation:", tried)
