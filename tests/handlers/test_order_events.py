"""The order-events consumer: parsing on its own, and the handler run in-process on
the SQS event Lambda's poller delivers, against the emulator's DynamoDB."""

from __future__ import annotations

import hashlib
import importlib
import json
import uuid

import boto3
import pytest

from function_settings import ConfigurationError
from harness.runtime.events import LambdaContext, sqs_event
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
        (json.dumps(order(amount=True)), "amount must be a number, got bool"),
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
    with pytest.raises(ConfigurationError, match="CONSUMER_NAME"):
        handler.lambda_handler(sqs_event([message("{}")], QUEUE_ARN), LambdaContext())


# --- hardening: numbers, FIFO order, logged reasons, event shapes ----------------------

FIFO_QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:orders-billing.fifo"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"event_id": "e", "order_id": "o", "status": "PAID", "amount": NaN, "currency": "EUR"}', "NaN"),
        ('{"event_id": "e", "order_id": "o", "status": "PAID", "amount": Infinity, "currency": "EUR"}', "Infinity"),
        (json.dumps(order(amount="NaN")), "is not a number"),
        (
            '{"event_id": "e", "order_id": "o", "status": "PAID", "amount": 1e400, "currency": "EUR"}',
            "outside the range",
        ),
        (json.dumps(order(amount=int("9" * 39))), "more than 38 significant digits"),
        (json.dumps(order(amount=-0.01)), "must be a number >= 0"),
        (json.dumps(order(currency="XYZ")), "not an ISO 4217 currency code"),
        (json.dumps(order(currency="")), "not an ISO 4217 currency code"),
        (json.dumps(order(status=["PAID"])), "is not one of"),
        (json.dumps(order(event_id="e" * 1025)), "event_id is over 1024 bytes"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=[
        "nan",
        "infinity",
        "nan-text",
        "1e400",
        "39-digits",
        "negative",
        "xyz",
        "no-currency",
        "list-status",
        "long-id",
        "deep",
    ],
)
def test_values_dynamodb_or_the_domain_refuse_are_malformed(body, reason):
    with pytest.raises(MalformedOrderEvent, match=reason):
        OrderEvent.from_body(body)


def logged(caplog, *levels: str) -> list:
    """The handler's log records at those levels (Powertools' Logger propagates to logging)."""
    return [record for record in caplog.records if record.levelname in levels]


def test_out_of_domain_numbers_are_reported_and_never_stored(handler, table, caplog):
    bad = [
        message('{"event_id": "e-1", "order_id": "o", "status": "PAID", "amount": NaN, "currency": "EUR"}'),
        message('{"event_id": "e-2", "order_id": "o", "status": "PAID", "amount": 1e400, "currency": "EUR"}'),
        message(json.dumps(order("e-3", amount=int("1" * 39)))),
    ]
    good = message(json.dumps(order("e-4")))
    result = handler.lambda_handler(sqs_event([*bad, good], QUEUE_ARN), LambdaContext())
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == [m["MessageId"] for m in bad]
    assert [item["pk"]["S"] for item in items(table)] == ["billing#e-4"]
    assert [record.message_id for record in logged(caplog, "ERROR")] == [m["MessageId"] for m in bad]


def test_an_unexpected_record_failure_is_logged_with_its_reason(handler, monkeypatch, caplog):
    """The processor gets the handler's logger: a failure the handler did not foresee is
    logged at WARNING with its exception, not only at DEBUG."""

    def broken_put_item(**kwargs):
        raise TypeError("an attribute value of the wrong type")

    monkeypatch.setattr(handler.dynamodb, "put_item", broken_put_item)
    record = message(json.dumps(order("e-1")))
    result = handler.lambda_handler(sqs_event([record], QUEUE_ARN), LambdaContext())
    assert result == {"batchItemFailures": [{"itemIdentifier": record["MessageId"]}]}
    warnings = logged(caplog, "WARNING", "ERROR")
    assert any(r.exc_info and "an attribute value of the wrong type" in str(r.exc_info[1]) for r in warnings), warnings


def fifo_message(body: str, group: str, sequence: int) -> dict:
    msg = message(body)
    msg["Attributes"].update(
        {"MessageGroupId": group, "MessageDeduplicationId": uuid.uuid4().hex, "SequenceNumber": str(sequence)}
    )
    return msg


def test_fifo_source_keeps_a_group_in_order_after_a_failure(handler, table):
    """After a failed message, the later messages of its group are reported too (not processed
    ahead of it); other groups go on."""
    a_bad = fifo_message("{oops", "order-a", 1)
    a_next = fifo_message(json.dumps(order("e-a2", order_id="a")), "order-a", 2)
    b_first = fifo_message(json.dumps(order("e-b1", order_id="b")), "order-b", 3)
    result = handler.lambda_handler(sqs_event([a_bad, a_next, b_first], FIFO_QUEUE_ARN), LambdaContext())
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == [a_bad["MessageId"], a_next["MessageId"]]
    assert [item["pk"]["S"] for item in items(table)] == ["billing#e-b1"]


def test_a_standard_queue_still_processes_past_a_failure(handler, table):
    first_bad = message("{oops")
    result = handler.lambda_handler(
        sqs_event([first_bad, message(json.dumps(order("e-2")))], QUEUE_ARN), LambdaContext()
    )
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == [first_bad["MessageId"]]
    assert [item["pk"]["S"] for item in items(table)] == ["billing#e-2"]


@pytest.mark.parametrize(
    ("event", "expected_failures"),
    [
        ({"Records": []}, []),
        ("not an event", []),
        (None, []),
        ({"Records": ["a string"]}, []),
        ({"Records": [{"body": "{}"}]}, []),
    ],
    ids=["empty-batch", "string-event", "null-event", "string-record", "record-without-id"],
)
def test_event_shapes_aws_never_sends_get_a_logged_rejection(handler, table, caplog, event, expected_failures):
    result = handler.lambda_handler(event, LambdaContext())
    assert result == {"batchItemFailures": expected_failures}
    assert items(table) == []
    assert len(logged(caplog, "WARNING", "ERROR")) == 1, caplog.records


def test_a_record_without_its_id_has_the_whole_batch_retried(handler, table):
    good = sqs_event([message(json.dumps(order("e-1")))], QUEUE_ARN)["Records"][0]
    result = handler.lambda_handler({"Records": [good, {"body": "{}"}]}, LambdaContext())
    assert result == {"batchItemFailures": [{"itemIdentifier": good["messageId"]}]}
    assert items(table) == []  # nothing acknowledged, nothing written ahead of the retry
