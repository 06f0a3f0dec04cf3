"""Validate a claim's photo before any model sees it: the first step of the claims workflow.

Step Functions invokes this with the claim the intake started ({claim_id, bucket, key,
version_id}). The answer is {"valid": true, ...what was found} or {"valid": false,
"reason": ..., "detail": ...}: an invalid photo is an outcome (the workflow records
REJECTED_INVALID_INPUT and calls no model), not an error. Only trouble that may pass
(S3 throttling, a network error) raises PhotoUnreadable, which the workflow retries.

The photo must exist (that version), be at most MAX_IMAGE_BYTES, be a JPEG or PNG by
its bytes, whatever its name says, and decode within MAX_IMAGE_PIXELS (a JPEG within
jpeg_scans.MAX_SCANS scans, checked before decoding: each is a pass over the image). The customer is
read from the key: incoming/<customer_id>/<file>.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import asdict, dataclass

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

# Only the two decoders a claim photo may use: a smaller attack surface and a faster open.
from PIL import Image, JpegImagePlugin, PngImagePlugin  # noqa: F401

from function_settings import from_env, variable
from jpeg_scans import too_many_scans
from observability import logger, tracer

# Throttling (SlowDown) and 5xx answers retried with backoff and jitter, as every photo reader does.
s3 = boto3.client("s3", config=Config(retries={"mode": "standard", "max_attempts": 5}))

MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
MISSING = {"NoSuchKey", "NoSuchVersion", "404", "NotFound", "403", "AccessDenied", "InvalidArgument", "400"}
CUSTOMER_KEY = re.compile(r"^(?P<prefix>.*?)(?P<customer>[A-Za-z0-9_-]{1,64})/[^/]+$")
DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError)
# Open reads the header only; decode() checks the size there, before any pixel is decoded
# (Pillow's own bomb check would warn below twice its limit and decode anyway).
Image.MAX_IMAGE_PIXELS = None


class PhotoUnreadable(RuntimeError):
    """S3 could not be read just now (throttled, unreachable): the workflow retries."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = variable("MAX_IMAGE_BYTES", 20 * 1024 * 1024)
    max_pixels: int = variable("MAX_IMAGE_PIXELS", 50_000_000)
    key_prefix: str = variable("KEY_PREFIX", "incoming/")


@functools.cache
def settings() -> Limits:
    return from_env(Limits)


@dataclass
class Verdict:
    valid: bool
    reason: str | None = None
    detail: str = ""
    customer_id: str | None = None
    format: str | None = None
    width: int | None = None
    height: int | None = None
    bytes: int | None = None


def reject(reason: str, detail: str, **found) -> Verdict:
    logger.warning("claim photo rejected", extra={"reason": reason, "detail": detail})
    return Verdict(valid=False, reason=reason, detail=detail, **found)


def _s3_call(call, **kwargs):
    """An S3 call; None when the object (version) is not there to read, PhotoUnreadable when S3 may answer later."""
    try:
        return call(**kwargs)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code in MISSING:
            return None
        raise PhotoUnreadable(f"S3 {code}: {error}") from error
    except BotoCoreError as error:
        raise PhotoUnreadable(f"S3 unreachable: {error}") from error


def decode(body: bytes, expected_format: str, max_pixels: int) -> tuple[int, int] | tuple[str, str]:
    """(width, height) when the bytes decode as expected_format within max_pixels; else (reason, detail)."""
    if expected_format == "JPEG" and (why := too_many_scans(body)):
        return "TOO_COSTLY_TO_DECODE", why
    try:
        with Image.open(io.BytesIO(body), formats=(expected_format,)) as image:
            width, height = image.size
            if width * height > max_pixels:
                return "TOO_MANY_PIXELS", f"{width}x{height} is over {max_pixels} pixels"
            if image.format == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # decode every block, at 1/8 scale
            image.load()
    except DECODE_ERRORS as error:
        return "CORRUPT_IMAGE", f"does not decode as {expected_format}: {error}"
    return width, height


def validate(claim: dict, limits: Limits) -> Verdict:
    bucket, key, version_id = claim.get("bucket"), claim.get("key"), claim.get("version_id")
    if not (isinstance(bucket, str) and isinstance(key, str) and bucket and key):
        return reject("BAD_REQUEST", "the claim names no bucket and key")
    match = CUSTOMER_KEY.match(key)
    if not key.startswith(limits.key_prefix) or not match or match["prefix"] != limits.key_prefix:
        return reject("KEY_FORMAT", f"expected {limits.key_prefix}<customer_id>/<file>, got {key!r}")
    customer_id = match["customer"]
    location = {"Bucket": bucket, "Key": key, **({"VersionId": version_id} if version_id else {})}

    head = _s3_call(s3.head_object, **location)
    if head is None:
        return reject("OBJECT_MISSING", f"s3://{bucket}/{key} ({version_id or 'latest'}) is not there")
    size = head["ContentLength"]
    if size > limits.max_bytes:
        return reject("TOO_LARGE", f"{size} bytes is over {limits.max_bytes}", customer_id=customer_id, bytes=size)
    if size == 0:
        return reject("NOT_AN_IMAGE", "the object is empty", customer_id=customer_id, bytes=size)

    obj = _s3_call(s3.get_object, **location)
    if obj is None:
        return reject("OBJECT_MISSING", f"s3://{bucket}/{key} went away while being read")
    body = obj["Body"].read()
    image_format = next((name for magic, name in MAGIC.items() if body.startswith(magic)), None)
    if image_format is None:
        detail = f"not a JPEG or PNG by its bytes: {body[:8].hex()}"
        return reject("NOT_AN_IMAGE", detail, customer_id=customer_id, bytes=size)
    decoded = decode(body, image_format, limits.max_pixels)
    if isinstance(decoded[0], str):
        reason, detail = decoded
        return reject(reason, detail, customer_id=customer_id, format=image_format.lower(), bytes=size)
    width, height = decoded
    return Verdict(True, customer_id=customer_id, format=image_format.lower(), width=width, height=height, bytes=size)


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    logger.append_keys(claim_id=event.get("claim_id"))
    verdict = validate(event, settings())
    if verdict.valid:
        logger.info("claim photo accepted", extra={"format": verdict.format, "bytes": verdict.bytes})
    return asdict(verdict)
