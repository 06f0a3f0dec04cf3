"""examples/integration-types applied on LocalStack and called over real HTTP on loopback.

LocalStack's community edition has no Lambda, DynamoDB or load balancers, so the
example is applied here with the route kinds it can serve (mock, HTTP proxy, HTTP
with templates, AWS service; tests/examples/integration-types/deployments.yml), its
HTTP routes pointing at a backend on loopback. The Lambda and private routes are
applied on moto in test_apply.py.
"""

from __future__ import annotations

import json

import pytest

from harness.runtime.apigw import call
from harness.runtime.poller import take_bodies

pytestmark = pytest.mark.apply


@pytest.fixture(scope="module")
def integration_types(localstack_api):
    return localstack_api


def test_only_the_kinds_localstack_serves_are_deployed(integration_types):
    assert sorted(integration_types.outputs["routes"]) == ["backend", "feedback", "quote", "status"]


def test_mock_route_returns_its_configured_bodies_and_status_codes(integration_types):
    ok = call(integration_types.base_url, "/status")
    assert (ok.status, ok.body) == (200, {"status": "ok", "version": "2026.11"})
    down = call(integration_types.base_url, "/status", query={"fail": "true"})
    assert (down.status, down.body) == (500, {"status": "down", "message": "simulated failure"})


def test_http_proxy_route_reaches_the_backend_with_path_and_query(integration_types, http_backend):
    before = len(http_backend.requests)
    answer = call(integration_types.base_url, "/backend/catalog/items/42", query={"colour": "blue"})
    assert answer.status == 200
    assert answer.body["path"] == "/catalog/items/42"
    assert answer.body["query"] == {"colour": ["blue"]}
    assert http_backend.requests[before:] == [answer.body]  # the backend saw exactly one request


def test_http_route_maps_the_request_and_the_answer_with_templates(integration_types, http_backend):
    answer = call(integration_types.base_url, "/quotes", "POST", {"text": "Simplicity is prerequisite", "x": 1})
    assert answer.status == 200
    # The request template kept only text and added source; the response template wrapped the answer.
    assert http_backend.requests[-1]["body"] == {"text": "Simplicity is prerequisite", "source": "api"}
    assert answer.body["quote"]["text"] == "Simplicity is prerequisite"
    assert answer.body["quote"]["source"] == "api"


def test_aws_service_route_validates_and_queues(integration_types, localstack):
    sqs = localstack.client("sqs")
    assert call(integration_types.base_url, "/feedback", "POST", {"text": ""}).status == 400
    assert call(integration_types.base_url, "/feedback", "POST", {"text": "Great API"}).status == 200
    assert [json.loads(b) for b in take_bodies(sqs, integration_types.outputs["feedback_queue_url"])] == [
        {"text": "Great API"}
    ]
