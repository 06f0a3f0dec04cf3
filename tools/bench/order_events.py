"""The order-events consumer: records per second on 10,000 SQS records in batches of 10,
in-process against the emulator's DynamoDB table."""

from __future__ import annotations

import json
import time

from harness.emulators.servers import patched_environ
from tools.bench import Context, measurement
from tools.bench.common import load_deployed


def consumer_throughput(records: int = 10_000, batch: int = 10) -> float:
    """Records per second through order_events.handler (every batch must fully succeed)."""
    import hashlib
    import uuid

    import boto3

    from harness.runtime.events import LambdaContext, sqs_event
    from harness.runtime.stores import create_table

    dynamodb = boto3.client("dynamodb")
    table = create_table(dynamodb, f"bench-processed-{uuid.uuid4().hex[:6]}", "pk")
    load_deployed("order_events")
    with patched_environ({"PROCESSED_TABLE": table, "CONSUMER_NAME": "bench", "POWERTOOLS_LOG_LEVEL": "WARNING"}):
        from order_events.handler import lambda_handler

        events = []
        for start in range(0, records, batch):
            messages = []
            for i in range(start, min(start + batch, records)):
                body = json.dumps(
                    {"event_id": f"e-{i}", "order_id": f"o-{i}", "status": "PAID", "amount": 1, "currency": "EUR"}
                )
                messages.append({"MessageId": str(uuid.uuid4()), "ReceiptHandle": "r", "Body": body,
                                 "MD5OfBody": hashlib.md5(body.encode()).hexdigest(), "Attributes": {}})  # noqa: S324  # fmt: skip
            events.append(sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:bench"))
        started = time.perf_counter()
        for event in events:
            assert lambda_handler(event, LambdaContext("bench"))["batchItemFailures"] == []
        elapsed = time.perf_counter() - started
    return records / elapsed


@measurement("order_events consumer: 10,000 SQS records in batches of 10, in-process, emulator's DynamoDB",
             needs=("moto",))  # fmt: skip
def measure(context: Context) -> None:
    with patched_environ(context.emulator.env):
        rate = consumer_throughput()
    print(f"    {rate:,.0f} records/s (one conditional PutItem each)")
