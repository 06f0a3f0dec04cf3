"""claim_decisions run in-process on the API Gateway proxy requests an adjuster's signed call
produces, against the emulator's DynamoDB; Step Functions through botocore's Stubber on the
handler's real client (the request each decision sends is checked against the service model)."""

from __future__ import annotations

import hashlib
import importlib
import json
import uuid

import boto3
import pytest
from botocore.stub import Stubber

from harness.runtime.events import LambdaContext, apigw_rest_proxy_event
from harness.runtime.stores import create_table

pytestmark = pytest.mark.unit

ADJUSTER = "arn:aws:iam::123456789012:user/ana"
TOKEN = "AAAAKgAAAAIAAAAAAAAAAR-token-" + "y" * 40


def claim_id(seed: str) -> str:
    return "claim-" + hashlib.sha256(seed.encode()).hexdigest()


@pytest.fixture(scope="module")
def decisions(emulator):
    return importlib.import_module("claim_decisions.handler")


@pytest.fixture
def table(decisions, emulator, monkeypatch) -> str:
    name = create_table(boto3.client("dynamodb"), f"claims-{uuid.uuid4().hex[:10]}", "claim_id")
    monkeypatch.setenv("CLAIMS_TABLE", name)
    decisions.settings.cache_clear()
    yield name
    decisions.settings.cache_clear()


@pytest.fixture
def sfn(decisions):
    with Stubber(decisions.sfn) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


COVERAGE = "5000"  # the policy's coverage limit, as claim_review records it with the request


def awaiting(table: str, seed: str, status: str = "AWAITING_REVIEW", coverage: str | None = COVERAGE) -> str:
    claim = claim_id(seed)
    item = {"claim_id": {"S": claim}, "status": {"S": status}, "task_token": {"S": TOKEN}, "audit": {"L": []}}
    if coverage is not None:
        item["coverage_limit"] = {"N": coverage}
    boto3.client("dynamodb").put_item(TableName=table, Item=item)
    return claim


def decide(decisions, claim: str, body: object, user_arn: str | None = ADJUSTER) -> tuple[int, dict]:
    raw = body if isinstance(body, str) else json.dumps(body)
    event = apigw_rest_proxy_event(
        "POST", f"/claims/{claim}/decision", "/claims/{claim_id}/decision",
        path_parameters={"claim_id": claim}, body=raw, user_arn=user_arn,
    )  # fmt: skip
    answer = decisions.lambda_handler(event, LambdaContext("claims-decisions"))
    return answer["statusCode"], json.loads(answer["body"])


def item(table: str, claim: str) -> dict:
    return boto3.client("dynamodb").get_item(TableName=table, Key={"claim_id": {"S": claim}})["Item"]


def test_an_approval_sends_the_decision_with_the_token_and_is_audited(decisions, table, sfn):
    claim = awaiting(table, "approve")
    output = {"decision": "APPROVED", "amount": 3900.5, "adjuster": ADJUSTER, "note": "two panels"}
    sfn.add_response("send_task_success", {}, {"taskToken": TOKEN, "output": json.dumps(output)})
    status, body = decide(decisions, claim, {"decision": "APPROVE", "amount": 3900.50, "note": "two panels"})
    assert (status, body) == (200, {"claim_id": claim, "decision": "APPROVED", "decided_by": ADJUSTER})
    stored = item(table, claim)
    assert stored["status"]["S"] == "DECISION_SENT"
    [entry] = stored["audit"]["L"]
    assert (entry["M"]["event"]["S"], entry["M"]["by"]["S"]) == ("DECISION_APPROVED", ADJUSTER)


def test_a_rejection_fails_the_task_with_claim_rejected_and_the_reason(decisions, table, sfn):
    claim = awaiting(table, "reject")
    cause = json.dumps({"adjuster": ADJUSTER, "reason": "old damage"})
    sfn.add_response("send_task_failure", {}, {"taskToken": TOKEN, "error": "ClaimRejected", "cause": cause})
    status, body = decide(decisions, claim, {"decision": "REJECT", "reason": "  old damage "})
    assert (status, body["decision"]) == (200, "REJECTED")


