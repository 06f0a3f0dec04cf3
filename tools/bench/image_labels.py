"""The image labeler: 1,000 uploads through the handler in SQS batches of 10, in-process against
the emulator's S3 and DynamoDB (50 images to a table: moto deep-copies a table for every item
of a transaction), Rekognition answering 12 labels through botocore's Stubber: images and
label entries written per second."""

from __future__ import annotations

import json
import os
import time

from harness.emulators.servers import patched_environ
from tools.bench import Context, measurement
from tools.bench.common import load_deployed


def labeler_throughput(uploads: int = 1000, labels: int = 12, per_table: int = 50) -> tuple[float, float]:
    """Images labeled and label entries written per second (one transaction per image).

    moto deep-copies the whole table for every item of a TransactWriteItems call, so on one
    table of thousands of entries the figure would be moto's; each table here takes
    `per_table` images, and only the handler's work is timed."""
    import hashlib
    import importlib
    import uuid

    import boto3
    from botocore.stub import Stubber

    from harness.runtime import images
    from harness.runtime.events import LambdaContext, s3_event, s3_object_created, sqs_event

    name = f"bench-labels-{uuid.uuid4().hex[:8]}"
    s3, dynamodb = boto3.client("s3"), boto3.client("dynamodb")
    s3.create_bucket(Bucket=name)
    keys = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
    attributes = [{"AttributeName": k, "AttributeType": "S"} for k in ("pk", "sk")]
    # The handler logs every image at INFO; the bench reads only its own figures.
    os.environ.update({"MAX_LABELS": "20", "MIN_CONFIDENCE": "80", "POWERTOOLS_LOG_LEVEL": "WARNING"})
    load_deployed("image_labels")
    handler = importlib.import_module("image_labels.handler")
    photo = images.jpeg(64, 48)
    messages = []
    for i in range(uploads):
        key = f"images/bench/{i:05d}.jpg"
        etag = s3.put_object(Bucket=name, Key=key, Body=photo)["ETag"]
        body = json.dumps(s3_event(s3_object_created(name, key, len(photo), etag, sequencer=f"{i + 1:016X}")))
        digest = hashlib.md5(body.encode()).hexdigest()  # noqa: S324 - what SQS sends
        messages.append({"MessageId": str(uuid.uuid4()), "ReceiptHandle": "r", "Body": body, "MD5OfBody": digest})
    answer = {"Labels": [{"Name": f"Label {n}", "Confidence": 90.0} for n in range(labels)], "LabelModelVersion": "3.0"}
    elapsed = 0.0
    with Stubber(handler.rekognition) as stubber:
        for _ in messages:
            stubber.add_response("detect_labels", answer)
        for first in range(0, uploads, per_table):
            table = f"{name}-{first // per_table}"
            dynamodb.create_table(
                TableName=table, KeySchema=keys, AttributeDefinitions=attributes, BillingMode="PAY_PER_REQUEST"
            )
            os.environ["LABELS_TABLE"] = table
            handler.settings.cache_clear()
            started = time.perf_counter()
            for start in range(first, min(first + per_table, uploads), 10):
                event = sqs_event(messages[start : start + 10], "arn:aws:sqs:us-east-1:123456789012:uploads")
                result = handler.lambda_handler(event, LambdaContext("bench"))
                assert result == {"batchItemFailures": []}, result
            elapsed += time.perf_counter() - started
    return uploads / elapsed, uploads * labels / elapsed


@measurement("image labeler: 1,000 uploads in SQS batches of 10, in-process, emulator's S3 and DynamoDB",
             needs=("moto",))  # fmt: skip
def measure(context: Context) -> None:
    with patched_environ(context.emulator.env):
        images_per_s, entries_per_s = labeler_throughput()
    print(f"    {images_per_s:,.0f} images/s labeled, {entries_per_s:,.0f} label entries/s written "
          "(12 labels each, one transaction per image)")  # fmt: skip
