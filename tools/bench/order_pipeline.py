"""The order pipeline: enrichment + processing records per second on 10,000 DynamoDB stream
records in the pipe's batches of 10, in-process against the emulator's tables (one
BatchGetItem per batch, one transaction per record)."""

from __future__ import annotations

import time

from harness.emulators.servers import patched_environ
from tools.bench import Context, measurement
from tools.bench.common import load_deployed


def pipeline_throughput(
    records: int = 10_000, batch: int = 10, customers: int = 100, chunk: int = 50
) -> tuple[float, float, float]:
    """Records per second through enrichment then processor, and each stage's share of the time."""
    import uuid
    from decimal import Decimal

    import boto3

    from harness.runtime.events import LambdaContext, dynamodb_stream_record

    suffix = uuid.uuid4().hex[:6]
    names = {
        "orders": f"bench-orders-{suffix}",
        "customers": f"bench-customers-{suffix}",
        "audit": f"bench-audit-{suffix}",
    }
    keys = {"orders": ["order_id"], "customers": ["customer_id"], "audit": ["order_id", "entry"]}
    dynamodb = boto3.resource("dynamodb")
    for table, key_names in keys.items():
        dynamodb.create_table(
            TableName=names[table],
            AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in key_names],
            KeySchema=[{"AttributeName": k, "KeyType": t} for k, t in zip(key_names, ("HASH", "RANGE"), strict=False)],
            BillingMode="PAY_PER_REQUEST",
        )
    with dynamodb.Table(names["customers"]).batch_writer() as writer:
        for c in range(customers):
            writer.put_item(Item={"customer_id": f"c-{c}", "name": f"Customer {c}", "email": f"{c}@example.com"})
    orders, audit = dynamodb.Table(names["orders"]), dynamodb.Table(names["audit"])

    load_deployed("order_enrichment", "order_processor")
    environment = {
        "CUSTOMERS_TABLE": names["customers"],
        "ORDERS_TABLE": names["orders"],
        "AUDIT_TABLE": names["audit"],
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
    with patched_environ(environment):
        from order_enrichment.handler import lambda_handler as enrich
        from order_processor.handler import lambda_handler as process

        enriching = processing = 0.0
        # moto deep-copies each table a transaction touches (its rollback), an emulator
        # cost that grows with the data; orders are written and cleared in chunks
        # outside the timing so the figure is the handlers' and a small table's.
        for chunk_start in range(0, records, chunk):
            images = [
                {"order_id": f"o-{i}", "customer_id": f"c-{i % customers}", "status": "NEW",
                 "amount": Decimal("9.99"), "currency": "EUR"}
                for i in range(chunk_start, min(chunk_start + chunk, records))
            ]  # fmt: skip
            with orders.batch_writer() as writer:
                for image in images:
                    writer.put_item(Item=image)
            stream = [dynamodb_stream_record("INSERT", {"order_id": im["order_id"]}, new_image=im) for im in images]
            for start in range(0, len(stream), batch):
                started = time.perf_counter()
                enriched = enrich(stream[start : start + batch], LambdaContext("bench-enrichment"))
                middle = time.perf_counter()
                assert process(enriched, LambdaContext("bench-processor")) == {"batchItemFailures": []}
                enriching, processing = enriching + middle - started, processing + time.perf_counter() - middle
            with orders.batch_writer() as order_writer, audit.batch_writer() as audit_writer:
                for image in images:
                    order_writer.delete_item(Key={"order_id": image["order_id"]})
                    audit_writer.delete_item(Key={"order_id": image["order_id"], "entry": "status#PROCESSING"})
    total = enriching + processing
    return records / total, enriching / total, processing / total


@measurement("order pipeline: 10,000 stream records in batches of 10, enrichment then processor, in-process",
             needs=("moto",))  # fmt: skip
def measure(context: Context) -> None:
    with patched_environ(context.emulator.env):
        rate, enriching, processing = pipeline_throughput()
    print(f"    {rate:,.0f} records/s end to end (enrichment {enriching:.0%} of the time, "
          f"processor {processing:.0%}): one BatchGetItem per batch, one transaction per record")  # fmt: skip
