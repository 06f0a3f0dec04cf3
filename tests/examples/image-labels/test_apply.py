"""examples/image-labels applied on moto, the flow run end to end.

moto stores the function but does not run it, and its DetectLabels ignores the image and
always answers one label ("Mobile Phone", 99.94). So: an upload makes moto's S3 send its
notification to the uploads queue; the harness's poller (harness/runtime/poller.py) reads
the queue as Lambda's event source mapping would and runs the handler in-process with the
function's own configuration read back from moto; the item and the label's index entry are
read from the table; the deletion's notification takes them away again. Rekognition's real
answers (many labels, some under the threshold, none) are tests/handlers/test_image_labels.py's.
"""

from __future__ import annotations

import json

import boto3
import pytest

from harness.authorization.deliveries import deliveries, judge
from harness.authorization.enforcement import AuthorizationFailure, scenario
from harness.runtime import images
from harness.runtime.functions import deployed_handler
from harness.runtime.poller import drain
from harness.runtime.service_routes import call_route
from harness.scenarios import image_labels
from harness.scenarios.image_labels import polled_uploads_queue
from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.apply

MOTO_LABEL = image_labels.MOTO_LABEL
IMAGES = image_labels.IMAGES
REMAINING = sorted(set(IMAGES) - {image_labels.DELETED})


def test_the_function_reads_the_uploads_queue_in_batches_with_partial_failures(applied):
    lam = boto3.client("lambda")
    name = applied.outputs["function_name"]
    config = lam.get_function_configuration(FunctionName=name)
    assert config["Handler"] == "image_labels.handler.lambda_handler"
    assert config["Environment"]["Variables"]["LABELS_TABLE"] == applied.outputs["table_name"]
    # (moto does not filter list_event_source_mappings by function name: match here.)
    [mapping] = [
        m for m in lam.list_event_source_mappings()["EventSourceMappings"] if m["FunctionArn"].endswith(f":{name}")
    ]
    assert mapping["EventSourceArn"].endswith(":image-labels-uploads")
    assert (mapping["BatchSize"], mapping["FunctionResponseTypes"]) == (10, ["ReportBatchItemFailures"])


def test_the_role_may_label_read_its_prefix_and_write_its_table_only(applied):
    iam = boto3.client("iam")
    role = applied.outputs["function_name"]
    [policy_name] = iam.list_role_policies(RoleName=role)["PolicyNames"]
    document = iam.get_role_policy(RoleName=role, PolicyName=policy_name)["PolicyDocument"]
    policy = statements(document if isinstance(document, str) else json.dumps(document))
    bucket_arn = f"arn:aws:s3:::{applied.outputs['bucket_name']}"
    table_arn = f"arn:aws:dynamodb:us-east-1:123456789012:table/{applied.outputs['table_name']}"
    assert (policy["DetectLabels"]["Action"], policy["DetectLabels"]["Resource"]) == (
        ["rekognition:DetectLabels"],
        ["*"],
    )
    assert (policy["ReadImages"]["Action"], policy["ReadImages"]["Resource"]) == (
        ["s3:GetObject", "s3:GetObjectVersion"],
        [f"{bucket_arn}/images/*"],
    )
    assert (policy["ListImages"]["Action"], policy["ListImages"]["Resource"]) == (["s3:ListBucket"], [bucket_arn])
    assert (policy["WriteLabels"]["Action"], policy["WriteLabels"]["Resource"]) == (
        ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"],
        [table_arn],
    )
    assert policy["EventSourceUploads"]["Resource"] == ["arn:aws:sqs:us-east-1:123456789012:image-labels-uploads"]
    assert wildcard_actions(policy) == []
    assert sorted(policy) == [
        "DetectLabels",
        "EventSourceUploads",
        "ListImages",
        "Logs",
        "ReadImages",
        "WriteLabels",
        "XRay",
    ]


