"""examples/order-fanout: one order event published once, each team's queue receiving what its
filter admits, each consumer processing its copy, and a malformed event ending in every DLQ.

The emulator delivers SNS to SQS but runs no Lambda code: harness/runtime/poller.py does what
each consumer's SQS event source mapping does (receive, invoke in-process as the function's
role, delete successes, let failures return until the queue's redrive takes them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import boto3

from harness.emulators.gaps import pause_event_source_mappings
from harness.runtime.events import LambdaContext
from harness.runtime.functions import deployed_handler
from harness.runtime.poller import PollStats, drain
from harness.scenarios import Narrator, Stage

USE_CASE = "an order event published once reaches billing, shipping, analytics by filter (SNS -> SQS -> Lambda)"
EMULATOR = "moto"
CONSUMERS = ("billing", "shipping", "analytics")


def order(event_id: str, status: str) -> dict:
    return {"event_id": event_id, "order_id": f"o-{event_id}", "status": status, "amount": 10, "currency": "EUR"}


# What the order service publishes: (label, body, the status attribute when it sets one).
PUBLISHED = [
    ("e-1", json.dumps(order("e-1", "PAID")), "PAID"),
    ("e-2", json.dumps(order("e-2", "NEW")), "NEW"),
    ("e-3", json.dumps(order("e-3", "SHIPPED")), "SHIPPED"),
    ("e-4", json.dumps(order("e-4", "PAID")), None),  # no attribute: shipping's filter cannot admit it
    ("poison", '{"event_id": "poison", "status": ', "PAID"),  # malformed body
]


def label_of(body: str) -> str:
    return next(label for label, published, _ in PUBLISHED if published == body)


@dataclass
class Fanout:
    received: dict[str, int] = field(default_factory=dict)  # consumer -> messages in its queue after publishing
    stats: dict[str, PollStats] = field(default_factory=dict)
    dead_lettered: dict[str, list[str]] = field(default_factory=dict)  # consumer -> labels in its DLQ
    left: dict[str, int] = field(default_factory=dict)  # consumer -> messages still in its queue
    written: dict[str, set[str]] = field(default_factory=dict)  # consumer -> event ids in the table


def _waiting(sqs, url: str) -> int:
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])


def walk(stage: Stage, say: Narrator) -> Fanout:
    out, result = stage.outputs, Fanout()
    functions = [out["consumer_function_names"][c] for c in CONSUMERS]
    paused = pause_event_source_mappings(stage.emulator.kind, functions)
    if paused not in (0, len(CONSUMERS)):
        raise RuntimeError(f"paused {paused} of the {len(CONSUMERS)} consumers' event source mappings")
    sns, sqs, dynamodb = boto3.client("sns"), boto3.client("sqs"), boto3.client("dynamodb")

    say.step(f"The order service publishes {len(PUBLISHED)} events to {out['topic_arn']}")
    for label, body, status in PUBLISHED:
        attributes = {"status": {"DataType": "String", "StringValue": status}} if status else {}
        message_id = sns.publish(TopicArn=out["topic_arn"], Message=body, MessageAttributes=attributes)["MessageId"]
        shown = f"status attribute {status}" if status else "no status attribute"
        say.detail(f"{label:7} {shown:26} message {message_id}")

    say.step("Each queue received what its subscription's filter admits")
    for consumer in CONSUMERS:
        result.received[consumer] = _waiting(sqs, out["queue_urls"][consumer])
        say.detail(f"{consumer:9} {result.received[consumer]} message(s) in {out['queue_urls'][consumer]}")

    say.step("Each consumer's function takes its queue (in-process, as its role, through the harness's poller)")
    for consumer, function in zip(CONSUMERS, functions, strict=True):
        with deployed_handler(function) as handler:
            stats = drain(
                handler, out["queue_urls"][consumer], out["queue_arns"][consumer], context=LambdaContext(function)
            )
        result.stats[consumer] = stats
        dead = sqs.receive_message(QueueUrl=out["dead_letter_queue_urls"][consumer], MaxNumberOfMessages=10)
        result.dead_lettered[consumer] = [label_of(m["Body"]) for m in dead.get("Messages", [])]
        result.left[consumer] = _waiting(sqs, out["queue_urls"][consumer])
        say.detail(
            f"{consumer:9} {stats.deleted} processed and deleted, {stats.reported_failures} failure report(s); "
            f"dead-letter queue: {result.dead_lettered[consumer] or 'empty'}; left: {result.left[consumer]}"
        )

    say.step(f"What the consumers recorded in {out['processed_table_name']}")
    for item in dynamodb.scan(TableName=out["processed_table_name"])["Items"]:
        result.written.setdefault(item["consumer"]["S"], set()).add(item["event_id"]["S"])
    for consumer in CONSUMERS:
        say.detail(f"{consumer:9} {sorted(result.written.get(consumer, set()))}")
    return result
