"""claim_review run in-process on the SQS batches Lambda's poller would deliver from the review
queue, against the emulator's SQS, DynamoDB and SNS."""

from __future__ import annotations

import importlib
import json
import uuid

import boto3
import pytest

from harness.runtime.events import LambdaContext, sqs_event
from harness.runtime.poller import drain, take_bodies
from harness.runtime.stores import create_table, subscribed_inbox

pytestmark = pytest.mark.unit

TOKEN = "AQCEAAAAKgAAAAMAAAAA-token-" + "x" * 40


@pytest.fixture(scope="module")
def review(emulator):
    return importlib.import_module("claim_review.handler")


@pytest.fixture
def world(review, emulator, monkeypatch) -> dict:
    suffix = uuid.uuid4().hex[:10]
    dynamodb, sns, sqs = boto3.client("dynamodb"), boto3.client("sns"), boto3.client("sqs")
    table = create_table(dynamodb, f"claims-{suffix}", "claim_id")
    topic = sns.create_topic(Name=f"adjusters-{suffix}")["TopicArn"]
    inbox = subscribed_inbox(sns, sqs, topic, f"inbox-{suffix}")
    requests = sqs.create_queue(QueueName=f"review-requests-{suffix}")["QueueUrl"]
    requests_arn = sqs.get_queue_attributes(QueueUrl=requests, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    monkeypatch.setenv("CLAIMS_TABLE", table)
    monkeypatch.setenv("ADJUSTERS_TOPIC_ARN", topic)
    monkeypatch.setenv("DECISION_URL", "https://api.example.test/v1")
    review.settings.cache_clear()
    yield {"table": table, "inbox": inbox, "requests": requests, "requests_arn": requests_arn}
    review.settings.cache_clear()


def register(world: dict, claim_id: str, status: str = "RECEIVED") -> None:
    boto3.client("dynamodb").put_item(
        TableName=world["table"], Item={"claim_id": {"S": claim_id}, "status": {"S": status}, "audit": {"L": []}}
    )


def request(claim_id: str, token: str = TOKEN, reason: str = "OUTSIDE_AUTO_APPROVAL") -> str:
    return json.dumps(
        {
            "claim_id": claim_id,
            "task_token": token,
            "reason": reason,
            "analysis": {
                "assessment": {
                    "damage_type": "dent",
                    "estimated_cost": 4200,
                    "severity_score": 3,
                    "confidence_score": 0.9,
                },
                "summary": "A deep dent across two panels.",
            },
            "policy": {"policy_id": "POL-1", "coverage_limit": 5000, "auto_approval_limit": 1000, "deductible": 150},
        }
    )


def deliver(review, world: dict, *bodies: str, batches: int = 10):
    sqs = boto3.client("sqs")
    for body in bodies:
        sqs.send_message(QueueUrl=world["requests"], MessageBody=body)
    context = LambdaContext("claims-review")
    return drain(review.lambda_handler, world["requests"], world["requests_arn"], context=context, max_batches=batches)


def claim(world: dict, claim_id: str) -> dict:
    return boto3.client("dynamodb").get_item(TableName=world["table"], Key={"claim_id": {"S": claim_id}})["Item"]


def test_the_token_is_kept_on_the_claim_and_the_adjusters_hear_of_it_without_it(review, world):
    register(world, "claim-a")
    stats = deliver(review, world, request("claim-a"))
    assert (stats.deleted, stats.reported_failures) == (1, 0)
    item = claim(world, "claim-a")
    assert (item["status"]["S"], item["task_token"]["S"], item["review_reason"]["S"]) == (
        "AWAITING_REVIEW",
        TOKEN,
        "OUTSIDE_AUTO_APPROVAL",
    )
    assert [entry["M"]["event"]["S"] for entry in item["audit"]["L"]] == ["AWAITING_REVIEW"]
    assert "notified_at" in item
    [notice] = take_bodies(boto3.client("sqs"), world["inbox"])
    assert TOKEN not in notice
    assert "Claim claim-a needs a decision (OUTSIDE_AUTO_APPROVAL)." in notice
    assert "A deep dent across two panels." in notice and "4200" in notice and "auto-approval 1000" in notice
    assert "POST https://api.example.test/v1/claims/claim-a/decision" in notice


def test_a_redelivered_request_does_not_notify_twice(review, world):
    register(world, "claim-b")
    deliver(review, world, request("claim-b"))
    take_bodies(boto3.client("sqs"), world["inbox"])
    stats = deliver(review, world, request("claim-b"))
    assert (stats.deleted, stats.reported_failures) == (1, 0)
    assert take_bodies(boto3.client("sqs"), world["inbox"]) == []


def test_a_request_taken_but_not_yet_announced_is_announced_on_redelivery(review, world, monkeypatch):
    register(world, "claim-c")
    publish = review.sns.publish

    def sns_down(**kwargs):
        raise review.ClientError({"Error": {"Code": "InternalError", "Message": "SNS is down"}}, "Publish")

    monkeypatch.setattr(review.sns, "publish", sns_down)
    with pytest.raises(RuntimeError, match="still had messages"):  # reported each time, never deleted
        deliver(review, world, request("claim-c"), batches=3)
    monkeypatch.setattr(review.sns, "publish", publish)
    assert deliver(review, world).reported_failures == 0  # the redelivery
    assert len(take_bodies(boto3.client("sqs"), world["inbox"])) == 1


def test_a_request_for_a_claim_closed_meanwhile_is_dropped_without_a_notice(review, world):
    register(world, "claim-d", status="ESCALATED")
    stats = deliver(review, world, request("claim-d"))
    assert (stats.deleted, stats.reported_failures) == (1, 0)
    assert claim(world, "claim-d")["status"]["S"] == "ESCALATED"
    assert take_bodies(boto3.client("sqs"), world["inbox"]) == []


def test_malformed_requests_and_unknown_claims_are_reported_and_the_rest_succeed(review, world):
    register(world, "claim-e")
    sqs = boto3.client("sqs")
    for body in ("not json", json.dumps({"claim_id": "claim-e"}), request("claim-unknown"), request("claim-e")):
        sqs.send_message(QueueUrl=world["requests"], MessageBody=body)
    messages = sqs.receive_message(QueueUrl=world["requests"], MaxNumberOfMessages=10, AttributeNames=["All"])[
        "Messages"
    ]

    answer = review.lambda_handler(sqs_event(messages, world["requests_arn"]), LambdaContext("claims-review"))
    failed = {item["itemIdentifier"] for item in answer["batchItemFailures"]}
    bodies = {m["MessageId"]: m["Body"] for m in messages}
    assert sorted(bodies[i] for i in failed) == sorted(
        ["not json", json.dumps({"claim_id": "claim-e"}), request("claim-unknown")]
    )
    assert claim(world, "claim-e")["status"]["S"] == "AWAITING_REVIEW"


def without_policy_limit(claim_id: str, limit: str, value: object = None) -> str:
    body = json.loads(request(claim_id))
    if value is None:
        del body["policy"][limit]
    else:
        body["policy"][limit] = value
    return json.dumps(body)


@pytest.mark.parametrize(
    "make",
    [
        lambda c: without_policy_limit(c, "coverage_limit"),
        lambda c: without_policy_limit(c, "coverage_limit", "5000"),
        lambda c: without_policy_limit(c, "deductible", -1),
        lambda c: json.dumps({**json.loads(request(c)), "policy": None}),
        lambda c: json.dumps({**json.loads(request(c)), "analysis": ["not", "an", "object"]}),
        lambda c: request(c)[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["no-coverage", "coverage-string", "negative-deductible", "no-policy", "analysis-array", "nested"],
)
def test_a_request_is_validated_whole_before_the_claim_changes(review, world, make):
    """A request the workflow could not have sent leaves the claim as it was (reported, then
    dead-lettered), instead of marking it awaiting a review no decision could be held to."""
    register(world, "claim-w")
    sqs = boto3.client("sqs")
    sqs.send_message(QueueUrl=world["requests"], MessageBody=make("claim-w"))
    [message] = sqs.receive_message(QueueUrl=world["requests"], AttributeNames=["All"])["Messages"]
    answer = review.lambda_handler(sqs_event([message], world["requests_arn"]), LambdaContext("claims-review"))
    assert answer["batchItemFailures"] == [{"itemIdentifier": message["MessageId"]}]
    assert claim(world, "claim-w")["status"]["S"] == "RECEIVED"
    assert "coverage_limit" not in claim(world, "claim-w")


def test_the_claim_keeps_the_coverage_limit_a_decision_is_held_to(review, world):
    register(world, "claim-c")
    deliver(review, world, request("claim-c"))
    assert claim(world, "claim-c")["coverage_limit"] == {"N": "5000"}