def test_the_uploads_queue_fails_over_to_its_dead_letter_queue_after_five_receives(applied):
    sqs = boto3.client("sqs")
    attributes = sqs.get_queue_attributes(QueueUrl=applied.outputs["queue_url"], AttributeNames=["RedrivePolicy"])
    redrive = json.loads(attributes["Attributes"]["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"].endswith(":image-labels-uploads-dlq")
    assert int(redrive["maxReceiveCount"]) == 5


def test_the_bucket_notifies_the_queue_of_uploads_and_deletions_under_the_prefix(applied):
    config = boto3.client("s3").get_bucket_notification_configuration(Bucket=applied.outputs["bucket_name"])
    [route] = config["QueueConfigurations"]
    assert route["QueueArn"].endswith(":image-labels-uploads")
    assert sorted(route["Events"]) == ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    assert {r["Name"].lower(): r["Value"] for r in route["Filter"]["Key"]["FilterRules"]} == {"prefix": "images/"}


def test_upload_labels_and_delete_unlabels_through_the_queue(walked, applied):
    """The use case `make demo EXAMPLE=image-labels` walks (harness/scenarios/image_labels.py)."""
    assert (walked.uploads.reported_failures, walked.uploads.deleted) == (0, len(IMAGES) + 1)
    for key in IMAGES:
        assert (walked.items[key]["status"], walked.items[key]["labels"]) == ("LABELED", {MOTO_LABEL}), key
    text = walked.items[image_labels.NOT_AN_IMAGE]
    assert (text["status"], text["reason"]) == (
        "REJECTED",
        "not a JPEG or PNG by its bytes: Rekognition takes nothing else",
    )
    # The deletion's notification took the image and its label's index entry away.
    assert (walked.deletion.reported_failures, walked.deletion.deleted) == (0, 1)
    table = boto3.resource("dynamodb").Table(applied.outputs["table_name"])
    assert "Item" not in table.get_item(Key={"pk": f"image#{image_labels.DELETED}", "sk": "image"})
    entries = table.query(
        KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": f"label#{MOTO_LABEL.lower()}"}
    )["Items"]
    assert sorted(e["sk"] for e in entries) == REMAINING


def test_the_queue_admits_only_this_buckets_notifications_over_tls(applied):
    sqs = boto3.client("sqs")
    policy = json.loads(
        sqs.get_queue_attributes(QueueUrl=applied.outputs["queue_url"], AttributeNames=["Policy"])["Attributes"][
            "Policy"
        ]
    )
    statements = {s["Sid"]: s for s in policy["Statement"]}
    allow = statements["S3SendsThisBucketsEvents"]
    assert (allow["Principal"], allow["Action"]) == ({"Service": "s3.amazonaws.com"}, "sqs:SendMessage")
    assert allow["Condition"]["ArnEquals"]["aws:SourceArn"] == f"arn:aws:s3:::{applied.outputs['bucket_name']}"
    assert statements["DenyInsecureTransport"]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_the_label_route_pages_through_the_images_with_that_label(walked, applied):
    """GET /labels/{label} run through the deployed integration (harness/runtime/service_routes.py):
    no emulator here serves a DynamoDB integration over HTTP, so the harness renders the
    route's templates with LocalStack's Velocity engine and sends the Query to moto."""
    api, route = applied.outputs["rest_api_id"], image_labels.ROUTE
    first, second = walked.pages
    assert first.status == 200, first
    assert first.body["label"] == MOTO_LABEL
    assert [image["key"] for image in first.body["images"]] == sorted(IMAGES)[:2]
    assert all(isinstance(image["confidence"], float) for image in first.body["images"])
    assert first.body["next"]
    assert (second.status, [i["key"] for i in second.body["images"]], second.body["next"]) == (
        200,
        sorted(IMAGES)[2:],
        None,
    )
    assert [i["key"] for i in walked.after_deletion.body["images"]] == REMAINING
    assert "images/desk/IMG 0003.jpg  (99.94)" in walked.narration
    everything = call_route(api, route, path_params={"label": MOTO_LABEL.upper()})
    assert [i["key"] for i in everything.body["images"]] == REMAINING  # labels are case-insensitive; 25 a page
    assert call_route(api, route, path_params={"label": "Giraffe"}).body == {
        "label": "Giraffe",
        "images": [],
        "next": None,
    }
    # A quote in the label is part of the label: it neither breaks the request nor widens the query.
    quoted = call_route(api, route, path_params={"label": 'Phone" OR "1'})
    assert (quoted.status, quoted.body["images"]) == (200, [])

    message = "limit must be a whole number from 1 to 100, and next a token from this API's previous page."
    for bad in ({"limit": "0"}, {"limit": "101"}, {"limit": "ten"}, {"limit": "-1"}):
        answer = call_route(api, route, path_params={"label": MOTO_LABEL}, query=bad)
        assert (answer.status, answer.body) == (400, {"message": message}), bad


def test_an_image_deleted_for_good_before_it_is_read_is_recorded_as_gone_not_retried(applied, stage):
    """S3 answers a read of a missing version 404 only to a caller that may list the bucket,
    403 AccessDenied to any other (harness/authorization fills that in: moto answers 404 to
    all). Without s3:ListBucket the labeler would retry the message into the DLQ."""
    bucket = applied.outputs["bucket_name"]
    queue_url, queue_arn = polled_uploads_queue(stage)
    s3 = boto3.client("s3")
    key = "images/desk/deleted before labelling.jpg"
    version = s3.put_object(Bucket=bucket, Key=key, Body=images.jpeg(64, 48), ContentType="image/jpeg")["VersionId"]
    s3.delete_object(Bucket=bucket, Key=key, VersionId=version)  # gone for good: no delete marker
    with deployed_handler(applied.outputs["function_name"]) as handler:
        stats = drain(handler, queue_url, queue_arn)
    assert (stats.reported_failures, stats.failed_ids) == (0, [])
    table = boto3.resource("dynamodb").Table(applied.outputs["table_name"])
    assert "Item" not in table.get_item(Key={"pk": f"image#{key}", "sk": "image"})


@pytest.mark.parametrize(
    ("mutation", "refused"),
    [
        ("drop the queue policy's statement admitting the bucket", "s3.amazonaws.com sqs:SendMessage"),
        ("drop the role's statement for the uploads queue", "sqs:ReceiveMessage"),
    ],
)
def test_removing_what_the_deliveries_need_fails_naming_the_request(applied, mutation, refused):
    """Undone afterwards. S3's notification to the queue, and the mapping's receive as the function's role."""
    sqs, iam = boto3.client("sqs"), boto3.client("iam")
    queue_url = applied.outputs["queue_url"]
    policy = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["Policy"])["Attributes"]["Policy"]
    role = applied.outputs["function_name"]
    [policy_name] = iam.list_role_policies(RoleName=role)["PolicyNames"]
    document = iam.get_role_policy(RoleName=role, PolicyName=policy_name)["PolicyDocument"]
    document = json.loads(document) if isinstance(document, str) else document
    if "queue policy" in mutation:
        kept = [s for s in json.loads(policy)["Statement"] if s["Sid"] != "S3SendsThisBucketsEvents"]
        sqs.set_queue_attributes(
            QueueUrl=queue_url, Attributes={"Policy": json.dumps({**json.loads(policy), "Statement": kept})}
        )
    else:
        kept = [s for s in document["Statement"] if s["Sid"] != "EventSourceUploads"]
        iam.put_role_policy(
            RoleName=role, PolicyName=policy_name, PolicyDocument=json.dumps({**document, "Statement": kept})
        )
    try:
        with pytest.raises(AuthorizationFailure, match=refused), scenario():
            for delivery in deliveries():
                if delivery.target_arn.endswith(":image-labels-uploads"):
                    judge(delivery)
    finally:
        sqs.set_queue_attributes(QueueUrl=queue_url, Attributes={"Policy": policy})
        iam.put_role_policy(RoleName=role, PolicyName=policy_name, PolicyDocument=json.dumps(document))
