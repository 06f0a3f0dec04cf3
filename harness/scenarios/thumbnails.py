"""examples/thumbnails: a photo uploaded under images/ gets its thumbnail under thumbnails/.

The emulator stores the function but does not run its code: the handler runs in-process,
as the function's role, on the S3 event the bucket's notification delivers for the upload.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

import boto3
from PIL import Image

from harness.emulators.gaps import relax_bucket_policy_for
from harness.runtime import images
from harness.runtime.events import LambdaContext, s3_event, s3_object_created
from harness.runtime.functions import deployed_handler
from harness.scenarios import Narrator, Stage

USE_CASE = "a photo uploaded to S3 gets an upright thumbnail beside it (S3 -> Lambda -> S3)"
EMULATOR = "moto"
UPLOAD_KEY = "images/trip/IMG 0001.jpg"  # a space, as people name photos: S3 URL-encodes it in the event


@dataclass
class Thumbnail:
    key: str
    size: tuple[int, int]
    format: str
    bytes: int
    result: dict  # what the handler returned


def walk(stage: Stage, say: Narrator) -> Thumbnail:
    bucket, function = stage.outputs["bucket_name"], stage.outputs["function_name"]
    s3 = boto3.client("s3")
    say.step(f"Upload a 12-megapixel JPEG to s3://{bucket}/{UPLOAD_KEY}")
    if lifted := relax_bucket_policy_for(stage.emulator.kind, bucket):
        say.detail(f"(moto cannot evaluate the bucket policy's TLS condition: lifted {', '.join(lifted)} for the walk)")
    photo = images.jpeg(4000, 3000, orientation=6)
    s3.put_object(Bucket=bucket, Key=UPLOAD_KEY, Body=photo, ContentType="image/jpeg")
    head = s3.head_object(Bucket=bucket, Key=UPLOAD_KEY)
    say.detail(f"{len(photo):,} bytes, 4000x3000 stored sideways (EXIF orientation 6)")
    [route] = s3.get_bucket_notification_configuration(Bucket=bucket)["LambdaFunctionConfigurations"]
    rules = {r["Name"].lower(): r["Value"] for r in route["Filter"]["Key"]["FilterRules"]}
    say.detail(f"the bucket notifies {route['LambdaFunctionArn']} of {route['Events']} under {rules.get('prefix')!r}")

    say.step("The function runs on the S3 event that notification delivers (in-process, as its role)")
    event = s3_event(s3_object_created(bucket, UPLOAD_KEY, head["ContentLength"], head["ETag"], head.get("VersionId")))
    say.detail(f"event key, URL-encoded as S3 sends it: {event['Records'][0]['s3']['object']['key']}")
    started = time.monotonic()
    with deployed_handler(function) as handler:
        result = handler(event, LambdaContext(function))
    say.detail(
        f"returned in {(time.monotonic() - started) * 1000:.0f} ms: "
        f"{len(result['thumbnails'])} thumbnail(s), {len(result['rejected'])} rejected"
    )
    if not result["thumbnails"]:
        raise RuntimeError(f"no thumbnail was made: {result}")

    say.step("The thumbnail in the bucket")
    made = result["thumbnails"][0]
    answer = s3.get_object(Bucket=bucket, Key=made["thumbnail_key"])
    body = answer["Body"].read()
    with Image.open(io.BytesIO(body)) as thumb:
        size, kind = thumb.size, thumb.format
    say.detail(f"s3://{bucket}/{made['thumbnail_key']}")
    say.detail(f"{size[0]}x{size[1]} {kind}, {len(body):,} bytes ({answer['ContentType']}), upright")
    say.detail(f"its key is outside {stage.outputs['source_prefix']!r}: it triggers nothing")
    return Thumbnail(made["thumbnail_key"], size, kind, len(body), result)