def test_a_second_decision_on_the_same_claim_gets_409(decisions, table, sfn):
    claim = awaiting(table, "twice")
    sfn.add_response("send_task_success", {})
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 200
    status, body = decide(decisions, claim, {"decision": "REJECT", "reason": "no"})
    assert (status, body["message"]) == (409, f"claim {claim} was decided already")


@pytest.mark.parametrize("status", ["RECEIVED", "ESCALATED", "APPROVED"])
def test_a_claim_not_awaiting_review_gets_409(decisions, table, sfn, status):
    claim = awaiting(table, f"not-awaiting-{status}", status=status)
    answer, body = decide(decisions, claim, {"decision": "APPROVE", "amount": 100})
    assert answer == 409 and status in body["message"]


def test_an_unknown_claim_gets_404(decisions, table, sfn):
    assert decide(decisions, claim_id("never-filed"), {"decision": "APPROVE", "amount": 100})[0] == 404
    assert decide(decisions, "claim-not-a-hash", {"decision": "APPROVE", "amount": 100})[0] == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "the body must be a JSON object"),
        ([1, 2], "the body must be a JSON object"),
        ({"decision": "MAYBE"}, 'decision must be "APPROVE" or "REJECT"'),
        ({"decision": "APPROVE"}, "amount must be a number above 0"),
        ({"decision": "APPROVE", "amount": 0}, "amount must be a number above 0"),
        ({"decision": "APPROVE", "amount": "100"}, "amount must be a number above 0"),
        ({"decision": "APPROVE", "amount": 10.001}, "with at most 2 decimals"),
        ({"decision": "APPROVE", "amount": 1e12}, "amount must be a number above 0"),
        ({"decision": "REJECT"}, "a rejection needs a reason"),
        ({"decision": "REJECT", "reason": "   "}, "a rejection needs a reason"),
        ({"decision": "REJECT", "reason": "x" * 501}, "reason must be a string of at most 500 characters"),
        ({"decision": "APPROVE", "amount": 5, "approved_by": "me"}, "unknown fields: approved_by"),
        ("[" * 100_000 + "]" * 100_000, "the body is nested too deeply"),
        ({"decision": "APPROVE", "amount": 5000.01}, "amount 5000.01 is above the policy's coverage limit 5000"),
    ],
    ids=["not-json", "array", "decision", "no-amount", "zero", "string-amount", "fractions", "huge", "no-reason",
         "blank-reason", "long-reason", "unknown-field", "nested", "above-coverage"],
)  # fmt: skip
def test_a_bad_body_gets_400_with_the_reason_and_changes_nothing(decisions, table, sfn, body, message):
    claim = awaiting(table, f"bad-{message}")
    status, answer = decide(decisions, claim, body)
    assert status == 400 and message in answer["message"], answer
    assert item(table, claim)["status"]["S"] == "AWAITING_REVIEW"


def test_a_decision_after_the_review_timed_out_gets_409(decisions, table, sfn):
    claim = awaiting(table, "late")
    sfn.add_client_error("send_task_success", service_error_code="TaskTimedOut", http_status_code=400)
    status, body = decide(decisions, claim, {"decision": "APPROVE", "amount": 100})
    assert status == 409 and "escalated" in body["message"]


def test_step_functions_unreachable_gets_503_and_the_claim_can_be_decided_again(decisions, table, sfn):
    claim = awaiting(table, "throttled")
    sfn.add_client_error("send_task_success", service_error_code="ThrottlingException", http_status_code=400)
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 503
    assert item(table, claim)["status"]["S"] == "AWAITING_REVIEW"
    sfn.add_response("send_task_success", {})
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 200


def test_an_event_that_is_not_an_api_request_gets_a_logged_400(decisions, table):
    answer = decisions.lambda_handler({"claim_id": "x"}, LambdaContext("claims-decisions"))
    assert answer["statusCode"] == 400


