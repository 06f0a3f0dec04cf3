"""`make demo`: examples/thumbnails end to end on the local emulator.

Applies the example, uploads a real JPEG under images/, runs the handler
in-process on the S3 event the bucket notification delivers for that upload
(the emulator stores the function but does not run its code), shows the
thumbnail that landed in the bucket, then destroys everything and stops the
emulator, also when a step fails or on Ctrl-C.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import boto3
from PIL import Image

from harness.emulators.gaps import relax_bucket_policy_for
from harness.emulators.servers import patched_environ, running_emulator
from harness.paths import BUILD
from harness.runtime import images
from harness.runtime.events import LambdaContext, s3_event, s3_object_created
from harness.terraform.staging import stage, terraform

EXAMPLE = "examples/thumbnails"
UPLOAD_KEY = "images/demo/holiday photo.jpg"


def step(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def detail(message: str) -> None:
    print(f"    {message}", flush=True)


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="asm-demo-") as scratch:
        step("Starting the local AWS emulator (moto server on 127.0.0.1)")
        with running_emulator(Path(scratch) / "emulator.log") as emulator, patched_environ(emulator.env):
            how = "started by the harness" if emulator.managed else "from AWS_ENDPOINT_URL"
            detail(f"endpoint {emulator.endpoint} ({emulator.kind}, {how})")
            step(f"terraform init + apply {EXAMPLE}")
            tf = terraform(
                stage(EXAMPLE, Path(scratch) / "repo", emulator_kind=emulator.kind), {**os.environ, **emulator.env}
            )
            started = time.monotonic()
            try:
                out = tf.apply()
                summary = next((line for line in out.splitlines() if "Apply complete" in line), "applied")
                detail(f"{summary.strip()} in {time.monotonic() - started:.0f} s")
                outputs = dict(tf.output())
                for name in (
                    "bucket_name",
                    "function_name",
                    "source_prefix",
                    "thumbnail_prefix",
                    "dead_letter_queue_url",
                ):
                    detail(f"{name:22} {outputs[name]}")
                show_thumbnail(emulator.kind, outputs)
            finally:
                step("terraform destroy")
                started = time.monotonic()
                tf.destroy(auto_approve=True)
                detail(f"destroyed in {time.monotonic() - started:.0f} s")
        step("Emulator stopped; nothing left running")


def show_thumbnail(emulator_kind: str, outputs: dict) -> None:
    bucket, function = outputs["bucket_name"], outputs["function_name"]
    s3 = boto3.client("s3")
    removed = relax_bucket_policy_for(emulator_kind, bucket)
    if removed:
        detail(f"(moto cannot evaluate bucket-policy conditions: lifted {', '.join(removed)} for the demo)")

    step(f"Uploading a 12-megapixel JPEG to s3://{bucket}/{UPLOAD_KEY}")
    photo = images.jpeg(4000, 3000, orientation=6)
    s3.put_object(Bucket=bucket, Key=UPLOAD_KEY, Body=photo, ContentType="image/jpeg")
    head = s3.head_object(Bucket=bucket, Key=UPLOAD_KEY)
    detail(f"{len(photo):,} bytes, 4000x3000 stored sideways (EXIF orientation 6)")

    route = s3.get_bucket_notification_configuration(Bucket=bucket)["LambdaFunctionConfigurations"][0]
    rules = {r["Name"].lower(): r["Value"] for r in route["Filter"]["Key"]["FilterRules"]}
    detail(
        f"bucket notification: {route['Events']} with prefix {rules.get('prefix')!r} -> {route['LambdaFunctionArn']}"
    )

    step("Running the handler in-process on the S3 event that notification delivers")
    config = boto3.client("lambda").get_function_configuration(FunctionName=function)
    event = s3_event(s3_object_created(bucket, UPLOAD_KEY, head["ContentLength"], head["ETag"], head.get("VersionId")))
    detail(f"event key (URL-encoded, as S3 sends it): {event['Records'][0]['s3']['object']['key']}")
    # The code is imported from the zip Terraform deployed (zipimport), as Lambda
    # would load it; Pillow and Powertools come from this virtualenv, pinned to the
    # same versions as the layers.
    package = BUILD / "functions" / "thumbnail.zip"
    detail(f"code from {package.relative_to(BUILD.parent)} (the deployed artifact)")
    sys.path.insert(0, str(package))
    with patched_environ(config["Environment"]["Variables"]):
        module_name, handler_name = config["Handler"].rsplit(".", 1)
        handler = getattr(importlib.import_module(module_name), handler_name)
        started = time.monotonic()
        result = handler(event, LambdaContext(function, memory_limit_in_mb=config["MemorySize"]))
        elapsed = time.monotonic() - started
    made, rejected = len(result["thumbnails"]), len(result["rejected"])
    detail(f"handler returned in {elapsed * 1000:.0f} ms: {made} thumbnail(s), {rejected} rejected")

    step("The thumbnail in the bucket")
    for made in result["thumbnails"]:
        obj = s3.get_object(Bucket=bucket, Key=made["thumbnail_key"])
        body = obj["Body"].read()
        with Image.open(io.BytesIO(body)) as thumb:
            detail(f"key         s3://{bucket}/{made['thumbnail_key']}")
            detail(f"size        {len(body):,} bytes ({obj['ContentType']})")
            detail(f"dimensions  {thumb.width}x{thumb.height} {thumb.format} (upright; decoded at {made['decoded']})")
    if not result["thumbnails"]:
        raise SystemExit(f"no thumbnail was made: {result}")


def main() -> int:
    try:
        run()
    except KeyboardInterrupt:
        print("\ninterrupted: the example was destroyed and the emulator stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a demo step failed: say which, after cleaning up
        print(f"\ndemo failed: {type(exc).__name__}: {str(exc)[-2000:]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
