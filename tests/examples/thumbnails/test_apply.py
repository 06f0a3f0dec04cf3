"""examples/thumbnails applied on the emulator: stable, working, and gone after destroy.

The emulator stores the function but does not run its code, so the upload-to-
thumbnail step calls the handler in-process with the S3 event the bucket's
notification delivers, using the function's configuration read back from the
emulator (environment, handler).
"""

from __future__ import annotations

import json

import boto3
import pytest

from harness.authorization.deliveries import deliveries, judge
from harness.authorization.enforcement import AuthorizationFailure, scenario
from harness.emulators.gaps import relax_bucket_policy_for
from harness.runtime import images
from harness.runtime.events import LambdaContext, s3_event, s3_object_created
from harness.runtime.functions import deployed_handler
from harness.scenarios import thumbnails

pytestmark = pytest.mark.apply


def test_function_is_configured_as_planned(applied):
    lam = boto3.client("lambda")
    config = lam.get_function_configuration(FunctionName=applied.outputs["function_name"])
    assert (config["Handler"], config["Runtime"], config["MemorySize"], config["Timeout"]) == (
        "thumbnail.handler.lambda_handler",
        "python3.12",
        1024,
        60,
    )
    # Created layers are attached in key order: pillow, then powertools.
    layer_names = [layer["Arn"].split(":layer:")[1].rsplit(":", 1)[0] for layer in config["Layers"]]
    assert layer_names == ["thumbnails-pillow", "thumbnails-powertools"]
    [statement] = json.loads(lam.get_policy(FunctionName=applied.outputs["function_name"])["Policy"])["Statement"]
    # Scoped to this bucket and to the bucket owner's account: bucket ARNs carry no account.
    assert statement["Condition"]["ArnLike"]["AWS:SourceArn"] == applied.outputs["bucket_arn"]
    assert statement["Condition"]["StringEquals"]["AWS:SourceAccount"] == "123456789012"


def test_notification_routes_originals_to_the_function(applied):
    config = boto3.client("s3").get_bucket_notification_configuration(Bucket=applied.outputs["bucket_name"])
    [route] = config["LambdaFunctionConfigurations"]
    assert route["LambdaFunctionArn"] == applied.outputs["function_arn"]
    assert route["Events"] == ["s3:ObjectCreated:*"]
    rules = {r["Name"].lower(): r["Value"] for r in route["Filter"]["Key"]["FilterRules"]}
    assert rules == {"prefix": "images/"}


def test_bucket_refuses_insecure_transport(applied):
    policy = json.loads(boto3.client("s3").get_bucket_policy(Bucket=applied.outputs["bucket_name"])["Policy"])
    [deny] = [st for st in policy["Statement"] if st["Sid"] == "DenyInsecureTransport"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_upload_makes_a_thumbnail(stage, narrator):
    """The use case `make demo EXAMPLE=thumbnails` walks (harness/scenarios/thumbnails.py)."""
    made = thumbnails.walk(stage, narrator)
    assert made.key == "thumbnails/trip/IMG 0001.jpg"
    assert (made.format, made.size) == ("JPEG", (192, 256))  # upright, longest side 256
    assert made.result["rejected"] == []
    # The thumbnail's key is outside the notification's prefix: it triggers nothing.
    assert not made.key.startswith(stage.outputs["source_prefix"])
    # What the demo prints: the real values, not placeholders.
    assert "192x256 JPEG" in narrator.text and "images/trip/IMG+0001.jpg" in narrator.text


@pytest.mark.parametrize(
    ("mutation", "refused"),
    [
        ("drop the role's statement for the thumbnails it writes", "s3:PutObject"),
        ("drop the role's statement for the originals it reads", "s3:GetObjectVersion"),
        ("drop the role's log statement", "logs:CreateLogStream"),
        ("drop the function's permission for S3 to invoke it", "lambda:InvokeFunction"),
    ],
)
def test_removing_what_the_scenario_needs_fails_it_naming_the_request(applied, emulator, mutation, refused):
    """Each mutation of the deployed account is undone afterwards; the scenario is the upload above."""
    bucket, function = applied.outputs["bucket_name"], applied.outputs["function_name"]
    relax_bucket_policy_for(emulator.kind, bucket)
    iam, lam, s3 = boto3.client("iam"), boto3.client("lambda"), boto3.client("s3")
    role = lam.get_function_configuration(FunctionName=function)["Role"].rsplit("/", 1)[-1]
    [policy_name] = iam.list_role_policies(RoleName=role)["PolicyNames"]
    document = iam.get_role_policy(RoleName=role, PolicyName=policy_name)["PolicyDocument"]
    document = json.loads(document) if isinstance(document, str) else document
    function_policy = json.loads(lam.get_policy(FunctionName=function)["Policy"])
    key = "images/trip/IMG 0002.jpg"
    s3.put_object(Bucket=bucket, Key=key, Body=images.jpeg(64, 48), ContentType="image/jpeg")
    head = s3.head_object(Bucket=bucket, Key=key)
    event = s3_event(s3_object_created(bucket, key, head["ContentLength"], head["ETag"], head.get("VersionId")))
    if mutation.startswith("drop the role's"):
        action = {"thumbnails": "s3:PutObject", "originals": "s3:GetObject", "log": "logs:CreateLogStream"}[
            next(word for word in ("thumbnails", "originals", "log") if word in mutation)
        ]
        kept = [st for st in document["Statement"] if action not in st["Action"]]
        assert len(kept) == len(document["Statement"]) - 1, document
        iam.put_role_policy(
            RoleName=role, PolicyName=policy_name, PolicyDocument=json.dumps({**document, "Statement": kept})
        )
    else:
        for statement in function_policy["Statement"]:
            lam.remove_permission(FunctionName=function, StatementId=statement["Sid"])
    try:
        with pytest.raises(AuthorizationFailure, match=refused.replace("*", r"\*")):
            if mutation.endswith("invoke it"):
                with scenario():
                    for delivery in deliveries():
                        if delivery.source_arn == f"arn:aws:s3:::{bucket}":
                            judge(delivery)
            else:
                with deployed_handler(function) as handler:
                    handler(event, LambdaContext(function))
    finally:
        iam.put_role_policy(RoleName=role, PolicyName=policy_name, PolicyDocument=json.dumps(document))
        if mutation.endswith("invoke it"):
            for statement in function_policy["Statement"]:
                lam.add_permission(
                    FunctionName=function,
                    StatementId=statement["Sid"],
                    Action=statement["Action"],
                    Principal=statement["Principal"]["Service"],
                    SourceArn=statement["Condition"]["ArnLike"]["AWS:SourceArn"],
                    SourceAccount=statement["Condition"]["StringEquals"]["AWS:SourceAccount"],
                )
