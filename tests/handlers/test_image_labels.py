"""image_labels run in-process on the SQS event Lambda's poller would deliver (each message an
S3 notification), against the emulator's S3 and DynamoDB. Rekognition goes through botocore's
Stubber on the handler's real client, which checks every request against the service model
(moto answers one canned label whatever the image; LocalStack has no Rekognition), or, to
exercise botocore's own retries, through HTTP answers given to the client before it sends."""

from __future__ import annotations

import hashlib
import importlib
import json
import uuid

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.stub import Stubber

from function_settings import ConfigurationError
from harness.runtime import images
from harness.runtime.events import LambdaContext, s3_event, s3_object_created, sqs_event

pytestmark = pytest.mark.unit

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:labels-uploads"
PNG_HEAD = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def labeler(emulator):
    return importlib.import_module("image_labels.handler")


@pytest.fixture
def store(emulator, labeler, monkeypatch) -> dict:
    """A versioned bucket and a labels table of the example's shape, and the function's environment."""
    name = f"labels-{uuid.uuid4().hex[:10]}"
    s3, dynamodb = boto3.client("s3"), boto3.client("dynamodb")
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("LABELS_TABLE", name)
    monkeypatch.setenv("MAX_LABELS", "10")
    monkeypatch.setenv("MIN_CONFIDENCE", "75")
    labeler.settings.cache_clear()
    yield {"bucket": name, "table": boto3.resource("dynamodb").Table(name), "s3": s3}
    labeler.settings.cache_clear()


@pytest.fixture
def rekognition(labeler):
    with Stubber(labeler.rekognition) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def upload(store: dict, key: str, body: bytes) -> dict:
    response = store["s3"].put_object(Bucket=store["bucket"], Key=key, Body=body)
    return {"key": key, "version_id": response["VersionId"], "size": len(body), "etag": response["ETag"]}


def created(store: dict, obj: dict, sequencer: str) -> dict:
    return s3_object_created(
        store["bucket"], obj["key"], obj["size"], obj["etag"], obj["version_id"], sequencer=sequencer
    )


def removed(
    store: dict, key: str, sequencer: str, event_name: str = "ObjectRemoved:Delete", version_id: str | None = None
) -> dict:
    return s3_object_created(store["bucket"], key, 0, event_name=event_name, version_id=version_id, sequencer=sequencer)


def delete(store: dict, key: str, version_id: str | None = None) -> dict:
    """Delete as a client would: a delete marker, or with a version, that version for good;
    the event S3 then sends (without its sequencer, which the test picks)."""
    answer = store["s3"].delete_object(
        Bucket=store["bucket"], Key=key, **({"VersionId": version_id} if version_id else {})
    )
    if version_id:
        return {"event_name": "ObjectRemoved:Delete", "version_id": version_id}
    return {"event_name": "ObjectRemoved:DeleteMarkerCreated", "version_id": answer["VersionId"]}


def message(body: str) -> dict:
    return {
        "MessageId": str(uuid.uuid4()),
        "ReceiptHandle": uuid.uuid4().hex,
        "Body": body,
        "MD5OfBody": hashlib.md5(body.encode()).hexdigest(),  # noqa: S324 - what SQS sends
    }


def deliver(labeler, *bodies: str) -> dict:
    """One SQS batch, as Lambda's poller delivers it, through the handler."""
    event = sqs_event([message(body) for body in bodies], QUEUE_ARN)
    return labeler.lambda_handler(event, LambdaContext("labels"))


def notification(*records: dict) -> str:
    return json.dumps(s3_event(*records))


def answer(*labels: tuple[str, float], version: str = "3.0") -> dict:
    return {
        "Labels": [{"Name": name, "Confidence": confidence} for name, confidence in labels],
        "LabelModelVersion": version,
    }


def expect_detect(rekognition, store: dict, obj: dict, response: dict) -> None:
    rekognition.add_response(
        "detect_labels",
        response,
        {
            "Image": {"S3Object": {"Bucket": store["bucket"], "Name": obj["key"], "Version": obj["version_id"]}},
            "MaxLabels": 10,
            "MinConfidence": 75.0,
        },
    )


