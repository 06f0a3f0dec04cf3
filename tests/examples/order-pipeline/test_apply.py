"""examples/order-pipeline applied on the emulator, then orders written and followed through.

moto stores the pipe and produces the table's stream records but runs neither the
pipe nor the functions. harness/runtime/pipes.py does the pipe's job on the records moto
produced: its filter is judged by EventBridge's TestEventPattern (on LocalStack,
as moto lacks it), and the enrichment and processor handlers run in-process with
their deployed environments on the batches the pipe would deliver.
"""

from __future__ import annotations

import json

import boto3
import pytest

from harness.runtime.pipes import StreamPipe
from harness.scenarios import order_pipeline

pytestmark = pytest.mark.apply


@pytest.fixture(scope="module")
def pipe(applied) -> StreamPipe:
    return StreamPipe.describe(applied.outputs["pipe_name"])


def test_the_pipe_is_deployed_as_planned(applied, pipe):
    assert pipe.stream_arn == applied.outputs["orders_stream_arn"]
    assert [json.loads(p) for p in pipe.filter_patterns] == [
        {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"status": {"S": ["NEW"]}}}}
    ]
    assert (pipe.batch_size, pipe.maximum_retry_attempts) == (10, 2)
    assert pipe.enrichment_arn.endswith(f":function:{applied.outputs['enrichment_function_name']}")
    assert pipe.target_arn.endswith(f":function:{applied.outputs['processor_function_name']}")
    dead_letter_queue_arn = boto3.client("sqs").get_queue_attributes(
        QueueUrl=applied.outputs["pipe_dead_letter_queue_url"], AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]
    assert pipe.dead_letter_queue_arn == dead_letter_queue_arn
    target = boto3.client("pipes").describe_pipe(Name=pipe.name)["TargetParameters"]
    assert target["LambdaFunctionParameters"]["InvocationType"] == "REQUEST_RESPONSE"


def test_new_orders_are_enriched_processed_and_bad_ones_dead_lettered(stage, narrator):
    """The use case `make demo EXAMPLE=order-pipeline` walks (harness/scenarios/order_pipeline.py)."""
    piped = order_pipeline.walk(stage, narrator)
    assert [(r["eventName"], r["dynamodb"]["Keys"]["order_id"]["S"]) for r in piped.records] == [
        ("INSERT", "o-1"),
        ("INSERT", "o-2"),
        ("INSERT", "o-3"),
        ("INSERT", "o-4"),
        ("INSERT", "o-5"),
        ("MODIFY", "o-3"),
    ]
    assert [r["dynamodb"]["Keys"]["order_id"]["S"] for r in piped.passing] == ["o-1", "o-2", "o-4", "o-5"]

    event_ids = {r["dynamodb"]["Keys"]["order_id"]["S"]: r["eventID"] for r in piped.passing}
    assert piped.stats.processed == 2
    assert piped.stats.target_invocations == 3  # the batch, then 2 retries of the two bad records
    assert sorted(piped.stats.dead_lettered) == sorted([event_ids["o-4"], event_ids["o-5"]])

    statuses = {order_id: item["status"] for order_id, item in piped.orders.items()}
    assert statuses == {"o-1": "PROCESSING", "o-2": "PROCESSING", "o-3": "SHIPPED", "o-4": "NEW", "o-5": "NEW"}
    assert piped.orders["o-2"]["customer_name"] == "Alan Turing"
    assert piped.audit == [("o-1", "status#PROCESSING"), ("o-2", "status#PROCESSING")]

    assert sorted(i["eventID"] for i in piped.dead_letters) == sorted([event_ids["o-4"], event_ids["o-5"]])
    assert {i["streamArn"] for i in piped.dead_letters} == {piped.pipe.stream_arn}

    # The processor's own updates are in the stream now, and none comes back through the pipe.
    later = [(r["eventName"], r["dynamodb"]["NewImage"]["status"]["S"]) for r in piped.later]
    assert later == [("MODIFY", "PROCESSING")] * 2
    assert "2 later record(s), 0 passing the filter" in narrator.text
    assert "o-2 PROCESSING customer_name Alan Turing" in narrator.text
