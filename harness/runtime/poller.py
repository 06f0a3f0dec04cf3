"""What Lambda's SQS event source mapping does, for a handler run in-process.

Receive a batch, invoke the handler with the SQS event, delete the records it
did not report in batchItemFailures, and make the reported ones visible again.
A record that keeps failing is moved to the dead-letter queue by the queue's own
redrive policy (the emulator counts the receives), as in AWS. The mapping receives and
deletes as the function's execution role (a handler from harness/runtime/functions.py
carries it), so those requests are judged too; making a failed message visible again
stands in for its visibility timeout and is no request of the mapping's.

The response is read as Lambda's documentation says: no list, or an empty one,
is complete success; an item whose itemIdentifier is missing, null, empty, or
not a message of the batch, or a response that is not an object, fails the
whole batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import boto3

from harness.authorization.enforcement import acting_as
from harness.runtime.events import LambdaContext, sqs_event


@dataclass
class PollStats:
    invocations: int = 0
    deleted: int = 0
    reported_failures: int = 0
    failed_ids: list[str] = field(default_factory=list)


def failed_message_ids(response: object, batch_ids: list[str]) -> set[str]:
    """The messages a partial batch response fails, as Lambda's SQS poller reads it."""
    if response is None:
        return set()
    if not isinstance(response, dict):
        return set(batch_ids)
    items = response.get("batchItemFailures")
    if items is None:
        return set()
    if not isinstance(items, list):
        return set(batch_ids)
    failed = set()
    for item in items:
        identifier = item.get("itemIdentifier") if isinstance(item, dict) else None
        if not isinstance(identifier, str) or identifier not in batch_ids:
            return set(batch_ids)  # null, empty, misspelt or unknown: the whole batch failed
        failed.add(identifier)
    return failed


def drain(
    handler: Callable[[dict, LambdaContext], dict],
    queue_url: str,
    queue_arn: str,
    batch_size: int = 10,
    context: LambdaContext | None = None,
    max_batches: int = 10_000,
) -> PollStats:
    sqs = boto3.client("sqs")
    stats = PollStats()
    mapping = getattr(handler, "principal", None)  # the function's role, for a deployed handler
    for _ in range(max_batches):
        with acting_as(mapping):
            messages = sqs.receive_message(
                QueueUrl=queue_url,
                MaxNumberOfMessages=min(batch_size, 10),
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
                WaitTimeSeconds=0,
            ).get("Messages", [])
        if not messages:
            return stats
        response = handler(sqs_event(messages, queue_arn), context or LambdaContext())
        stats.invocations += 1
        failed = failed_message_ids(response, [m["MessageId"] for m in messages])
        done = [m for m in messages if m["MessageId"] not in failed]
        if done:
            entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)]
            with acting_as(mapping):
                sqs.delete_message_batch(QueueUrl=queue_url, Entries=entries)
            stats.deleted += len(done)
        for m in messages:
            if m["MessageId"] in failed:
                # Visible again at once, as if its visibility timeout had run out.
                sqs.change_message_visibility(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0)
                stats.reported_failures += 1
                stats.failed_ids.append(m["MessageId"])
    raise RuntimeError(f"{queue_url} still had messages after {max_batches} batches")


def take_bodies(sqs, queue_url: str) -> list[str]:
    """Receive and delete every message waiting on a queue; their bodies, in the order received."""
    bodies = []
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get(
            "Messages", []
        )
        if not messages:
            return bodies
        for message in messages:
            bodies.append(message["Body"])
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
