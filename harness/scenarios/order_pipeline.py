"""examples/order-pipeline: orders written to a table flow through an EventBridge Pipe: the NEW
ones pass its filter, an enrichment function adds the customer, the processor records them,
and the ones that keep failing land in the pipe's dead-letter queue.

moto stores the pipe and produces the table's stream records but runs neither the pipe nor
the functions. harness/runtime/pipes.py does the pipe's job, as the pipe's role, on the
records moto produced: its filter judged by EventBridge's TestEventPattern (on LocalStack, as
moto lacks it), the enrichment and processor handlers run in-process as their roles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

import boto3

from harness.runtime.functions import deployed_handler
from harness.runtime.pipes import PipeRun, StreamPipe, passes_filter, read_stream, run
from harness.scenarios import Narrator, Stage

USE_CASE = "new orders flow from a table's stream through a filtering, enriching pipe (DynamoDB -> Pipes -> Lambda)"
EMULATOR = "moto"

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


def _order_id(record: dict) -> str:
    return record["dynamodb"]["Keys"]["order_id"]["S"]


@dataclass
class Piped:
    pipe: StreamPipe
    records: list[dict] = field(default_factory=list)  # the stream's records after the writes
    passing: list[dict] = field(default_factory=list)  # those the pipe's filter admits
    stats: PipeRun | None = None
    orders: dict[str, dict] = field(default_factory=dict)  # order id -> its item afterwards
    audit: list[tuple[str, str]] = field(default_factory=list)
    dead_letters: list[dict] = field(default_factory=list)  # DDBStreamBatchInfo of each DLQ message
    later: list[dict] = field(default_factory=list)  # stream records the processor's own writes made


def walk(stage: Stage, say: Narrator) -> Piped:
    out = stage.outputs
    pipe = StreamPipe.describe(out["pipe_name"])
    ddb = boto3.resource("dynamodb")
    customers, orders = ddb.Table(out["customers_table_name"]), ddb.Table(out["orders_table_name"])
    result = Piped(pipe)

    say.step(f"The order service writes {len(ORDERS)} orders to {out['orders_table_name']}, then ships o-3")
    for customer in CUSTOMERS:
        customers.put_item(Item=customer)
    for item in ORDERS:
        orders.put_item(Item=item)
        say.detail(
            f"{item['order_id']} customer {item['customer_id']} {item['status']} amount {item.get('amount', '-')}"
        )
    # A later change to an order is a MODIFY: never the pipe's business.
    orders.update_item(
        Key={"order_id": "o-3"},
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": "SHIPPED"},
    )

    say.step(f"The pipe reads the table's stream (as its role) and applies its filter {pipe.filter_patterns}")
    events = stage.service("localstack").client("events")
    result.records = pipe.records()
    result.passing = [r for r in result.records if passes_filter(pipe.filter_patterns, r, events)]
    for record in result.records:
        verdict = "passes" if record in result.passing else "filtered out"
        say.detail(f"{record['eventName']:6} {_order_id(record)}: {verdict}")

    say.step("Enrichment adds the customer; the processor records each order (in-process, as their roles)")
    with (
        deployed_handler(out["enrichment_function_name"]) as enrichment,
        deployed_handler(out["processor_function_name"]) as processor,
    ):
        result.stats = run(
            pipe, result.passing, target=processor, enrichment=enrichment,
            dead_letter_queue_url=out["pipe_dead_letter_queue_url"],
        )  # fmt: skip
    by_event = {r["eventID"]: _order_id(r) for r in result.passing}
    say.detail(
        f"{result.stats.processed} processed in {result.stats.target_invocations} target invocation(s); "
        f"dead-lettered after the retries: {sorted(by_event[e] for e in result.stats.dead_lettered)}"
    )
    result.orders = {item["order_id"]: item for item in orders.scan()["Items"]}
    for order_id, item in sorted(result.orders.items()):
        say.detail(f"{order_id} {item['status']:10} customer_name {item.get('customer_name', '-')}")
    audit = ddb.Table(out["audit_table_name"]).scan()["Items"]
    result.audit = sorted((a["order_id"], a["entry"]) for a in audit)
    say.detail(f"audit entries: {result.audit}")

    say.step(f"The pipe's dead-letter queue: {out['pipe_dead_letter_queue_url']}")
    sqs = boto3.client("sqs")
    dead = sqs.receive_message(QueueUrl=out["pipe_dead_letter_queue_url"], MaxNumberOfMessages=10)
    result.dead_letters = [json.loads(m["Body"])["DDBStreamBatchInfo"] for m in dead.get("Messages", [])]
    for info in result.dead_letters:
        say.detail(f"event {info['eventID']} ({by_event.get(info['eventID'], '?')}) of {info['streamArn']}")

    say.step("The processor's own updates are in the stream too, and the filter keeps them out of the pipe")
    result.later = read_stream(pipe.stream_arn)[len(result.records) :]
    back = [r for r in result.later if passes_filter(pipe.filter_patterns, r, events)]
    say.detail(f"{len(result.later)} later record(s), {len(back)} passing the filter")
    return result
