"""The orders API handler against a real PostgreSQL (harness/emulators/postgres.py), in-process.

Each call is the Lambda proxy event API Gateway sends. The server speaks TLS only
and trusts the password it gets, standing in for RDS Proxy; the password the
handler sends is the IAM token boto3 signs, whose shape is checked against the
emulator's STS credentials below.
"""

from __future__ import annotations

import importlib
import json
import socket
import subprocess
import uuid
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest

from harness.emulators.postgres import running_postgres
from harness.paths import REPO
from harness.runtime.events import LambdaContext, apigw_rest_proxy_event

pytestmark = pytest.mark.unit

SCHEMA = (REPO / "lambda_src" / "orders_api" / "schema.sql").read_text()


@pytest.fixture(scope="module")
def postgres():
    with running_postgres("app", "app_user", SCHEMA) as server:
        yield server


@pytest.fixture
def api(emulator, postgres, monkeypatch):
    for name, value in postgres.handler_environment("app", "app_user").items():
        monkeypatch.setenv(name, value)
    module = importlib.import_module("orders_api.handler")
    db = importlib.import_module("orders_api.db")
    db.settings.cache_clear()
    module.database.close()
    module.database.connections_opened = 0
    yield module
    module.database.close()
    db.settings.cache_clear()


def request(api, method: str, path: str, body=None, query=None, resource=None, params=None) -> tuple[int, dict]:
    event = apigw_rest_proxy_event(
        method, path, resource or path, params, query, json.dumps(body) if body is not None else None
    )
    response = api.lambda_handler(event, LambdaContext("orders-api"))
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else {}


def create(api, customer="c-1", amount="19.90", currency="EUR") -> tuple[int, dict]:
    return request(api, "POST", "/orders", {"customer_id": customer, "amount": amount, "currency": currency})


def get(api, order_id: str) -> tuple[int, dict]:
    return request(api, "GET", f"/orders/{order_id}", resource="/orders/{order_id}", params={"order_id": order_id})


def test_create_then_read_then_list(api):
    status, created = create(api, customer=f"c-{uuid.uuid4().hex[:6]}")
    assert status == 201
    assert (created["amount"], created["currency"], created["status"]) == ("19.90", "EUR", "NEW")
    assert get(api, created["order_id"]) == (200, created)
    status, listed = request(api, "GET", "/orders", query={"customer_id": created["customer_id"]})
    assert (status, listed["orders"]) == (200, [created])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"customer_id": "c-1", "amount": "1.999", "currency": "EUR"}, "at most 2 decimals"),
        ({"customer_id": "c-1", "amount": -1, "currency": "EUR"}, "from 0 to"),
        ({"customer_id": "c-1", "amount": True, "currency": "EUR"}, "amount must be a number"),
        ({"customer_id": "c-1", "amount": "NaN", "currency": "EUR"}, "from 0 to"),
        ({"customer_id": "c-1", "amount": 1, "currency": "eur"}, "currency must be"),
        ({"customer_id": "x'; DROP TABLE orders; --", "amount": 1, "currency": "EUR"}, "customer_id must be"),
        ({"customer_id": "c-1", "amount": 1, "currency": "EUR", "status": "PAID"}, "unknown field(s): status"),
        (["not", "an", "object"], "body must be a JSON object"),
    ],
    ids=["3-decimals", "negative", "bool", "nan", "lowercase-currency", "injection", "extra-field", "array"],
)
def test_bad_input_is_400_with_a_reason_and_writes_nothing(api, postgres, body, reason):
    before = _count_orders(postgres)
    status, answer = request(api, "POST", "/orders", body)
    assert status == 400 and reason in answer["message"]
    assert _count_orders(postgres) == before


def _count_orders(postgres) -> int:
    conn = postgres.admin("app")
    try:
        return conn.run("SELECT count(*) FROM orders")[0][0]
    finally:
        conn.close()


def test_body_that_is_not_json_is_400(api):
    event = apigw_rest_proxy_event("POST", "/orders", "/orders", body="{nope")
    response = api.lambda_handler(event, LambdaContext())
    assert response["statusCode"] == 400 and "JSON" in json.loads(response["body"])["message"]


def test_unknown_and_malformed_ids(api):
    assert get(api, str(uuid.uuid4()))[0] == 404
    status, answer = get(api, "1 OR 1=1")
    assert (status, answer["message"]) == (400, "order id must be a UUID")
    assert request(api, "GET", "/orders")[0] == 400  # listing needs a customer


def test_one_connection_serves_every_warm_invocation(api, postgres):
    before = postgres.connections_logged()
    for _ in range(20):
        assert create(api)[0] == 201
    assert api.database.connections_opened == 1
    assert postgres.connections_logged() - before == 1


def test_a_dropped_connection_is_reopened_once_and_the_call_succeeds(api, postgres):
    assert create(api)[0] == 201
    assert postgres.terminate("orders-api") == 1  # what a proxy idle timeout or a failover does
    status, created = create(api)
    assert status == 201 and get(api, created["order_id"])[0] == 200
    assert api.database.connections_opened == 2


