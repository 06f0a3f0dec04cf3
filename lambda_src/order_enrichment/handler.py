"""Pipes enrichment: add the customer record to each new order.

EventBridge Pipes calls this with the batch of stream records that passed the
pipe's filter and sends what it returns to the target. Pipes has no partial
failure for enrichment, so a record that cannot be enriched is not dropped and
does not fail the batch: it goes on with `enrichment.error`, the processor
reports it as failed, and the pipe retries it and then routes it to its DLQ.
Only trouble that would fail every record (DynamoDB unreachable) raises, so the
pipe retries the whole batch.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import boto3
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from boto3.dynamodb.types import TypeDeserializer

from order_enrichment.orders import MalformedOrder, NewOrder

logger = Logger(service="order-enrichment")
dynamodb = boto3.client("dynamodb")
deserializer = TypeDeserializer()
BATCH_GET_LIMIT = 100  # keys per BatchGetItem call
CUSTOMER_FIELDS = ("customer_id", "name", "email", "tier")


class ConfigurationError(RuntimeError):
    """The function's environment is wrong; every record would fail the same way."""


@functools.cache
def customers_table() -> str:
    table = os.environ.get("CUSTOMERS_TABLE", "")
    if not table:
        raise ConfigurationError("CUSTOMERS_TABLE must be set")
    return table


def parse(record: DynamoDBRecord) -> NewOrder:
    if record.dynamodb is None:
        raise MalformedOrder("record has no dynamodb section")
    return NewOrder.from_image(record.dynamodb.new_image)


def fetch_customers(customer_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Customers by id, read in BatchGetItem pages; unprocessed keys are asked again."""
    found: dict[str, dict[str, Any]] = {}
    ids = sorted(customer_ids)
    for start in range(0, len(ids), BATCH_GET_LIMIT):
        request = {
            customers_table(): {
                "Keys": [{"customer_id": {"S": cid}} for cid in ids[start : start + BATCH_GET_LIMIT]],
                "ProjectionExpression": ", ".join(f"#{f}" for f in CUSTOMER_FIELDS),
                "ExpressionAttributeNames": {f"#{f}": f for f in CUSTOMER_FIELDS},
            }
        }
        while request:
            page = dynamodb.batch_get_item(RequestItems=request)
            for item in page["Responses"].get(customers_table(), []):
                # Strings only: the Lambda runtime cannot serialize the Decimals numbers come back as.
                customer = {key: str(deserializer.deserialize(value)) for key, value in item.items()}
                found[customer["customer_id"]] = customer
            request = page.get("UnprocessedKeys") or {}
    return found


def enrich(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each record, in order, with `enrichment` holding the order and customer, or the error."""
    parsed: list[tuple[dict[str, Any], NewOrder | str]] = []
    for raw in records:
        record = DynamoDBRecord(raw)
        try:
            parsed.append((raw, parse(record)))
        except MalformedOrder as exc:
            logger.error("Malformed order record", extra={"event_id": record.event_id, "reason": exc.reason})
            parsed.append((raw, exc.reason))
    customers = fetch_customers({order.customer_id for _, order in parsed if isinstance(order, NewOrder)})

    enriched = []
    for raw, order in parsed:
        if isinstance(order, str):
            enrichment: dict[str, Any] = {"error": order}
        elif order.customer_id not in customers:
            reason = f"customer {order.customer_id!r} not found"
            logger.error("Order for an unknown customer", extra={"order_id": order.order_id, "reason": reason})
            enrichment = {"error": reason, "order": order.as_dict()}
        else:
            enrichment = {"order": order.as_dict(), "customer": customers[order.customer_id]}
        enriched.append({**raw, "enrichment": enrichment})
    return enriched


@logger.inject_lambda_context
def lambda_handler(event: list[dict[str, Any]], context: LambdaContext) -> list[dict[str, Any]]:
    customers_table()  # a misconfigured function fails the invocation, not each record
    if not isinstance(event, list) or not all(isinstance(record, dict) for record in event):
        logger.error("Not a Pipes batch: expected a JSON array of stream records", extra={"got": type(event).__name__})
        return []
    enriched = enrich(event)
    logger.info(
        "Enriched batch", extra={"records": len(event), "errors": sum("error" in r["enrichment"] for r in enriched)}
    )
    return enriched
