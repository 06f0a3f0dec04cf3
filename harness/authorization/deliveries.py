"""Deliveries AWS services make for a deployed account, judged as IAM would judge them.

The emulators deliver whatever is wired; AWS delivers only what the target's resource policy
and, for an encrypted target, the key policy admit for that service principal with the
context it sets (aws:SourceArn, aws:SourceAccount). Read back from the emulator:
- S3 bucket notifications to queues, topics and functions (s3.amazonaws.com);
- SNS subscriptions of queues and functions (sns.amazonaws.com);
- CloudWatch alarm and OK actions on topics (cloudwatch.amazonaws.com).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import boto3

from harness.authorization import policies
from harness.authorization.enforcement import Judged, authorize

_SEND = {"sqs": "sqs:SendMessage", "sns": "sns:Publish", "lambda": "lambda:InvokeFunction"}


@dataclass(frozen=True)
class Delivery:
    """A service principal sending to a target for a source resource."""

    service: str
    source_arn: str
    target_arn: str

    @property
    def action(self) -> str:
        return _SEND[self.target_arn.split(":")[2]]

    def __str__(self) -> str:
        return f"{self.service} for {self.source_arn} -> {self.action} on {self.target_arn}"


def _bucket_deliveries() -> Iterator[Delivery]:
    s3 = boto3.client("s3")
    for bucket in s3.list_buckets().get("Buckets", []):
        config = s3.get_bucket_notification_configuration(Bucket=bucket["Name"])
        for kind, arn_key in (
            ("QueueConfigurations", "QueueArn"),
            ("TopicConfigurations", "TopicArn"),
            ("LambdaFunctionConfigurations", "LambdaFunctionArn"),
        ):
            for route in config.get(kind, []):
                yield Delivery("s3.amazonaws.com", f"arn:aws:s3:::{bucket['Name']}", route[arn_key])


def _subscription_deliveries() -> Iterator[Delivery]:
    for page in boto3.client("sns").get_paginator("list_subscriptions").paginate():
        for subscription in page["Subscriptions"]:
            if subscription["Protocol"] in ("sqs", "lambda"):
                yield Delivery("sns.amazonaws.com", subscription["TopicArn"], subscription["Endpoint"])


def _alarm_deliveries() -> Iterator[Delivery]:
    for page in boto3.client("cloudwatch").get_paginator("describe_alarms").paginate():
        for alarm in page["MetricAlarms"]:
            for target in sorted(set(alarm.get("AlarmActions", []) + alarm.get("OKActions", []))):
                if target.startswith("arn:aws:sns:"):
                    yield Delivery("cloudwatch.amazonaws.com", alarm["AlarmArn"], target)


def deliveries() -> list[Delivery]:
    """Every delivery the account's resources are wired for, in a stable order."""
    return sorted({*_bucket_deliveries(), *_subscription_deliveries(), *_alarm_deliveries()}, key=str)


def judge(delivery: Delivery) -> Judged:
    """The delivery judged against the target's policy (and key), recorded in the ledger."""
    principal = policies.service(delivery.service, delivery.source_arn)
    return authorize(principal, delivery.action, delivery.target_arn, what=str(delivery))
