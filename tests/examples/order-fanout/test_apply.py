"""examples/order-fanout applied on the emulator: filters, consumers, DLQs, accounting.

The emulator delivers SNS to SQS but does not run Lambda code, so each consumer's
handler runs in-process with its deployed environment, driven by harness/poller.py, which does what Lambda's SQS
event source mapping does (receive, invoke, delete successes, retry failures).
"""

from __future__ import annotations

import json

import boto3
import pytest

from harness.emulators.gaps import pause_event_source_mappings
from harness.runtime.events import LambdaContext
from harness.runtime.functions import deployed_handler
from harness.runtime.poller import drain

pytestmark = pytest.mark.apply

CONSUMERS = ("billing", "shipping", "analytics")


def order(event_id: str, status: str) -> dict:
    return {"event_id": event_id, "order_id": f"o-{event_id}", "status": status, "amount": 10, "currency": "EUR"}


# What the order service publishes: body, and the status attribute when it sets one.
PUBLISHED = [
    ("e-1", json.dumps(order("e-1", "PAID")), "PAID"),
    ("e-2", json.dumps(order("e-2", "NEW")), "NEW"),
    ("e-3", json.dumps(order("e-3", "SHIPPED")), "SHIPPED"),
    ("e-4", json.dumps(order("e-4", "PAID")), None),  # no attribute: shipping's filter cannot admit it
    ("poison", '{"event_id": "poison", "status": ', "PAID"),  # malformed body
]
ADMITTED = {
    "billing": {"e-1", "e-2", "e-3", "e-4", "poison"},
    "analytics": {"e-1", "e-2", "e-3", "e-4", "poison"},
    "shipping": {"e-1", "poison"},
}


def label_of(body: str) -> str:
    return next(label for label, published, _ in PUBLISHED if published == body)


def test_each_queue_receives_exactly_what_its_filter_admits(applied, emulator):
    # The poller below does the mappings' job; moto must not consume the messages first.
    functions = list(applied.outputs["consumer_function_names"].values())
    assert pause_event_source_mappings(emulator.kind, functions) in (0, len(CONSUMERS))
    sns, sqs = boto3.client("sns"), boto3.client("sqs")
    for _, body, status in PUBLISHED:
        attributes = {"status": {"DataType": "String", "StringValue": status}} if status else {}
        sns.publish(TopicArn=applied.outputs["topic_arn"], Message=body, MessageAttributes=attributes)
    for consumer in CONSUMERS:
        url = applied.outputs["queue_urls"][consumer]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
        assert int(attributes["Attributes"]["ApproximateNumberOfMessages"]) == len(ADMITTED[consumer]), consumer


def test_consumers_process_good_records_and_poison_ends_in_each_dlq(applied):
    sqs, dynamodb = boto3.client("sqs"), boto3.client("dynamodb")
    table = applied.outputs["processed_table_name"]
    for consumer in CONSUMERS:
        function = applied.outputs["consumer_function_names"][consumer]
        with deployed_handler(function) as handler:
            stats = drain(
                handler,
                applied.outputs["queue_urls"][consumer],
                applied.outputs["queue_arns"][consumer],
                context=LambdaContext(function),
            )
        assert stats.deleted == len(ADMITTED[consumer]) - 1, consumer  # every good record, once
        assert stats.reported_failures == 3, consumer  # the poison, on each of its max_receive_count receives

        dead = sqs.receive_message(QueueUrl=applied.outputs["dead_letter_queue_urls"][consumer], MaxNumberOfMessages=10)
        assert [label_of(m["Body"]) for m in dead.get("Messages", [])] == ["poison"], consumer
        queue_left = sqs.get_queue_attributes(
            QueueUrl=applied.outputs["queue_urls"][consumer], AttributeNames=["ApproximateNumberOfMessages"]
        )["Attributes"]["ApproximateNumberOfMessages"]
        assert queue_left == "0"

    # Every published message is accounted for: in the table or in a dead-letter queue.
    written = {}
    for item in dynamodb.scan(TableName=table)["Items"]:
        written.setdefault(item["consumer"]["S"], set()).add(item["event_id"]["S"])
    for consumer in CONSUMERS:
        assert written[consumer] | {"poison"} == ADMITTED[consumer], consumer
