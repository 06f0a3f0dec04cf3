"""examples/claims-processing applied on moto: what the plan cannot show.

The workflow role's policy names the supervisors topic's key, whose ARN exists only after
apply, so the whole policy is unknown at plan; it is read back from the emulator here."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.stub import Stubber

from harness.authorization import enforcement, policies
from harness.emulators.gaps import pause_event_source_mappings, relax_bucket_policy_for
from harness.runtime import images
from harness.runtime.events import LambdaContext, apigw_rest_proxy_event
from harness.runtime.functions import deployed_handler
from harness.runtime.poller import drain
from harness.runtime.stores import converse_answer
from harness.scenarios import claims_processing
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
    s3 = boto3.client("s3")
    version = s3.put_object(Bucket=bucket, Key=key, Body=images.jpeg(640, 480))["VersionId"]
    claim = {"claim_id": "claim-1", "bucket": bucket, "key": key, "version_id": version}
    try:
        with deployed_handler("claims-validate") as handler:
            verdict = handler(claim, LambdaContext("claims-validate"))
    finally:  # the bucket keeps its data on destroy (no force_destroy): leave it as the apply made it
        s3.delete_object(Bucket=bucket, Key=key, VersionId=version)
    assert (verdict["valid"], verdict["customer_id"], verdict["format"]) == (True, "cust-42", "jpeg")
    assert [d.action for j in enforcement.ledger.requests[-1:] for d in j.decisions] == [
        "s3:GetObjectVersion",
        "kms:Decrypt",
    ]


def test_the_review_function_takes_a_review_request_as_its_role_and_tells_the_adjusters(applied, emulator):
    """The workflow's review request, as its queue delivers it: the review function (its role, on
    moto) stores the token on the claim and publishes to the adjusters' topic under aws/sns."""
    assert pause_event_source_mappings(emulator.kind, ["claims-review"]) in (0, 1)  # the poller does its job
    claims = boto3.resource("dynamodb").Table(applied.outputs["claims_table_name"])
    claims.put_item(Item={"claim_id": "claim-review-1", "status": "RECEIVED"})
    sqs, queue_url = boto3.client("sqs"), applied.outputs["review_queue_url"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = {"policy_id": "POL-42", "coverage_limit": 5000, "auto_approval_limit": 1000, "deductible": 150}
    request = {"claim_id": "claim-review-1", "task_token": "token-1", "reason": "LOW_CONFIDENCE", "analysis": {}}
    request["policy"] = policy  # as every review path of the workflow sends it (Read policy limits)
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(request))
    start = len(enforcement.ledger.requests)
    with deployed_handler("claims-review") as handler:
        stats = drain(handler, queue_url, queue_arn)
    assert (stats.deleted, stats.reported_failures) == (1, 0)
    claim = claims.get_item(Key={"claim_id": "claim-review-1"})["Item"]
    assert (claim["status"], claim["task_token"], "notified_at" in claim) == ("AWAITING_REVIEW", "token-1", True)
    made = {d.action for j in enforcement.ledger.requests[start:] for d in j.decisions if d.allowed}
    assert {
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "dynamodb:UpdateItem",
        "sns:Publish",
        "kms:GenerateDataKey",
    } <= made


def test_the_decision_function_answers_a_task_token_as_its_role(applied):
    """An adjuster's IAM-signed decision, run as the decisions function's role on moto: SendTask*
    take no resource in IAM, so only the callback policy's "*" grant lets this call through
    (on the machine's ARN it was denied). moto refuses the made-up token (InvalidToken), so the
    review counts as closed, as after an escalation: a 409."""
    claim_id = "claim-" + "d" * 64
    claims = boto3.resource("dynamodb").Table(applied.outputs["claims_table_name"])
    claims.put_item(Item={"claim_id": claim_id, "status": "AWAITING_REVIEW", "task_token": "token-2", "audit": []})
    event = apigw_rest_proxy_event(
        "POST", f"/claims/{claim_id}/decision", "/claims/{claim_id}/decision",
        path_parameters={"claim_id": claim_id}, body=json.dumps({"decision": "REJECT", "reason": "old damage"}),
        user_arn="arn:aws:iam::123456789012:user/ana",
    )  # fmt: skip
    start = len(enforcement.ledger.requests)
    with deployed_handler("claims-decisions") as handler:
        answer = handler(event, LambdaContext("claims-decisions"))
    sent = [d for j in enforcement.ledger.requests[start:] for d in j.decisions if d.action == "states:SendTaskFailure"]
    assert [(d.resource, d.result) for d in sent] == [("*", "Allowed")]
    assert (answer["statusCode"], "(InvalidToken)" in json.loads(answer["body"])["message"]) == (409, True), answer