def image(store: dict, key: str) -> dict | None:
    return store["table"].get_item(Key={"pk": f"image#{key}", "sk": "image"}).get("Item")


def with_label(store: dict, label: str) -> list[str]:
    """What GET /labels/{label} answers: one Query on the label's entries."""
    found = store["table"].query(
        KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": f"label#{label.lower()}"}
    )
    return [item["sk"] for item in found["Items"]]


def every_entry(store: dict) -> list[tuple[str, str]]:
    return sorted((i["pk"], i["sk"]) for i in store["table"].scan()["Items"] if i["pk"].startswith("label#"))


def test_an_upload_gets_its_labels_and_one_index_entry_per_label(labeler, store, rekognition):
    photo = upload(store, "images/holiday photos/été 1.jpg", images.jpeg(64, 48))  # encoded in the event
    expect_detect(rekognition, store, photo, answer(("Beach", 97.25), ("Sea", 91.0), ("Person", 80.5)))
    assert deliver(labeler, notification(created(store, photo, "0001"))) == {"batchItemFailures": []}
    item = image(store, photo["key"])
    assert item["status"] == "LABELED"
    assert item["labels"] == {"Beach", "Sea", "Person"}
    assert {k: float(v) for k, v in item["confidence"].items()} == {"Beach": 97.25, "Sea": 91.0, "Person": 80.5}
    assert (item["label_model_version"], item["sequencer"], item["version_id"]) == ("3.0", "0001", photo["version_id"])
    assert item["labeled_at"] and item["created_at"]
    assert with_label(store, "beach") == with_label(store, "Sea") == [photo["key"]]
    assert every_entry(store) == sorted((f"label#{n}", photo["key"]) for n in ("beach", "sea", "person"))


def test_an_image_where_nothing_passes_the_threshold_has_no_labels_and_no_entries(labeler, store, rekognition):
    photo = upload(store, "images/fog.png", images.png(32, 32))
    expect_detect(rekognition, store, photo, answer())
    assert deliver(labeler, notification(created(store, photo, "0001"))) == {"batchItemFailures": []}
    item = image(store, "images/fog.png")
    assert item["status"] == "LABELED" and "labels" not in item and item["confidence"] == {}
    assert every_entry(store) == []


def test_a_re_upload_replaces_the_labels_and_their_entries(labeler, store, rekognition):
    first = upload(store, "images/pet.jpg", images.jpeg(64, 48))
    expect_detect(rekognition, store, first, answer(("Dog", 95.0), ("Grass", 88.0)))
    deliver(labeler, notification(created(store, first, "0001")))
    created_at = image(store, "images/pet.jpg")["created_at"]
    second = upload(store, "images/pet.jpg", images.jpeg(64, 48, 3))
    expect_detect(rekognition, store, second, answer(("Cat", 93.0), ("Grass", 77.0)))
    deliver(labeler, notification(created(store, second, "0002")))
    item = image(store, "images/pet.jpg")
    assert (item["labels"], item["version_id"], item["created_at"]) == (
        {"Cat", "Grass"},
        second["version_id"],
        created_at,
    )
    assert with_label(store, "dog") == []
    assert with_label(store, "cat") == with_label(store, "grass") == ["images/pet.jpg"]
    grass = store["table"].get_item(Key={"pk": "label#grass", "sk": "images/pet.jpg"})["Item"]
    assert float(grass["confidence"]) == 77.0


def test_the_same_event_twice_or_an_older_one_late_changes_nothing(labeler, store, rekognition):
    photo = upload(store, "images/cake.jpg", images.jpeg(64, 48))
    expect_detect(rekognition, store, photo, answer(("Cake", 99.0)))
    event = notification(created(store, photo, "00A1"))
    deliver(labeler, event)
    before = image(store, "images/cake.jpg")
    # No Rekognition call is stubbed: a second call would fail the Stubber.
    assert deliver(labeler, event) == {"batchItemFailures": []}
    assert deliver(labeler, notification(created(store, photo, "009F"))) == {"batchItemFailures": []}
    assert image(store, "images/cake.jpg") == before
    assert every_entry(store) == [("label#cake", "images/cake.jpg")]


