"""The Lambda routes of examples/integration-types, run in-process.

The proxy handler gets the event API Gateway's AWS_PROXY integration sends and
must return the response shape API Gateway expects. The non-proxy handler gets
what the route's request template makes of the request, and its errors must be
mapped to the status codes the route declares: API Gateway matches each
response's selection_pattern against the error message as a whole (a Java
regex full match), which re.fullmatch reproduces for these patterns.
"""

from __future__ import annotations

import importlib
import json
import re
import uuid

import boto3
import pytest

from harness.runtime.events import LambdaContext, apigw_rest_proxy_event

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def proxy(emulator):
    return importlib.import_module("api_routes.proxy")


def hello(proxy, name: str, query: dict | None = None) -> dict:
    event = apigw_rest_proxy_event("GET", f"/hello/{name}", "/hello/{name}", {"name": name}, query)
    return proxy.lambda_handler(event, LambdaContext("hello"))


def test_proxy_route_returns_the_shape_api_gateway_expects(proxy):
    response = hello(proxy, "Ada", {"greeting": "Welcome"})
    assert response["statusCode"] == 200
    assert response["multiValueHeaders"]["Content-Type"] == ["application/json"]
    assert response["isBase64Encoded"] is False
    body = json.loads(response["body"])
    assert body["message"] == "Welcome, Ada!" and body["requestId"]


@pytest.mark.parametrize(
    ("name", "query", "reason"),
    [("R2-D2!", None, "name must be"), ("Ada", {"greeting": "<script>"}, "greeting must be")],
    ids=["bad-name", "bad-greeting"],
)
def test_proxy_route_answers_bad_input_with_400_and_a_reason(proxy, name, query, reason):
    response = hello(proxy, name, query)
    assert response["statusCode"] == 400
    assert reason in json.loads(response["body"])["message"]


def test_proxy_route_unknown_path_is_404_not_a_crash(proxy):
    event = apigw_rest_proxy_event("GET", "/goodbye", "/goodbye")
    assert proxy.lambda_handler(event, LambdaContext())["statusCode"] == 404


@pytest.mark.parametrize("event", ["GET /hello/ada", None, [], {"Records": []}], ids=["string", "null", "list", "sqs"])
def test_proxy_handler_answers_a_non_request_with_a_logged_400(proxy, event, caplog):
    response = proxy.lambda_handler(event, LambdaContext())
    assert response["statusCode"] == 400
    assert [r for r in caplog.records if r.levelname == "ERROR" and "Not an API Gateway" in r.getMessage()]


@pytest.fixture
def lookup(emulator, monkeypatch):
    table = f"orders-{uuid.uuid4().hex[:8]}"
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName=table,
        AttributeDefinitions=[{"AttributeName": "order_id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    item = {"order_id": {"S": "o-1"}, "status": {"S": "PAID"}, "amount": {"N": "12.5"}, "currency": {"S": "EUR"}}
    ddb.put_item(TableName=table, Item=item)
    monkeypatch.setenv("ORDERS_TABLE", table)
    module = importlib.import_module("api_routes.lookup")
    module.settings.cache_clear()
    yield module
    module.settings.cache_clear()


@pytest.fixture(scope="module")
def order_route_patterns(module_plan) -> dict[str, str | None]:
    """The order route's status codes and selection patterns, as the example plans them."""
    responses = module_plan("example_integration_types").by_key("aws_api_gateway_integration_response")
    return {key.split("/")[1]: r.get("selection_pattern") for key, r in responses.items() if key.startswith("order/")}


def status_for(error_message: str, patterns: dict[str, str | None]) -> str:
    """What API Gateway answers for a Lambda error: the first pattern that matches, else the default."""
    matched = [code for code, pattern in patterns.items() if pattern and re.fullmatch(pattern, error_message)]
    return matched[0] if matched else next(code for code, pattern in patterns.items() if pattern is None)


def test_lookup_returns_the_order_the_template_asked_for(lookup):
    # The route's request template turns GET /orders/o-1 into {"order_id": "o-1"}.
    assert lookup.lambda_handler({"order_id": "o-1"}, LambdaContext("lookup")) == {
        "order_id": "o-1",
        "status": "PAID",
        "amount": "12.5",
        "currency": "EUR",
    }


@pytest.mark.plan
@pytest.mark.parametrize(
    ("event", "status"),
    [({"order_id": "o-404"}, "404"), ({"order_id": "no spaces allowed"}, "400"), ({}, "400")],
    ids=["unknown-order", "bad-id", "no-id"],
)
def test_lookup_errors_map_to_the_routes_status_codes(lookup, order_route_patterns, event, status):
    with pytest.raises(Exception) as raised:  # noqa: PT011 (the message, not the type, picks the status)
        lookup.lambda_handler(event, LambdaContext("lookup"))
    assert status_for(str(raised.value), order_route_patterns) == status


@pytest.mark.plan
def test_other_function_errors_are_500_not_the_default_200(order_route_patterns):
    # Without a catch-all pattern API Gateway answers 200 with the error as the body.
    assert status_for("Task timed out after 10.00 seconds", order_route_patterns) == "500"
    assert status_for("KeyError: 'x'\nTraceback ...", order_route_patterns) == "500"