def test_the_analysis_function_reads_the_photo_and_asks_its_model_as_its_role(applied, emulator):
    """Bedrock is answered by botocore's Stubber on the handler's own client (neither emulator has
    Converse); the request is judged before it: bedrock:InvokeModel on the example's model."""
    bucket = applied.outputs["bucket_name"]
    relax_bucket_policy_for(emulator.kind, bucket)
    s3 = boto3.client("s3")
    key = "incoming/cust-42/door.jpg"
    version = s3.put_object(Bucket=bucket, Key=key, Body=images.jpeg(320, 240))["VersionId"]
    claim = {"claim_id": "claim-2", "bucket": bucket, "key": key, "version_id": version, "format": "jpeg"}
    found = {"damage_type": "dented door", "estimated_cost": 850.0, "severity_score": 2, "confidence_score": 0.91}
    start = len(enforcement.ledger.requests)
    try:
        with (
            deployed_handler("claims-analyse") as handler,
            Stubber(handler.module.bedrock) as bedrock,
        ):
            bedrock.add_response("converse", converse_answer(json.dumps(found)))
            result = handler(claim, LambdaContext("claims-analyse"))
    finally:
        s3.delete_object(Bucket=bucket, Key=key, VersionId=version)
    assert result["assessment"] == found
    judged = [(d.action, d.resource) for j in enforcement.ledger.requests[start:] for d in j.decisions]
    assert ("bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0") in judged
    assert ("s3:GetObjectVersion", f"arn:aws:s3:::{bucket}/{key}") in judged


def test_the_history_function_checkpoints_the_analysis_as_its_role(applied, emulator):
    """The artifact, the context item and the summary model's call, each judged for the history
    function's role (Bedrock stubbed on its own client, as for the analysis)."""
    bucket = applied.outputs["bucket_name"]
    relax_bucket_policy_for(emulator.kind, bucket)
    found = {"damage_type": "dented door", "estimated_cost": 850.0, "severity_score": 2, "confidence_score": 0.91}
    event = {"claim_id": "claim-3", "analysis": {"assessment": found, "model_id": "amazon.nova-pro-v1:0"}}
    start = len(enforcement.ledger.requests)
    s3 = boto3.client("s3")
    try:
        with (
            deployed_handler("claims-history") as handler,
            Stubber(handler.module.bedrock) as bedrock,
        ):
            bedrock.add_response("converse", converse_answer("A dented door, about 850."))
            result = handler(event, LambdaContext("claims-history"))
    finally:  # the bucket keeps its data on destroy: leave it as the apply made it
        for version in s3.list_object_versions(Bucket=bucket, Prefix="artifacts/claim-3/").get("Versions", []):
            s3.delete_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])
    assert result["summary"] == "A dented door, about 850."
    judged = {d.action for j in enforcement.ledger.requests[start:] for d in j.decisions if d.allowed}
    assert {"s3:PutObject", "kms:GenerateDataKey", "bedrock:InvokeModel", "dynamodb:PutItem"} <= judged


def test_a_claim_photo_goes_through_the_deployed_workflow_to_an_automatic_approval(stage, narrator):
    """The use case `make demo EXAMPLE=claims-processing` walks (harness/scenarios/claims_processing.py):
    the functions' real results, then the deployed definition deciding on them."""
    claim = claims_processing.walk(stage, narrator)
    assert (claim.verdict["valid"], claim.verdict["customer_id"], claim.verdict["format"]) == (True, "cust-42", "jpeg")
    assert claim.analysis["assessment"] == claims_processing.MODEL_ANSWER
    assert claim.checkpoint["summary"] == claims_processing.SUMMARY
    assert claim.policy_record["Item"]["auto_approval_limit"] == {"N": "1000"}
    execution = claim.execution
    assert execution.status == "SUCCEEDED", (execution.error, execution.cause)
    assert execution.states_entered == [
        "Set defaults", "Register claim", "Validate input", "Input valid?", "Analyse damage", "Checkpoint context",
        "Fetch policy", "Policy found?", "Read policy limits", "Assess risk", "Auto approve", "Record outcome",
        "Closed as?", "Claim closed",
    ]  # fmt: skip
    assert execution.output["decision"] == "APPROVED" and execution.output["amount"] == 800
    # The walk left the bucket as the apply made it: its destroy needs it empty (no force_destroy).
    versions = boto3.client("s3").list_object_versions(Bucket=stage.outputs["bucket_name"])
    assert versions.get("Versions", []) == [] and versions.get("DeleteMarkers", []) == []
    assert "11. Auto approve" in narrator.text