def test_sequencers_of_different_lengths_compare_as_s3_documents(labeler):
    from image_labels.labels import later

    assert later("0055AED6DCD90281E6", "0055AED6DCD90281E5")
    assert later("0055AED6DCD90281E5A0", "0055AED6DCD90281E5")  # padded: ...E5A0 > ...E500
    assert not later("0055AED6DCD90281E5", "0055AED6DCD90281E5")
    assert later("0001", None)


def test_deleting_the_image_removes_its_item_and_entries_and_a_stale_delete_does_not(labeler, store, rekognition):
    photo = upload(store, "images/car.jpg", images.jpeg(64, 48))
    expect_detect(rekognition, store, photo, answer(("Car", 99.0), ("Road", 90.0)))
    deliver(labeler, notification(created(store, photo, "0005")))
    # A delete that happened before this upload (it arrives late) leaves the upload's labels.
    assert deliver(labeler, notification(removed(store, "images/car.jpg", "0004"))) == {"batchItemFailures": []}
    assert image(store, "images/car.jpg") is not None
    marker = delete(store, "images/car.jpg")
    assert deliver(labeler, notification(removed(store, "images/car.jpg", "0006", **marker))) == {
        "batchItemFailures": []
    }
    assert image(store, "images/car.jpg") is None
    assert every_entry(store) == []
    # Deleting what was never labeled is nothing to do.
    assert deliver(labeler, notification(removed(store, "images/never.jpg", "0001"))) == {"batchItemFailures": []}


def test_deleting_a_version_that_is_not_the_labelled_one_keeps_the_labels(labeler, store, rekognition):
    """S3 sends ObjectRemoved:Delete with the old versionId when a non-current version is
    deleted for good: the image a reader sees is unchanged (its labels were deleted before)."""
    first = upload(store, "images/bag.jpg", images.jpeg(64, 48))
    expect_detect(rekognition, store, first, answer(("Bag", 99.0)))
    deliver(labeler, notification(created(store, first, "0001")))
    second = upload(store, "images/bag.jpg", images.jpeg(80, 60))
    expect_detect(rekognition, store, second, answer(("Bag", 98.0), ("Leather", 91.0)))
    deliver(labeler, notification(created(store, second, "0002")))
    old = delete(store, "images/bag.jpg", first["version_id"])
    assert deliver(labeler, notification(removed(store, "images/bag.jpg", "0003", **old))) == {"batchItemFailures": []}
    assert image(store, "images/bag.jpg")["version_id"] == second["version_id"]
    assert with_label(store, "leather") == ["images/bag.jpg"]


@pytest.mark.parametrize("order", ["delete-first", "upload-redelivered-after-delete"])
def test_events_out_of_order_leave_no_labels_on_an_image_that_is_gone(labeler, store, rekognition, order):
    """S3 does not order its events: the object's state when the event is handled decides."""
    photo = upload(store, "images/late.jpg", images.jpeg(64, 48))
    upload_event = notification(created(store, photo, "0001"))
    if order == "upload-redelivered-after-delete":
        expect_detect(rekognition, store, photo, answer(("Lamp", 99.0)))
        deliver(labeler, upload_event)
    marker = delete(store, "images/late.jpg")
    deliver(labeler, notification(removed(store, "images/late.jpg", "0002", **marker)))
    assert deliver(labeler, upload_event) == {"batchItemFailures": []}  # no Rekognition call stubbed
    assert image(store, "images/late.jpg") is None
    assert every_entry(store) == []


