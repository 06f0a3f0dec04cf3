"""S3 ObjectCreated under the source prefix -> a thumbnail under the thumbnail prefix.

Each record is handled on its own: an object that is not a usable image is logged
with its key and reason and skipped; the rest of the event still gets thumbnails.
Every skip and rejection is logged with its reason: S3 invokes the function
asynchronously and discards what it returns. Only trouble that may pass (S3
throttling, a network error) fails the invocation, after every other record is
done, so Lambda's async retries and then the function's on-failure destination
take it. A missing object or version, or a request S3 refuses as malformed, is
permanent: logged and skipped, never retried. Rewriting a thumbnail is idempotent.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from urllib.parse import quote, unquote_plus

import boto3
from aws_lambda_powertools.utilities.data_classes import S3Event, event_source
from aws_lambda_powertools.utilities.data_classes.s3_event import S3EventRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

from function_settings import from_env
from observability import logger, tracer
from thumbnail.imaging import ImageRejected, make_thumbnail
from thumbnail.settings import Settings

# Throttling (SlowDown) and 5xx answers retried with backoff and jitter, as every photo reader does.
s3 = boto3.client("s3", config=Config(retries={"mode": "standard", "max_attempts": 5}))

# Errors that mean the object is gone, not ours to read, or asked for wrongly: retrying cannot help.
PERMANENT_S3_ERRORS = {
    "NoSuchKey",
    "NoSuchVersion",
    "404",
    "NotFound",
    "PreconditionFailed",
    "AccessDenied",
    "403",
    "InvalidArgument",
    "InvalidBucketName",
    "KeyTooLongError",
    "InvalidRequest",
    "400",
}


class RetryableRecordsError(RuntimeError):
    """Some records hit transient trouble; raising lets Lambda retry the event."""


@dataclass
class Outcome:
    thumbnails: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    retryable: list[dict] = field(default_factory=list)


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def thumbnail_key(source_key: str, cfg: Settings, extension: str) -> str:
    """images/a/b.png -> thumbnails/a/b.png; the extension follows the saved format."""
    relative = PurePosixPath(source_key[len(cfg.source_prefix) :])
    if relative.suffix.lower() != extension and not (relative.suffix.lower() == ".jpeg" and extension == ".jpg"):
        relative = relative.with_suffix(extension) if relative.suffix else relative.with_name(relative.name + extension)
    return f"{cfg.thumbnail_prefix}{relative.as_posix()}"


def process_record(record: S3EventRecord, cfg: Settings, outcome: Outcome) -> None:
    bucket = record.s3.bucket.name
    key = unquote_plus(record.s3.get_object.key)  # S3 URL-encodes keys in events
    if not record.event_name.startswith("ObjectCreated:"):
        skip(outcome, key, f"not an ObjectCreated event: {record.event_name}")
        return
    # The notification filter already limits events to the source prefix; this
    # guard keeps the function from ever processing its own output.
    if key.startswith(cfg.thumbnail_prefix) or not key.startswith(cfg.source_prefix):
        skip(outcome, key, f"outside the source prefix {cfg.source_prefix!r}")
        return
    if key.endswith("/"):
        skip(outcome, key, "folder placeholder")
        return
    if record.s3.get_object.size > cfg.max_object_bytes:
        reject(outcome, key, f"object is {record.s3.get_object.size} bytes, over the {cfg.max_object_bytes} limit")
        return

    request = {"Bucket": bucket, "Key": key}
    if record.s3.get_object.version_id:
        request["VersionId"] = record.s3.get_object.version_id
    try:
        response = s3.get_object(**request)
        if response["ContentLength"] > cfg.max_object_bytes:
            response["Body"].close()
            reject(outcome, key, f"object is {response['ContentLength']} bytes, over the {cfg.max_object_bytes} limit")
            return
        data = response["Body"].read()
    except ParamValidationError as exc:
        skip(outcome, key, f"cannot ask S3 for the object: {exc}")
        return
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code in PERMANENT_S3_ERRORS:
            skip(outcome, key, f"cannot read the object: {code}")
        else:
            outcome.retryable.append({"key": key, "reason": code or str(exc)})
            logger.warning("Transient error reading object", extra={"key": key, "reason": str(exc)})
        return
    except BotoCoreError as exc:
        outcome.retryable.append({"key": key, "reason": str(exc)})
        logger.warning("Transient error reading object", extra={"key": key, "reason": str(exc)})
        return

    try:
        thumb = make_thumbnail(data, cfg)
    except ImageRejected as exc:
        reject(outcome, key, exc.reason)
        return
    del data

    target_key = thumbnail_key(key, cfg, thumb.extension)
    try:
        s3.put_object(
            Bucket=bucket,
            Key=target_key,
            Body=thumb.data,
            ContentType=thumb.content_type,
            # User metadata must be ASCII: the source key goes in URL-encoded.
            Metadata={"source-key": quote(key, safe="/"), "source-etag": record.s3.get_object.etag},
        )
    except ParamValidationError as exc:
        reject(outcome, key, f"cannot write the thumbnail: {exc}")
        return
    except (ClientError, BotoCoreError) as exc:
        outcome.retryable.append({"key": key, "reason": str(exc)})
        logger.warning("Transient error writing thumbnail", extra={"key": key, "target": target_key})
        return
    result = {
        "key": key,
        "thumbnail_key": target_key,
        "format": thumb.format,
        "width": thumb.width,
        "height": thumb.height,
        "bytes": len(thumb.data),
        "source": f"{thumb.source_width}x{thumb.source_height}",
        "decoded": f"{thumb.decoded_width}x{thumb.decoded_height}",
    }
    outcome.thumbnails.append(result)
    logger.info("Thumbnail written", extra=result)


def skip(outcome: Outcome, key: str, reason: str) -> None:
    outcome.skipped.append({"key": key, "reason": reason})
    logger.warning("Skipped object", extra={"key": key, "reason": reason})


def reject(outcome: Outcome, key: str | None, reason: str) -> None:
    outcome.rejected.append({"key": key, "reason": reason})
    logger.error("Rejected object", extra={"key": key, "reason": reason})


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
@event_source(data_class=S3Event)
def lambda_handler(event: S3Event, context: LambdaContext) -> dict:
    cfg = settings()
    outcome = Outcome()
    if not isinstance(event.raw_event, dict) or not isinstance(event.raw_event.get("Records"), list):
        reject(outcome, None, "malformed event: no Records list")
        return asdict(outcome)
    if not event.raw_event["Records"]:
        logger.warning("S3 event with no records: nothing to do")
        return asdict(outcome)
    for index, record in enumerate(event.records):
        try:
            if not isinstance(record.raw_event, dict):
                raise TypeError(f"a {type(record.raw_event).__name__}, not an object")
            process_record(record, cfg, outcome)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            # A record without the S3 fields: nothing to retry, report it and go on.
            reject(outcome, None, f"malformed record #{index}: missing or wrong field {exc}")
    if outcome.retryable:
        raise RetryableRecordsError(f"{len(outcome.retryable)} record(s) hit transient errors: {outcome.retryable}")
    return asdict(outcome)
