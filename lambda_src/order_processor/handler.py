"""Pipes target: mark each enriched new order PROCESSING and write its audit entry, once.

The status change and the audit entry are one DynamoDB transaction, conditional
on the order still being NEW and the entry not existing yet, so a record the
pipe delivers twice changes nothing the second time. Records that cannot be
processed are reported in batchItemFailures by their eventID (what Pipes
expects for stream sources); the pipe retries them and then sends them to its
dead-letter queue, while the rest of the batch succeeds.
"""

from __future__ import annotations

import functools
import os
from datetime import UTC, datetime
from typing import Any

import boto3
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import ClientError

from order_processor.events import EnrichedOrderRecord, UnprocessableOrder

logger = Logger(service="order-processor")
dynamodb = boto3.client("dynamodb")
PROCESSING_ENTRY = "status#PROCESSING"


class PipeStreamBatchProcessor(BatchProcessor):
    """Powertools' DynamoDB Streams processor for a Pipes target.

    Lambda's event source mapping identifies a failed stream record by its
    sequence number; EventBridge Pipes identifies it by eventID. The records are
    also typed as what the enrichment made of them.
    """

    def __init__(self) -> None:
        # When every record fails, report them all rather than raise: the pipe retries each either way.
        super().__init__(event_type=EventType.DynamoDBStreams, raise_on_entire_batch_failure=False)
        self._DATA_CLASS_MAPPING[EventType.DynamoDBStreams] = EnrichedOrderRecord

    def _collect_dynamodb_failures(self) -> list[dict[str, str]]:
        return [{"itemIdentifier": record.event_id} for record in self.fail_messages]


processor = PipeStreamBatchProcessor()


class ConfigurationError(RuntimeError):
    """The function's environment is wrong; every record would fail the same way."""


@functools.cache
def settings() -> tuple[str, str]:
    orders, audit = os.environ.get("ORDERS_TABLE", ""), os.environ.get("AUDIT_TABLE", "")
    if not orders or not audit:
        raise ConfigurationError("ORDERS_TABLE and AUDIT_TABLE must be set")
    return orders, audit


def current_status(orders_table: str, order_id: str) -> str | None:
    item = dynamodb.get_item(TableName=orders_table, Key={"order_id": {"S": order_id}}, ConsistentRead=True)
    return item.get("Item", {}).get("status", {}).get("S")


def record_handler(record: EnrichedOrderRecord) -> str:
    orders_table, audit_table = settings()
    try:
        order = record.enriched_order
    except UnprocessableOrder as exc:
        logger.error("Unprocessable order record", extra={"event_id": record.event_id, "reason": exc.reason})
        raise
    now = datetime.now(UTC).isoformat()
    try:
        dynamodb.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": orders_table,
                        "Key": {"order_id": {"S": order.order_id}},
                        "UpdateExpression": "SET #status = :processing, customer_name = :name, "
                        "customer_email = :email, processing_since = :now",
                        "ConditionExpression": "#status = :new",
                        "ExpressionAttributeNames": {"#status": "status"},
                        "ExpressionAttributeValues": {
                            ":processing": {"S": "PROCESSING"},
                            ":new": {"S": "NEW"},
                            ":name": {"S": order.customer_name},
                            ":email": {"S": order.customer_email},
                            ":now": {"S": now},
                        },
                    }
                },
                {
                    "Put": {
                        "TableName": audit_table,
                        "Item": {
                            "order_id": {"S": order.order_id},
                            "entry": {"S": PROCESSING_ENTRY},
                            "from_status": {"S": "NEW"},
                            "to_status": {"S": "PROCESSING"},
                            "customer_id": {"S": order.customer_id},
                            "amount": {"N": str(order.amount)},
                            "currency": {"S": order.currency},
                            "stream_event_id": {"S": record.event_id},
                            "at": {"S": now},
                        },
                        "ConditionExpression": "attribute_not_exists(order_id)",
                    }
                },
            ]
        )
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
            raise  # transient or permission trouble: report the record, the pipe retries it
        status = current_status(orders_table, order.order_id)
        if status == "PROCESSING":
            logger.info("Already processed", extra={"order_id": order.order_id, "event_id": record.event_id})
            return "duplicate"
        # Cancelled or changed before we got to it: not ours to move any more.
        logger.warning("Order is no longer NEW; left as it is", extra={"order_id": order.order_id, "status": status})
        return "skipped"
    logger.info("Order processing", extra={"order_id": order.order_id, "customer_id": order.customer_id})
    return "processed"


@logger.inject_lambda_context
def lambda_handler(event: list[dict[str, Any]], context: LambdaContext) -> dict:
    settings()  # a misconfigured function fails the invocation, not each record
    if not isinstance(event, list) or not all(isinstance(record, dict) for record in event):
        logger.error("Not a Pipes batch: expected a JSON array of records", extra={"got": type(event).__name__})
        return {"batchItemFailures": []}
    # Pipes hands a Lambda target the bare array; Powertools reads it under "Records".
    return process_partial_response(
        event={"Records": event}, record_handler=record_handler, processor=processor, context=context
    )