def test_removing_the_delete_marker_brings_the_image_back_with_its_labels(labeler, store, rekognition):
    photo = upload(store, "images/back.jpg", images.jpeg(64, 48))
    expect_detect(rekognition, store, photo, answer(("Chair", 99.0)))
    deliver(labeler, notification(created(store, photo, "0001")))
    marker = delete(store, "images/back.jpg")
    deliver(labeler, notification(removed(store, "images/back.jpg", "0002", **marker)))
    assert image(store, "images/back.jpg") is None
    undone = delete(store, "images/back.jpg", marker["version_id"])  # the marker deleted: the photo is current
    expect_detect(rekognition, store, photo, answer(("Chair", 99.0)))
    assert deliver(labeler, notification(removed(store, "images/back.jpg", "0003", **undone))) == {
        "batchItemFailures": []
    }
    assert image(store, "images/back.jpg")["version_id"] == photo["version_id"]
    assert with_label(store, "chair") == ["images/back.jpg"]


def test_an_empty_upload_is_a_rejected_image_with_its_reason_not_a_failing_message(labeler, store, rekognition):
    """S3 answers a ranged GET of an empty object with InvalidRange: every delivery failed."""
    empty = upload(store, "images/empty.jpg", b"")
    assert deliver(labeler, notification(created(store, empty, "0001"))) == {"batchItemFailures": []}
    item = image(store, "images/empty.jpg")
    assert (item["status"], item["reason"]) == ("REJECTED", "an empty object (0 bytes) is no image")


def test_formats_rekognition_does_not_take_and_oversized_objects_are_rejected_before_any_call(
    labeler, store, rekognition
):
    gif = upload(store, "images/anim.gif", b"GIF89a" + b"\0" * 64)
    named_jpg = upload(store, "images/notes.jpg", b"%PDF-1.7 not an image")
    big = dict(upload(store, "images/huge.jpg", images.jpeg(16, 16)), size=16 * 1024 * 1024)  # as the event says
    events = [created(store, gif, "0001"), created(store, named_jpg, "0001"), created(store, big, "0001")]
    assert deliver(labeler, *(notification(e) for e in events)) == {"batchItemFailures": []}
    for key, reason in (
        ("images/anim.gif", "not a JPEG or PNG by its bytes"),
        ("images/notes.jpg", "not a JPEG or PNG by its bytes"),
        ("images/huge.jpg", "16777216 bytes is over Rekognition's 15 MB limit"),
    ):
        item = image(store, key)
        assert item["status"] == "REJECTED" and item["reason"].startswith(reason), item
    assert every_entry(store) == []


def test_a_rejected_re_upload_drops_the_old_labels(labeler, store, rekognition):
    photo = upload(store, "images/swap.jpg", images.jpeg(64, 48))
    expect_detect(rekognition, store, photo, answer(("Tree", 99.0)))
    deliver(labeler, notification(created(store, photo, "0001")))
    replaced = upload(store, "images/swap.jpg", b"plain text now")
    deliver(labeler, notification(created(store, replaced, "0002")))
    assert image(store, "images/swap.jpg")["status"] == "REJECTED"
    assert with_label(store, "tree") == []


def test_an_image_rekognition_refuses_is_recorded_as_rejected(labeler, store, rekognition):
    photo = upload(store, "images/odd.png", PNG_HEAD + b"\0" * 32)
    rekognition.add_client_error("detect_labels", "InvalidImageFormatException", "Request has invalid image format")
    assert deliver(labeler, notification(created(store, photo, "0001"))) == {"batchItemFailures": []}
    item = image(store, "images/odd.png")
    assert item["status"] == "REJECTED"
    assert item["reason"] == "Rekognition refused it: InvalidImageFormatException: Request has invalid image format"


def test_an_object_deleted_before_its_upload_event_is_handled_writes_nothing(labeler, store, rekognition):
    photo = upload(store, "images/gone.jpg", images.jpeg(16, 16))
    store["s3"].delete_object(Bucket=store["bucket"], Key=photo["key"], VersionId=photo["version_id"])
    assert deliver(labeler, notification(created(store, photo, "0001"))) == {"batchItemFailures": []}
    assert image(store, "images/gone.jpg") is None


