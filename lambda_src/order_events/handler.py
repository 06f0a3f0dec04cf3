"""Order events from a subscriber's SQS queue into the consumer's table, once each.

Records are handled one by one with Powertools' batch processor: a malformed or
failing record is reported in batchItemFailures (SQS redelivers it, and after
max_receive_count moves it to the dead-letter queue) while the rest of the batch
succeeds. From a FIFO queue, Powertools' FIFO processor keeps each message group
in order: after a failure, the group's later messages are reported too, not
processed ahead of it. The write is conditional on the (consumer, event id) key,
so a redelivered message never writes twice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

import boto3
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    SqsFifoPartialProcessor,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import ClientError

from batch_records import screen
from function_settings import from_env, variable
from observability import logger, tracer
from order_events.events import MalformedOrderEvent, OrderEvent

# Each processor logs every failed record with its reason through our logger.
# When every record fails, report them all rather than raise: SQS retries each
# either way, and the invocation does not crash.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False, logger=logger)
# A failed message holds back only the later messages of its own group.
fifo_processor = SqsFifoPartialProcessor(skip_group_on_error=True, logger=logger)
fifo_processor.raise_on_entire_batch_failure = False
dynamodb = boto3.client("dynamodb")


@dataclass(frozen=True)
class Settings:
    processed_table: str = variable("PROCESSED_TABLE")
    consumer_name: str = variable("CONSUMER_NAME")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def record_handler(record: SQSRecord) -> str:
    config = settings()
    table, consumer = config.processed_table, config.consumer_name
    try:
        event = OrderEvent.from_body(record.body)
    except MalformedOrderEvent as exc:
        logger.error("Malformed order event", extra={"message_id": record.message_id, "reason": exc.reason})
        raise
    item = {
        "pk": {"S": f"{consumer}#{event.event_id}"},
        "consumer": {"S": consumer},
        "event_id": {"S": event.event_id},
        "order_id": {"S": event.order_id},
        "status": {"S": event.status},
        "amount": {"N": str(event.amount)},
        "currency": {"S": event.currency},
        "message_id": {"S": record.message_id},
        "processed_at": {"S": datetime.now(UTC).isoformat()},
    }
    try:
        dynamodb.put_item(TableName=table, Item=item, ConditionExpression="attribute_not_exists(pk)")
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise  # transient or permission trouble: report the record, SQS retries it
        logger.info("Already processed", extra={"event_id": event.event_id, "message_id": record.message_id})
        return "duplicate"
    logger.info("Processed", extra={"event_id": event.event_id, "order_id": event.order_id, "status": event.status})
    return "processed"


def is_fifo(records: list[dict]) -> bool:
    """One mapping reads one queue: the first record's source names it."""
    return bool(records) and str(records[0].get("eventSourceARN", "")).endswith(".fifo")


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    settings()  # a misconfigured function fails the invocation, not each record
    batch, answer = screen(event.get("Records") if isinstance(event, dict) else event, "messageId", "SQS", logger)
    if batch is None:
        return answer
    chosen = fifo_processor if is_fifo(batch.records) else processor
    return process_partial_response(event=event, record_handler=record_handler, processor=chosen, context=context)