def test_database_trouble_is_503_without_a_stack_trace(api, monkeypatch):
    db = importlib.import_module("orders_api.db")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        monkeypatch.setenv("DB_PORT", str(closed.getsockname()[1]))  # nothing listens there
        db.settings.cache_clear()
        api.database.close()
        event = apigw_rest_proxy_event(
            "POST", "/orders", "/orders", body=json.dumps({"customer_id": "c", "amount": 1, "currency": "EUR"})
        )
        response = api.lambda_handler(event, LambdaContext())
    assert response["statusCode"] == 503
    assert json.loads(response["body"]) == {"message": "The order database is unavailable; try again shortly."}
    assert "Traceback" not in response["body"]


def test_the_tls_certificate_is_verified(api, monkeypatch, tmp_path):
    db = importlib.import_module("orders_api.db")
    other_ca = tmp_path / "other.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=elsewhere",
         "-keyout", str(tmp_path / "k"), "-out", str(other_ca)], check=True, capture_output=True)  # fmt: skip
    monkeypatch.setenv("DB_CA_FILE", str(other_ca))
    db.settings.cache_clear()
    api.database.close()
    assert create(api)[0] == 503  # a server whose certificate we cannot verify is not our database


def test_the_password_is_an_iam_token_signed_with_sts_credentials(api, monkeypatch):
    db = importlib.import_module("orders_api.db")
    role = boto3.client("iam").create_role(
        RoleName=f"orders-api-{uuid.uuid4().hex[:6]}",
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
    )["Role"]
    credentials = boto3.client("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="orders-api")["Credentials"]
    monkeypatch.setattr(db, "rds", boto3.client(
        "rds", aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"]))  # fmt: skip
    token = db.auth_token(db.settings())
    parts = urlsplit("https://" + token)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert parts.hostname == "127.0.0.1" and parts.port == int(db.settings().port)
    assert (query["Action"], query["DBUser"], query["X-Amz-Expires"]) == ("connect", "app_user", "900")
    assert query["X-Amz-Credential"].startswith(credentials["AccessKeyId"] + "/")
    assert query["X-Amz-Credential"].endswith("/us-east-1/rds-db/aws4_request")
    assert query["X-Amz-Security-Token"] == credentials["SessionToken"] and len(query["X-Amz-Signature"]) == 64


# --- hardening: malformed bodies, strict amounts, bounded echoes, non-requests ------------


def post_raw(api, body: str) -> tuple[int, dict]:
    response = api.lambda_handler(apigw_rest_proxy_event("POST", "/orders", "/orders", body=body), LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def test_a_deeply_nested_body_is_a_400_not_a_crash(api, postgres):
    before = _count_orders(postgres)
    status, answer = post_raw(api, "[" * 100_000 + "]" * 100_000)
    assert (status, answer["message"]) == (400, "body is nested too deeply")
    assert _count_orders(postgres) == before


@pytest.mark.parametrize(
    "amount",
    ["1_000.00", "١٢٣", " 12.00", "12.00 ", "+12.00", "0E-1000000", "1e3"],
    ids=["underscore", "arabic-digits", "leading-space", "trailing-space", "plus", "tiny-exponent", "exponent"],
)
def test_amount_text_must_be_plain_digits(api, postgres, amount):
    before = _count_orders(postgres)
    status, answer = create(api, amount=amount)
    assert status == 400 and "is not a number: digits with an optional '.' fraction only" in answer["message"]
    assert _count_orders(postgres) == before


@pytest.mark.parametrize("raw", ["0E-1000000", "1e400", "-0.0"], ids=["tiny", "huge", "negative-zero-ok"])
def test_json_numbers_that_are_not_amounts_are_400_never_503(api, postgres, raw):
    status, answer = post_raw(api, f'{{"customer_id": "c-1", "amount": {raw}, "currency": "EUR"}}')
    if raw == "-0.0":
        assert status == 201 and answer["amount"] == "0.00"
    else:
        assert status == 400 and "amount must be from 0 to 9999999999.99" in answer["message"]


def test_unknown_fields_are_named_back_bounded(api):
    body = {
        "customer_id": "c-1",
        "amount": "1.00",
        "currency": "EUR",
        **{f"k{i:04d}" + "x" * 500: 1 for i in range(300)},
    }
    status, answer = create_with(api, body)
    assert status == 400
    assert answer["message"].startswith("unknown field(s): k0000" + "x" * 35 + ", k0001")
    assert answer["message"].endswith("and 295 more; allowed: customer_id, amount, currency")
    assert len(answer["message"]) < 400


def create_with(api, body: dict) -> tuple[int, dict]:
    return request(api, "POST", "/orders", body)


@pytest.mark.parametrize("event", ["GET /orders", None, [], {"Records": []}], ids=["string", "null", "list", "sqs"])
def test_an_event_that_is_not_an_api_request_gets_a_logged_400(api, event, caplog):
    response = api.lambda_handler(event, LambdaContext())
    assert response["statusCode"] == 400
    assert json.loads(response["body"]) == {"message": "not an API Gateway proxy request"}
    assert [r for r in caplog.records if r.levelname == "ERROR" and "Not an API Gateway" in r.getMessage()]
