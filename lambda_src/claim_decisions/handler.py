"""An adjuster's decision on a claim awaiting review (API Gateway Lambda proxy, IAM-signed).

POST /claims/{claim_id}/decision with {"decision": "APPROVE", "amount": 1234.5, "note": "..."}
or {"decision": "REJECT", "reason": "..."}. The handler finds the claim's task token in the
claims table (the token never reaches the adjuster), checks the claim is awaiting review,
takes the decision once with a conditional write, and answers the waiting workflow:
SendTaskSuccess with the decision, or SendTaskFailure with error ClaimRejected.

400 for a bad body or an approval above the policy's coverage limit (recorded on the claim
with the review request), 401 for a request without an IAM identity, 404 for an unknown
claim, 409 when the claim is not awaiting review (decided already, escalated, closed) or
the review closed before the answer reached it, 503 when Step Functions could not be
reached (the decision is released for a retry). Who decided is the caller's IAM identity,
from the signed request; the audit trail records a decision once the workflow has it.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import boto3
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.exceptions import BadRequestError, NotFoundError, UnauthorizedError
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import BotoCoreError, ClientError

from function_settings import from_env, variable
from observability import logger, tracer
from rest_requests import not_a_request

app = APIGatewayRestResolver()
dynamodb = boto3.client("dynamodb")
sfn = boto3.client("stepfunctions")

CLAIM_ID = re.compile(r"^claim-[0-9a-f]{64}$")
MAX_AMOUNT = Decimal("10000000")
MAX_TEXT = 500
REVIEW_CLOSED = {"TaskTimedOut", "TaskDoesNotExist", "InvalidToken"}


@dataclass(frozen=True)
class Settings:
    claims_table: str = variable("CLAIMS_TABLE")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def conflict(message: str) -> Response:
    return Response(status_code=409, content_type="application/json", body=json.dumps({"message": message}))


def read_decision(raw: str | None) -> dict[str, Any]:
    try:
        body = json.loads(raw or "", parse_float=Decimal, parse_int=Decimal)
    except ValueError:
        raise BadRequestError("the body must be a JSON object") from None
    except RecursionError:  # the parser's own limit: a crash, and API Gateway's 502, otherwise
        raise BadRequestError("the body is nested too deeply") from None
    if not isinstance(body, dict):
        raise BadRequestError("the body must be a JSON object")
    unknown = sorted(set(body) - {"decision", "amount", "reason", "note"})
    if unknown:
        raise BadRequestError(f"unknown fields: {', '.join(name[:40] for name in unknown[:5])}")
    decision = body.get("decision")
    if decision not in ("APPROVE", "REJECT"):
        raise BadRequestError('decision must be "APPROVE" or "REJECT"')
    for field in ("reason", "note"):
        if field in body and (not isinstance(body[field], str) or len(body[field]) > MAX_TEXT):
            raise BadRequestError(f"{field} must be a string of at most {MAX_TEXT} characters")
    if decision == "APPROVE":
        amount = body.get("amount")
        try:
            valid = isinstance(amount, Decimal) and amount.is_finite() and 0 < amount <= MAX_AMOUNT
        except InvalidOperation:
            valid = False
        if not valid or amount != amount.quantize(Decimal("0.01")):
            raise BadRequestError(f"amount must be a number above 0 and at most {MAX_AMOUNT}, with at most 2 decimals")
        return {"decision": "APPROVED", "amount": amount, "note": body.get("note", "")}
    reason = body.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise BadRequestError("a rejection needs a reason")
    return {"decision": "REJECTED", "reason": reason.strip()}


def adjuster() -> str:
    """The signer of the request: the route requires IAM, and the audit trail depends on it,
    so a request without one (a misconfigured route, a test console) is refused."""
    identity = app.current_event.request_context.identity
    who = identity.user_arn or identity.caller
    if not who:
        raise UnauthorizedError("the request carries no IAM identity: sign it (SigV4)")
    return who


def above_coverage(item: dict, decision: dict[str, Any]) -> str | None:
    """Why an approval cannot stand against the policy the review was asked under, or None:
    the automatic path approves within the coverage limit only, and so must a person."""
    if decision["decision"] != "APPROVED":
        return None
    coverage = item.get("coverage_limit", {}).get("N")
    if coverage is None:
        return "the claim has no coverage limit on record: it cannot be approved here"
    if decision["amount"] > Decimal(coverage):
        return f"amount {decision['amount']} is above the policy's coverage limit {coverage}"
    return None


# DECISION_RECEIVED: a hand-off under way, or one that failed and could not be released (its
# release may be throttled too): the adjuster may try again, and Step Functions, which takes
# one answer per token, decides between attempts. DECISION_SENT: the workflow has it.
TAKEABLE = ("AWAITING_REVIEW", "DECISION_RECEIVED")


def take_decision(claim_id: str, token: str, by: str, decision: str) -> bool:
    """Claim the decision; False when the workflow has one (or moved on) meanwhile."""
    at = datetime.now(UTC).isoformat()
    try:
        dynamodb.update_item(
            TableName=settings().claims_table,
            Key={"claim_id": {"S": claim_id}},
            UpdateExpression="SET #status = :received, decision_by = :by, decision_at = :at",
            ConditionExpression="(#status = :awaiting OR #status = :received) AND task_token = :token",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={
                ":received": {"S": "DECISION_RECEIVED"},
                ":awaiting": {"S": "AWAITING_REVIEW"},
                ":token": {"S": token},
                ":by": {"S": by},
                ":at": {"S": at},
            },
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            return False
        raise
    return True


def audit_decision(claim_id: str, by: str, decision: str) -> None:
    """The decision reached the workflow: now it belongs in the audit trail (a hand-off that
    failed leaves none, and the adjuster's retry is the one recorded)."""
    at = datetime.now(UTC).isoformat()
    values = {
        ":none": {"L": []},
        ":entry": {"L": [{"M": {"at": {"S": at}, "event": {"S": f"DECISION_{decision}"}, "by": {"S": by}}}]},
    }
    audit = "audit = list_append(if_not_exists(audit, :none), :entry)"
    key = {"TableName": settings().claims_table, "Key": {"claim_id": {"S": claim_id}}}
    try:
        try:  # marked sent, unless the workflow recorded its outcome already (that status stays)
            dynamodb.update_item(
                **key,
                UpdateExpression=f"SET #status = :sent, {audit}",
                ConditionExpression="#status = :received",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={
                    **values,
                    ":sent": {"S": "DECISION_SENT"},
                    ":received": {"S": "DECISION_RECEIVED"},
                },
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
            dynamodb.update_item(**key, UpdateExpression=f"SET {audit}", ExpressionAttributeValues=values)
    except (ClientError, BotoCoreError):
        # The workflow has the decision and records the outcome with who decided; the
        # adjuster must not be told to decide again.
        logger.exception("Decision sent but not audited", extra={"claim_id": claim_id, "adjuster": by})


def release_decision(claim_id: str, token: str) -> None:
    """Step Functions could not be told: back to awaiting review. Best effort: a claim left
    DECISION_RECEIVED may be decided again too (TAKEABLE)."""
    try:
        _release(claim_id, token)
    except (ClientError, BotoCoreError):
        logger.exception("Decision not released; it may be sent again", extra={"claim_id": claim_id})


def _release(claim_id: str, token: str) -> None:
    dynamodb.update_item(
        TableName=settings().claims_table,
        Key={"claim_id": {"S": claim_id}},
        UpdateExpression="SET #status = :awaiting",
        ConditionExpression="#status = :received AND task_token = :token",
        ExpressionAttributeNames={"#status": "status"},
        ExpressionAttributeValues={
            ":awaiting": {"S": "AWAITING_REVIEW"},
            ":received": {"S": "DECISION_RECEIVED"},
            ":token": {"S": token},
        },
    )


@app.post("/claims/<claim_id>/decision")
def decide(claim_id: str) -> Response:
    by = adjuster()
    if not CLAIM_ID.match(claim_id):
        raise NotFoundError(f"no claim {claim_id[:80]}")
    decision = read_decision(app.current_event.body)
    item = dynamodb.get_item(TableName=settings().claims_table, Key={"claim_id": {"S": claim_id}}, ConsistentRead=True)
    if "Item" not in item:
        raise NotFoundError(f"no claim {claim_id}")
    status = item["Item"].get("status", {}).get("S")
    token = item["Item"].get("task_token", {}).get("S")
    if status == "DECISION_SENT":
        return conflict(f"claim {claim_id} was decided already")
    if status not in TAKEABLE or not token:
        return conflict(f"claim {claim_id} is {status}, not awaiting review")
    refused = above_coverage(item["Item"], decision)
    if refused:
        raise BadRequestError(refused)
    if not take_decision(claim_id, token, by, decision["decision"]):
        return conflict(f"claim {claim_id} was decided already")
    try:
        if decision["decision"] == "APPROVED":
            output = {
                "decision": "APPROVED",
                "amount": float(decision["amount"]),
                "adjuster": by,
                "note": decision["note"],
            }
            sfn.send_task_success(taskToken=token, output=json.dumps(output))
        else:
            cause = json.dumps({"adjuster": by, "reason": decision["reason"]})
            sfn.send_task_failure(taskToken=token, error="ClaimRejected", cause=cause)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code in REVIEW_CLOSED:
            logger.warning("Decision after the review closed", extra={"claim_id": claim_id, "code": code})
            return conflict(f"the review of claim {claim_id} closed before this decision ({code}): it was escalated")
        release_decision(claim_id, token)
        raise
    except BotoCoreError:
        release_decision(claim_id, token)
        raise
    audit_decision(claim_id, by, decision["decision"])
    logger.info("Decision sent", extra={"claim_id": claim_id, "decision": decision["decision"], "adjuster": by})
    return Response(
        status_code=200,
        content_type="application/json",
        body=json.dumps({"claim_id": claim_id, "decision": decision["decision"], "decided_by": by}),
    )


@app.exception_handler([ClientError, BotoCoreError])
def aws_unavailable(error: Exception) -> Response:
    logger.exception("AWS call failed")
    return Response(
        status_code=503,
        content_type="application/json",
        body=json.dumps({"message": "the claims service is unavailable; try again"}),
    )


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return not_a_request(event, logger) or app.resolve(event, context)
