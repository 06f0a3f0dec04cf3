"""The thumbnail handler run in-process on the S3 events AWS would deliver, against
the emulator's S3 (the emulator stores functions but does not run their code)."""

from __future__ import annotations

import io
import json
import logging
import uuid
from urllib.parse import unquote

import boto3
import pytest
from PIL import Image

from harness.runtime import images
from harness.runtime.events import LambdaContext, s3_event, s3_object_created
from thumbnail.settings import ConfigurationError

pytestmark = pytest.mark.unit


@pytest.fixture
def bucket(emulator) -> str:
    name = f"thumbs-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=name)
    return name


@pytest.fixture
def handler(thumbnail_handler, monkeypatch):
    """The handler with default settings, re-read for each test."""
    for key in ("SOURCE_PREFIX", "THUMBNAIL_PREFIX", "THUMBNAIL_MAX_DIMENSION", "MAX_OBJECT_BYTES"):
        monkeypatch.delenv(key, raising=False)
    thumbnail_handler.settings.cache_clear()
    yield thumbnail_handler
    thumbnail_handler.settings.cache_clear()


def upload(bucket: str, key: str, body: bytes) -> dict:
    """Put an object and return the notification record S3 sends for it."""
    s3 = boto3.client("s3")
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    head = s3.head_object(Bucket=bucket, Key=key)
    return s3_object_created(bucket, key, head["ContentLength"], head["ETag"], head.get("VersionId"))


def get_image(bucket: str, key: str) -> tuple[Image.Image, dict]:
    obj = boto3.client("s3").get_object(Bucket=bucket, Key=key)
    image = Image.open(io.BytesIO(obj["Body"].read()))
    image.load()
    return image, obj


def test_upload_gets_a_thumbnail_with_decoded_key_and_kept_format(handler, bucket):
    record = upload(bucket, "images/holiday 2026/ü beach+sun.jpg", images.jpeg(3000, 2000, orientation=6))
    assert "holiday+2026" in record["s3"]["object"]["key"]  # S3 URL-encodes keys in events

    result = handler.lambda_handler(s3_event(record), LambdaContext("thumbnails"))

    assert result["rejected"] == [] and result["skipped"] == []
    [made] = result["thumbnails"]
    assert made["thumbnail_key"] == "thumbnails/holiday 2026/ü beach+sun.jpg"
    image, obj = get_image(bucket, made["thumbnail_key"])
    # 3000x2000 stored sideways (EXIF 6): the thumbnail stands upright.
    assert (image.format, image.size) == ("JPEG", (171, 256))
    assert obj["ContentType"] == "image/jpeg"
    assert unquote(obj["Metadata"]["source-key"]) == "images/holiday 2026/ü beach+sun.jpg"


@pytest.fixture
def json_logs(handler):
    """What the handler logs, formatted by its Powertools logger as CloudWatch receives it."""

    class Capture(logging.Handler):
        entries: list[dict] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.entries.append(json.loads(self.format(record)))

    capture = Capture()
    capture.entries = []
    capture.setFormatter(handler.logger.registered_formatter)
    logging.getLogger(handler.logger.name).addHandler(capture)
    yield capture.entries
    logging.getLogger(handler.logger.name).removeHandler(capture)


def test_bad_records_are_reported_and_the_rest_of_the_batch_succeeds(handler, bucket, json_logs):
    good_png = upload(bucket, "images/logo.png", images.png(800, 400, transparent=True))
    corrupt = upload(bucket, "images/corrupt.jpg", images.jpeg(800, 600)[:500])
    not_image = upload(bucket, "images/notes.jpg", b"shopping list: milk, eggs")
    own_output = upload(bucket, "thumbnails/logo.png", images.png(64, 32))
    outside = upload(bucket, "documents/scan.png", images.png(64, 32))
    gone = s3_object_created(bucket, "images/deleted-since.jpg", 1234, "abc")
    removed = s3_object_created(bucket, "images/x.jpg", 0, event_name="ObjectRemoved:Delete")
    malformed = {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": bucket}}}

    event = s3_event(good_png, corrupt, not_image, own_output, outside, gone, removed, malformed)
    result = handler.lambda_handler(event, LambdaContext("thumbnails"))

    assert [t["thumbnail_key"] for t in result["thumbnails"]] == ["thumbnails/logo.png"]
    rejected = {r["key"]: r["reason"] for r in result["rejected"]}
    assert rejected["images/corrupt.jpg"].startswith("corrupt image")
    assert rejected["images/notes.jpg"].startswith("not an image")
    assert rejected[None].startswith("malformed record #7")
    skipped = {s["key"]: s["reason"] for s in result["skipped"]}
    assert skipped["thumbnails/logo.png"].startswith("outside the source prefix")
    assert skipped["documents/scan.png"].startswith("outside the source prefix")
    assert skipped["images/deleted-since.jpg"] == "cannot read the object: NoSuchKey"
    assert skipped["images/x.jpg"].startswith("not an ObjectCreated event")
    # Each rejection is logged (structured JSON, as CloudWatch receives it) with key and reason.
    rejections = {entry.get("key"): entry["reason"] for entry in json_logs if entry["message"] == "Rejected object"}
    assert rejections == rejected
    # The guard held: the one thumbnail is the only object the handler wrote (without the
    # guard, its own output and the object outside the prefix would get thumbnails too).
    keys = sorted(o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=bucket)["Contents"])
    uploaded = [
        "documents/scan.png",
        "images/corrupt.jpg",
        "images/logo.png",
        "images/notes.jpg",
        "thumbnails/logo.png",
    ]
    assert keys == uploaded
    assert boto3.client("s3").head_object(Bucket=bucket, Key="thumbnails/logo.png")["ContentLength"] != len(
        images.png(64, 32)
    ), "thumbnails/logo.png must be the handler's thumbnail of images/logo.png, not the uploaded stand-in"
    # Every skip is logged with its key and reason too: S3 discards what the function returns.
    skips = {entry.get("key"): entry["reason"] for entry in json_logs if entry["message"] == "Skipped object"}
    assert skips == skipped


