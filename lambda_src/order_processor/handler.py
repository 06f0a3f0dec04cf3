"""Pipes target: mark each enriched new order PROCESSING and write its audit entry, once.

The status change and the audit entry are one DynamoDB transaction, conditional
on the order still being NEW and the entry not existing yet, so a record the
pipe delivers twice changes nothing the second time. Records that cannot be
processed are reported in batchItemFailures by their eventID (what Pipes
expects for stream sources); the pipe retries them and then sends them to its
dead-letter queue, while the rest of the batch succeeds. A cancelled
transaction is read by its cancellation reasons: only a failed condition means
"already processed or no longer NEW"; a conflict or throttling is reported so
the record is retried, and anything else is logged with its reasons and reported.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BasePartialProcessor
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import ClientError

from batch_records import screen
from function_settings import from_env, variable
from observability import logger, tracer
from order_processor.events import EnrichedOrderRecord, UnprocessableOrder

dynamodb = boto3.client("dynamodb")
PROCESSING_ENTRY = "status#PROCESSING"
# Cancellation reasons DynamoDB gives for trouble that passes: the record is retried.
TRANSIENT_CANCELLATIONS = frozenset(
    {"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded"}
)


class TransientOrderError(RuntimeError):
    """The write did not happen for a reason that passes; the pipe retries the record."""


class PipeStreamProcessor(BasePartialProcessor):
    """A partial processor for stream records a pipe delivers to its Lambda target,
    built on Powertools' documented extension point for custom processors.

    Lambda's event source mapping identifies a failed stream record by its
    sequence number; EventBridge Pipes identifies it by eventID. The records are
    typed as what the enrichment made of them. Every failure is logged with its
    reason through the handler's logger.
    """

    def _prepare(self) -> None:
        self.success_messages.clear()
        self.fail_messages.clear()
        self.exceptions.clear()

    def _clean(self) -> None:
        pass  # the response is read from fail_messages; when every record fails, each is reported, never raised

    def _process_record(self, record: dict) -> tuple:
        data = EnrichedOrderRecord(record)
        try:
            return self.success_handler(record=data, result=self.handler(record=data))
        except Exception:
            return self.failure_handler(record=data, exception=sys.exc_info())

    async def _async_process_record(self, record: dict) -> tuple:
        raise NotImplementedError("this processor is synchronous")

    def response(self) -> dict[str, list[dict[str, str]]]:
        return {"batchItemFailures": [{"itemIdentifier": record.event_id} for record in self.fail_messages]}


processor = PipeStreamProcessor(logger=logger)


@dataclass(frozen=True)
class Settings:
    orders_table: str = variable("ORDERS_TABLE")
    audit_table: str = variable("AUDIT_TABLE")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def current_status(orders_table: str, order_id: str) -> str | None:
    item = dynamodb.get_item(TableName=orders_table, Key={"order_id": {"S": order_id}}, ConsistentRead=True)
    return item.get("Item", {}).get("status", {}).get("S")


def cancelled_by_condition(exc: ClientError, order_id: str, event_id: str) -> None:
    """Return when only a condition cancelled the transaction (the order is no longer NEW,
    or its audit entry exists); raise for anything else, so the record is reported."""
    codes = [reason.get("Code", "?") for reason in exc.response.get("CancellationReasons") or []]
    context = {"order_id": order_id, "event_id": event_id, "cancellation_reasons": codes}
    if "ConditionalCheckFailed" in codes and set(codes) <= {"ConditionalCheckFailed", "None"}:
        return
    if codes and set(codes) & TRANSIENT_CANCELLATIONS:
        logger.warning("Transaction cancelled by passing trouble; the record is retried", extra=context)
        raise TransientOrderError(f"transaction cancelled: {', '.join(codes)}")
    logger.error("Transaction cancelled for a reason a retry will not mend", extra=context)
    raise UnprocessableOrder(f"transaction cancelled: {', '.join(codes) or 'no reason given'}")


def record_handler(record: EnrichedOrderRecord) -> str:
    config = settings()
    orders_table, audit_table = config.orders_table, config.audit_table
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
        cancelled_by_condition(exc, order.order_id, record.event_id)
        status = current_status(orders_table, order.order_id)
        if status == "PROCESSING":
            logger.info("Already processed", extra={"order_id": order.order_id, "event_id": record.event_id})
            return "duplicate"
        # Cancelled or changed before we got to it: not ours to move any more.
        logger.warning("Order is no longer NEW; left as it is", extra={"order_id": order.order_id, "status": status})
        return "skipped"
    logger.info("Order processing", extra={"order_id": order.order_id, "customer_id": order.customer_id})
    return "processed"


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: list[dict[str, Any]], context: LambdaContext) -> dict:
    settings()  # a misconfigured function fails the invocation, not each record
    batch, answer = screen(event, "eventID", "Pipes", logger)  # Pipes hands a Lambda target the bare array
    if batch is None:
        return answer
    with processor(batch.records, record_handler, context):
        processor.process()
    return processor.response()