def test_keys_outside_the_prefix_folders_and_s3_test_events_are_left_alone(labeler, store, rekognition):
    elsewhere = upload(store, "thumbnails/a.jpg", images.jpeg(16, 16))
    folder = dict(upload(store, "images/new folder/", b""), size=0)
    test_event = json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": store["bucket"]})
    bodies = [notification(created(store, elsewhere, "0001")), notification(created(store, folder, "0001")), test_event]
    assert deliver(labeler, *bodies) == {"batchItemFailures": []}
    assert store["table"].scan()["Items"] == []


def test_bad_messages_and_persistent_throttling_are_reported_and_the_good_ones_done(
    labeler, store, rekognition, monkeypatch
):
    monkeypatch.setattr("botocore.endpoint.time.sleep", lambda seconds: None)
    good = upload(store, "images/good.jpg", images.jpeg(32, 32))
    throttled = upload(store, "images/throttled.jpg", images.jpeg(32, 32))
    expect_detect(rekognition, store, good, answer(("Flower", 90.0)))
    # The Stubber answers one call per response: botocore's retries are the next test's.
    rekognition.add_client_error("detect_labels", "ThrottlingException", "Rate exceeded")
    event = sqs_event(
        [
            message(notification(created(store, good, "0001"))),
            message("not json at all"),
            message(json.dumps({"no": "Records"})),
            message(notification(created(store, throttled, "0001"))),
        ],
        QUEUE_ARN,
    )
    ids = [record["messageId"] for record in event["Records"]]
    result = labeler.lambda_handler(event, LambdaContext("labels"))
    assert result == {"batchItemFailures": [{"itemIdentifier": i} for i in ids[1:]]}
    assert image(store, "images/good.jpg")["labels"] == {"Flower"}
    assert image(store, "images/throttled.jpg") is None  # no work acknowledged that did not happen


class ScriptedRekognition:
    """HTTP answers given to the real client before it sends: botocore parses them and applies
    its own retry policy, as it would to Rekognition's."""

    def __init__(self, client, answers: list[tuple[int, dict]]) -> None:
        self.answers, self.attempts = list(answers), 0
        client.meta.events.register_first("before-send.rekognition.DetectLabels", self)

    def __call__(self, request, **_) -> AWSResponse:
        self.attempts += 1
        status, body = self.answers.pop(0)

        class Raw:
            def stream(self, **_):
                yield json.dumps(body).encode()

        return AWSResponse(request.url, status, {"Content-Type": "application/x-amz-json-1.1"}, Raw())


def test_throttling_is_retried_with_backoff_by_the_client(labeler, store, monkeypatch):
    waits = []
    monkeypatch.setattr("botocore.endpoint.time.sleep", waits.append)
    photo = upload(store, "images/busy.jpg", images.jpeg(32, 32))
    throttled = {"__type": "ThrottlingException", "message": "Rate exceeded"}
    scripted = ScriptedRekognition(
        labeler.rekognition, [(400, throttled), (400, throttled), (200, answer(("Crowd", 88.0)))]
    )
    try:
        assert deliver(labeler, notification(created(store, photo, "0001"))) == {"batchItemFailures": []}
    finally:
        labeler.rekognition.meta.events.unregister("before-send.rekognition.DetectLabels", scripted)
    assert scripted.attempts == 3
    assert len(waits) == 2 and all(0 <= w <= 20 for w in waits)  # standard mode: jittered exponential backoff
    assert image(store, "images/busy.jpg")["labels"] == {"Crowd"}


def test_a_wrong_environment_reports_every_record_instead_of_dropping_them(labeler, store, monkeypatch):
    monkeypatch.setenv("MAX_LABELS", "60")
    labeler.settings.cache_clear()
    photo = upload(store, "images/any.jpg", images.jpeg(16, 16))
    result = deliver(labeler, notification(created(store, photo, "0001")), notification(created(store, photo, "0002")))
    assert len(result["batchItemFailures"]) == 2
    with pytest.raises(ConfigurationError, match="MAX_LABELS must be 1-49, got 60"):
        labeler.settings()