def test_oversized_object_is_refused_without_downloading(handler, bucket, monkeypatch):
    monkeypatch.setenv("MAX_OBJECT_BYTES", "10000")
    handler.settings.cache_clear()
    record = upload(bucket, "images/big.png", images.png(400, 400))
    result = handler.lambda_handler(s3_event(record), LambdaContext())
    [rejected] = result["rejected"]
    assert rejected["key"] == "images/big.png" and "over the 10000 limit" in rejected["reason"]


def test_format_change_changes_the_extension(handler):
    cfg = handler.settings()
    assert handler.thumbnail_key("images/a/b.jpeg", cfg, ".jpg") == "thumbnails/a/b.jpeg"
    assert handler.thumbnail_key("images/a/b.gif", cfg, ".png") == "thumbnails/a/b.png"
    assert handler.thumbnail_key("images/noext", cfg, ".jpg") == "thumbnails/noext.jpg"


def test_transient_s3_error_fails_the_invocation_after_the_other_records(handler, bucket):
    good = upload(bucket, "images/ok.jpg", images.jpeg(640, 480))
    unreachable = s3_object_created(f"no-such-bucket-{uuid.uuid4().hex[:8]}", "images/lost.jpg", 100, "abc")

    with pytest.raises(handler.RetryableRecordsError, match="images/lost.jpg"):
        handler.lambda_handler(s3_event(good, unreachable), LambdaContext())
    # The good record was still processed before the retryable failure was raised.
    image, _ = get_image(bucket, "thumbnails/ok.jpg")
    assert image.size == (256, 192)


@pytest.mark.parametrize("event", [{}, {"Records": "nope"}], ids=["no-records", "records-not-a-list"])
def test_malformed_event_is_rejected_without_a_traceback(handler, event):
    result = handler.lambda_handler(event, LambdaContext())
    assert result["rejected"] == [{"key": None, "reason": "malformed event: no Records list"}]


def test_misconfigured_prefixes_fail_loudly(handler, monkeypatch):
    monkeypatch.setenv("THUMBNAIL_PREFIX", "images/thumbs/")
    handler.settings.cache_clear()
    with pytest.raises(ConfigurationError, match="overlap"):
        handler.lambda_handler(s3_event(), LambdaContext())


# --- hardening: truncated JPEGs, permanent S3 errors, event shapes ------------------------


def truncated_jpeg_claiming(width: int, height: int) -> bytes:
    """A JPEG cut after a tenth of its scan, ended with an end-of-image marker: its header
    still claims the full size. libjpeg decodes what is missing as mid-gray."""
    whole = images.jpeg(width, height)
    return whole[: len(whole) // 10] + b"\xff\xd9"


def test_a_truncated_jpeg_that_claims_large_dimensions_is_rejected(handler, bucket):
    record = upload(bucket, "images/cut.jpg", truncated_jpeg_claiming(4000, 3000))
    result = handler.lambda_handler(s3_event(record), LambdaContext())
    assert result["thumbnails"] == []
    [rejected] = result["rejected"]
    assert rejected["key"] == "images/cut.jpg" and rejected["reason"].startswith("truncated JPEG")
    assert boto3.client("s3").list_objects_v2(Bucket=bucket, Prefix="thumbnails/")["KeyCount"] == 0


def test_a_missing_version_is_skipped_for_good_not_retried(handler, bucket):
    boto3.client("s3").put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    record = upload(bucket, "images/a.jpg", images.jpeg(64, 48))
    record["s3"]["object"]["versionId"] = "3HL4kqtJvjVBH40Nrjfkd"  # a version that does not exist
    result = handler.lambda_handler(s3_event(record), LambdaContext())  # does not raise RetryableRecordsError
    assert result["skipped"] == [{"key": "images/a.jpg", "reason": "cannot read the object: NoSuchVersion"}]


def test_a_request_s3_would_refuse_is_skipped_for_good_not_retried(handler, bucket):
    record = s3_object_created("Not_A_Valid_Bucket!", "images/a.jpg", 100, "abc")
    result = handler.lambda_handler(s3_event(record), LambdaContext())
    [skipped] = result["skipped"]
    assert skipped["key"] == "images/a.jpg" and skipped["reason"].startswith("cannot ask S3 for the object")


@pytest.mark.parametrize(
    "event",
    ["not an event", None, [], {"Records": []}, {"Records": ["a string"]}, {"Records": [{"s3": "x"}]}],
    ids=["string", "null", "list", "empty", "string-record", "bad-record"],
)
def test_event_shapes_s3_never_sends_get_a_logged_answer_without_a_traceback(handler, event, json_logs):
    result = handler.lambda_handler(event, LambdaContext())
    assert set(result) == {"thumbnails", "skipped", "rejected", "retryable"}
    assert result["thumbnails"] == [] and result["retryable"] == []
    assert [entry for entry in json_logs if entry["level"] in ("WARNING", "ERROR")]