def test_an_approval_up_to_the_coverage_limit_stands_and_without_a_limit_on_record_none_does(decisions, table, sfn):
    """The automatic path approves within the policy's coverage only; so must a person."""
    sfn.add_response("send_task_success", {})
    assert decide(decisions, awaiting(table, "at-limit"), {"decision": "APPROVE", "amount": 5000})[0] == 200
    unknown = awaiting(table, "no-limit", coverage=None)
    status, body = decide(decisions, unknown, {"decision": "APPROVE", "amount": 10})
    assert (status, body["message"]) == (400, "the claim has no coverage limit on record: it cannot be approved here")
    cause = json.dumps({"adjuster": ADJUSTER, "reason": "no policy on record"})
    sfn.add_response("send_task_failure", {}, {"taskToken": TOKEN, "error": "ClaimRejected", "cause": cause})
    assert decide(decisions, unknown, {"decision": "REJECT", "reason": "no policy on record"})[0] == 200


def test_a_request_without_an_iam_identity_is_refused_and_changes_nothing(decisions, table, sfn):
    """The route requires IAM; were it misconfigured, the audit trail would read 'unknown'."""
    claim = awaiting(table, "anonymous")
    status, body = decide(decisions, claim, {"decision": "APPROVE", "amount": 100}, user_arn=None)
    assert status == 401 and "no IAM identity" in body["message"]
    assert item(table, claim)["status"]["S"] == "AWAITING_REVIEW"


def test_a_decision_is_audited_once_the_workflow_has_it_and_a_failed_hand_off_leaves_no_entry(decisions, table, sfn):
    claim = awaiting(table, "audited-once")
    sfn.add_client_error("send_task_success", service_error_code="ThrottlingException", http_status_code=400)
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 503
    assert item(table, claim)["audit"]["L"] == []
    sfn.add_response("send_task_success", {})
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 200
    [entry] = item(table, claim)["audit"]["L"]
    assert entry["M"]["event"]["S"] == "DECISION_APPROVED"


def test_a_hand_off_that_failed_and_could_not_be_released_can_be_tried_again(decisions, table, sfn, monkeypatch):
    """Throttled twice over: SendTaskSuccess and then the release. The claim stays
    DECISION_RECEIVED; the adjuster's retry goes through (it got a 409, and the claim waited
    for escalation), and Step Functions takes one answer per token whatever the attempts."""
    claim = awaiting(table, "stuck")

    def throttled(*_):
        raise decisions.ClientError({"Error": {"Code": "ThrottlingException"}}, "UpdateItem")

    monkeypatch.setattr(decisions, "_release", throttled)
    sfn.add_client_error("send_task_success", service_error_code="ThrottlingException", http_status_code=400)
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 503
    assert item(table, claim)["status"]["S"] == "DECISION_RECEIVED"
    sfn.add_response("send_task_success", {})
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 200
    stored = item(table, claim)
    assert (stored["status"]["S"], len(stored["audit"]["L"])) == ("DECISION_SENT", 1)


def test_the_workflows_own_outcome_is_not_overwritten_by_the_audit(decisions, table, sfn, monkeypatch):
    """The workflow may record APPROVED before the handler audits: that status stays."""
    claim = awaiting(table, "fast-workflow")
    original = decisions.sfn.send_task_success

    def workflow_records_first(**kwargs):
        answer = original(**kwargs)
        boto3.client("dynamodb").update_item(
            TableName=table, Key={"claim_id": {"S": claim}}, UpdateExpression="SET #s = :done",
            ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":done": {"S": "APPROVED"}},
        )  # fmt: skip
        return answer

    monkeypatch.setattr(decisions.sfn, "send_task_success", workflow_records_first)
    sfn.add_response("send_task_success", {})
    assert decide(decisions, claim, {"decision": "APPROVE", "amount": 100})[0] == 200
    stored = item(table, claim)
    assert (stored["status"]["S"], [e["M"]["event"]["S"] for e in stored["audit"]["L"]]) == (
        "APPROVED",
        ["DECISION_APPROVED"],
    )
