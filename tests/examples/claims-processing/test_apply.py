"""examples/claims-processing applied on moto: what the plan cannot show.

The workflow role's policy names the supervisors topic's key, whose ARN exists only after
apply, so the whole policy is unknown at plan; it is read back from the emulator here."""

from __future__ import annotations

import json

import boto3
import pytest

from harness.authorization import enforcement, policies
from harness.emulators.gaps import relax_bucket_policy_for
from harness.runtime import images
from harness.runtime.events import LambdaContext
from harness.runtime.functions import deployed_handler
from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.apply

ARN = "us-east-1:123456789012"


def test_the_claims_role_has_one_statement_per_integration_and_nothing_else(applied):
    role = boto3.client("stepfunctions").describe_state_machine(
        stateMachineArn=f"arn:aws:states:{ARN}:stateMachine:claims"
    )["roleArn"]
    [document] = [p["policy"] for p in policies.role(role).identity_policies]
    policy = statements(json.dumps(document))
    key = boto3.client("sns").get_topic_attributes(TopicArn=f"arn:aws:sns:{ARN}:claims-supervisors")["Attributes"][
        "KmsMasterKeyId"
    ]
    assert {
        sid: (s["Action"], s["Resource"]) for sid, s in policy.items() if sid not in ("DeliverLogs", "WriteTraces")
    } == {
        "Validate": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{ARN}:function:claims-validate"]),
        "Analyse": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{ARN}:function:claims-analyse"]),
        "History": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{ARN}:function:claims-history"]),
        "ClaimsTable": (["dynamodb:PutItem", "dynamodb:UpdateItem"], [f"arn:aws:dynamodb:{ARN}:table/claims"]),
        "PoliciesTable": (["dynamodb:GetItem"], [f"arn:aws:dynamodb:{ARN}:table/claims-policies"]),
        "ReviewRequests": (["sqs:SendMessage"], [f"arn:aws:sqs:{ARN}:claims-review-requests"]),
        "Supervisors": (["sns:Publish"], [f"arn:aws:sns:{ARN}:claims-supervisors"]),
        # The topic's own key (it admits the alarms too), through SNS only.
        "SupervisorsKey": (["kms:Decrypt", "kms:GenerateDataKey"], [key]),
    }
    assert policy["SupervisorsKey"]["Condition"] == {"StringEquals": {"kms:ViaService": "sns.us-east-1.amazonaws.com"}}
    assert wildcard_actions(policy) == []


def test_the_validation_function_reads_a_photo_version_as_its_role_through_the_aws_managed_key(applied, emulator):
    """The workflow's first task, run in-process on moto as the function's role: its read of the
    photo version, and S3's use of aws/s3 for it, are judged as IAM would (harness/authorization)."""
    bucket = applied.outputs["bucket_name"]
    relax_bucket_policy_for(emulator.kind, bucket)
    key = "incoming/cust-42/bumper.jpg"
    version = boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=images.jpeg(640, 480))["VersionId"]
    claim = {"claim_id": "claim-1", "bucket": bucket, "key": key, "version_id": version}
    with deployed_handler("claims-validate") as handler:
        verdict = handler(claim, LambdaContext("claims-validate"))
    assert (verdict["valid"], verdict["customer_id"], verdict["format"]) == (True, "cust-42", "jpeg")
    assert [d.action for j in enforcement.ledger.requests[-1:] for d in j.decisions] == [
        "s3:GetObjectVersion",
        "kms:Decrypt",
    ]
