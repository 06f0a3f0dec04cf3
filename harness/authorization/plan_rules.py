"""What the plan already shows AWS would refuse, before anything is applied.

A service principal (CloudWatch, SNS, S3, EventBridge) cannot use an AWS managed key
(alias/aws/<service>): that key's policy admits the account's own principals only, and
nobody can change it. So an alarm action, a subscription, a bucket notification or a rule
target (without a role) sending to a topic or queue under such a key delivers nothing on
AWS, silently. The same check runs on applied accounts as a judged delivery
(deliveries.py); here it names the plan address before an apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def _changes(plan: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for change in plan.get("resource_changes", []):
        after = change["change"].get("after")
        if change.get("mode") == "managed" and after:
            yield change["address"], change["type"], after


def _deliveries(resource_type: str, after: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(service principal, target ARN) for each delivery a resource wires."""
    if resource_type == "aws_cloudwatch_metric_alarm":
        for key in ("alarm_actions", "ok_actions", "insufficient_data_actions"):
            yield from (("cloudwatch.amazonaws.com", arn) for arn in after.get(key) or [])
    elif resource_type == "aws_sns_topic_subscription" and after.get("protocol") in ("sqs", "lambda"):
        yield "sns.amazonaws.com", after.get("endpoint") or ""
    elif resource_type == "aws_s3_bucket_notification":
        for kind, key in (("queue", "queue_arn"), ("topic", "topic_arn")):
            yield from (("s3.amazonaws.com", route.get(key) or "") for route in after.get(kind) or [])
    elif resource_type == "aws_cloudwatch_event_target" and not after.get("role_arn"):
        yield "events.amazonaws.com", after.get("arn") or ""


def managed_key_deliveries(plan: dict[str, Any]) -> list[str]:
    """Each delivery by a service principal to a topic or queue under an AWS managed key."""
    keys = {}
    for _, resource_type, after in _changes(plan):
        if resource_type in ("aws_sns_topic", "aws_sqs_queue") and after.get("name"):
            service = "sns" if resource_type == "aws_sns_topic" else "sqs"
            keys[(service, after["name"])] = after.get("kms_master_key_id") or ""
    findings = []
    for address, resource_type, after in _changes(plan):
        for principal, target in _deliveries(resource_type, after):
            parts = target.split(":")
            key = keys.get((parts[2], parts[5])) if len(parts) >= 6 else None
            if key and key.startswith("alias/aws/"):
                findings.append(
                    f"{address}: {principal} delivers to {target}, encrypted with the AWS managed key {key}, "
                    "whose policy admits no service principal: nothing arrives. Give the target a customer "
                    "managed key whose policy admits that service for this source."
                )
    return findings
