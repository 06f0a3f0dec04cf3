"""examples/integration-types applied on LocalStack and called over real HTTP on loopback.

LocalStack's community edition has no Lambda, DynamoDB or load balancers, so the
example is applied here with the route kinds it can serve (mock, HTTP proxy, HTTP
with templates, AWS service; tests/examples/integration-types/deployments.yml), its
HTTP routes pointing at a backend on loopback. The Lambda and private routes are
applied on moto in test_apply.py.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.apply


@pytest.fixture(scope="module")
def integration_types(localstack_api):
    return localstack_api


def test_only_the_kinds_localstack_serves_are_deployed(integration_types):
    assert sorted(integration_types.outputs["routes"]) == ["backend", "feedback", "quote", "status"]


def test_mock_route_returns_its_configured_bodies_and_status_codes(walked):
    """The use case `make demo EXAMPLE=integration-types` walks (harness/scenarios/integration_types.py)."""
    ok, down = walked.answers["status"], walked.answers["status failing"]
    assert (ok.status, ok.body) == (200, {"status": "ok", "version": "2026.11"})
    assert (down.status, down.body) == (500, {"status": "down", "message": "simulated failure"})


def test_http_proxy_route_reaches_the_backend_with_path_and_query(walked):
    answer = walked.answers["proxy"]
    assert answer.status == 200
    assert answer.body["path"] == "/catalog/items/42"
    assert answer.body["query"] == {"colour": ["blue"]}
    assert walked.backend_saw[0] == answer.body  # the backend saw exactly this request, first


def test_http_route_maps_the_request_and_the_answer_with_templates(walked):
    answer = walked.answers["quote"]
    assert answer.status == 200
    # The request template kept only text and added source; the response template wrapped the answer.
    assert [seen["body"] for seen in walked.backend_saw[1:]] == [
        {"text": "Simplicity is prerequisite", "source": "api"}
    ]
    assert answer.body["quote"]["text"] == "Simplicity is prerequisite"
    assert answer.body["quote"]["source"] == "api"


def test_aws_service_route_validates_and_queues(walked):
    assert walked.answers["feedback empty"].status == 400
    assert walked.answers["feedback"].status == 200
    assert walked.queued == [{"text": "Great API"}]
    assert 'POST /feedback {"text": "Great API"}' in walked.narration
