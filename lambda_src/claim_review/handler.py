"""Review requests from the claims workflow's queue: keep the task token, tell the adjusters.

The workflow's "Request review" task sends {claim_id, task_token, reason, analysis, policy}
to the review queue and waits. For each message this stores the token on the claim
(status AWAITING_REVIEW, with an audit entry) and notifies the adjusters' topic with the
claim id, the reason, the model's summary and the limits: never the token, which stays
in the claims table for the decision API to find.

Records go through Powertools' batch processor: a failing record is reported in
batchItemFailures (redelivered, then dead-lettered) and the rest succeed. A redelivered
message notifies again only if the notification had not gone out; a request for a
claim already closed (escalated meanwhile) is logged and dropped.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import ClientError

from batch_records import screen
from function_settings import from_env, variable
from observability import logger, tracer

processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False, logger=logger)
dynamodb = boto3.client("dynamodb")
sns = boto3.client("sns")


class MalformedReviewRequest(ValueError):
    """The message is not a review request the workflow sends."""


class ClaimUnknown(LookupError):
    """The claim the request names is not in the claims table."""


@dataclass(frozen=True)
class Settings:
    claims_table: str = variable("CLAIMS_TABLE")
    adjusters_topic_arn: str = variable("ADJUSTERS_TOPIC_ARN")
    decision_url: str = variable("DECISION_URL", "")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


POLICY_LIMITS = ("coverage_limit", "auto_approval_limit", "deductible")


def read_request(body: str) -> dict:
    """The review request, validated whole before anything about the claim changes: every
    review path of the workflow passes the policy's limits (the decision is held to them)."""
    try:
        request = json.loads(body, parse_float=Decimal, parse_int=Decimal)
    except ValueError as error:
        raise MalformedReviewRequest(f"not JSON: {error}") from error
    except RecursionError:
        raise MalformedReviewRequest("nested too deeply") from None
    if not isinstance(request, dict):
        raise MalformedReviewRequest("not a JSON object")
    for field in ("claim_id", "task_token", "reason"):
        if not isinstance(request.get(field), str) or not request[field]:
            raise MalformedReviewRequest(f"{field} is missing or not a string")
    policy, analysis = request.get("policy"), request.get("analysis")
    if not isinstance(policy, dict):
        raise MalformedReviewRequest("policy is missing or not an object")
    for limit in POLICY_LIMITS:
        value = policy.get(limit)
        if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
            raise MalformedReviewRequest(f"policy.{limit} is missing or not a number >= 0")
    if analysis is not None and not isinstance(analysis, dict):
        raise MalformedReviewRequest("analysis is not an object")
    return request


def now() -> str:
    return datetime.now(UTC).isoformat()


def await_review(table: str, request: dict) -> dict | None:
    """Mark the claim AWAITING_REVIEW with its token; returns the item when the request was
    already taken (a redelivery), None when taken now."""
    at = now()
    try:
        dynamodb.update_item(
            TableName=table,
            Key={"claim_id": {"S": request["claim_id"]}},
            UpdateExpression=(
                "SET #status = :awaiting, task_token = :token, review_reason = :reason, review_requested_at = :at, "
                "coverage_limit = :coverage, audit = list_append(if_not_exists(audit, :none), :entry)"
            ),
            ConditionExpression="attribute_exists(claim_id) AND #status = :received",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={
                ":awaiting": {"S": "AWAITING_REVIEW"},
                ":received": {"S": "RECEIVED"},
                ":token": {"S": request["task_token"]},
                ":reason": {"S": request["reason"]},
                ":coverage": {"N": str(request["policy"]["coverage_limit"])},  # what a decision may approve
                ":at": {"S": at},
                ":none": {"L": []},
                ":entry": {"L": [{"M": {"at": {"S": at}, "event": {"S": "AWAITING_REVIEW"}, "by": {"S": "AUTO"}}}]},
            },
        )
        return None
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise
    item = dynamodb.get_item(TableName=table, Key={"claim_id": {"S": request["claim_id"]}}, ConsistentRead=True)
    if "Item" not in item:
        raise ClaimUnknown(f"claim {request['claim_id']} is not in {table}")
    return item["Item"]


def notification(request: dict, decision_url: str) -> str:
    analysis, policy = request.get("analysis") or {}, request.get("policy") or {}
    assessment = analysis.get("assessment") or {}
    lines = [
        f"Claim {request['claim_id']} needs a decision ({request['reason']}).",
        f"Summary: {analysis.get('summary') or 'no model analysis: look at the photo yourself.'}",
    ]
    if assessment:
        lines.append(
            f"Model estimate: {assessment.get('estimated_cost')} for {assessment.get('damage_type')}, "
            f"severity {assessment.get('severity_score')}/5, confidence {assessment.get('confidence_score')}."
        )
    if policy:
        lines.append(
            f"Policy {policy.get('policy_id')}: coverage {policy.get('coverage_limit')}, "
            f"auto-approval {policy.get('auto_approval_limit')}, deductible {policy.get('deductible')}."
        )
    target = f"{decision_url.rstrip('/')}/claims/{request['claim_id']}/decision" if decision_url else "the claims API"
    lines.append(f'Decide with POST {target}: {{"decision": "APPROVE", "amount": ...}} or "REJECT" with a reason.')
    return "\n".join(lines)


def record_handler(record: SQSRecord) -> str:
    config = settings()
    table, topic_arn, decision_url = config.claims_table, config.adjusters_topic_arn, config.decision_url
    try:
        request = read_request(record.body)
    except MalformedReviewRequest as error:
        logger.error("Malformed review request", extra={"message_id": record.message_id, "reason": str(error)})
        raise
    logger.append_keys(claim_id=request["claim_id"])
    taken = await_review(table, request)
    if taken is not None:
        status = taken.get("status", {}).get("S")
        same_request = status == "AWAITING_REVIEW" and taken.get("task_token", {}).get("S") == request["task_token"]
        if not same_request:
            logger.warning("Review request for a claim no longer waiting: dropped", extra={"status": status})
            return "closed"
        if "notified_at" in taken:
            logger.info("Review request delivered again: adjusters already notified")
            return "duplicate"
    sns.publish(
        TopicArn=topic_arn,
        Subject=f"Claim needs review: {request['reason']}"[:100],
        Message=notification(request, decision_url),
        MessageAttributes={"reason": {"DataType": "String", "StringValue": request["reason"]}},
    )
    dynamodb.update_item(
        TableName=table,
        Key={"claim_id": {"S": request["claim_id"]}},
        UpdateExpression="SET notified_at = :at",
        ExpressionAttributeValues={":at": {"S": now()}},
    )
    logger.info("Adjusters notified", extra={"reason": request["reason"]})
    return "notified"


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    settings()  # a misconfigured function fails the invocation, not each record
    batch, answer = screen(event.get("Records") if isinstance(event, dict) else event, "messageId", "SQS", logger)
    if batch is None:
        return answer
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
