"""The order-events consumer: parsing on its own, and the handler run in-process on
the SQS event Lambda's poller delivers, against the emulator's DynamoDB."""

from __future__ import annotations

import hashlib
import importlib
import json
import uuid

import boto3
import pytest

from harness.events import LambdaContext, sqs_event
from order_events.events import MalformedOrderEvent, OrderEvent

pytestmark = pytest.mark.unit

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:orders-billing"


def order(event_id: str = "e-1", **overrides) -> dict:
    return {"event_id": event_id, "order_id": "o-1", "status": "PAID", "amount": 42.5, "currency": "eur", **overrides}


def message(body: str) -> dict:
    """A message as ReceiveMessage returns it."""
    return {
        "MessageId": str(uuid.uuid4()),
        "ReceiptHandle": uuid.uuid4().hex,
        "Body": body,
        "MD5OfBody": hashlib.md5(body.encode()).hexdigest(),  # noqa: S324 (SQS's checksum, not security)
        "Attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1764200000000", "SenderId": "AIDA"},
    }


def test_parses_a_raw_order_event():
    event = OrderEvent.from_body(json.dumps(order()))
    assert (event.event_id, event.status, str(event.amount), event.currency) == ("e-1", "PAID", "42.5", "EUR")


def test_parses_the_sns_envelope_when_raw_delivery_is_off():
    envelope = {"Type": "Notification", "MessageId": "m", "TopicArn": "arn:aws:sns:::t", "Message": json.dumps(order())}
    assert OrderEvent.from_body(json.dumps(envelope)).order_id == "o-1"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("{not json", "body is not JSON"),
        ("[1, 2]", "body is a JSON list, not an object"),
        (json.dumps({"order_id": "o-1"}), "missing field(s): event_id, status, amount, currency"),
        (json.dumps(order(status="LOST")), "status 'LOST' is not one of"),
        (json.dumps(order(amount=-1)), "must be a number >= 0"),
        (json.dumps(order(amount=True)), "must be a number >= 0"),
        (json.dumps(order(amount="ten")), "is not a number"),
        (json.dumps(order(order_id="  ")), "order_id must be a non-empty string"),
    ],
    ids=["not-json", "array", "missing", "status", "negative", "bool", "text-amount", "blank-id"],
)
def test_malformed_bodies_are_refused_with_a_reason(body, reason):
    with pytest.raises(MalformedOrderEvent, match=reason.replace("(", r"\(").replace(")", r"\)")):
        OrderEvent.from_body(body)


@pytest.fixture
def table(emulator) -> str:
    name = f"processed-{uuid.uuid4().hex[:8]}"
    boto3.client("dynamodb").create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return name


@pytest.fixture
def handler(emulator, table, monkeypatch):
    monkeypatch.setenv("PROCESSED_TABLE", table)
    monkeypatch.setenv("CONSUMER_NAME", "billing")
    module = importlib.import_module("order_events.handler")
    module.settings.cache_clear()
    yield module
    module.settings.cache_clear()


def items(table: str) -> list[dict]:
    return boto3.client("dynamodb").scan(TableName=table)["Items"]


def test_bad_records_are_reported_and_the_rest_of_the_batch_is_written(handler, table):
    good = [message(json.dumps(order(f"e-{i}", order_id=f"o-{i}"))) for i in range(3)]
    malformed, wrong_status = message("{oops"), message(json.dumps(order("e-9", status="LOST")))
    event = sqs_event([good[0], malformed, good[1], wrong_status, good[2]], QUEUE_ARN)

    result = handler.lambda_handler(event, LambdaContext("orders-billing"))

    failed = [f["itemIdentifier"] for f in result["batchItemFailures"]]
    assert failed == [malformed["MessageId"], wrong_status["MessageId"]]
    written = sorted(item["pk"]["S"] for item in items(table))
    assert written == ["billing#e-0", "billing#e-1", "billing#e-2"]
    record = next(item for item in items(table) if item["pk"]["S"] == "billing#e-1")
    assert (record["order_id"]["S"], record["amount"]["N"], record["currency"]["S"]) == ("o-1", "42.5", "EUR")


def test_a_redelivered_message_does_not_write_twice(handler, table):
    batch = sqs_event([message(json.dumps(order("e-1"))), message(json.dumps(order("e-2")))], QUEUE_ARN)
    assert handler.lambda_handler(batch, LambdaContext())["batchItemFailures"] == []
    first = {item["pk"]["S"]: item["processed_at"]["S"] for item in items(table)}
    # SQS delivers the same events again (a visibility timeout ran out, say).
    assert handler.lambda_handler(batch, LambdaContext())["batchItemFailures"] == []
    assert {item["pk"]["S"]: item["processed_at"]["S"] for item in items(table)} == first


def test_storage_trouble_reports_every_record_for_retry(handler, monkeypatch):
    monkeypatch.setenv("PROCESSED_TABLE", "no-such-table")
    handler.settings.cache_clear()
    batch = [message(json.dumps(order("e-1"))), message(json.dumps(order("e-2")))]
    result = handler.lambda_handler(sqs_event(batch, QUEUE_ARN), LambdaContext())
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == [m["MessageId"] for m in batch]


def test_not_an_sqs_event_is_refused_without_a_traceback(handler):
    assert handler.lambda_handler({"detail-type": "Order Placed"}, LambdaContext()) == {"batchItemFailures": []}


def test_missing_configuration_fails_the_invocation(handler, monkeypatch):
    monkeypatch.delenv("CONSUMER_NAME")
    handler.settings.cache_clear()
    with pytest.raises(handler.ConfigurationError, match="CONSUMER_NAME"):
        handler.lambda_handler(sqs_event([message("{}")], QUEUE_ARN), LambdaContext())
