"""examples/image-labels: images uploaded under images/ are labeled, a label's images are
listed page by page over the API, and a deleted image leaves the index.

moto stores the function but does not run it, and its DetectLabels ignores the image and
always answers one label ("Mobile Phone", 99.94). An upload makes moto's S3 notify the
uploads queue; the harness's poller (harness/runtime/poller.py) reads the queue as Lambda's
event source mapping would and runs the handler in-process as the function's role. No
emulator serves the DynamoDB-backed route over HTTP: harness/runtime/service_routes.py runs
the deployed integration (its templates rendered by LocalStack's Velocity engine, the
Query sent to moto as the route's role).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import boto3

from harness.emulators.gaps import pause_event_source_mappings, relax_bucket_policy_for
from harness.runtime import images
from harness.runtime.apigw import Response
from harness.runtime.functions import deployed_handler
from harness.runtime.poller import PollStats, drain
from harness.runtime.service_routes import call_route
from harness.scenarios import Narrator, Stage

USE_CASE = "uploads are labeled by Rekognition and found by label over an API (S3 -> SQS -> Lambda -> DynamoDB)"
EMULATOR = "moto"
MOTO_LABEL = "Mobile Phone"  # moto's one answer, whatever the image
ROUTE = "/labels/{label}"
# Keys a person would choose: an apostrophe, a space, a slash deeper down.
IMAGES = ["images/bob's bag.jpg", "images/desk/IMG 0003.jpg", "images/desk/IMG 0004.jpg"]
NOT_AN_IMAGE = "images/readme.txt"
DELETED = "images/desk/IMG 0004.jpg"
PAGE = "2"


@dataclass
class Labeled:
    uploads: PollStats
    items: dict[str, dict] = field(default_factory=dict)  # key -> its item after labeling
    pages: list[Response] = field(default_factory=list)  # the label's pages, PAGE images each
    deletion: PollStats | None = None
    after_deletion: Response | None = None


def polled_uploads_queue(stage: Stage) -> tuple[str, str]:
    """The uploads queue's URL and ARN, for the harness's poller to read instead of the mapping."""
    relax_bucket_policy_for(stage.emulator.kind, stage.outputs["bucket_name"])  # moto cannot evaluate TLS conditions
    # The poller does the mapping's job; moto must not consume the messages first.
    paused = pause_event_source_mappings(stage.emulator.kind, [stage.outputs["function_name"]])
    if paused not in (0, 1):
        raise RuntimeError(f"paused {paused} event source mappings of one function")
    url = stage.outputs["queue_url"]
    arn = boto3.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def _page(say: Narrator, api: str, label: str, query: dict) -> Response:
    answer = call_route(api, ROUTE, path_params={"label": label}, query=query)
    say.detail(f"GET /labels/{label}?{'&'.join(f'{k}={v[:12]}' for k, v in query.items())} -> {answer.status}")
    if answer.status == 200:
        for image in answer.body["images"]:
            say.detail(f"    {image['key']}  ({image['confidence']:.2f})")
        say.detail(f"    next: {'a token' if answer.body['next'] else 'none (last page)'}")
    else:
        say.detail(f"    {answer.body}")
    return answer


def walk(stage: Stage, say: Narrator) -> Labeled:
    bucket, api, function = stage.outputs["bucket_name"], stage.outputs["rest_api_id"], stage.outputs["function_name"]
    queue_url, queue_arn = polled_uploads_queue(stage)
    s3, table = boto3.client("s3"), boto3.resource("dynamodb").Table(stage.outputs["table_name"])

    say.step(f"Upload {len(IMAGES)} photos and a text file to s3://{bucket}/images/")
    for key in IMAGES:
        s3.put_object(Bucket=bucket, Key=key, Body=images.jpeg(320, 240), ContentType="image/jpeg")
        say.detail(key)
    s3.put_object(Bucket=bucket, Key=NOT_AN_IMAGE, Body=b"not an image")
    say.detail(f"{NOT_AN_IMAGE} (text)")

    say.step("The labeler takes the uploads queue (in-process, as its role, through the harness's poller)")
    with deployed_handler(function) as handler:
        uploads = drain(handler, queue_url, queue_arn)
    say.detail(f"{uploads.deleted} message(s) processed, {uploads.reported_failures} failure report(s)")
    result = Labeled(uploads)
    for key in [*IMAGES, NOT_AN_IMAGE]:
        item = table.get_item(Key={"pk": f"image#{key}", "sk": "image"}).get("Item", {})
        result.items[key] = item
        why = sorted(item.get("labels", [])) if item.get("status") == "LABELED" else item.get("reason")
        say.detail(f"{key}: {item.get('status', 'no item')} {why}")

    say.step(f"Find the images labeled {MOTO_LABEL!r}, {PAGE} a page (GET {ROUTE})")
    query = {"limit": PAGE}
    while True:
        page = _page(say, api, MOTO_LABEL, query)
        result.pages.append(page)
        if page.status != 200 or not page.body["next"] or len(result.pages) > len(IMAGES):
            break
        query = {"limit": PAGE, "next": page.body["next"]}

    say.step(f"Delete {DELETED}: its notification takes it out of the index")
    s3.delete_object(Bucket=bucket, Key=DELETED)
    with deployed_handler(function) as handler:
        result.deletion = drain(handler, queue_url, queue_arn)
    say.detail(f"{result.deletion.deleted} message(s) processed, {result.deletion.reported_failures} failure report(s)")
    result.after_deletion = _page(say, api, MOTO_LABEL, {"limit": "25"})
    return result
