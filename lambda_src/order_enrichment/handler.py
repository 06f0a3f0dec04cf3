"""Pipes enrichment: add the customer record to each new order.

EventBridge Pipes calls this with the batch of stream records that passed the
pipe's filter and sends what it returns to the target. Pipes has no partial
failure for enrichment, so a record that cannot be enriched is not dropped and
does not fail the batch: it goes on with `enrichment.error`, the processor
reports it as failed, and the pipe retries it and then routes it to its DLQ.
Keys DynamoDB leaves unprocessed (throttling) are asked again with bounded
exponential backoff and full jitter; customers still unread after the last try
mark their records with an error, so they are reported and retried like any
other failed record. Only trouble that would fail every record (DynamoDB
unreachable) raises, so the pipe retries the whole batch.
"""

from __future__ import annotations

import decimal
import functools
import random
import time
from dataclasses import dataclass
from typing import Any

import boto3
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from boto3.dynamodb.types import TypeDeserializer

from batch_records import NotABatch, read_batch
from function_settings import from_env, variable
from observability import logger, tracer
from order_enrichment.orders import MalformedOrder, NewOrder

dynamodb = boto3.client("dynamodb")
deserializer = TypeDeserializer()
BATCH_GET_LIMIT = 100  # keys per BatchGetItem call
CUSTOMER_FIELDS = ("customer_id", "name", "email", "tier")
# Unprocessed keys: at most this many BatchGetItem calls per page, sleeping a random
# time up to base * 2**attempt (capped) between them: "full jitter".
BATCH_GET_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 0.05
BACKOFF_CAP_SECONDS = 2.0
UNREAD = "customer lookup was throttled; the record is retried"
sleep = time.sleep  # the tests replace it to count and skip the waits


@dataclass(frozen=True)
class Settings:
    customers_table: str = variable("CUSTOMERS_TABLE")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def parse(record: DynamoDBRecord) -> NewOrder:
    try:
        if record.dynamodb is None:
            raise MalformedOrder("record has no dynamodb section")
        image = record.dynamodb.new_image
    except MalformedOrder:
        raise
    except (decimal.DecimalException, TypeError, KeyError, AttributeError, ValueError) as exc:
        # A number DynamoDB cannot hold (NaN, 39 digits) or a mangled attribute value.
        raise MalformedOrder(f"NewImage cannot be read: {type(exc).__name__}") from None
    return NewOrder.from_image(image)


def backoff(attempt: int) -> float:
    return random.uniform(0, min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2**attempt))  # noqa: S311 (jitter)


def fetch_customers(customer_ids: set[str]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Customers by id, read in BatchGetItem pages, and the ids still unread after the last retry."""
    found: dict[str, dict[str, Any]] = {}
    unread: set[str] = set()
    ids = sorted(customer_ids)
    for start in range(0, len(ids), BATCH_GET_LIMIT):
        request = {
            settings().customers_table: {
                "Keys": [{"customer_id": {"S": cid}} for cid in ids[start : start + BATCH_GET_LIMIT]],
                "ProjectionExpression": ", ".join(f"#{f}" for f in CUSTOMER_FIELDS),
                "ExpressionAttributeNames": {f"#{f}": f for f in CUSTOMER_FIELDS},
            }
        }
        for attempt in range(BATCH_GET_ATTEMPTS):
            if attempt:
                sleep(backoff(attempt))
            page = dynamodb.batch_get_item(RequestItems=request)
            for item in page["Responses"].get(settings().customers_table, []):
                # Strings only: the Lambda runtime cannot serialize the Decimals numbers come back as.
                customer = {key: str(deserializer.deserialize(value)) for key, value in item.items()}
                found[customer["customer_id"]] = customer
            request = page.get("UnprocessedKeys") or {}
            if not request:
                break
        else:
            left = {key["customer_id"]["S"] for key in request[settings().customers_table]["Keys"]}
            logger.warning("Customers still unread after retries", extra={"customers": len(left)})
            unread |= left
    return found, unread


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
    customers, unread = fetch_customers({order.customer_id for _, order in parsed if isinstance(order, NewOrder)})

    enriched = []
    for raw, order in parsed:
        if isinstance(order, str):
            enrichment: dict[str, Any] = {"error": order}
        elif order.customer_id in unread:
            enrichment = {"error": UNREAD, "order": order.as_dict()}
        elif order.customer_id not in customers:
            reason = f"customer {order.customer_id!r} not found"
            logger.error("Order for an unknown customer", extra={"order_id": order.order_id, "reason": reason})
            enrichment = {"error": reason, "order": order.as_dict()}
        else:
            enrichment = {"order": order.as_dict(), "customer": customers[order.customer_id]}
        enriched.append({**raw, "enrichment": enrichment})
    return enriched


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: list[dict[str, Any]], context: LambdaContext) -> list[dict[str, Any]]:
    settings()  # a misconfigured function fails the invocation, not each record
    try:
        batch = read_batch(event, "eventID")
    except NotABatch as exc:
        logger.error("Not a Pipes batch: expected a JSON array of stream records", extra={"reason": exc.reason})
        return []
    if batch.rejected:
        # Pipes has no partial failure for enrichment: every record goes on marked, and the
        # processor, which cannot tell the malformed ones apart either, has the whole batch retried.
        logger.error("Malformed stream records; the whole batch is retried", extra={"reasons": batch.rejected})
        reason = f"batch holds {len(batch.rejected)} malformed record(s)"
        return [{**raw, "enrichment": {"error": reason}} if isinstance(raw, dict) else raw for raw in event]
    if not batch.records:
        logger.warning("Empty Pipes batch: nothing to enrich")
        return []
    enriched = enrich(event)
    logger.info(
        "Enriched batch", extra={"records": len(event), "errors": sum("error" in r["enrichment"] for r in enriched)}
    )
    return enriched
