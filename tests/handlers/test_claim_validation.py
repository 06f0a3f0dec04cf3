"""claim_validation run in-process on the task input Step Functions would pass it (the claim
the intake started), against the emulator's S3."""

from __future__ import annotations

import importlib
import io
import uuid

import boto3
import pytest

from harness.runtime import images
from harness.runtime.events import LambdaContext

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def validation(emulator):
    return importlib.import_module("claim_validation.handler")


@pytest.fixture
def bucket(emulator) -> str:
    name = f"claims-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def claim(bucket: str, key: str, body: bytes | None) -> dict:
    version_id = None
    if body is not None:
        version_id = boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=body)["VersionId"]
    return {"claim_id": "claim-1", "bucket": bucket, "key": key, "version_id": version_id}


def run(validation, event: dict, monkeypatch=None, **env) -> dict:
    if monkeypatch:
        for name, value in env.items():
            monkeypatch.setenv(name, str(value))
    validation.settings.cache_clear()  # read once per environment, and the test changes it
    return validation.lambda_handler(event, LambdaContext("claims-validate"))


def test_a_jpeg_photo_is_accepted_with_what_was_found(validation, bucket):
    body = images.jpeg(1600, 1200)
    verdict = run(validation, claim(bucket, "incoming/cust-42/front bumper.jpg", body))
    assert verdict == {
        "valid": True,
        "reason": None,
        "detail": "",
        "customer_id": "cust-42",
        "format": "jpeg",
        "width": 1600,
        "height": 1200,
        "bytes": len(body),
    }


def test_the_format_is_read_from_the_bytes_not_the_name(validation, bucket):
    verdict = run(validation, claim(bucket, "incoming/cust-42/photo.jpg", images.png(640, 480)))
    assert (verdict["valid"], verdict["format"]) == (True, "png")
    gif = run(validation, claim(bucket, "incoming/cust-42/photo.png", images.gif(64, 64)))
    assert (gif["valid"], gif["reason"]) == (False, "NOT_AN_IMAGE")
    text = run(validation, claim(bucket, "incoming/cust-42/photo.jpeg", b"%PDF-1.7 not a photo at all"))
    assert (text["valid"], text["reason"], text["customer_id"]) == (False, "NOT_AN_IMAGE", "cust-42")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "NOT_AN_IMAGE"),
        (images.jpeg(800, 600)[:4000], "CORRUPT_IMAGE"),  # cut short mid-scan
        (images.png_header_claiming(100_000, 100_000), "TOO_MANY_PIXELS"),
        (images.jpeg_header_claiming(30_000, 30_000), "TOO_MANY_PIXELS"),
        # 2,000 scans that code nothing over a 12 MP image: 240 KB, 4 s of libjpeg each read
        (images.progressive_scan_bomb(4000, 3000, 2000), "TOO_COSTLY_TO_DECODE"),
    ],
    ids=["empty", "truncated-jpeg", "png-bomb", "jpeg-bomb", "scan-bomb"],
)
def test_photos_that_do_not_decode_within_limits_are_rejected(validation, bucket, body, reason):
    verdict = run(validation, claim(bucket, "incoming/cust-7/p.jpg", body))
    assert (verdict["valid"], verdict["reason"]) == (False, reason), verdict


def test_size_and_pixel_limits_come_from_the_environment(validation, bucket, monkeypatch):
    body = images.jpeg(1000, 1000)
    event = claim(bucket, "incoming/cust-7/p.jpg", body)
    too_large = run(validation, event, monkeypatch, MAX_IMAGE_BYTES=len(body) - 1)
    assert (too_large["reason"], too_large["bytes"]) == ("TOO_LARGE", len(body))
    monkeypatch.delenv("MAX_IMAGE_BYTES")
    too_many = run(validation, event, monkeypatch, MAX_IMAGE_PIXELS=999_999)
    assert (too_many["reason"], too_many["detail"]) == ("TOO_MANY_PIXELS", "1000x1000 is over 999999 pixels")


@pytest.mark.parametrize(
    "key",
    ["images/cust-7/p.jpg", "incoming/p.jpg", "incoming/a/b/p.jpg", "incoming/cust 7/p.jpg"],
)
def test_a_key_outside_incoming_customer_file_is_rejected(validation, bucket, key):
    verdict = run(validation, claim(bucket, key, images.jpeg(10, 10)))
    assert (verdict["valid"], verdict["reason"]) == (False, "KEY_FORMAT")


def test_a_missing_object_or_version_is_rejected_not_retried(validation, bucket):
    gone = run(validation, claim(bucket, "incoming/cust-7/never-uploaded.jpg", None))
    assert (gone["valid"], gone["reason"]) == (False, "OBJECT_MISSING")
    event = claim(bucket, "incoming/cust-7/p.jpg", images.jpeg(10, 10))
    event["version_id"] = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"  # a version that never existed
    assert run(validation, event)["reason"] == "OBJECT_MISSING"
    assert run(validation, {"claim_id": "x"})["reason"] == "BAD_REQUEST"


def test_s3_trouble_that_may_pass_raises_for_the_workflow_to_retry(validation, bucket, monkeypatch):
    from botocore.exceptions import ClientError

    def throttled(**kwargs):
        raise ClientError({"Error": {"Code": "SlowDown", "Message": "Please reduce your request rate."}}, "HeadObject")

    monkeypatch.setattr(validation.s3, "head_object", throttled)
    with pytest.raises(validation.PhotoUnreadable, match="SlowDown"):
        run(validation, claim(bucket, "incoming/cust-7/p.jpg", images.jpeg(10, 10)))


def test_a_progressive_jpeg_as_encoders_write_it_is_accepted(validation, bucket):
    """libjpeg's progression: 10 scans (6 for grey), far below the bound."""
    out = io.BytesIO()
    images.photo(1200, 900).save(out, "JPEG", progressive=True)
    assert out.getvalue().count(b"\xff\xda") == 10
    verdict = run(validation, claim(bucket, "incoming/cust-7/progressive.jpg", out.getvalue()))
    assert (verdict["valid"], verdict["format"]) == (True, "jpeg"), verdict
