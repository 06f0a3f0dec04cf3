"""examples/order-pipeline applied on the emulator, then orders written and followed through.

moto stores the pipe and produces the table's stream records but runs neither the
pipe nor the functions. harness/runtime/pipes.py does the pipe's job on the records moto
produced: its filter is judged by EventBridge's TestEventPattern (on LocalStack,
as moto lacks it), and the enrichment and processor handlers run in-process with
their deployed environments on the batches the pipe would deliver.
"""

from __future__ import annotations

import json
from decimal import Decimal

import boto3
import pytest

from harness.runtime.functions import deployed_handler
from harness.runtime.pipes import StreamPipe, passes_filter, read_stream, run

pytestmark = pytest.mark.apply

CUSTOMERS = [
    {"customer_id": "c-1", "name": "Ada Lovelace", "email": "ada@example.com", "tier": "gold"},
    {"customer_id": "c-2", "name": "Alan Turing", "email": "alan@example.com", "tier": "silver"},
]


def order(order_id: str, customer_id: str, status: str = "NEW", **extra) -> dict:
    return {"order_id": order_id, "customer_id": customer_id, "status": status, "currency": "EUR", **extra}


ORDERS = [
    order("o-1", "c-1", amount=Decimal("19.90")),
    order("o-2", "c-2", amount=Decimal("5")),
    order("o-3", "c-1", status="PAID", amount=Decimal("7")),  # not NEW: the pipe's filter drops it
    order("o-4", "c-9", amount=Decimal("3")),  # unknown customer: retried, then dead-lettered
    order("o-5", "c-2"),  # no amount: malformed, retried, then dead-lettered
]


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


def test_new_orders_are_enriched_processed_and_bad_ones_dead_lettered(applied, pipe, localstack):
    ddb = boto3.resource("dynamodb")
    customers, orders = (
        ddb.Table(applied.outputs["customers_table_name"]),
        ddb.Table(applied.outputs["orders_table_name"]),
    )
    for customer in CUSTOMERS:
        customers.put_item(Item=customer)
    for item in ORDERS:
        orders.put_item(Item=item)
    # A later change to an order is a MODIFY: never the pipe's business.
    orders.update_item(
        Key={"order_id": "o-3"},
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": "SHIPPED"},
    )

    records = pipe.records()  # as the pipe's role
    assert [(r["eventName"], r["dynamodb"]["Keys"]["order_id"]["S"]) for r in records] == [
        ("INSERT", "o-1"),
        ("INSERT", "o-2"),
        ("INSERT", "o-3"),
        ("INSERT", "o-4"),
        ("INSERT", "o-5"),
        ("MODIFY", "o-3"),
    ]
    events = localstack.client("events")
    passing = [r for r in records if passes_filter(pipe.filter_patterns, r, events)]
    assert [r["dynamodb"]["Keys"]["order_id"]["S"] for r in passing] == ["o-1", "o-2", "o-4", "o-5"]

    with (
        deployed_handler(applied.outputs["enrichment_function_name"]) as enrichment,
        deployed_handler(applied.outputs["processor_function_name"]) as processor,
    ):
        stats = run(
            pipe,
            passing,
            target=processor,
            enrichment=enrichment,
            dead_letter_queue_url=applied.outputs["pipe_dead_letter_queue_url"],
        )

    event_ids = {r["dynamodb"]["Keys"]["order_id"]["S"]: r["eventID"] for r in passing}
    assert stats.processed == 2
    assert stats.target_invocations == 3  # the batch, then 2 retries of the two bad records
    assert sorted(stats.dead_lettered) == sorted([event_ids["o-4"], event_ids["o-5"]])

    statuses = {item["order_id"]: item["status"] for item in orders.scan()["Items"]}
    assert statuses == {"o-1": "PROCESSING", "o-2": "PROCESSING", "o-3": "SHIPPED", "o-4": "NEW", "o-5": "NEW"}
    assert orders.get_item(Key={"order_id": "o-2"})["Item"]["customer_name"] == "Alan Turing"
    audit = ddb.Table(applied.outputs["audit_table_name"]).scan()["Items"]
    assert sorted((a["order_id"], a["entry"]) for a in audit) == [
        ("o-1", "status#PROCESSING"),
        ("o-2", "status#PROCESSING"),
    ]

    sqs = boto3.client("sqs")
    dead = sqs.receive_message(QueueUrl=applied.outputs["pipe_dead_letter_queue_url"], MaxNumberOfMessages=10)
    infos = [json.loads(m["Body"])["DDBStreamBatchInfo"] for m in dead.get("Messages", [])]
    assert sorted(i["eventID"] for i in infos) == sorted([event_ids["o-4"], event_ids["o-5"]])
    assert {i["streamArn"] for i in infos} == {pipe.stream_arn}

    # The processor's own updates are in the stream now, and none comes back through the pipe.
    later = read_stream(pipe.stream_arn)[len(records) :]
    assert [(r["eventName"], r["dynamodb"]["NewImage"]["status"]["S"]) for r in later] == [("MODIFY", "PROCESSING")] * 2
    assert not [r for r in later if passes_filter(pipe.filter_patterns, r, events)]
