"""S3 events for images under a prefix, through an SQS queue -> labels in DynamoDB.

Each SQS message holds one S3 event notification; Powertools' batch processor handles
the messages one by one and reports the ones that fail in batchItemFailures, so SQS
redelivers only those (and, after the queue's maxReceiveCount, moves them to its
dead-letter queue) while the rest of the batch is done.

- ObjectCreated: an object over 15 MB, or one that is not JPEG or PNG by its first
  bytes, is recorded as REJECTED with the reason, before any Rekognition call. The rest
  go to DetectLabels on the S3 object (this version), and the image item and its index
  entries replace the previous ones in one transaction.
- ObjectRemoved: the image item and its index entries are deleted once the object is gone
  (no object, or a delete marker current). A version deleted for good that was not the
  labelled one changes nothing; when another version is current after a delete (a delete
  marker removed: the image is back), that version is labelled.
- Every event is checked against the object as S3 holds it when handled (HeadObject): S3
  does not order its events, so an upload's event after its delete, or a delete handled
  before its upload, leaves no labels on an image that is gone, and an upload's event for a
  version since overwritten labels the current one. Every write is conditional on what was
  read (the S3 sequencer of the event that made the item): an event delivered twice, or
  arriving after a later one, changes nothing. An empty object is rejected with its reason.
- Throttling and service errors are retried by botocore with backoff and jitter; when
  they persist the message is reported and retried by SQS.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote_plus

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes import S3Event
from aws_lambda_powertools.utilities.data_classes.s3_event import S3EventRecord
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import ClientError

from function_settings import ConfigurationError, from_env, variable
from image_labels.labels import (
    IMAGE_SORT_KEY,
    MAX_LABELS_LIMIT,
    MAX_S3_OBJECT_BYTES,
    Labeled,
    image_format,
    image_item,
    image_pk,
    index_entry,
    label_pk,
    later,
    rejected_item,
)
from observability import logger, tracer

processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False, logger=logger)
# Standard retry mode: throttling and 5xx answers are retried with exponential backoff and jitter.
RETRIES = Config(retries={"mode": "standard", "max_attempts": 5})
s3 = boto3.client("s3", config=RETRIES)
rekognition = boto3.client("rekognition", config=RETRIES)
dynamodb = boto3.client("dynamodb", config=RETRIES)
serializer, deserializer = TypeSerializer(), TypeDeserializer()

# What Rekognition says about an object it will never label: recorded, not retried.
REJECTED_BY_REKOGNITION = {
    "InvalidImageFormatException",
    "ImageTooLargeException",
    "InvalidS3ObjectException",
    "InvalidParameterException",
}
OBJECT_GONE = {"NoSuchKey", "NoSuchVersion", "404"}


class WrittenMeanwhile(RuntimeError):
    """Another invocation changed the image between our read and our write: SQS retries this one."""


@dataclass(frozen=True)
class Settings:
    table: str = variable("LABELS_TABLE")
    source_prefix: str = variable("SOURCE_PREFIX", "images/")
    max_labels: int = variable("MAX_LABELS", 20)
    min_confidence: float = variable("MIN_CONFIDENCE", 80.0)

    def __post_init__(self) -> None:
        if not 1 <= self.max_labels <= MAX_LABELS_LIMIT:
            raise ConfigurationError(f"MAX_LABELS must be 1-{MAX_LABELS_LIMIT}, got {self.max_labels}")
        if not 0 <= self.min_confidence <= 100:
            raise ConfigurationError(f"MIN_CONFIDENCE must be 0-100, got {self.min_confidence}")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def current_image(cfg: Settings, key: str) -> dict | None:
    found = dynamodb.get_item(
        TableName=cfg.table, Key=_typed({"pk": image_pk(key), "sk": IMAGE_SORT_KEY}), ConsistentRead=True
    )
    return _plain(found["Item"]) if "Item" in found else None


def _typed(item: dict) -> dict:
    return {name: serializer.serialize(value) for name, value in item.items()}


def _plain(item: dict) -> dict:
    return {name: deserializer.deserialize(value) for name, value in item.items()}


def _entry_keys(image: dict | None) -> set[str]:
    return {label_pk(label) for label in (image or {}).get("confidence", {})}


def _image_condition(current: dict | None) -> dict:
    """The image is written only over what we read: nothing, or the item with that sequencer."""
    if current is None:
        return {"ConditionExpression": "attribute_not_exists(pk)"}
    return {
        "ConditionExpression": "sequencer = :seen",
        "ExpressionAttributeValues": {":seen": {"S": current["sequencer"]}},
    }


def _transact(cfg: Settings, key: str, actions: list[dict]) -> None:
    try:
        dynamodb.transact_write_items(TransactItems=actions)
    except ClientError as exc:
        reasons = exc.response.get("CancellationReasons") or []
        if (
            exc.response["Error"]["Code"] == "TransactionCanceledException"
            and reasons[:1]
            and reasons[0].get("Code") == "ConditionalCheckFailed"
        ):
            raise WrittenMeanwhile(f"{key} was written by another invocation meanwhile") from None
        raise


def replace(cfg: Settings, key: str, current: dict | None, item: dict, entries: list[dict]) -> None:
    """Write the image item and its index entries, deleting entries of labels it lost."""
    actions = [{"Put": {"TableName": cfg.table, "Item": _typed(item), **_image_condition(current)}}]
    kept = {entry["pk"] for entry in entries}
    actions += [
        {"Delete": {"TableName": cfg.table, "Key": _typed({"pk": pk, "sk": key})}}
        for pk in sorted(_entry_keys(current) - kept)
    ]
    actions += [{"Put": {"TableName": cfg.table, "Item": _typed(entry)}} for entry in entries]
    _transact(cfg, key, actions)


def remove(cfg: Settings, key: str, sequencer: str, whatever_wrote_it: bool = False) -> str:
    """Delete the image's item and entries: those read now, written by an earlier event unless
    the object is known to be gone whatever event wrote them."""
    current = current_image(cfg, key)
    if current is None:
        return "nothing to remove"
    if not whatever_wrote_it and not later(sequencer, current.get("sequencer")):
        return "the image was written after this delete"
    actions = [
        {
            "Delete": {
                "TableName": cfg.table,
                "Key": _typed({"pk": image_pk(key), "sk": IMAGE_SORT_KEY}),
                **_image_condition(current),
            }
        }
    ]
    actions += [
        {"Delete": {"TableName": cfg.table, "Key": _typed({"pk": pk, "sk": key})}}
        for pk in sorted(_entry_keys(current))
    ]
    _transact(cfg, key, actions)
    return "removed"


def reject(
    cfg: Settings, key: str, current: dict | None, reason: str, sequencer: str, version_id: str | None = None
) -> str:
    created = (current or {}).get("created_at") or now()
    replace(cfg, key, current, rejected_item(key, reason, sequencer, now(), created, version_id), [])
    logger.warning("Image rejected", extra={"key": key, "reason": reason})
    return "rejected"


_UNREAD = object()


def label(
    cfg: Settings,
    bucket: str,
    key: str,
    version_id: str | None,
    size: int,
    sequencer: str,
    current: dict | None | object = _UNREAD,
) -> str:
    if current is _UNREAD:
        current = current_image(cfg, key)
        if current is not None and not later(sequencer, current.get("sequencer")):
            return "already applied, or a later event has been"
    if size == 0:  # S3 answers a ranged GET of an empty object with InvalidRange
        return reject(cfg, key, current, "an empty object (0 bytes) is no image", sequencer, version_id)
    if size > MAX_S3_OBJECT_BYTES:
        return reject(
            cfg, key, current, f"{size} bytes is over Rekognition's 15 MB limit for S3 images", sequencer, version_id
        )
    s3_object = {"Bucket": bucket, "Name": key, **({"Version": version_id} if version_id else {})}
    request = {"Bucket": bucket, "Key": key, "Range": "bytes=0-15", **({"VersionId": version_id} if version_id else {})}
    try:
        head = s3.get_object(**request)["Body"].read()
    except ClientError as exc:
        if exc.response["Error"]["Code"] in OBJECT_GONE:
            return "the object is gone (its ObjectRemoved event cleans up)"
        raise
    found = image_format(head)
    if found is None:
        return reject(
            cfg, key, current, "not a JPEG or PNG by its bytes: Rekognition takes nothing else", sequencer, version_id
        )
    try:
        response = rekognition.detect_labels(
            Image={"S3Object": s3_object}, MaxLabels=cfg.max_labels, MinConfidence=cfg.min_confidence
        )
    except ClientError as exc:
        code = exc.response["Error"]["Code"]
        if code in REJECTED_BY_REKOGNITION:
            return reject(
                cfg,
                key,
                current,
                f"Rekognition refused it: {code}: {exc.response['Error'].get('Message', '')}",
                sequencer,
                version_id,
            )
        raise  # throttling or an outage after botocore's retries: SQS retries the message
    labeled = Labeled.from_response(response)
    created = (current or {}).get("created_at") or now()
    item = image_item(key, labeled, sequencer, version_id, now(), created)
    entries = [index_entry(key, name, confidence) for name, confidence in sorted(labeled.labels.items())]
    replace(cfg, key, current, item, entries)
    logger.info("Image labeled", extra={"key": key, "format": found, "labels": sorted(labeled.labels)})
    return "labeled"


@dataclass(frozen=True)
class Present:
    """The object as S3 holds it now: its current version (None on an unversioned bucket)."""

    version_id: str | None
    size: int


def present(bucket: str, key: str) -> Present | None:
    """The object now, or None when it is gone (no object, or a delete marker is current)."""
    try:
        head = s3.head_object(Bucket=bucket, Key=key)
    except ClientError as exc:
        if exc.response["Error"]["Code"] in OBJECT_GONE:
            return None
        raise
    version = head.get("VersionId")
    return Present(None if version in (None, "null") else version, head["ContentLength"])


def handle(record: S3EventRecord, cfg: Settings) -> str:
    """The labels follow the object as S3 holds it when the event is handled, not the event
    alone: S3 does not order its events, and on a versioned bucket an event may concern a
    version that is not (or no longer) the one a reader sees."""
    key = unquote_plus(record.s3.get_object.key)  # S3 URL-encodes keys in events
    if not key.startswith(cfg.source_prefix) or key.endswith("/"):
        return f"outside {cfg.source_prefix!r}"
    sequencer = record.s3.get_object.sequencer
    removed = record.event_name.startswith("ObjectRemoved:")
    if not removed and not record.event_name.startswith("ObjectCreated:"):
        return f"not an object event: {record.event_name}"
    bucket, version_id = record.s3.bucket.name, record.s3.get_object.version_id
    now_there = present(bucket, key)
    if now_there is None:  # deleted, or a delete marker is current: a reader finds no image
        return remove(cfg, key, sequencer, whatever_wrote_it=True)
    if removed and now_there.version_id is None:
        return "deleted, then written again (its own event labels it)"
    if removed or (version_id and version_id != now_there.version_id):
        # A non-current version deleted for good, a delete marker removed (the image is back),
        # the labelled version deleted with an older one left, or an upload since overwritten:
        # the current version is what must be labelled.
        current = current_image(cfg, key)
        if current is not None and current.get("version_id") == now_there.version_id:
            return "the current version is labelled already"
        return label(cfg, bucket, key, now_there.version_id, now_there.size, sequencer, current=current)
    return label(cfg, bucket, key, version_id, record.s3.get_object.size, sequencer)


def record_handler(record: SQSRecord) -> list[str]:
    cfg = settings()
    body = json.loads(record.body)  # not JSON: reported, and after its retries in the DLQ
    if body.get("Event") == "s3:TestEvent":  # S3 sends one when the notification is saved
        return []
    event = S3Event(body)
    outcomes = []
    for s3_record in event.records:
        outcome = handle(s3_record, cfg)
        logger.info("S3 record done", extra={"key": unquote_plus(s3_record.s3.get_object.key), "outcome": outcome})
        outcomes.append(outcome)
    return outcomes


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
